namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.Huber</c>: ½x² where |x| ≤ delta, else delta·|x| − ½delta², x = y_pred − y_true, averaged over the last axis. Like Keras, its config leaves out <c>delta</c>.</summary>
public class Huber(double delta = 1.0, string? reduction = "sum_over_batch_size", string name = "huber_loss", string? dtype = null)
    : LossFunctionWrapper((t, p) => LossFunctions.Huber(t, p, delta), reduction, name, dtype, "huber")
{
    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double delta { get; } = delta;

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new Huber from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "Huber", "delta", "reduction", "name", "dtype");
        return new Huber(
            delta: ConfigValues.Num(config, "delta", 1.0),
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "huber_loss") ?? "huber_loss",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
