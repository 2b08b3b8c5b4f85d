using KerasSharp.Utils;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Keras CosineDecayRestarts (SGDR): cosine decay over <c>first_decay_steps</c>, then restarts whose
/// length grows by <c>t_mul</c> and whose height shrinks by <c>m_mul</c> each time.
/// </summary>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>Length of the first period.</summary>
    public double first_decay_steps { get; }
    /// <summary>Growth of each period's length.</summary>
    public double t_mul { get; }
    /// <summary>Factor on each period's starting rate.</summary>
    public double m_mul { get; }
    /// <summary>The minimum rate as a fraction of the starting rate.</summary>
    public double alpha { get; }

    /// <summary>Keras's signature and defaults (its default name is "SGDRDecay").</summary>
    public CosineDecayRestarts(double initial_learning_rate, double first_decay_steps, double t_mul = 2.0, double m_mul = 1.0,
        double alpha = 0.0, string name = "SGDRDecay")
    {
        this.initial_learning_rate = initial_learning_rate; this.first_decay_steps = first_decay_steps;
        this.t_mul = t_mul; this.m_mul = m_mul; this.alpha = alpha; this.name = name;
        RequirePositive(first_decay_steps, "first_decay_steps");
    }

    /// <inheritdoc />
    public override double call(double step)
    {
        double fraction = step / first_decay_steps, restart;
        if (t_mul == 1.0)
        {
            restart = Math.Floor(fraction);
            fraction -= restart;
        }
        else
        {
            // Keras takes the logarithm in the schedule's dtype; double here.
            restart = Math.Floor(Math.Log(1.0 - fraction * (1.0 - t_mul)) / Math.Log(t_mul));
            double sum = (1.0 - Math.Pow(t_mul, restart)) / (1.0 - t_mul);
            fraction = (fraction - sum) / Math.Pow(t_mul, restart);
        }
        double cosine = 0.5 * Math.Pow(m_mul, restart) * (1.0 + Math.Cos(Math.PI * fraction));
        return initial_learning_rate * ((1 - alpha) * cosine + alpha);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["first_decay_steps"] = ConfigReader.IntIfWhole(first_decay_steps),
        ["t_mul"] = t_mul,
        ["m_mul"] = m_mul,
        ["alpha"] = alpha,
        ["name"] = name,
    };

    /// <summary>Rebuilds the schedule from its Keras config; unknown keys are refused.</summary>
    public static CosineDecayRestarts from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(CosineDecayRestarts));
        c.Require("initial_learning_rate"); c.Require("first_decay_steps");
        var s = new CosineDecayRestarts(c.Number("initial_learning_rate", 0), c.Number("first_decay_steps", 0), c.Number("t_mul", 2.0),
            c.Number("m_mul", 1.0), c.Number("alpha", 0.0), c.String("name", "SGDRDecay"));
        c.Done();
        return s;
    }
}
