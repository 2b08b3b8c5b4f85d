namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.FalsePositives</c>: the (weighted) number of false positives (label 0, prediction above the threshold), per threshold.</summary>
public class FalsePositives(double[]? thresholds = null, string? name = null, string? dtype = null) : ConfusionMatrixConditionCount(thresholds, name, dtype)
{
    private protected override void Select(ConfusionMatrix.Targets targets, MetricVariable accumulator) => targets.FalsePositives = accumulator;

    /// <summary>Rebuilds the metric from its config.</summary>
    public static FalsePositives from_config(IDictionary<string, object?> config)
    {
        var (t, n, d) = Read(config, "FalsePositives");
        return new FalsePositives(t, n, d);
    }
}
