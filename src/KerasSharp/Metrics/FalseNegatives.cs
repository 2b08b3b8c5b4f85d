namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.FalseNegatives</c>: the (weighted) number of false negatives (label 1, prediction at or below the threshold), per threshold.</summary>
public class FalseNegatives(double[]? thresholds = null, string? name = null, string? dtype = null) : ConfusionMatrixConditionCount(thresholds, name, dtype)
{
    private protected override void Select(ConfusionMatrix.Targets targets, MetricVariable accumulator) => targets.FalseNegatives = accumulator;

    /// <summary>Rebuilds the metric from its config.</summary>
    public static FalseNegatives from_config(IDictionary<string, object?> config)
    {
        var (t, n, d) = Read(config, "FalseNegatives");
        return new FalseNegatives(t, n, d);
    }
}
