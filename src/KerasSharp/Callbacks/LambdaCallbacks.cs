using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras LambdaCallback: a callback made of functions. Epoch hooks take (epoch, logs), batch hooks
/// (batch, logs), train hooks (logs). Without batch functions, fit builds no per-batch logs.
/// </summary>
public sealed class LambdaCallback : Callback
{
    readonly Action<int, Logs?>? epochBegin, batchBegin;
    readonly Action<int, Logs>? epochEnd, batchEnd;
    readonly Action<Logs?>? trainBegin, trainEnd;

    /// <summary>Keras's signature: every function is optional.</summary>
    public LambdaCallback(Action<int, Logs?>? on_epoch_begin = null, Action<int, Logs>? on_epoch_end = null,
        Action<Logs?>? on_train_begin = null, Action<Logs?>? on_train_end = null,
        Action<int, Logs?>? on_train_batch_begin = null, Action<int, Logs>? on_train_batch_end = null)
    {
        epochBegin = on_epoch_begin; epochEnd = on_epoch_end; trainBegin = on_train_begin; trainEnd = on_train_end;
        batchBegin = on_train_batch_begin; batchEnd = on_train_batch_end;
    }

    internal override bool UsesTrainBatchHooks => batchBegin is not null || batchEnd is not null;

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Logs? logs = null) => epochBegin?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs) => epochEnd?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null) => trainBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null) => trainEnd?.Invoke(logs);
    /// <inheritdoc />
    public override void on_train_batch_begin(int batch, Logs? logs = null) => batchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs) => batchEnd?.Invoke(batch, logs);
}

/// <summary>
/// Keras ReduceLROnPlateau: multiplies the learning rate by <c>factor</c> when the monitored value
/// has not improved by <c>min_delta</c> for <c>patience</c> epochs, then waits <c>cooldown</c>
/// epochs, never going below <c>min_lr</c>. Adds "learning_rate" to the epoch's logs, as Keras does.
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    readonly string monitor;
    readonly double factor, minDelta, minLr;
    readonly int patience, verbose, cooldown;
    readonly bool maximize;
    int wait, cooldownCounter;
    double best;

    /// <summary>Keras's signature and defaults.</summary>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double min_delta = 1e-4, int cooldown = 0, double min_lr = 0.0)
    {
        if (factor >= 1.0) throw new ArgumentException($"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}.");
        if (mode != "auto" && mode != "min" && mode != "max") throw new ArgumentException($"ReduceLROnPlateau: unknown mode '{mode}'. Known modes: auto, min, max.");
        this.monitor = monitor; this.factor = factor; this.patience = patience; this.verbose = verbose;
        minDelta = min_delta; this.cooldown = cooldown; minLr = min_lr;
        // Keras: in "auto" mode a monitor whose name contains "acc" is maximized.
        maximize = mode == "max" || (mode == "auto" && monitor.Contains("acc", StringComparison.Ordinal));
    }

    bool InCooldown => cooldownCounter > 0;
    bool Improves(double current) => maximize ? current > best + minDelta : current < best - minDelta;

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        wait = 0; cooldownCounter = 0;
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        var opt = model.optimizer ?? throw new InvalidOperationException("ReduceLROnPlateau needs a compiled model.");
        logs.Set("learning_rate", opt.learning_rate);
        if (!logs.TryGetValue(monitor, out double current))
        {
            Console.Error.WriteLine($"Learning rate reduction is conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}.");
            return;
        }
        if (InCooldown) { cooldownCounter--; wait = 0; }
        if (Improves(current)) { best = current; wait = 0; return; }
        if (InCooldown) return;
        wait++;
        if (wait < patience) return;
        double oldLr = opt.learning_rate;
        if (oldLr <= minLr) return;
        double newLr = Math.Max(oldLr * factor, minLr);
        foreach (var op in model.Config!.TrainOps) op.Optimizer.learning_rate = newLr;
        if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {newLr.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
        cooldownCounter = cooldown;
        wait = 0;
    }
}
