using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.BinaryCrossentropy</c>: the crossentropy of each probability (or logit, with <c>from_logits</c>) against its 0/1 label, averaged along <c>axis</c>; probabilities are clipped to [ε, 1 − ε]; <c>label_smoothing</c> moves labels towards 0.5.</summary>
public class BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1, string? reduction = "sum_over_batch_size", string name = "binary_crossentropy", string? dtype = null)
    : LossFunctionWrapper((t, p) => LossFunctions.BinaryCrossentropy(t, p, from_logits, label_smoothing, axis), reduction, name, dtype, "binary_crossentropy")
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

    private protected override Tensor? FusedMean(Tensor y_true, Tensor y_pred)
    {
        if (GetType() != typeof(BinaryCrossentropy) || (axis != -1 && axis != y_pred.dim() - 1)) return null;
        var (t, p) = LossFunctions.SameShape(y_true, y_pred);
        if (t is null || p is null) return null;
        if (label_smoothing != 0) t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing;
        return from_logits ? nn.functional.binary_cross_entropy_with_logits(p, t)
            : nn.functional.binary_cross_entropy(p.clamp(Backend.EngineScalars.Epsilon, Backend.EngineScalars.OneMinusEpsilon), t);
    }

    private protected override Func<Tensor, Tensor, Tensor>? FusedMeanFunction(Tensor y_pred)
    {
        if (GetType() != typeof(BinaryCrossentropy) || (axis != -1 && axis != y_pred.dim() - 1)) return null;
        double smoothing = label_smoothing;
        bool logits = from_logits;
        return (t, p) =>
        {
            if (smoothing != 0) t = t * (1.0 - smoothing) + 0.5 * smoothing;
            return logits ? nn.functional.binary_cross_entropy_with_logits(p, t)
                : nn.functional.binary_cross_entropy(p.clamp(Backend.EngineScalars.Epsilon, Backend.EngineScalars.OneMinusEpsilon), t);
        };
    }

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new BinaryCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "BinaryCrossentropy", "from_logits", "label_smoothing", "axis", "reduction", "name", "dtype");
        return new BinaryCrossentropy(
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            label_smoothing: ConfigValues.Num(config, "label_smoothing", 0.0),
            axis: ConfigValues.Int(config, "axis", -1),
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "binary_crossentropy") ?? "binary_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
