using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.SparseCategoricalCrossentropy</c>: the mean of Keras's sparse_categorical_crossentropy (labels equal to <c>ignore_class</c> count 0 and, with sample weights, weigh nothing). Smaller is better (Direction "down").</summary>
public class SparseCategoricalCrossentropy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public SparseCategoricalCrossentropy(string name = "sparse_categorical_crossentropy", string? dtype = null, bool from_logits = false, int? ignore_class = null, int axis = -1)
        : base((t, p) => LossFunctions.SparseCategoricalCrossentropy(t, p, from_logits, ignore_class, axis), name, dtype, "sparse_categorical_crossentropy")
    {
        this.from_logits = from_logits;
        this.ignore_class = ignore_class;
        this.axis = axis;
        Direction = "down";
    }

    /// <summary>True when y_pred holds logits.</summary>
    public bool from_logits { get; }
    /// <summary>The label value left out, or null.</summary>
    public int? ignore_class { get; }
    /// <summary>The class axis.</summary>
    public int axis { get; }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["from_logits"] = from_logits;
        c["ignore_class"] = ignore_class;
        c["axis"] = axis;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new SparseCategoricalCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "SparseCategoricalCrossentropy", "name", "dtype", "from_logits", "ignore_class", "axis");
        return new SparseCategoricalCrossentropy(
            name: ConfigValues.Str(config, "name", "sparse_categorical_crossentropy") ?? "sparse_categorical_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null),
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            ignore_class: ConfigValues.IntOrNull(config, "ignore_class", null),
            axis: ConfigValues.Int(config, "axis", -1));
    }
}
