using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.CategoricalHinge</c>: the mean of Keras's categorical_hinge loss. Smaller is better (Direction "down").</summary>
public class CategoricalHinge : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public CategoricalHinge(string name = "categorical_hinge", string? dtype = null)
        : base(LossFunctions.CategoricalHinge, name, dtype, "categorical_hinge")
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
    public static new CategoricalHinge from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CategoricalHinge", "name", "dtype");
        return new CategoricalHinge(
            name: ConfigValues.Str(config, "name", "categorical_hinge") ?? "categorical_hinge",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
