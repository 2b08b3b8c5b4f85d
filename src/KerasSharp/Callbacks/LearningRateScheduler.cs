using KerasSharp.Optimizers;
using KerasSharp.Training;
using KerasSharp.Utils;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras LearningRateScheduler: at the start of each epoch sets the optimizer's learning rate to
/// <c>schedule(epoch, lr)</c> (or <c>schedule(epoch)</c>), and logs "learning_rate" at the end of
/// the epoch. An optimizer created with a LearningRateSchedule refuses the new rate, as in Keras.
/// With several optimizers (TFLearn's several regressions) each gets its own rate and its own
/// "learning_rate_{name}" log, as with Keras's MultiOptimizer.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    readonly Func<int, double, double> schedule;
    /// <summary>0: quiet, 1: a message per epoch.</summary>
    public int verbose { get; }

    /// <summary>A schedule of the epoch and the current rate.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule)); this.verbose = verbose;
    }

    /// <summary>A schedule of the epoch only.</summary>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0)
        : this(schedule is null ? throw new ArgumentNullException(nameof(schedule)) : (e, _) => schedule(e), verbose) { }

    internal static IReadOnlyList<Optimizer> OptimizersOf(Models.Model model, string callback)
    {
        var ops = model.Config?.TrainOps ?? throw new InvalidOperationException($"{callback} needs a compiled model.");
        return ops.Select(o => o.Optimizer).Distinct().ToList();
    }

    double Update(Optimizer optimizer, int epoch)
    {
        // Keras passes float() of its float32 rate variable.
        double lr = schedule(epoch, (float)optimizer.learning_rate);
        optimizer.learning_rate = lr;
        return lr;
    }

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Logs? logs = null)
    {
        var optimizers = OptimizersOf(model, nameof(LearningRateScheduler));
        foreach (var opt in optimizers)
        {
            double lr = Update(opt, epoch);
            if (verbose > 0)
                Console.WriteLine(optimizers.Count > 1
                    ? $"\nEpoch {epoch + 1}: LearningRateScheduler setting {opt.name} learning rate to {PyRepr.Float(lr)}."
                    : $"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PyRepr.Float(lr)}.");
        }
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        var optimizers = OptimizersOf(model, nameof(LearningRateScheduler));
        if (optimizers.Count > 1) foreach (var opt in optimizers) logs.Set($"learning_rate_{opt.name}", opt.learning_rate);
        else logs.Set("learning_rate", optimizers[0].learning_rate);
    }
}
