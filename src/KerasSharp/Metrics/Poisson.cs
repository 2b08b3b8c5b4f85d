using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.Poisson</c>: the mean of Keras's poisson loss. Smaller is better (Direction "down", as for every wrapped loss).</summary>
public class Poisson : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public Poisson(string name = "poisson", string? dtype = null)
        : base(LossFunctions.Poisson, name, dtype, "poisson")
    {
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new Poisson from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "Poisson", "name", "dtype");
        return new Poisson(
            name: ConfigValues.Str(config, "name", "poisson") ?? "poisson",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
