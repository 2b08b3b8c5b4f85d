using KerasSharp.Utils;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Keras PolynomialDecay: from <c>initial_learning_rate</c> to <c>end_learning_rate</c> over
/// <c>decay_steps</c> as <c>(1 − step/decay_steps)^power</c>; with <c>cycle</c> the period grows to the
/// next multiple of decay_steps instead of holding the end rate.
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>Steps to reach the end rate.</summary>
    public double decay_steps { get; }
    /// <summary>The final rate.</summary>
    public double end_learning_rate { get; }
    /// <summary>The polynomial's power.</summary>
    public double power { get; }
    /// <summary>Restart beyond decay_steps.</summary>
    public bool cycle { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public PolynomialDecay(double initial_learning_rate, double decay_steps, double end_learning_rate = 0.0001, double power = 1.0,
        bool cycle = false, string name = "PolynomialDecay")
    {
        this.initial_learning_rate = initial_learning_rate; this.decay_steps = decay_steps; this.end_learning_rate = end_learning_rate;
        this.power = power; this.cycle = cycle; this.name = name;
        RequirePositive(decay_steps, "decay_steps");
    }

    /// <inheritdoc />
    public override double call(double step)
    {
        double steps = decay_steps;
        if (cycle) steps *= step == 0 ? 1.0 : Math.Ceiling(step / decay_steps);
        else step = Math.Min(step, decay_steps);
        double p = step / steps;
        return (initial_learning_rate - end_learning_rate) * Math.Pow(1 - p, power) + end_learning_rate;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = ConfigReader.IntIfWhole(decay_steps),
        ["end_learning_rate"] = end_learning_rate,
        ["power"] = power,
        ["cycle"] = cycle,
        ["name"] = name,
    };

    /// <summary>Rebuilds the schedule from its Keras config; unknown keys are refused.</summary>
    public static PolynomialDecay from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(PolynomialDecay));
        c.Require("initial_learning_rate"); c.Require("decay_steps");
        var s = new PolynomialDecay(c.Number("initial_learning_rate", 0), c.Number("decay_steps", 0), c.Number("end_learning_rate", 0.0001),
            c.Number("power", 1.0), c.Boolean("cycle", false), c.String("name", "PolynomialDecay"));
        c.Done();
        return s;
    }
}
