using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.CategoricalAccuracy</c>: how often argmax(y_pred) equals argmax(y_true) (one-hot labels). Larger is better (Direction "up").</summary>
public class CategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public CategoricalAccuracy(string name = "categorical_accuracy", string? dtype = null)
        : base(MetricFunctions.CategoricalAccuracy, name, dtype, "categorical_accuracy")
    {
        Direction = "up";
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new CategoricalAccuracy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CategoricalAccuracy", "name", "dtype");
        return new CategoricalAccuracy(
            name: ConfigValues.Str(config, "name", "categorical_accuracy") ?? "categorical_accuracy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
