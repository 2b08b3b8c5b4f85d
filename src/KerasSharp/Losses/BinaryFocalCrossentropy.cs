namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.BinaryFocalCrossentropy</c>: binary crossentropy scaled by (1 − p_t)^gamma, and by alpha / (1 − alpha) with <c>apply_class_balancing</c>, averaged along <c>axis</c>.</summary>
public class BinaryFocalCrossentropy(bool apply_class_balancing = false, double alpha = 0.25, double gamma = 2.0, bool from_logits = false, double label_smoothing = 0.0, int axis = -1, string? reduction = "sum_over_batch_size", string name = "binary_focal_crossentropy", string? dtype = null)
    : LossFunctionWrapper((t, p) => LossFunctions.BinaryFocalCrossentropy(t, p, apply_class_balancing, alpha, gamma, from_logits, label_smoothing, axis), reduction, name, dtype, "binary_focal_crossentropy")
{
    /// <summary>Whether positives are weighted by alpha and negatives by 1 − alpha.</summary>
    public bool apply_class_balancing { get; } = apply_class_balancing;
    /// <summary>The class weight of the focal loss.</summary>
    public double alpha { get; } = alpha;
    /// <summary>The focusing exponent of the focal loss.</summary>
    public double gamma { get; } = gamma;
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
        c["apply_class_balancing"] = apply_class_balancing;
        c["alpha"] = alpha;
        c["gamma"] = gamma;
        return c;
    }

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new BinaryFocalCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "BinaryFocalCrossentropy", "apply_class_balancing", "alpha", "gamma", "from_logits", "label_smoothing", "axis", "reduction", "name", "dtype");
        return new BinaryFocalCrossentropy(
            apply_class_balancing: ConfigValues.Bool(config, "apply_class_balancing", false),
            alpha: ConfigValues.Num(config, "alpha", 0.25),
            gamma: ConfigValues.Num(config, "gamma", 2.0),
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            label_smoothing: ConfigValues.Num(config, "label_smoothing", 0.0),
            axis: ConfigValues.Int(config, "axis", -1),
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "binary_focal_crossentropy") ?? "binary_focal_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
