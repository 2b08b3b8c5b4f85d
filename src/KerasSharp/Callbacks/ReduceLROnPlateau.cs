using KerasSharp.Optimizers;
using KerasSharp.Training;
using KerasSharp.Utils;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras ReduceLROnPlateau: multiplies the learning rate by <c>factor</c> when the monitored value
/// has not improved by <c>min_delta</c> for <c>patience</c> epochs, then waits <c>cooldown</c>
/// epochs, never going below <c>min_lr</c>. Adds "learning_rate" to the epoch's logs (the rate the
/// epoch ran with), as Keras does. An optimizer created with a LearningRateSchedule refuses the
/// new rate, as in Keras. With several optimizers (TFLearn) each is reduced and logged as
/// "learning_rate_{name}", as with Keras's MultiOptimizer.
/// </summary>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    /// <summary>Factor by which the rate is reduced (&lt; 1).</summary>
    public double factor { get; }
    /// <summary>Lower bound on the rate.</summary>
    public double min_lr { get; }
    /// <summary>Epochs without improvement before reducing.</summary>
    public int patience { get; }
    /// <summary>0: quiet, 1: a message per reduction.</summary>
    public int verbose { get; }
    /// <summary>Epochs to wait after a reduction.</summary>
    public int cooldown { get; }
    /// <summary>Epochs left in the cooldown.</summary>
    public int cooldown_counter { get; set; }
    /// <summary>Epochs since the last improvement.</summary>
    public int wait { get; set; }

    /// <summary>Keras's signature and defaults.</summary>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double min_delta = 1e-4, int cooldown = 0, double min_lr = 0.0)
        : base(monitor, mode, null, min_delta)
    {
        if (factor >= 1.0) throw new ArgumentException($"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={PyRepr.Float(factor)}");
        this.factor = factor; this.min_lr = min_lr; this.patience = patience; this.verbose = verbose; this.cooldown = cooldown;
    }

    /// <summary>Whether a cooldown is running.</summary>
    public bool in_cooldown() => cooldown_counter > 0;

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null) { best = null; cooldown_counter = 0; wait = 0; }

    bool Reduce(Optimizer optimizer, int epoch, string name)
    {
        // Keras reads its float32 rate variable (float(np.float32(0.1)) = 0.10000000149011612) and compares it with np.float32(min_lr).
        double oldLr = (float)optimizer.learning_rate;
        if (!(oldLr > (float)min_lr)) return false;
        double newLr = Math.Max(oldLr * factor, min_lr);
        optimizer.learning_rate = newLr;
        if (verbose > 0)
            Console.WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing{(name.Length > 0 ? " " + name : "")} learning rate to {PyRepr.Float(newLr)}.");
        return true;
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (monitor_op is null) _set_monitor_op();
        var optimizers = LearningRateScheduler.OptimizersOf(model, nameof(ReduceLROnPlateau));
        bool multi = optimizers.Count > 1;
        if (multi) foreach (var opt in optimizers) logs.Set($"learning_rate_{opt.name}", opt.learning_rate);
        else logs.Set("learning_rate", optimizers[0].learning_rate);
        if (!logs.TryGetValue(monitor, out double current))
        {
            Console.Error.WriteLine($"UserWarning: Learning rate reduction is conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}.");
            return;
        }
        if (in_cooldown()) { cooldown_counter--; wait = 0; }
        if (_is_improvement(current, best)) { best = current; wait = 0; }
        else if (!in_cooldown())
        {
            wait++;
            if (wait >= patience)
            {
                bool reduced = false;
                foreach (var opt in optimizers) reduced |= Reduce(opt, epoch, multi ? opt.name : "");
                if (reduced) { cooldown_counter = cooldown; wait = 0; }
            }
        }
    }
}
