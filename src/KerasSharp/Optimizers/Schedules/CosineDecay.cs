using KerasSharp.Utils;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Keras CosineDecay, with Keras 3's optional linear warmup: without <c>warmup_target</c>, the rate
/// falls from <c>initial_learning_rate</c> along half a cosine to <c>alpha·initial_learning_rate</c> over
/// <c>decay_steps</c>; with it, the rate first rises linearly from <c>initial_learning_rate</c> to
/// <c>warmup_target</c> over <c>warmup_steps</c>, then decays from <c>warmup_target</c>.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>Steps of the cosine decay.</summary>
    public double decay_steps { get; }
    /// <summary>The final rate as a fraction of the starting rate.</summary>
    public double alpha { get; }
    /// <summary>The rate reached at the end of the warmup, or null for no warmup.</summary>
    public double? warmup_target { get; }
    /// <summary>Steps of the linear warmup.</summary>
    public double warmup_steps { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public CosineDecay(double initial_learning_rate, double decay_steps, double alpha = 0.0, string name = "CosineDecay",
        double? warmup_target = null, double warmup_steps = 0)
    {
        this.initial_learning_rate = initial_learning_rate; this.decay_steps = decay_steps; this.alpha = alpha; this.name = name;
        this.warmup_target = warmup_target; this.warmup_steps = warmup_steps;
        RequirePositive(decay_steps, "decay_steps");
    }

    double Decay(double step, double from) => from * ((1 - alpha) * 0.5 * (1.0 + Math.Cos(Math.PI * (step / decay_steps))) + alpha);

    /// <inheritdoc />
    public override double call(double step)
    {
        if (warmup_target is not double target) return Decay(Math.Min(step, decay_steps), initial_learning_rate);
        step = Math.Min(step, decay_steps + warmup_steps);
        if (step < warmup_steps) return (target - initial_learning_rate) * (step / warmup_steps) + initial_learning_rate;
        return Decay(step - warmup_steps, target);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = ConfigReader.IntIfWhole(decay_steps),
        ["alpha"] = alpha,
        ["name"] = name,
        ["warmup_target"] = warmup_target,
        ["warmup_steps"] = ConfigReader.IntIfWhole(warmup_steps),
    };

    /// <summary>Rebuilds the schedule from its Keras config; unknown keys are refused.</summary>
    public static CosineDecay from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(CosineDecay));
        c.Require("initial_learning_rate"); c.Require("decay_steps");
        var s = new CosineDecay(c.Number("initial_learning_rate", 0), c.Number("decay_steps", 0), c.Number("alpha", 0.0),
            c.String("name", "CosineDecay"), c.NumberOrNull("warmup_target"), c.Number("warmup_steps", 0));
        c.Done();
        return s;
    }
}
