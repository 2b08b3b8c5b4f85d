namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.TruePositives</c>: the (weighted) number of true positives (label 1, prediction above the threshold), per threshold.</summary>
public class TruePositives(double[]? thresholds = null, string? name = null, string? dtype = null) : ConfusionMatrixConditionCount(thresholds, name, dtype)
{
    private protected override void Select(ConfusionMatrix.Targets targets, MetricVariable accumulator) => targets.TruePositives = accumulator;

    /// <summary>Rebuilds the metric from its config.</summary>
    public static TruePositives from_config(IDictionary<string, object?> config)
    {
        var (t, n, d) = Read(config, "TruePositives");
        return new TruePositives(t, n, d);
    }
}
