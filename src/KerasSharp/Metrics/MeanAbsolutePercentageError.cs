using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.MeanAbsolutePercentageError</c>: the mean of Keras's mean_absolute_percentage_error. Smaller is better (Direction "down").</summary>
public class MeanAbsolutePercentageError : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error", string? dtype = null)
        : base(LossFunctions.MeanAbsolutePercentageError, name, dtype, "mean_absolute_percentage_error")
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
    public static new MeanAbsolutePercentageError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanAbsolutePercentageError", "name", "dtype");
        return new MeanAbsolutePercentageError(
            name: ConfigValues.Str(config, "name", "mean_absolute_percentage_error") ?? "mean_absolute_percentage_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
