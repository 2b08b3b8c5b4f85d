using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.CosineSimilarity</c>: the mean cosine similarity of y_true and y_pred along <c>axis</c> (1 for identical directions). Like Keras, its config leaves out <c>axis</c>. Larger is better (Direction "up").</summary>
public class CosineSimilarity : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public CosineSimilarity(string name = "cosine_similarity", string? dtype = null, int axis = -1)
        : base((t, p) => MetricFunctions.CosineSimilarity(t, p, axis), name, dtype, "cosine_similarity")
    {
        this.axis = axis;
        Direction = "up";
    }

    /// <summary>The axis along which the similarity is computed.</summary>
    public int axis { get; }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new CosineSimilarity from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CosineSimilarity", "name", "dtype", "axis");
        return new CosineSimilarity(
            name: ConfigValues.Str(config, "name", "cosine_similarity") ?? "cosine_similarity",
            dtype: ConfigValues.Str(config, "dtype", null),
            axis: ConfigValues.Int(config, "axis", -1));
    }
}
