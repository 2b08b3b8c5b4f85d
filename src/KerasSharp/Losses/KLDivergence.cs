namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.KLDivergence</c>: Σ y_true·log(y_true / y_pred) over the last axis, both clipped to [ε, 1].</summary>
public class KLDivergence(string? reduction = "sum_over_batch_size", string name = "kl_divergence", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.KLDivergence, reduction, name, dtype, "kl_divergence")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new KLDivergence from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "KLDivergence", "reduction", "name", "dtype");
        return new KLDivergence(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "kl_divergence") ?? "kl_divergence",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
