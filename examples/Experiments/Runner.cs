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
/// <param name="Experiment">"all" or one experiment's name.</param>
/// <param name="Dataset">"cifar10", "fashion-mnist", or null to choose.</param>
/// <param name="Epochs">Epochs per run.</param>
/// <param name="Limit">Use only the first N training and the first N test images (0: all).</param>
/// <param name="Seed">The first seed.</param>
/// <param name="Seeds">How many seeds each variant runs with (Seed, Seed + 1, ...).</param>
/// <param name="ValidationSplit">The fraction of the training images held out for validation (the last ones).</param>
/// <param name="LogDir">Where the runs and the report go.</param>
/// <param name="Output">Where progress goes (default: the console).</param>
public sealed record Options(string Experiment, string? Dataset, int Epochs, int Limit, int Seed, int Seeds, double ValidationSplit, string LogDir, TextWriter? Output = null);

/// <summary>The data a run trains on: training and validation images (split from the training set), and the test set.</summary>
public sealed record Data(string Name, string Why, Tensor X, Tensor Y, Tensor XVal, Tensor YVal, Tensor XTest, Tensor YTest);

/// <summary>Trains every variant of the chosen experiments with the TFLearn facade, once per seed, writing one TensorBoard run each.</summary>
public static class Runner
{
    /// <summary>Set by Ctrl-C: the current run stops after its batch, and no further run starts.</summary>
    public static volatile bool StopRequested;

    /// <summary>
    /// Chooses the dataset (CIFAR-10 when present or downloadable, else Fashion-MNIST when
    /// installed), keeps the first <paramref name="limit"/> training and test images, and holds out
    /// the last <paramref name="validationSplit"/> of the training images for validation.
    /// </summary>
    public static Data Load(string? requested, int limit, double validationSplit)
    {
        if (!(validationSplit > 0 && validationSplit < 1)) throw new ArgumentException($"The validation split must be a fraction in (0, 1), received {validationSplit}.");
        string? cifarProblem = null;
        if (requested is null or "cifar10")
        {
            try
            {
                var ((x, y), (tx, ty)) = tflearn.datasets.cifar10.load_data(one_hot: true);
                return Split(requested is null ? "CIFAR-10 is present" : "asked for with --dataset", "cifar10", x, y, tx, ty, limit, validationSplit);
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
                return Split(why, "fashion-mnist", x.view(-1, 28, 28, 1), y, tx.view(-1, 28, 28, 1), ty, limit, validationSplit);
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

    static Data Split(string why, string name, Tensor x, Tensor y, Tensor tx, Tensor ty, int limit, double validationSplit)
    {
        long n = limit > 0 ? Math.Min(limit, x.shape[0]) : x.shape[0];
        long t = limit > 0 ? Math.Min(limit, tx.shape[0]) : tx.shape[0];
        long train = (long)Math.Round(n * (1 - validationSplit));
        if (train <= 0 || train >= n) throw new ArgumentException($"A validation split of {validationSplit} leaves no training or no validation images out of {n}.");
        return new Data(name, why, x[..(int)train], y[..(int)train], x[(int)train..(int)n], y[(int)train..(int)n], tx[..(int)t], ty[..(int)t]);
    }

    /// <summary>
    /// Writes the run's per-epoch training and validation metrics (step = epoch, so that variants
    /// with other batch sizes line up), the time so far and the weights' histograms (tags as Keras's
    /// TensorBoard callback writes them), through the run's only writer.
    /// </summary>
    sealed class EpochScalars(DNN dnn, Progress progress) : Callback
    {
        readonly Stopwatch clock = new();
        public override void on_train_begin(Logs? logs = null) => clock.Restart();
        public override void on_epoch_end(int epoch, Logs logs)
        {
            var w = dnn.LastSummaries!.Writer!;
            w.add_scalar("epoch_accuracy", logs.TryGetValue("acc", out var a) ? a : double.NaN, epoch + 1);
            w.add_scalar("epoch_loss", logs["loss"], epoch + 1);
            if (logs.TryGetValue("val_acc", out var va)) w.add_scalar("epoch_val_accuracy", va, epoch + 1);
            if (logs.TryGetValue("val_loss", out var vl)) w.add_scalar("epoch_val_loss", vl, epoch + 1);
            w.add_scalar("time_seconds", clock.Elapsed.TotalSeconds, epoch + 1);
            foreach (var weight in model.variables)
                using (torch.NewDisposeScope()) w.add_histogram($"{weight.path}/histogram", weight.ToKeras(), epoch + 1);
            w.Flush();
            progress.EpochDone(epoch + 1, logs);
        }
        public override void on_train_batch_end(int batch, Logs logs)
        {
            progress.Batch(batch);
            if (StopRequested) model.stop_training = true;
        }
    }

    /// <summary>Progress lines: experiment, variant, seed, epoch, and the time left for the run and for everything.</summary>
    sealed class Progress(TextWriter output, long totalImages, bool dynamic)
    {
        readonly Stopwatch all = Stopwatch.StartNew();
        public string Label = "";
        public int Epochs, Steps;
        long doneImagesBefore, perEpochImages;
        int epoch;
        double lastDraw;

        public void Start(string label, int epochs, int steps, long images, long doneBefore)
        {
            Label = label; Epochs = epochs; Steps = steps; perEpochImages = images; doneImagesBefore = doneBefore; epoch = 0;
        }

        static string Eta(double s) => s < 0 || double.IsNaN(s) || double.IsInfinity(s) ? "?" : s >= 3600 ? $"{(int)(s / 3600)}:{(int)(s % 3600 / 60):00}:{(int)(s % 60):00}" : $"{(int)(s / 60)}:{(int)(s % 60):00}";

        (double run, double total) Remaining(double doneInRun)
        {
            double done = doneImagesBefore + doneInRun;
            double rate = done / Math.Max(all.Elapsed.TotalSeconds, 1e-3);
            return ((Epochs * perEpochImages - doneInRun) / rate, (totalImages - done) / rate);
        }

        public void Batch(int batch)
        {
            if (!dynamic) return;
            double now = all.Elapsed.TotalSeconds;
            if (now - lastDraw < 0.25) return;
            lastDraw = now;
            double doneInRun = epoch * perEpochImages + (double)(batch + 1) / Steps * perEpochImages;
            var (v, t) = Remaining(doneInRun);
            output.Write($"\r{Label}  epoch {epoch + 1}/{Epochs}  batch {batch + 1}/{Steps}  ETA {Eta(v)} (all: {Eta(t)})   ");
        }

        public void EpochDone(int e, Logs logs)
        {
            epoch = e;
            var (v, t) = Remaining(e * perEpochImages);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            string acc = logs.TryGetValue("acc", out var a) ? $"acc {a.ToString("0.0000", inv)}" : "";
            string val = logs.TryGetValue("val_acc", out var va) ? $"  val_acc {va.ToString("0.0000", inv)}" : "";
            output.Write(dynamic ? "\r" : "");
            output.WriteLine($"{Label}  epoch {e}/{Epochs}  loss {logs["loss"].ToString("0.0000", inv)}  {acc}{val}  ETA {Eta(v)} (all: {Eta(t)})");
        }
    }

    /// <summary>Runs the chosen experiments, each variant once per seed; returns the experiments whose every run finished.</summary>
    public static IReadOnlyList<string> Run(Options o)
    {
        var output = o.Output ?? Console.Out;
        var chosen = o.Experiment == "all" ? Definitions.All : Definitions.All.Where(e => e.Name == o.Experiment).ToList();
        if (chosen.Count == 0)
            throw new ArgumentException($"Unknown experiment '{o.Experiment}'. Known experiments: all, {string.Join(", ", Definitions.All.Select(e => e.Name))}.");
        if (o.Epochs <= 0) throw new ArgumentException($"The number of epochs must be positive, received {o.Epochs}.");
        if (o.Seeds <= 0) throw new ArgumentException($"The number of seeds must be positive, received {o.Seeds}.");
        var data = Load(o.Dataset, o.Limit, o.ValidationSplit);
        long n = data.X.shape[0];
        output.WriteLine($"Dataset: {data.Name} ({data.Why}); {n} training, {data.XVal.shape[0]} validation (the last {o.ValidationSplit.ToString(System.Globalization.CultureInfo.InvariantCulture)} of the training images) and {data.XTest.shape[0]} test images.");
        int side = (int)data.X.shape[1], channels = (int)data.X.shape[3];
        var seeds = Enumerable.Range(o.Seed, o.Seeds).ToList();
        int runs = chosen.Sum(e => e.Variants.Count) * seeds.Count;
        var progress = new Progress(output, (long)runs * o.Epochs * n, o.Output is null && !Console.IsOutputRedirected);
        Directory.CreateDirectory(o.LogDir);
        string sweep = DateTime.Now.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        int index = 0;
        long doneImages = 0;
        var finished = new List<string>();
        foreach (var exp in chosen)
        {
            bool complete = true;
            foreach (var v in exp.Variants)
                foreach (int seed in seeds)
                {
                    if (StopRequested) { complete = false; break; }
                    index++;
                    RunOne(o, data, exp, v, seed, sweep, side, channels, progress, output, $"[{index}/{runs}] {exp.Name}/{v.Name} seed {seed}", doneImages);
                    doneImages += o.Epochs * n;
                    if (StopRequested) { complete = false; output.WriteLine("    stopped by Ctrl-C; this run keeps what it logged."); break; }
                }
            if (complete) finished.Add(exp.Name);
        }
        return finished;
    }

    static void RunOne(Options o, Data data, Experiment exp, Variant v, int seed, string sweep, int side, int channels, Progress progress, TextWriter output, string label, long doneImages)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        keras.backend.clear_session();
        keras.utils.set_random_seed(seed);
        var prep = new ImagePreprocessing();
        prep.add_featurewise_zero_center();
        prep.add_featurewise_stdnorm();
        long n = data.X.shape[0];
        // Disposed at the end of each run: a sweep would otherwise hold every run's weights and Adam state until a GC.
        // tensorboard_verbose 0 (TFLearn's default: losses and accuracies each step); weight histograms come once per epoch (EpochScalars).
        using var dnn = tflearn.DNN(Definitions.Network(v, side, channels, prep), tensorboard_verbose: 0, tensorboard_dir: Path.Combine(o.LogDir, exp.Name, v.Name));
        dnn.show_progress = false;
        // The seeds of one variant form one HParams session group: TensorBoard shows their mean.
        dnn.hparams_group = $"{exp.Name}/{v.Name}";
        foreach (var (k, val) in new (string, object?)[] { ("experiment", exp.Name), ("variant", v.Name), ("settings", v.Settings), ("dataset", data.Name),
                     ("seed", seed), ("sweep", sweep), ("train_images", n), ("validation_images", data.XVal.shape[0]), ("test_images", data.XTest.shape[0]),
                     ("dropout_keep_prob", v.Dropout ? 0.5 : 1.0), ("l2_weight_decay", v.L2 ? 0.001 : 0.0), ("sets", v.Sets) })
            dnn.hparams[k] = val;
        int steps = (int)((n + v.BatchSize - 1) / v.BatchSize);
        progress.Start(label, o.Epochs, steps, n, doneImages);
        output.WriteLine($"{label}: {v.Settings} (batch {v.BatchSize}, Adam learning rate {v.LearningRate.ToString(inv)})");
        dnn.fit(data.X, data.Y, n_epoch: o.Epochs, validation_set: (data.XVal, data.YVal), show_metric: true, batch_size: v.BatchSize,
            shuffle: true, run_id: $"seed-{seed}", callbacks: new Callback[] { new EpochScalars(dnn, progress) });
        string run = dnn.LastSummaries!.RunDirectory!;
        // The test set, once, after training: its own run below the session (TensorBoard's HParams metric group "test").
        var test = dnn.KerasModel.evaluate(data.XTest, data.YTest, batch_size: 256, verbose: 0).ToDictionary();
        using (var w = new SummaryWriter(Path.Combine(run, "test")))
        {
            long step = (long)steps * o.Epochs;
            w.add_scalar("Accuracy", test.TryGetValue("acc", out var ta) ? ta : double.NaN, step);
            w.add_scalar("Loss", test["loss"], step);
        }
        output.WriteLine($"    run: {run}; test accuracy {(test.TryGetValue("acc", out var acc) ? acc : double.NaN).ToString("0.0000", inv)}");
    }
}
