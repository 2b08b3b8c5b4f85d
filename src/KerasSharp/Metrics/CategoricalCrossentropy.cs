using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.CategoricalCrossentropy</c>: the mean of Keras's categorical_crossentropy. Smaller is better (Direction "down").</summary>
public class CategoricalCrossentropy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public CategoricalCrossentropy(string name = "categorical_crossentropy", string? dtype = null, bool from_logits = false, double label_smoothing = 0, int axis = -1)
        : base((t, p) => LossFunctions.CategoricalCrossentropy(t, p, from_logits, label_smoothing, axis), name, dtype, "categorical_crossentropy")
    {
        this.from_logits = from_logits;
        this.label_smoothing = label_smoothing;
        this.axis = axis;
        Direction = "down";
    }

    /// <summary>True when y_pred holds logits.</summary>
    public bool from_logits { get; }
    /// <summary>How far labels are moved towards uniform.</summary>
    public double label_smoothing { get; }
    /// <summary>The class axis.</summary>
    public int axis { get; }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["from_logits"] = from_logits;
        c["label_smoothing"] = label_smoothing;
        c["axis"] = axis;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new CategoricalCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CategoricalCrossentropy", "name", "dtype", "from_logits", "label_smoothing", "axis");
        return new CategoricalCrossentropy(
            name: ConfigValues.Str(config, "name", "categorical_crossentropy") ?? "categorical_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null),
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            label_smoothing: ConfigValues.Num(config, "label_smoothing", 0),
            axis: ConfigValues.Int(config, "axis", -1));
    }
}
