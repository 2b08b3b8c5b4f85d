using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.TopKCategoricalAccuracy</c>: how often argmax(y_true) is among the <c>k</c> largest predictions (ties at the k-th value count). Larger is better (Direction "up").</summary>
public class TopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy", string? dtype = null)
        : base((t, p) => MetricFunctions.TopKCategoricalAccuracy(t, p, k), name, dtype, "top_k_categorical_accuracy")
    {
        this.k = k;
        Direction = "up";
    }

    /// <summary>How many of the largest predictions count.</summary>
    public int k { get; }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["k"] = k;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new TopKCategoricalAccuracy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "TopKCategoricalAccuracy", "k", "name", "dtype");
        return new TopKCategoricalAccuracy(
            k: ConfigValues.Int(config, "k", 5),
            name: ConfigValues.Str(config, "name", "top_k_categorical_accuracy") ?? "top_k_categorical_accuracy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
