using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.BinaryCrossentropy</c>: the mean of Keras's binary_crossentropy. Smaller is better (Direction "down").</summary>
public class BinaryCrossentropy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public BinaryCrossentropy(string name = "binary_crossentropy", string? dtype = null, bool from_logits = false, double label_smoothing = 0)
        : base((t, p) => LossFunctions.BinaryCrossentropy(t, p, from_logits, label_smoothing), name, dtype, "binary_crossentropy")
    {
        this.from_logits = from_logits;
        this.label_smoothing = label_smoothing;
        Direction = "down";
    }

    /// <summary>True when y_pred holds logits.</summary>
    public bool from_logits { get; }
    /// <summary>How far labels are moved towards 0.5.</summary>
    public double label_smoothing { get; }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["from_logits"] = from_logits;
        c["label_smoothing"] = label_smoothing;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new BinaryCrossentropy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "BinaryCrossentropy", "name", "dtype", "from_logits", "label_smoothing");
        return new BinaryCrossentropy(
            name: ConfigValues.Str(config, "name", "binary_crossentropy") ?? "binary_crossentropy",
            dtype: ConfigValues.Str(config, "dtype", null),
            from_logits: ConfigValues.Bool(config, "from_logits", false),
            label_smoothing: ConfigValues.Num(config, "label_smoothing", 0));
    }
}
