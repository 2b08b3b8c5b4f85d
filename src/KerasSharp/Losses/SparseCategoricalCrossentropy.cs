namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.SparseCategoricalCrossentropy</c>: −log(y_pred[label]) with integer class labels (probabilities renormalized and clipped, or log_softmax with <c>from_logits</c>); labels equal to <c>ignore_class</c> count 0 and are masked out of the reduction. Like Keras, its config leaves out <c>axis</c>.</summary>
public class SparseCategoricalCrossentropy(bool from_logits = false, int? ignore_class = null, string? reduction = "sum_over_batch_size", int axis = -1, string name = "sparse_categorical_crossentropy", string? dtype = null)
    : LossFunctionWrapper((t, p) => LossFunctions.SparseCategoricalCrossentropy(t, p, from_logits, ignore_class, axis), reduction, name, dtype, "sparse_categorical_crossentropy")
{
    /// <summary>True when y_pred holds logits rather than probabilities.</summary>
    public bool from_logits { get; } = from_logits;
    /// <summary>The label value left out of the loss, or null.</summary>
    public int? ignore_class { get; } = ignore_class;
    /// <summary>The class axis.</summary>
    public int axis { get; } = axis;

    /// <inheritdoc />
    public override bool IsSparse => true;

    /// <summary>Keras's config for this loss.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = LossConfig();
        c["from_logits"] = from_logits;
        c["ignore_class"] = ignore_class;
        return c;
    }

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new SparseCategoricalCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "SparseCategoricalCrossentropy", "from_logits", "ignore_class", "reduction", "axis", "name", "dtype");
        return new SparseCategoricalCrossentropy(
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            ignore_class: ConfigValues.IntOrNull(config, "ignore_class", null),
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            axis: ConfigValues.Int(config, "axis", -1),
            name: ConfigValues.Str(config, "name", "sparse_categorical_crossentropy") ?? "sparse_categorical_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
