using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.F1Score</c>: <see cref="FBetaScore"/> with β = 1.</summary>
public class F1Score(string? average = null, double? threshold = null, string name = "f1_score", string? dtype = null)
    : FBetaScore(average, 1.0, threshold, name, dtype)
{
    /// <summary>Keras's config for this metric (FBetaScore's without beta).</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c.Remove("beta");
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static new F1Score from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "F1Score", "average", "threshold", "name", "dtype");
        return new F1Score(ConfigValues.Str(config, "average", null), ConfigValues.NumOrNull(config, "threshold", null),
            ConfigValues.Str(config, "name", "f1_score") ?? "f1_score", ConfigValues.Str(config, "dtype", null));
    }
}
