using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.Precision</c>: tp / (tp + fp): the share of predicted positives (above the threshold, or among the top_k) that are positive, per threshold, optionally for one class
/// (<c>class_id</c>). Larger is better (Direction "up").
/// </summary>
public class Precision : Metric
{
    readonly double[]? initThresholds;
    readonly double[] thresholdValues;
    readonly bool evenly;

    /// <summary>Creates the metric.</summary>
    /// <param name="thresholds">Thresholds in [0, 1] (null: 0.5, or none with top_k). One threshold is <c>new[] { t }</c> (Python also takes a bare float).</param>
    /// <param name="top_k">When set, only the k largest predictions of each sample count as positive.</param>
    /// <param name="class_id">When set, only this class (last axis) is measured.</param>
    /// <param name="name">The metric's name (null: "precision", then "precision_1", ...).</param>
    /// <param name="dtype">The state's dtype.</param>
    public Precision(double[]? thresholds = null, int? top_k = null, int? class_id = null, string? name = null, string? dtype = null) : base(dtype, name)
    {
        Direction = "up";
        initThresholds = thresholds?.ToArray();
        this.top_k = top_k;
        this.class_id = class_id;
        thresholdValues = ConfusionMatrix.ParseThresholds(thresholds, top_k is null ? 0.5 : ConfusionMatrix.NegInf);
        evenly = ConfusionMatrix.IsEvenlyDistributed(thresholdValues);
        true_positives = add_variable(new long[] { thresholdValues.Length }, null, null, "sum", "true_positives");
        false_positives = add_variable(new long[] { thresholdValues.Length }, null, null, "sum", "false_positives");
    }

    /// <summary>The thresholds.</summary>
    public IReadOnlyList<double> thresholds => thresholdValues;
    /// <summary>When set, only the k largest predictions of each sample count as positive.</summary>
    public int? top_k { get; }
    /// <summary>When set, only this class is measured.</summary>
    public int? class_id { get; }
    /// <summary>The true positives per threshold.</summary>
    public MetricVariable true_positives { get; }
    /// <summary>The false positives per threshold.</summary>
    public MetricVariable false_positives { get; }

    /// <summary>Adds the batch's counts.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        var targets = new ConfusionMatrix.Targets { TruePositives = true_positives, FalsePositives = false_positives };
        ConfusionMatrix.Update(targets, y_true, y_pred, thresholdValues, true_positives.dtype, top_k, class_id, sample_weight,
            thresholdsDistributedEvenly: evenly);
    }

    /// <summary>The precision: a scalar for one threshold, else one value per threshold.</summary>
    public override Tensor result()
    {
        var r = RankAlignment.DivideNoNan(true_positives.value, Backend.EngineScalars.Plus(true_positives.value, false_positives.value));
        return thresholdValues.Length == 1 ? r[0] : r;
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["thresholds"] = initThresholds?.ToList();
        c["top_k"] = top_k;
        c["class_id"] = class_id;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static Precision from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "Precision", "thresholds", "top_k", "class_id", "name", "dtype");
        return new Precision(ConfigValues.Nums(config, "thresholds", null), ConfigValues.IntOrNull(config, "top_k", null),
            ConfigValues.IntOrNull(config, "class_id", null), ConfigValues.Str(config, "name", null), ConfigValues.Str(config, "dtype", null));
    }
}
