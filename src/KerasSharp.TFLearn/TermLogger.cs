using System.Diagnostics;
using System.Globalization;
using KerasSharp.Callbacks;
using KerasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>One training step's values, as TFLearn's console and summaries use them.</summary>
/// <param name="Step">The training step (1-based, over all epochs).</param>
/// <param name="RawLoss">Each train op's loss on this step's batch.</param>
/// <param name="SmoothedLoss">Each train op's moving average of the loss after this step (what the console shows).</param>
/// <param name="RawMetric">Each train op's metric on this batch (NaN where the op shows no metric).</param>
/// <param name="SmoothedMetric">Each train op's moving average of the metric.</param>
public readonly record struct TermStep(long Step, IReadOnlyList<double> RawLoss, IReadOnlyList<double> SmoothedLoss,
    IReadOnlyList<double> RawMetric, IReadOnlyList<double> SmoothedMetric);

/// <summary>
/// TFLearn's console output (callbacks.py TermLogger): the run header, then the two-line block per
/// train op with the moving-average loss (TensorFlow's ExponentialMovingAverage(0.9,
/// num_updates = steps done before this one), starting at 0), %.5f and %03d formats and
/// "-- iter: n/N"; at snapshots the block with validation values, then "--".
/// Unlike TFLearn, which redraws every step, the display refreshes at a fixed rate: 10 times a
/// second on a terminal (redrawn in place, loss in bold green), once a second when the output is
/// redirected (plain lines, no ANSI codes), and always at snapshots and at the end of training.
/// Between refreshes nothing is read from an accelerator: each step keeps its running loss as a device
/// tensor (<see cref="Logs.GetTensor"/>), and a refresh reads all the kept steps at once and
/// computes each step's loss and the moving average on the host. On the CPU, where a read waits for
/// nothing, each step's running values are read on the host as the step ends (cheaper than keeping
/// a tensor per step).
/// </summary>
public sealed class TermLogger : Callback
{
    /// <summary>Reads its logs only inside its hooks.</summary>
    public override bool KeepsBatchLogs => false;

    readonly string runId, logDir;
    readonly List<string> names, prefixes;
    readonly string?[] metricLabels;
    readonly bool showMetric, epochSnapshots, dynamic;
    readonly TextWriter output;
    readonly long validationSamples;
    readonly double refreshSeconds;

    // Host values up to the last computed step.
    double[] ema = Array.Empty<double>(), emaMetric = Array.Empty<double>(), rawLoss = Array.Empty<double>(), rawMetric = Array.Empty<double>();
    double[] sumLoss = Array.Empty<double>(), sumMetric = Array.Empty<double>();
    double sumCount;

    // Steps recorded since the last refresh: each train op's running loss (and metric) as the trainer held it.
    sealed class Pending
    {
        public long Step;
        public bool EpochStart;
        public double Count;
        public Tensor?[] Tensors = Array.Empty<Tensor?>();
        public double[]? Values;
    }
    readonly List<Pending> pending = new();

    long step, samples, iter, drawnStep;
    int epoch;
    bool epochStart, snapped;
    double epochTime, lastDraw = double.NegativeInfinity;
    readonly Stopwatch clock = new(), total = new();
    int drawnLines;

    /// <summary>The training step (all epochs).</summary>
    public long Step => step;
    /// <summary>Each train op's smoothed loss after the last step (reads the steps not yet read).</summary>
    public IReadOnlyList<double> SmoothedLoss { get { Flush(); return ema; } }
    /// <summary>Each train op's loss on the last batch (reads the steps not yet read).</summary>
    public IReadOnlyList<double> RawLoss { get { Flush(); return rawLoss; } }
    /// <summary>Each train op's smoothed metric (show_metric).</summary>
    public IReadOnlyList<double> SmoothedAccuracy { get { Flush(); return emaMetric; } }
    /// <summary>Each train op's metric on the last batch (show_metric).</summary>
    public IReadOnlyList<double> RawAccuracy { get { Flush(); return rawMetric; } }

    /// <summary>
    /// Raised for every training step, in order, when its values are computed (at each refresh of
    /// the display, at snapshots, at the end of training, or when a value above is read), so that
    /// TensorBoard summaries can write every step without reading the engine every step.
    /// </summary>
    public event Action<TermStep>? StepComputed;

    /// <summary>
    /// Number of refreshes that computed the recorded steps (for tests and benchmarks). On an
    /// accelerator each is the one read from the engine for those steps; on the CPU the values were
    /// read on the host as each step ended (nothing to wait for there, and no tensor kept).
    /// </summary>
    public int Reads { get; private set; }

    /// <summary>Creates the logger.</summary>
    /// <param name="runId">The run id shown in the header.</param>
    /// <param name="logDir">The log directory shown in the header.</param>
    /// <param name="names">Each train op's name (the optimizer's class name).</param>
    /// <param name="prefixes">Each train op's log-key prefix.</param>
    /// <param name="metricLabels">Each train op's metric name ("acc", "binary_acc", "top3", "R2"), or null for none.</param>
    /// <param name="showMetric">TFLearn's show_metric.</param>
    /// <param name="epochSnapshots">Whether each epoch ends with a snapshot block (snapshot_epoch, or a best checkpoint path).</param>
    /// <param name="validationSamples">The validation set's size, for the header.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="dynamic">True on a terminal: redraw in place with ANSI codes.</param>
    public TermLogger(string runId, string logDir, List<string> names, List<string> prefixes, IReadOnlyList<string?> metricLabels, bool showMetric,
        bool epochSnapshots, long validationSamples, TextWriter output, bool dynamic)
    {
        this.runId = runId; this.logDir = logDir; this.names = names; this.prefixes = prefixes; this.metricLabels = metricLabels.ToArray();
        this.showMetric = showMetric; this.epochSnapshots = epochSnapshots; this.validationSamples = validationSamples;
        this.output = output; this.dynamic = dynamic;
        refreshSeconds = dynamic ? 0.1 : 1.0;
    }

    bool Shows(int op) => showMetric && metricLabels[op] is not null;

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        int n = names.Count;
        ema = new double[n]; emaMetric = new double[n]; rawLoss = new double[n]; rawMetric = new double[n];
        sumLoss = new double[n]; sumMetric = new double[n];
        keys = Enumerable.Range(0, n).Select(i => prefixes[i] + "loss")
            .Concat(Enumerable.Range(0, n).Where(Shows).Select(i => prefixes[i] + metricLabels[i])).ToArray();
        step = 0; drawnStep = 0; snapped = false; drawnLines = 0; lastDraw = double.NegativeInfinity;
        samples = @params.TryGetValue("samples", out var s) && s is long l ? l : 0;
        output.WriteLine("---------------------------------");
        output.WriteLine($"Run id: {runId}");
        output.WriteLine($"Log directory: {logDir}");
        output.WriteLine("---------------------------------");
        output.WriteLine($"Training samples: {samples}");
        output.WriteLine($"Validation samples: {validationSamples}");
        output.WriteLine("--");
        output.Flush();
        total.Restart();
    }

    /// <inheritdoc />
    public override void on_epoch_begin(int e, Logs? logs = null)
    {
        epoch = e + 1; epochTime = 0; iter = 0; epochStart = true;
    }

    /// <inheritdoc />
    public override void on_train_batch_begin(int batch, Logs? logs = null) => clock.Restart();

    /// <summary>TF's ExponentialMovingAverage decay with num_updates = n: min(0.9, (1 + n) / (10 + n)).</summary>
    static double Decay(long n) => Math.Min(0.9, (1.0 + n) / (10.0 + n));

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        epochTime += clock.Elapsed.TotalSeconds;
        step++;
        double count = logs.GetCount(keys[0]);
        iter = (long)count;
        var p = new Pending { Step = step, EpochStart = epochStart, Count = count };
        epochStart = false;
        // On the CPU a value is read without waiting for anything: read now, on the host (no tensor kept).
        var now = new double[keys.Length];
        int read = 0;
        while (read < keys.Length && logs.TryReadOnCpu(keys[read], out now[read])) read++;
        if (read == keys.Length) { p.Values = now; Record(p); return; }
        var tensors = new Tensor?[keys.Length];
        for (int k = 0; k < keys.Length; k++)
        {
            // The running value as a device tensor: no read from the engine now.
            var t = logs.GetTensor(keys[k]);
            if (t is null)
            {
                // Another callback already read the logs: take the values it read.
                for (int j = 0; j < k; j++) tensors[j]!.Dispose();
                tensors = Array.Empty<Tensor?>();
                p.Values = keys.Select(key => logs[key]).ToArray();
                break;
            }
            tensors[k] = t.DetachFromDisposeScope();
        }
        p.Tensors = tensors;
        Record(p);
    }

    void Record(Pending p)
    {
        pending.Add(p);
        double now = total.Elapsed.TotalSeconds;
        if (now - lastDraw >= refreshSeconds)
        {
            Flush();
            Draw(Block(iter, null), inPlace: dynamic);
            lastDraw = now;
        }
    }

    // The log keys read per step: each op's loss, then (show_metric) its metric.
    string[] keys = Array.Empty<string>();

    /// <summary>Reads the recorded steps (one read from the engine) and computes each step's values and the moving averages.</summary>
    public void Flush()
    {
        if (pending.Count == 0) return;
        var all = pending.SelectMany(p => p.Tensors).Where(t => t is not null).Select(t => t!).ToArray();
        var read = new float[all.Length];
        if (all.Length > 0)
        {
            if (all[0].device_type == DeviceType.CPU)
            {
                // On the CPU the values are ready: one native call each, nothing to wait for.
                for (int i = 0; i < all.Length; i++) { using var sc = all[i].ToScalar(); read[i] = sc.ToSingle(); }
            }
            else
            {
                // On an accelerator: one copy to the host for all the kept steps (the only wait).
                using var scope = torch.NewDisposeScope();
                using (torch.no_grad())
                    read = torch.stack(all.Select(t => t.reshape(Array.Empty<long>()).to(float32)).ToArray()).cpu().data<float>().ToArray();
            }
        }
        Reads++;
        foreach (var t in all) t.Dispose();
        int at = 0, n = names.Count;
        var metricOps = Enumerable.Range(0, n).Where(Shows).ToArray();
        foreach (var p in pending)
        {
            double[] values;
            if (p.Values is not null) values = p.Values;
            else { values = new double[n + metricOps.Length]; for (int k = 0; k < values.Length; k++) values[k] = read[at++]; }
            if (p.EpochStart) { Array.Clear(sumLoss); Array.Clear(sumMetric); sumCount = 0; }
            double len = p.Count - sumCount;
            // TFLearn's EMA runs before the step's update: num_updates is the number of steps done before this one.
            double d = Decay(p.Step - 1);
            for (int i = 0; i < n; i++)
            {
                double sum = values[i] * p.Count;
                double raw = len > 0 ? (sum - sumLoss[i]) / len : values[i];
                sumLoss[i] = sum;
                rawLoss[i] = raw;
                ema[i] = d * ema[i] + (1 - d) * raw;
            }
            for (int j = 0; j < metricOps.Length; j++)
            {
                int i = metricOps[j];
                double sum = values[n + j] * p.Count;
                double raw = len > 0 ? (sum - sumMetric[i]) / len : values[n + j];
                sumMetric[i] = sum;
                rawMetric[i] = raw;
                emaMetric[i] = d * emaMetric[i] + (1 - d) * raw;
            }
            sumCount = p.Count;
            if (StepComputed is { } handler)
                handler(new TermStep(p.Step, (double[])rawLoss.Clone(), (double[])ema.Clone(),
                    Enumerable.Range(0, n).Select(i => Shows(i) ? rawMetric[i] : double.NaN).ToArray(),
                    Enumerable.Range(0, n).Select(i => Shows(i) ? emaMetric[i] : double.NaN).ToArray()));
        }
        pending.Clear();
    }

    /// <inheritdoc />
    public override void on_epoch_end(int e, Logs logs)
    {
        if (!epochSnapshots) return;
        Flush();
        Draw(Block(iter, logs), inPlace: dynamic);
        output.WriteLine("--");
        output.Flush();
        drawnLines = 0;
        snapped = true;
        lastDraw = total.Elapsed.TotalSeconds;
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null)
    {
        // The last steps since the last refresh: the final block shows the end of training.
        if (drawnStep != step)
        {
            Flush();
            Draw(Block(iter, null), inPlace: dynamic);
            snapped = false;
        }
        // TFLearn on a terminal moves below the block and closes it with "--" unless a snapshot did.
        if (dynamic && !snapped) output.WriteLine("--");
        drawnLines = 0;
        output.Flush();
    }

    /// <inheritdoc />
    public override void on_train_error(Exception error)
    {
        foreach (var p in pending) foreach (var t in p.Tensors) t?.Dispose();
        pending.Clear();
    }

    /// <summary>A snapshot inside an epoch (snapshot_step): the block with the validation values (keys "val_loss", ...), then "--".</summary>
    public void Snapshot(IReadOnlyDictionary<string, double> validation, long iter)
    {
        Flush();
        Draw(Block(iter, validation), inPlace: dynamic);
        output.WriteLine("--");
        output.Flush();
        drawnLines = 0;
        snapped = true;
        lastDraw = total.Elapsed.TotalSeconds;
    }

    /// <summary>The block for the last computed step, as TFLearn's termlogs builds it.</summary>
    public string Block(long iter, IReadOnlyDictionary<string, double>? validation)
    {
        var inv = CultureInfo.InvariantCulture;
        string loss = ema.Sum().ToString("0.00000", inv);
        if (dynamic) loss = "\x1b[1m\x1b[32m" + loss + "\x1b[0m\x1b[0m";
        var lines = new List<string> { $"Training Step: {step}  | total loss: {loss} | time: {epochTime.ToString("0.000", inv)}s" };
        string digits = samples.ToString(inv);
        for (int i = 0; i < names.Count; i++)
        {
            var line = $"| {names[i]} | epoch: {epoch:000} | loss: {ema[i].ToString("0.00000", inv)}";
            if (Shows(i)) line += $" - {metricLabels[i]}: {emaMetric[i].ToString("0.0000", inv)}";
            if (validation is not null && validation.TryGetValue("val_" + prefixes[i] + "loss", out var vl))
            {
                line += $" | val_loss: {vl.ToString("0.00000", inv)}";
                if (Shows(i) && validation.TryGetValue("val_" + prefixes[i] + metricLabels[i], out var va))
                    line += $" - val_{metricLabels[i]}: {va.ToString("0.0000", inv)}";
            }
            line += $" -- iter: {iter.ToString(inv).PadLeft(digits.Length, '0')}/{samples}";
            lines.Add(line);
        }
        return string.Join("\n", lines);
    }

    void Draw(string block, bool inPlace)
    {
        drawnStep = step;
        var lines = block.Split('\n');
        if (inPlace)
        {
            if (drawnLines > 0) output.Write(string.Concat(Enumerable.Repeat("\x1b[A", drawnLines)));
            foreach (var l in lines) output.Write("\x1b[2K\r" + l + "\n");
            drawnLines = lines.Length;
        }
        else foreach (var l in lines) output.WriteLine(l);
        output.Flush();
    }
}
