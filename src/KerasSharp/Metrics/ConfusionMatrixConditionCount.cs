using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>_ConfusionMatrixConditionCount</c>: the base of <see cref="TruePositives"/>,
/// <see cref="FalsePositives"/>, <see cref="TrueNegatives"/> and <see cref="FalseNegatives"/>: a
/// (weighted) count per threshold, a prediction above the threshold counting as positive.
/// </summary>
public abstract class ConfusionMatrixConditionCount : Metric
{
    readonly MetricVariable accumulator;
    readonly double[]? initThresholds;
    readonly double[] thresholdValues;
    readonly bool evenly;

    /// <summary>Creates the count (thresholds each in [0, 1]; null means 0.5; one threshold is <c>new[] { t }</c>, where Python also takes a bare float).</summary>
    protected ConfusionMatrixConditionCount(double[]? thresholds, string? name, string? dtype) : base(dtype, name)
    {
        initThresholds = thresholds?.ToArray();
        thresholdValues = ConfusionMatrix.ParseThresholds(thresholds, 0.5);
        evenly = ConfusionMatrix.IsEvenlyDistributed(thresholdValues);
        accumulator = add_variable(new long[] { thresholdValues.Length }, null, null, "sum", "accumulator");
    }

    /// <summary>The thresholds.</summary>
    public IReadOnlyList<double> thresholds => thresholdValues;

    /// <summary>Sets which count this metric keeps.</summary>
    private protected abstract void Select(ConfusionMatrix.Targets targets, MetricVariable accumulator);

    /// <summary>Adds the batch's (weighted) count for each threshold.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        var targets = new ConfusionMatrix.Targets();
        Select(targets, accumulator);
        ConfusionMatrix.Update(targets, y_true, y_pred, thresholdValues, accumulator.dtype, sampleWeight: sample_weight, thresholdsDistributedEvenly: evenly);
    }

    /// <summary>The count: a scalar for one threshold, else one count per threshold.</summary>
    public override Tensor result() => thresholdValues.Length == 1 ? accumulator.value[0].clone() : accumulator.value.clone();

    /// <summary>Keras's config: name, dtype and thresholds as given.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["thresholds"] = initThresholds?.ToList();
        return c;
    }

    private protected static (double[]? thresholds, string? name, string? dtype) Read(IDictionary<string, object?> config, string className)
    {
        ConfigValues.Check(config, className, "thresholds", "name", "dtype");
        return (ConfigValues.Nums(config, "thresholds", null), ConfigValues.Str(config, "name", null), ConfigValues.Str(config, "dtype", null));
    }
}
