namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.LogCosh</c>: mean(log(cosh(y_pred − y_true))) over the last axis.</summary>
public class LogCosh(string? reduction = "sum_over_batch_size", string name = "log_cosh", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.LogCosh, reduction, name, dtype, "log_cosh")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new LogCosh from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "LogCosh", "reduction", "name", "dtype");
        return new LogCosh(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "log_cosh") ?? "log_cosh",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
