namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.CategoricalHinge</c>: max(max((1 − y_true)·y_pred) − Σ y_true·y_pred + 1, 0).</summary>
public class CategoricalHinge(string? reduction = "sum_over_batch_size", string name = "categorical_hinge", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.CategoricalHinge, reduction, name, dtype, "categorical_hinge")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new CategoricalHinge from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CategoricalHinge", "reduction", "name", "dtype");
        return new CategoricalHinge(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "categorical_hinge") ?? "categorical_hinge",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
