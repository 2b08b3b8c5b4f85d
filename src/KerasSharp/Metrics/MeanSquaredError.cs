using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.MeanSquaredError</c>: the mean of mean((y_true − y_pred)²) over the last axis. Smaller is better (Direction "down").</summary>
public class MeanSquaredError : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public MeanSquaredError(string name = "mean_squared_error", string? dtype = null)
        : base(LossFunctions.MeanSquaredError, name, dtype, "mean_squared_error")
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
    public static new MeanSquaredError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanSquaredError", "name", "dtype");
        return new MeanSquaredError(
            name: ConfigValues.Str(config, "name", "mean_squared_error") ?? "mean_squared_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
