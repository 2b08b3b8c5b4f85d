namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.TrueNegatives</c>: the (weighted) number of true negatives (label 0, prediction at or below the threshold), per threshold.</summary>
public class TrueNegatives(double[]? thresholds = null, string? name = null, string? dtype = null) : ConfusionMatrixConditionCount(thresholds, name, dtype)
{
    private protected override void Select(ConfusionMatrix.Targets targets, MetricVariable accumulator) => targets.TrueNegatives = accumulator;

    /// <summary>Rebuilds the metric from its config.</summary>
    public static TrueNegatives from_config(IDictionary<string, object?> config)
    {
        var (t, n, d) = Read(config, "TrueNegatives");
        return new TrueNegatives(t, n, d);
    }
}
