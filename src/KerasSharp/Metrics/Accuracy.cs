using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.Accuracy</c>: how often y_pred equals y_true. Larger is better (Direction "up").</summary>
public class Accuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public Accuracy(string name = "accuracy", string? dtype = null)
        : base(MetricFunctions.Accuracy, name, dtype, "accuracy")
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
    public static new Accuracy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "Accuracy", "name", "dtype");
        return new Accuracy(
            name: ConfigValues.Str(config, "name", "accuracy") ?? "accuracy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
