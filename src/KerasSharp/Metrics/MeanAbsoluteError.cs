using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.MeanAbsoluteError</c>: the mean of mean(|y_true − y_pred|) over the last axis. Smaller is better (Direction "down").</summary>
public class MeanAbsoluteError : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public MeanAbsoluteError(string name = "mean_absolute_error", string? dtype = null)
        : base(LossFunctions.MeanAbsoluteError, name, dtype, "mean_absolute_error")
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
    public static new MeanAbsoluteError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanAbsoluteError", "name", "dtype");
        return new MeanAbsoluteError(
            name: ConfigValues.Str(config, "name", "mean_absolute_error") ?? "mean_absolute_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
