using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.MeanSquaredLogarithmicError</c>: the mean of Keras's mean_squared_logarithmic_error. Smaller is better (Direction "down").</summary>
public class MeanSquaredLogarithmicError : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error", string? dtype = null)
        : base(LossFunctions.MeanSquaredLogarithmicError, name, dtype, "mean_squared_logarithmic_error")
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
    public static new MeanSquaredLogarithmicError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanSquaredLogarithmicError", "name", "dtype");
        return new MeanSquaredLogarithmicError(
            name: ConfigValues.Str(config, "name", "mean_squared_logarithmic_error") ?? "mean_squared_logarithmic_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
