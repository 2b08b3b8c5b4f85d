using KerasSharp.Training;
using NumSharp;

namespace KerasSharp.Callbacks;

/// <summary>Keras EarlyStopping: stops when the monitored value has not improved for <c>patience</c> epochs.</summary>
public sealed class EarlyStopping : Callback
{
    readonly string monitor;
    readonly double minDelta;
    readonly int patience, verbose, startFromEpoch;
    readonly double? baseline;
    readonly bool restoreBestWeights, maximize;
    int wait;
    double? best;
    NDArray[]? bestWeights;

    /// <summary>The epoch (0-based) at which training stopped, or 0.</summary>
    public int stopped_epoch { get; private set; }
    /// <summary>The epoch with the best monitored value.</summary>
    public int best_epoch { get; private set; }

    /// <summary>Keras's signature and defaults.</summary>
    public EarlyStopping(string monitor = "val_loss", double min_delta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restore_best_weights = false, int start_from_epoch = 0)
    {
        if (mode != "auto" && mode != "min" && mode != "max") throw new ArgumentException($"EarlyStopping: unknown mode '{mode}'. Known modes: auto, min, max.");
        this.monitor = monitor; minDelta = Math.Abs(min_delta); this.patience = patience; this.verbose = verbose;
        this.baseline = baseline; restoreBestWeights = restore_best_weights; startFromEpoch = start_from_epoch;
        maximize = mode == "max" || (mode == "auto" && (monitor.EndsWith("acc", StringComparison.Ordinal) || monitor.EndsWith("accuracy", StringComparison.Ordinal) || monitor.EndsWith("auc", StringComparison.Ordinal)));
    }

    bool Improves(double value, double? reference) =>
        reference is null || (maximize ? value - minDelta > reference : value + minDelta < reference);

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null) { wait = 0; stopped_epoch = 0; best = null; bestWeights = null; best_epoch = 0; }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (!logs.TryGetValue(monitor, out double current))
        {
            Console.Error.WriteLine($"Early stopping conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}");
            return;
        }
        if (restoreBestWeights && bestWeights is null) bestWeights = model.get_weights();
        if (epoch < startFromEpoch) return;
        wait++;
        if (Improves(current, best))
        {
            best = current; best_epoch = epoch;
            if (restoreBestWeights) bestWeights = model.get_weights();
            if (baseline is null || Improves(current, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0)
        {
            stopped_epoch = epoch;
            model.stop_training = true;
            if (restoreBestWeights && bestWeights is not null)
            {
                if (verbose > 0) Console.WriteLine("Restoring model weights from the end of the best epoch: " + (best_epoch + 1) + ".");
                model.set_weights(bestWeights);
            }
        }
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null)
    {
        if (stopped_epoch > 0 && verbose > 0) Console.WriteLine($"Epoch {stopped_epoch + 1}: early stopping");
    }
}

/// <summary>Keras TerminateOnNaN: stops as soon as the loss is NaN or infinite (reads the loss after every batch).</summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>The batch at which training was stopped, or null.</summary>
    public int? TerminatedAtBatch { get; private set; }
    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        if (!logs.TryGetValue("loss", out double loss)) return;
        if (double.IsNaN(loss) || double.IsInfinity(loss))
        {
            Console.WriteLine($"Batch {batch}: Invalid loss, terminating training");
            TerminatedAtBatch = batch;
            model.stop_training = true;
        }
    }
}

/// <summary>Keras LearningRateScheduler: sets the learning rate at each epoch start from schedule(epoch, lr).</summary>
public sealed class LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0) : Callback
{
    /// <summary>A schedule of the epoch only.</summary>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0) : this((e, _) => schedule(e), verbose) { }

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Logs? logs = null)
    {
        var opt = model.optimizer ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model.");
        double lr = schedule(epoch, opt.learning_rate);
        if (double.IsNaN(lr) || double.IsInfinity(lr)) throw new ArgumentException($"LearningRateScheduler: the schedule returned {lr} for epoch {epoch}; it must return a finite number.");
        foreach (var op in model.Config!.TrainOps) op.Optimizer.learning_rate = lr;
        if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {lr.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs) => logs.Set("learning_rate", model.optimizer!.learning_rate);
}

/// <summary>Keras CSVLogger: one row per epoch, "epoch" then the sorted metric names.</summary>
public sealed class CSVLogger(string filename, string separator = ",", bool append = false) : Callback
{
    List<string>? keys;

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        keys = null;
        if (!append && File.Exists(filename)) File.Delete(filename);
        if (append && File.Exists(filename) && new FileInfo(filename).Length > 0)
        {
            var header = File.ReadLines(filename).FirstOrDefault();
            if (header is not null) keys = header.Split(separator).Skip(1).ToList();
        }
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        bool writeHeader = keys is null;
        keys ??= logs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        using var w = new StreamWriter(filename, append: true);
        if (writeHeader) w.WriteLine("epoch" + separator + string.Join(separator, keys));
        w.WriteLine(epoch.ToString(inv) + separator + string.Join(separator, keys.Select(k => logs.TryGetValue(k, out var v) ? v.ToString("R", inv) : "NA")));
    }
}
