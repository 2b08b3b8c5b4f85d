using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.SquaredHinge</c>: the mean of Keras's squared_hinge loss. Smaller is better (Direction "down").</summary>
public class SquaredHinge : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public SquaredHinge(string name = "squared_hinge", string? dtype = null)
        : base(LossFunctions.SquaredHinge, name, dtype, "squared_hinge")
    {
        Direction = "down";
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new SquaredHinge from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "SquaredHinge", "name", "dtype");
        return new SquaredHinge(
            name: ConfigValues.Str(config, "name", "squared_hinge") ?? "squared_hinge",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
