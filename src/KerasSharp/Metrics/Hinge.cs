using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.Hinge</c>: the mean of Keras's hinge loss. Smaller is better (Direction "down").</summary>
public class Hinge : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public Hinge(string name = "hinge", string? dtype = null)
        : base(LossFunctions.Hinge, name, dtype, "hinge")
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
    public static new Hinge from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "Hinge", "name", "dtype");
        return new Hinge(
            name: ConfigValues.Str(config, "name", "hinge") ?? "hinge",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
