using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>SensitivitySpecificityBase</c>: the base of the "X at Y" metrics. It keeps the
/// four confusion counts at <c>num_thresholds</c> evenly spaced thresholds in [0, 1] and reports
/// the best value of one rate among the thresholds where the other reaches <see cref="value"/>.
/// Larger is better (Direction "up").
/// </summary>
public abstract class SensitivitySpecificityBase : Metric
{
    readonly double[] thresholdValues;
    readonly bool evenly;

    /// <summary>Creates the metric.</summary>
    protected SensitivitySpecificityBase(double value, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null) : base(dtype, name)
    {
        Direction = "up";
        if (num_thresholds <= 0)
            throw new ArgumentException($"Argument `num_thresholds` must be an integer > 0. Received: num_thresholds={num_thresholds}");
        this.value = value;
        this.class_id = class_id;
        if (num_thresholds == 1)
        {
            thresholdValues = new[] { 0.5 };
            evenly = false;
        }
        else
        {
            thresholdValues = new double[num_thresholds];
            for (int i = 0; i < num_thresholds - 2; i++) thresholdValues[i + 1] = (i + 1) * 1.0 / (num_thresholds - 1);
            thresholdValues[^1] = 1.0;
            evenly = true;
        }
        var shape = new long[] { thresholdValues.Length };
        true_positives = add_variable(shape, null, null, "sum", "true_positives");
        false_positives = add_variable(shape, null, null, "sum", "false_positives");
        true_negatives = add_variable(shape, null, null, "sum", "true_negatives");
        false_negatives = add_variable(shape, null, null, "sum", "false_negatives");
    }

    /// <summary>The value the constrained rate must reach.</summary>
    public double value { get; }
    /// <summary>When set, only this class (last axis) is measured.</summary>
    public int? class_id { get; }
    /// <summary>The thresholds.</summary>
    public IReadOnlyList<double> thresholds => thresholdValues;
    /// <summary>The true positives per threshold.</summary>
    public MetricVariable true_positives { get; }
    /// <summary>The false positives per threshold.</summary>
    public MetricVariable false_positives { get; }
    /// <summary>The true negatives per threshold.</summary>
    public MetricVariable true_negatives { get; }
    /// <summary>The false negatives per threshold.</summary>
    public MetricVariable false_negatives { get; }

    /// <summary>Adds the batch's four counts at every threshold.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        var targets = new ConfusionMatrix.Targets
        {
            TruePositives = true_positives, TrueNegatives = true_negatives, FalsePositives = false_positives, FalseNegatives = false_negatives,
        };
        ConfusionMatrix.Update(targets, y_true, y_pred, thresholdValues, true_positives.dtype, classId: class_id, sampleWeight: sample_weight,
            thresholdsDistributedEvenly: evenly);
    }

    /// <summary>tp / (tp + fn) per threshold.</summary>
    private protected Tensor Recalls() => RankAlignment.DivideNoNan(true_positives.value, Backend.EngineScalars.Plus(true_positives.value, false_negatives.value));
    /// <summary>tn / (tn + fp) per threshold.</summary>
    private protected Tensor Specificities() => RankAlignment.DivideNoNan(true_negatives.value, Backend.EngineScalars.Plus(true_negatives.value, false_positives.value));
    /// <summary>tp / (tp + fp) per threshold.</summary>
    private protected Tensor Precisions() => RankAlignment.DivideNoNan(true_positives.value, Backend.EngineScalars.Plus(true_positives.value, false_positives.value));

    /// <summary>Keras's _find_max_under_constraint: the largest dependent value where constrained ≥ value (0 when none).</summary>
    private protected Tensor MaxUnderConstraint(Tensor constrained, Tensor dependent)
    {
        var feasible = constrained >= value;
        return torch.where(feasible, dependent, torch.zeros_like(dependent)).max().clamp_min(0);
    }

    /// <summary>Keras's config: name, dtype and class_id (subclasses add theirs).</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["class_id"] = class_id;
        return c;
    }

    private protected static double CheckRange(double v, string argument)
    {
        if (v < 0 || v > 1) throw new ArgumentException($"Argument `{argument}` must be in the range [0, 1]. Received: {argument}={v.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return v;
    }

    private protected static (int numThresholds, int? classId, string? name, string? dtype) Read(IDictionary<string, object?> config, string className, string valueKey)
    {
        ConfigValues.Check(config, className, valueKey, "num_thresholds", "class_id", "name", "dtype");
        return (ConfigValues.Int(config, "num_thresholds", 200), ConfigValues.IntOrNull(config, "class_id", null), ConfigValues.Str(config, "name", null),
            ConfigValues.Str(config, "dtype", null));
    }
}
