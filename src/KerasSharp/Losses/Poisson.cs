namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.Poisson</c>: mean(y_pred − y_true·log(y_pred + ε)) over the last axis.</summary>
public class Poisson(string? reduction = "sum_over_batch_size", string name = "poisson", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.Poisson, reduction, name, dtype, "poisson")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new Poisson from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "Poisson", "reduction", "name", "dtype");
        return new Poisson(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "poisson") ?? "poisson",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
