using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.SparseCategoricalAccuracy</c>: how often argmax(y_pred) equals the integer label. Larger is better (Direction "up").</summary>
public class SparseCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy", string? dtype = null)
        : base(MetricFunctions.SparseCategoricalAccuracy, name, dtype, "sparse_categorical_accuracy")
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
    public static new SparseCategoricalAccuracy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "SparseCategoricalAccuracy", "name", "dtype");
        return new SparseCategoricalAccuracy(
            name: ConfigValues.Str(config, "name", "sparse_categorical_accuracy") ?? "sparse_categorical_accuracy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
