using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.LogCoshError</c>: the mean of Keras's log_cosh. Smaller is better (Direction "down").</summary>
public class LogCoshError : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public LogCoshError(string name = "logcosh", string? dtype = null)
        : base(LossFunctions.LogCosh, name, dtype, "log_cosh")
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
    public static new LogCoshError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "LogCoshError", "name", "dtype");
        return new LogCoshError(
            name: ConfigValues.Str(config, "name", "logcosh") ?? "logcosh",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
