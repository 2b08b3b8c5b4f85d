using KerasSharp.Training;
using NumSharp;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras EarlyStopping: stops training when the monitored value has not improved (by
/// <c>min_delta</c>) for <c>patience</c> epochs, counting from <c>start_from_epoch</c>. With a
/// <c>baseline</c>, the wait restarts only on an epoch that beats both the best value and the
/// baseline. With <c>restore_best_weights</c>, the weights of the best epoch are restored in
/// on_train_end, whoever stopped training (Keras 3).
/// </summary>
public sealed class EarlyStopping : MonitorCallback
{
    /// <summary>Epochs without improvement before stopping.</summary>
    public int patience { get; }
    /// <summary>0: quiet, 1: messages.</summary>
    public int verbose { get; }
    /// <summary>The value to beat, or null.</summary>
    public double? baseline { get; }
    /// <summary>Whether the best epoch's weights are restored at the end of training.</summary>
    public bool restore_best_weights { get; }
    /// <summary>Epochs ignored at the start (warm-up).</summary>
    public int start_from_epoch { get; }
    /// <summary>Epochs since the last improvement.</summary>
    public int wait { get; set; }
    /// <summary>The epoch (0-based) at which this callback stopped training, or 0.</summary>
    public int stopped_epoch { get; set; }
    /// <summary>The epoch with the best monitored value.</summary>
    public int best_epoch { get; set; }
    /// <summary>The weights of the best epoch (when restore_best_weights), or null.</summary>
    public NDArray[]? best_weights { get; set; }

    /// <summary>Keras's signature and defaults.</summary>
    public EarlyStopping(string monitor = "val_loss", double min_delta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restore_best_weights = false, int start_from_epoch = 0)
        : base(monitor, mode, null, min_delta)
    {
        this.patience = patience; this.verbose = verbose; this.baseline = baseline;
        this.restore_best_weights = restore_best_weights; this.start_from_epoch = start_from_epoch;
    }

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        wait = 0; stopped_epoch = 0; best = null; best_weights = null; best_epoch = 0;
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (monitor_op is null) _set_monitor_op();
        double? current = get_monitor_value(logs);
        if (current is not double value || epoch < start_from_epoch) return;
        if (restore_best_weights && best_weights is null)
        {
            best_weights = model.get_weights();
            best_epoch = epoch;
        }
        wait++;
        if (_is_improvement(value, best))
        {
            best = value;
            best_epoch = epoch;
            if (restore_best_weights) best_weights = model.get_weights();
            // The wait restarts only when the epoch beats both the best value and the baseline.
            if (baseline is null || _is_improvement(value, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0)
        {
            stopped_epoch = epoch;
            model.stop_training = true;
        }
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null)
    {
        if (stopped_epoch > 0 && verbose > 0) Console.WriteLine($"Epoch {stopped_epoch + 1}: early stopping");
        if (restore_best_weights && best_weights is not null)
        {
            if (verbose > 0) Console.WriteLine($"Restoring model weights from the end of the best epoch: {best_epoch + 1}.");
            model.set_weights(best_weights);
        }
    }

    /// <summary>The monitored value of these logs, or null with Keras's warning.</summary>
    public double? get_monitor_value(Logs logs)
    {
        if (logs.TryGetValue(monitor, out double v)) return v;
        Console.Error.WriteLine($"UserWarning: Early stopping conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}");
        return null;
    }
}
