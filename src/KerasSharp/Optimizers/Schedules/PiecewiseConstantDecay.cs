using KerasSharp.Utils;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Keras PiecewiseConstantDecay: <c>values[0]</c> while step ≤ boundaries[0], <c>values[i]</c> while
/// boundaries[i−1] &lt; step ≤ boundaries[i], and the last value beyond the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    readonly double[] bounds, rates;
    readonly object[] boundaryConfig, valueConfig;

    /// <summary>The step boundaries, increasing.</summary>
    public IReadOnlyList<double> boundaries => bounds;
    /// <summary>The rates: one more than boundaries.</summary>
    public IReadOnlyList<double> values => rates;

    /// <summary>Keras's signature: boundaries (steps) and one more value than boundaries.</summary>
    public PiecewiseConstantDecay(IReadOnlyList<double> boundaries, IReadOnlyList<double> values, string name = "PiecewiseConstant")
    {
        if (boundaries.Count != values.Count - 1)
            throw new ArgumentException("The length of boundaries should be 1 less than the length of values. " +
                $"Received: boundaries={PyRepr.Value(boundaries.Select(ConfigReader.IntIfWhole))} of length {boundaries.Count}, " +
                $"and values={PyRepr.Value(values.Select(ConfigReader.IntIfWhole))} of length {values.Count}.");
        bounds = boundaries.ToArray(); rates = values.ToArray(); this.name = name;
        boundaryConfig = bounds.Select(ConfigReader.IntIfWhole).ToArray();
        valueConfig = rates.Cast<object>().ToArray();
    }

    PiecewiseConstantDecay(double[] boundaries, double[] values, object[] boundaryConfig, object[] valueConfig, string name)
        : this(boundaries, values, name) { this.boundaryConfig = boundaryConfig; this.valueConfig = valueConfig; }

    /// <inheritdoc />
    public override double call(double step)
    {
        if (bounds.Length == 0 || step <= bounds[0]) return rates[0];
        for (int i = 1; i < bounds.Length; i++)
            if (step > bounds[i - 1] && step <= bounds[i]) return rates[i];
        return rates[^1];
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["boundaries"] = boundaryConfig.ToList(),
        ["values"] = valueConfig.ToList(),
        ["name"] = name,
    };

    /// <summary>Rebuilds the schedule from its Keras config (numbers keep their int or float form); unknown keys are refused.</summary>
    public static PiecewiseConstantDecay from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(PiecewiseConstantDecay));
        var rawB = c.Raw("boundaries") as List<object?>; var rawV = c.Raw("values") as List<object?>;
        var b = c.Numbers("boundaries"); var v = c.Numbers("values");
        var s = new PiecewiseConstantDecay(b, v, rawB!.Select(x => x!).ToArray(), rawV!.Select(x => x!).ToArray(), c.String("name", "PiecewiseConstant"));
        c.Done();
        return s;
    }
}
