namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.CategoricalCrossentropy</c>: −Σ y_true·log(y_pred / Σy_pred) along <c>axis</c> (log_softmax with <c>from_logits</c>); probabilities are clipped to [ε, 1 − ε]; labels must have y_pred's shape.</summary>
public class CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1, string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy", string? dtype = null)
    : LossFunctionWrapper((t, p) => LossFunctions.CategoricalCrossentropy(t, p, from_logits, label_smoothing, axis), reduction, name, dtype, "categorical_crossentropy")
{
    /// <summary>True when y_pred holds logits rather than probabilities.</summary>
    public bool from_logits { get; } = from_logits;
    /// <summary>How far labels are moved towards uniform (0 = none).</summary>
    public double label_smoothing { get; } = label_smoothing;
    /// <summary>The class axis.</summary>
    public int axis { get; } = axis;

    /// <summary>Keras's config for this loss.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = LossConfig();
        c["from_logits"] = from_logits;
        c["label_smoothing"] = label_smoothing;
        c["axis"] = axis;
        return c;
    }

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new CategoricalCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CategoricalCrossentropy", "from_logits", "label_smoothing", "axis", "reduction", "name", "dtype");
        return new CategoricalCrossentropy(
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            label_smoothing: ConfigValues.Num(config, "label_smoothing", 0.0),
            axis: ConfigValues.Int(config, "axis", -1),
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "categorical_crossentropy") ?? "categorical_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
