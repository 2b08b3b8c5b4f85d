namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.Hinge</c>: mean(max(1 − y_true·y_pred, 0)) over the last axis; labels in {0, 1} become {−1, 1}.</summary>
public class Hinge(string? reduction = "sum_over_batch_size", string name = "hinge", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.Hinge, reduction, name, dtype, "hinge")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new Hinge from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "Hinge", "reduction", "name", "dtype");
        return new Hinge(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "hinge") ?? "hinge",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
