namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.CategoricalFocalCrossentropy</c>: categorical crossentropy with each class term scaled by alpha·(1 − p)^gamma.</summary>
public class CategoricalFocalCrossentropy(double alpha = 0.25, double gamma = 2.0, bool from_logits = false, double label_smoothing = 0.0, int axis = -1, string? reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy", string? dtype = null)
    : LossFunctionWrapper((t, p) => LossFunctions.CategoricalFocalCrossentropy(t, p, alpha, gamma, from_logits, label_smoothing, axis), reduction, name, dtype, "categorical_focal_crossentropy")
{
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
        c["alpha"] = alpha;
        c["gamma"] = gamma;
        return c;
    }

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new CategoricalFocalCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CategoricalFocalCrossentropy", "alpha", "gamma", "from_logits", "label_smoothing", "axis", "reduction", "name", "dtype");
        return new CategoricalFocalCrossentropy(
            alpha: ConfigValues.Num(config, "alpha", 0.25),
            gamma: ConfigValues.Num(config, "gamma", 2.0),
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            label_smoothing: ConfigValues.Num(config, "label_smoothing", 0.0),
            axis: ConfigValues.Int(config, "axis", -1),
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "categorical_focal_crossentropy") ?? "categorical_focal_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
