namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.MeanSquaredLogarithmicError</c>: mean((log(max(y_pred, ε) + 1) − log(max(y_true, ε) + 1))²) over the last axis.</summary>
public class MeanSquaredLogarithmicError(string? reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.MeanSquaredLogarithmicError, reduction, name, dtype, "mean_squared_logarithmic_error")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new MeanSquaredLogarithmicError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanSquaredLogarithmicError", "reduction", "name", "dtype");
        return new MeanSquaredLogarithmicError(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "mean_squared_logarithmic_error") ?? "mean_squared_logarithmic_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
