using System.Diagnostics;
using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.TensorBoard;
using KerasSharp.TFLearn;
using KerasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Experiments;

/// <summary>What the command line asked for.</summary>
public sealed record Options(string Experiment, string? Dataset, int Epochs, int Limit, int Seed, string LogDir, TextWriter? Output = null);

/// <summary>The data a run trains on.</summary>
public sealed record Data(string Name, string Why, Tensor X, Tensor Y, Tensor XTest, Tensor YTest);

/// <summary>Trains every variant of the chosen experiments with the TFLearn facade, writing one TensorBoard run each.</summary>
public static class Runner
{
    /// <summary>Set by Ctrl-C: the current variant stops after its batch, and no further variant starts.</summary>
    public static volatile bool StopRequested;

    /// <summary>Chooses the dataset: CIFAR-10 when present or downloadable, else Fashion-MNIST when installed.</summary>
    public static Data Load(string? requested, int limit, TextWriter log)
    {
        string? cifarProblem = null;
        if (requested is null or "cifar10")
        {
            try
            {
                var ((x, y), (tx, ty)) = tflearn.datasets.cifar10.load_data(one_hot: true);
                return Trim(new Data("cifar10", requested is null ? "CIFAR-10 is present" : "asked for with --dataset", x, y, tx, ty), limit);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException)
            {
                if (requested == "cifar10") throw;
                cifarProblem = e.Message;
            }
        }
        if (requested is null or "fashion-mnist")
        {
            try
            {
                var (x, y, tx, ty) = tflearn.datasets.fashion_mnist.load_data(one_hot: true);
                string why = requested is null ? $"CIFAR-10 is not available ({Shorten(cifarProblem)}), and Fashion-MNIST is installed" : "asked for with --dataset";
                return Trim(new Data("fashion-mnist", why, x.view(-1, 28, 28, 1), y, tx.view(-1, 28, 28, 1), ty), limit);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException)
            {
                throw new InvalidOperationException(
                    "No dataset is available. Install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' (Debian), " +
                    $"or put CIFAR-10 (cifar-10-batches-py from https://www.cs.toronto.edu/~kriz/cifar.html) in '{KerasSharp.Datasets.DataCache.Root()}'. " +
                    $"CIFAR-10: {Shorten(cifarProblem)}; Fashion-MNIST: {Shorten(e.Message)}");
            }
        }
        throw new ArgumentException($"Unknown dataset '{requested}'. Known datasets: cifar10, fashion-mnist.");
    }

    static string Shorten(string? s) => s is null ? "" : s.Length > 160 ? s[..160] + "…" : s;

    static Data Trim(Data d, int limit)
    {
        if (limit <= 0) return d;
        long n = Math.Min(limit, d.X.shape[0]), t = Math.Min(limit, d.XTest.shape[0]);
        return d with { X = d.X[..(int)n], Y = d.Y[..(int)n], XTest = d.XTest[..(int)t], YTest = d.YTest[..(int)t] };
    }

    /// <summary>Writes per-epoch training and validation metrics into the run, for the report and for TensorBoard.</summary>
    sealed class EpochScalars(DNN dnn, Progress progress) : Callback
    {
        SummaryWriter? w;
        readonly Stopwatch clock = new();
        public override void on_train_begin(Logs? logs = null) { w = new SummaryWriter(dnn.LastSummaries!.RunDirectory!); clock.Restart(); }
        public override void on_epoch_end(int epoch, Logs logs)
        {
            w!.add_scalar("epoch_accuracy", logs.TryGetValue("acc", out var a) ? a : double.NaN, epoch + 1);
            w.add_scalar("epoch_loss", logs["loss"], epoch + 1);
            if (logs.TryGetValue("val_acc", out var va)) w.add_scalar("epoch_val_accuracy", va, epoch + 1);
            if (logs.TryGetValue("val_loss", out var vl)) w.add_scalar("epoch_val_loss", vl, epoch + 1);
            w.Flush();
            progress.EpochDone(epoch + 1, logs);
        }
        public override void on_train_batch_end(int batch, Logs logs)
        {
            progress.Batch(batch);
            if (StopRequested) model.stop_training = true;
        }
        public override void on_train_end(Logs? logs = null) => Close();
        public override void on_train_error(Exception error) => Close();
        void Close()
        {
            if (w is null) return;
            w.add_scalar("time_seconds", clock.Elapsed.TotalSeconds, 0);
            w.add_scalar("params", dnn.KerasModel.count_params(), 0);
            w.Dispose();
            w = null;
        }
    }

    /// <summary>Progress lines: experiment, variant, epoch, and the time left for the variant and for everything.</summary>
    sealed class Progress(TextWriter output, int totalImages, bool dynamic)
    {
        readonly Stopwatch all = Stopwatch.StartNew();
        public string Label = "";
        public int Epochs, Steps;
        int doneImagesBefore, epoch, perEpochImages;
        double lastDraw;

        public void Start(string label, int epochs, int steps, int images, int doneBefore)
        {
            Label = label; Epochs = epochs; Steps = steps; perEpochImages = images; doneImagesBefore = doneBefore; epoch = 0;
        }

        static string Eta(double s) => s < 0 || double.IsNaN(s) || double.IsInfinity(s) ? "?" : s >= 3600 ? $"{(int)(s / 3600)}:{(int)(s % 3600 / 60):00}:{(int)(s % 60):00}" : $"{(int)(s / 60)}:{(int)(s % 60):00}";

        (double variant, double total) Remaining(double doneInVariant)
        {
            double done = doneImagesBefore + doneInVariant;
            double rate = done / Math.Max(all.Elapsed.TotalSeconds, 1e-3);
            return ((Epochs * perEpochImages - doneInVariant) / rate, (totalImages - done) / rate);
        }

        public void Batch(int batch)
        {
            if (!dynamic) return;
            double now = all.Elapsed.TotalSeconds;
            if (now - lastDraw < 0.25) return;
            lastDraw = now;
            double doneInVariant = epoch * perEpochImages + (double)(batch + 1) / Steps * perEpochImages;
            var (v, t) = Remaining(doneInVariant);
            output.Write($"\r{Label}  epoch {epoch + 1}/{Epochs}  batch {batch + 1}/{Steps}  ETA {Eta(v)} (all: {Eta(t)})   ");
        }

        public void EpochDone(int e, Logs logs)
        {
            epoch = e;
            var (v, t) = Remaining(e * perEpochImages);
            string acc = logs.TryGetValue("acc", out var a) ? $"acc {a:0.0000}" : "";
            string val = logs.TryGetValue("val_acc", out var va) ? $"  val_acc {va:0.0000}" : "";
            output.Write(dynamic ? "\r" : "");
            output.WriteLine($"{Label}  epoch {e}/{Epochs}  loss {logs["loss"]:0.0000}  {acc}{val}  ETA {Eta(v)} (all: {Eta(t)})");
        }
    }

    /// <summary>Runs the chosen experiments; returns the experiments that finished every variant.</summary>
    public static IReadOnlyList<string> Run(Options o)
    {
        var output = o.Output ?? Console.Out;
        var chosen = o.Experiment == "all" ? Definitions.All : Definitions.All.Where(e => e.Name == o.Experiment).ToList();
        if (chosen.Count == 0)
            throw new ArgumentException($"Unknown experiment '{o.Experiment}'. Known experiments: all, {string.Join(", ", Definitions.All.Select(e => e.Name))}.");
        var data = Load(o.Dataset, o.Limit, output);
        output.WriteLine($"Dataset: {data.Name} ({data.Why}); {data.X.shape[0]} training and {data.XTest.shape[0]} validation images.");
        int side = (int)data.X.shape[1], channels = (int)data.X.shape[3];
        int n = (int)data.X.shape[0];
        int variants = chosen.Sum(e => e.Variants.Count);
        var progress = new Progress(output, variants * o.Epochs * n, o.Output is null && !Console.IsOutputRedirected);
        Directory.CreateDirectory(o.LogDir);
        int index = 0, doneImages = 0;
        var finished = new List<string>();
        foreach (var exp in chosen)
        {
            bool complete = true;
            foreach (var v in exp.Variants)
            {
                if (StopRequested) { complete = false; break; }
                index++;
                keras.backend.clear_session();
                keras.utils.set_random_seed(o.Seed);
                var prep = new ImagePreprocessing();
                prep.add_featurewise_zero_center();
                prep.add_featurewise_stdnorm();
                // Disposed at the end of each run: a sweep would otherwise hold every run's weights and Adam state until a GC.
                using var dnn = tflearn.DNN(Definitions.Network(v, side, channels, prep), tensorboard_verbose: 2, tensorboard_dir: Path.Combine(o.LogDir, exp.Name));
                dnn.show_progress = false;
                dnn.hparams_root = o.LogDir;
                foreach (var (k, val) in new (string, object?)[] { ("experiment", exp.Name), ("variant", v.Name), ("settings", v.Settings), ("dataset", data.Name),
                             ("seed", o.Seed), ("limit", n), ("dropout_keep_prob", v.Dropout ? 0.5 : 1.0), ("l2_weight_decay", v.L2 ? 0.001 : 0.0), ("sets", v.Sets),
                             ("started", SummaryWriter.Now()) })
                    dnn.hparams[k] = val;
                int steps = (n + v.BatchSize - 1) / v.BatchSize;
                progress.Start($"[{index}/{variants}] {exp.Name}/{v.Name}", o.Epochs, steps, n, doneImages);
                output.WriteLine($"[{index}/{variants}] {exp.Name}/{v.Name}: {v.Settings} (batch {v.BatchSize}, Adam learning rate {v.LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
                dnn.fit(data.X, data.Y, n_epoch: o.Epochs, validation_set: (data.XTest, data.YTest), show_metric: true, batch_size: v.BatchSize,
                    shuffle: true, run_id: v.Name, callbacks: new Callback[] { new EpochScalars(dnn, progress) });
                output.WriteLine($"    run: {dnn.LastSummaries!.RunDirectory}");
                doneImages += o.Epochs * n;
                if (StopRequested) { complete = false; output.WriteLine("    stopped by Ctrl-C; this run keeps what it logged."); break; }
            }
            if (complete) finished.Add(exp.Name);
        }
        return finished;
    }
}
