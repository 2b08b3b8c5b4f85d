namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.SquaredHinge</c>: mean(max(1 − y_true·y_pred, 0)²) over the last axis; labels in {0, 1} become {−1, 1}.</summary>
public class SquaredHinge(string? reduction = "sum_over_batch_size", string name = "squared_hinge", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.SquaredHinge, reduction, name, dtype, "squared_hinge")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new SquaredHinge from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "SquaredHinge", "reduction", "name", "dtype");
        return new SquaredHinge(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "squared_hinge") ?? "squared_hinge",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
