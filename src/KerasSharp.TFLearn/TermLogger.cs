using System.Diagnostics;
using System.Globalization;
using KerasSharp.Callbacks;
using KerasSharp.Training;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's console output (callbacks.py TermLogger): the run header, then per step the
/// two-line block with the smoothed (EMA) loss, %.5f and %03d formats and "-- iter: n/N".
/// On a terminal the block is redrawn in place; redirected, it is written as plain lines at
/// most once a second (and at the last step and at snapshots), without ANSI codes.
/// </summary>
public sealed class TermLogger : Callback
{
    readonly string runId, logDir;
    readonly List<string> names, prefixes;
    readonly bool showMetric, snapshotEpoch, dynamic;
    readonly TextWriter output;
    double[] ema = Array.Empty<double>(), emaAcc = Array.Empty<double>(), rawLoss = Array.Empty<double>(), rawAcc = Array.Empty<double>();
    /// <summary>The training step (all epochs).</summary>
    public long Step => step;
    /// <summary>Each train op's smoothed loss after the last step.</summary>
    public IReadOnlyList<double> SmoothedLoss => ema;
    /// <summary>Each train op's loss on the last batch.</summary>
    public IReadOnlyList<double> RawLoss => rawLoss;
    /// <summary>Each train op's smoothed accuracy (show_metric).</summary>
    public IReadOnlyList<double> SmoothedAccuracy => emaAcc;
    /// <summary>Each train op's accuracy on the last batch (show_metric).</summary>
    public IReadOnlyList<double> RawAccuracy => rawAcc;
    double[] prevLossSum = Array.Empty<double>(), prevAccSum = Array.Empty<double>();
    long step, samples, epochSteps;
    int epoch;
    double prevCount, epochTime, lastPrint = -10;
    readonly Stopwatch clock = new(), total = new();
    int drawnLines;

    /// <summary>Creates the logger.</summary>
    public TermLogger(string runId, string logDir, List<string> names, List<string> prefixes, bool showMetric, bool snapshotEpoch, TextWriter output, bool dynamic)
    {
        this.runId = runId; this.logDir = logDir; this.names = names; this.prefixes = prefixes;
        this.showMetric = showMetric; this.snapshotEpoch = snapshotEpoch; this.output = output; this.dynamic = dynamic;
    }

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        int n = names.Count;
        ema = new double[n]; emaAcc = new double[n]; prevLossSum = new double[n]; prevAccSum = new double[n]; rawLoss = new double[n]; rawAcc = new double[n];
        step = 0;
        samples = @params.TryGetValue("samples", out var s) && s is long l ? l : 0;
        output.WriteLine("---------------------------------");
        output.WriteLine($"Run id: {runId}");
        output.WriteLine($"Log directory: {logDir}");
        output.WriteLine("---------------------------------");
        output.WriteLine($"Training samples: {samples}");
        output.WriteLine($"Validation samples: {ValidationSamples()}");
        output.WriteLine("--");
        total.Restart();
    }

    long ValidationSamples() => @params.TryGetValue("validation_samples", out var v) && v is long l ? l : 0;

    /// <inheritdoc />
    public override void on_epoch_begin(int e, Logs? logs = null)
    {
        epoch = e + 1; epochTime = 0; prevCount = 0; epochSteps = 0;
        Array.Clear(prevLossSum); Array.Clear(prevAccSum);
    }

    /// <inheritdoc />
    public override void on_train_batch_begin(int batch, Logs? logs = null) => clock.Restart();

    /// <summary>TF's ExponentialMovingAverage(0.9, num_updates=step) starting from 0.</summary>
    static double Decay(long n) => Math.Min(0.9, (1.0 + n) / (10.0 + n));

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        epochTime += clock.Elapsed.TotalSeconds;
        step++; epochSteps++;
        double count = logs.GetCount(prefixes[0] + "loss");
        double len = count - prevCount;
        for (int i = 0; i < names.Count; i++)
        {
            double sum = logs[prefixes[i] + "loss"] * count;
            double raw = (sum - prevLossSum[i]) / len;
            rawLoss[i] = raw;
            prevLossSum[i] = sum;
            double d = Decay(step);
            ema[i] = d * ema[i] + (1 - d) * raw;
            string accKey = prefixes[i] + AccLabel(i);
            if (showMetric && logs.ContainsKey(accKey))
            {
                double asum = logs[accKey] * count;
                double araw = (asum - prevAccSum[i]) / len;
                rawAcc[i] = araw;
                prevAccSum[i] = asum;
                emaAcc[i] = d * emaAcc[i] + (1 - d) * araw;
            }
        }
        prevCount = count;
        bool last = (long)count >= samples;
        double now = total.Elapsed.TotalSeconds;
        if (dynamic) Draw(Block((long)count, null), inPlace: true);
        else if (now - lastPrint >= 1.0 || (last && epoch == (int)(@params.TryGetValue("epochs", out var ep) && ep is int ei ? ei : 0)))
        {
            lastPrint = now;
            Draw(Block((long)count, null), inPlace: false);
        }
    }

    /// <inheritdoc />
    public override void on_epoch_end(int e, Logs logs)
    {
        if (!snapshotEpoch) return;
        Draw(Block(samples, logs), inPlace: dynamic);
        output.WriteLine("--");
        drawnLines = 0;
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null)
    {
        drawnLines = 0;
        output.Flush();
    }

    /// <summary>A snapshot inside an epoch (snapshot_step): the block with validation values, then "--".</summary>
    public void Snapshot(IReadOnlyDictionary<string, double> validation, long iter)
    {
        var logs = new Logs();
        foreach (var kv in validation) logs.Set("val_" + kv.Key, kv.Value);
        Draw(Block(iter, logs), inPlace: dynamic);
        output.WriteLine("--");
        drawnLines = 0;
    }

    /// <summary>The block for the current step, as TFLearn's termlogs builds it.</summary>
    public string Block(long iter, Logs? validation)
    {
        var inv = CultureInfo.InvariantCulture;
        double totalLoss = ema.Sum();
        string loss = totalLoss.ToString("0.00000", inv);
        if (dynamic) loss = "\x1b[1m\x1b[32m" + loss + "\x1b[0m\x1b[0m";
        var lines = new List<string> { $"Training Step: {step}  | total loss: {loss} | time: {epochTime.ToString("0.000", inv)}s" };
        string digits = samples.ToString(inv);
        for (int i = 0; i < names.Count; i++)
        {
            var line = $"| {names[i]} | epoch: {epoch:000} | loss: {ema[i].ToString("0.00000", inv)}";
            if (showMetric) line += $" - {AccLabel(i)}: {emaAcc[i].ToString("0.0000", inv)}";
            if (validation is not null && validation.TryGetValue("val_" + prefixes[i] + "loss", out var vl))
            {
                line += $" | val_loss: {vl.ToString("0.00000", inv)}";
                if (showMetric && (validation.TryGetValue("val_" + prefixes[i] + "acc", out var va) || validation.TryGetValue("val_" + prefixes[i] + "binary_acc", out va)))
                    line += $" - val_acc: {va.ToString("0.0000", inv)}";
            }
            line += $" -- iter: {iter.ToString(inv).PadLeft(digits.Length, '0')}/{samples}";
            lines.Add(line);
        }
        return string.Join("\n", lines);
    }

    string AccLabel(int i) => binaryOps.Contains(i) ? "binary_acc" : "acc";
    readonly HashSet<int> binaryOps = new();

    /// <summary>Marks which train ops report binary accuracy (one output unit).</summary>
    internal void SetBinary(int op) => binaryOps.Add(op);

    void Draw(string block, bool inPlace)
    {
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
