using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.SparseTopKCategoricalAccuracy</c>: how often the integer label is among the <c>k</c> largest predictions (or, with <c>from_sorted_ids</c>, among the first k ids of y_pred). Larger is better (Direction "up").</summary>
public class SparseTopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy", string? dtype = null, bool from_sorted_ids = false)
        : base((t, p) => MetricFunctions.SparseTopKCategoricalAccuracy(t, p, k, from_sorted_ids), name, dtype, "sparse_top_k_categorical_accuracy")
    {
        this.k = k;
        this.from_sorted_ids = from_sorted_ids;
        Direction = "up";
    }

    /// <summary>How many of the largest predictions count.</summary>
    public int k { get; }
    /// <summary>True when y_pred holds class ids sorted by score rather than scores.</summary>
    public bool from_sorted_ids { get; }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["k"] = k;
        if (from_sorted_ids) c["from_sorted_ids"] = true;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new SparseTopKCategoricalAccuracy from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "SparseTopKCategoricalAccuracy", "k", "name", "dtype", "from_sorted_ids");
        return new SparseTopKCategoricalAccuracy(
            k: ConfigValues.Int(config, "k", 5),
            name: ConfigValues.Str(config, "name", "sparse_top_k_categorical_accuracy") ?? "sparse_top_k_categorical_accuracy",
            dtype: ConfigValues.Str(config, "dtype", null),
            from_sorted_ids: ConfigValues.Bool(config, "from_sorted_ids", false));
    }
}
