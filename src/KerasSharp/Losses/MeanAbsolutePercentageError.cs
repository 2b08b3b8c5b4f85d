namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.MeanAbsolutePercentageError</c>: 100 · mean(|(y_true − y_pred) / max(|y_true|, ε)|) over the last axis.</summary>
public class MeanAbsolutePercentageError(string? reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.MeanAbsolutePercentageError, reduction, name, dtype, "mean_absolute_percentage_error")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new MeanAbsolutePercentageError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanAbsolutePercentageError", "reduction", "name", "dtype");
        return new MeanAbsolutePercentageError(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "mean_absolute_percentage_error") ?? "mean_absolute_percentage_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
