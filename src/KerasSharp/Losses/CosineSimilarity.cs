namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.CosineSimilarity</c>: −Σ l2_normalize(y_true)·l2_normalize(y_pred) along <c>axis</c> (−1 for identical directions). Like Keras, its config leaves out <c>axis</c>.</summary>
public class CosineSimilarity(int axis = -1, string? reduction = "sum_over_batch_size", string name = "cosine_similarity", string? dtype = null)
    : LossFunctionWrapper((t, p) => LossFunctions.CosineSimilarity(t, p, axis), reduction, name, dtype, "cosine_similarity")
{
    /// <summary>The class axis.</summary>
    public int axis { get; } = axis;

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new CosineSimilarity from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "CosineSimilarity", "axis", "reduction", "name", "dtype");
        return new CosineSimilarity(
            axis: ConfigValues.Int(config, "axis", -1),
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "cosine_similarity") ?? "cosine_similarity",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
