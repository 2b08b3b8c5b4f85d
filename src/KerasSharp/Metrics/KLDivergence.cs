using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.KLDivergence</c>: the mean of Keras's kl_divergence. Smaller is better (Direction "down", as for every wrapped loss).</summary>
public class KLDivergence : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public KLDivergence(string name = "kl_divergence", string? dtype = null)
        : base(LossFunctions.KLDivergence, name, dtype, "kl_divergence")
    {
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new KLDivergence from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "KLDivergence", "name", "dtype");
        return new KLDivergence(
            name: ConfigValues.Str(config, "name", "kl_divergence") ?? "kl_divergence",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
