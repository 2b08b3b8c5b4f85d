using KerasSharp.Utils;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>Keras InverseTimeDecay: <c>initial_learning_rate / (1 + decay_rate · step / decay_steps)</c>, the ratio floored when <c>staircase</c>.</summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>Steps per decay period.</summary>
    public double decay_steps { get; }
    /// <summary>Decay per period.</summary>
    public double decay_rate { get; }
    /// <summary>Decay in whole periods.</summary>
    public bool staircase { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public InverseTimeDecay(double initial_learning_rate, double decay_steps, double decay_rate, bool staircase = false, string name = "InverseTimeDecay")
    {
        this.initial_learning_rate = initial_learning_rate; this.decay_steps = decay_steps; this.decay_rate = decay_rate;
        this.staircase = staircase; this.name = name;
        RequirePositive(decay_steps, "decay_steps");
    }

    /// <inheritdoc />
    public override double call(double step)
    {
        double p = step / decay_steps;
        if (staircase) p = Math.Floor(p);
        return initial_learning_rate / (1.0 + decay_rate * p);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = ConfigReader.IntIfWhole(decay_steps),
        ["decay_rate"] = decay_rate,
        ["staircase"] = staircase,
        ["name"] = name,
    };

    /// <summary>Rebuilds the schedule from its Keras config; unknown keys are refused.</summary>
    public static InverseTimeDecay from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(InverseTimeDecay));
        c.Require("initial_learning_rate"); c.Require("decay_steps"); c.Require("decay_rate");
        var s = new InverseTimeDecay(c.Number("initial_learning_rate", 0), c.Number("decay_steps", 0), c.Number("decay_rate", 0),
            c.Boolean("staircase", false), c.String("name", "InverseTimeDecay"));
        c.Done();
        return s;
    }
}
