using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.BinaryAccuracy</c>: how often y_pred (above <c>threshold</c> counts as 1) equals the 0/1 labels. Larger is better (Direction "up").</summary>
public class BinaryAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public BinaryAccuracy(string name = "binary_accuracy", string? dtype = null, double threshold = 0.5)
        : base((t, p) => MetricFunctions.BinaryAccuracy(t, p, threshold), name, dtype, "binary_accuracy")
    {
        this.threshold = threshold;
        Direction = "up";
    }

    /// <summary>The probability above which a prediction counts as 1.</summary>
    public double threshold { get; }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["threshold"] = threshold;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new BinaryAccuracy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "BinaryAccuracy", "name", "dtype", "threshold");
        return new BinaryAccuracy(
            name: ConfigValues.Str(config, "name", "binary_accuracy") ?? "binary_accuracy",
            dtype: ConfigValues.Str(config, "dtype", null),
            threshold: ConfigValues.Num(config, "threshold", 0.5));
    }
}
