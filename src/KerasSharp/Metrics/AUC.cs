using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;
using static KerasSharp.Backend.EngineScalars;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.AUC</c>: the area under the ROC curve ("ROC"), the precision-recall
/// curve ("PR") or the precision-recall-gain curve ("PRGAIN"), from the confusion counts at
/// <c>num_thresholds</c> thresholds, summed by "interpolation" (for PR: Davis and Goadrich's
/// interpolation), "minoring" or "majoring". With <c>multi_label</c> each label (column) gets its
/// own curve and the AUCs are averaged (weighted by <c>label_weights</c> when given). Larger is
/// better (Direction "up").
/// </summary>
/// <remarks><c>curve</c> and <c>summation_method</c> are kept as Keras's strings (Keras's enums' values).</remarks>
public class AUC : Metric
{
    readonly bool initFromThresholds;
    readonly double[] thresholdValues; // with −ε and 1 + ε at the ends
    readonly bool evenly;
    readonly double[]? labelWeights;
    int numLabelsBuilt;

    /// <summary>Creates the metric.</summary>
    public AUC(int? num_thresholds = 200, string curve = "ROC", string summation_method = "interpolation", string? name = null, string? dtype = null,
        double[]? thresholds = null, bool multi_label = false, int? num_labels = null, double[]? label_weights = null, bool from_logits = false)
        : base(dtype, name)
    {
        Direction = "up";
        initFromThresholds = thresholds is not null;
        double[] inner;
        if (thresholds is not null)
        {
            this.num_thresholds = thresholds.Length + 2;
            inner = thresholds.OrderBy(t => t).ToArray();
            evenly = ConfusionMatrix.IsEvenlyDistributed(new[] { 0.0 }.Concat(inner).Append(1.0).ToArray());
        }
        else
        {
            int n = num_thresholds ?? throw new ArgumentException("Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=None");
            if (n <= 1) throw new ArgumentException($"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={n}");
            this.num_thresholds = n;
            inner = Enumerable.Range(0, n - 2).Select(i => (i + 1) * 1.0 / (n - 1)).ToArray();
            evenly = true;
        }
        thresholdValues = new[] { 0.0 - Loss.Epsilon }.Concat(inner).Append(1.0 + Loss.Epsilon).ToArray();
        this.curve = curve switch
        {
            "pr" or "PR" => "PR",
            "roc" or "ROC" => "ROC",
            "prgain" or "PRGAIN" => "PRGAIN",
            _ => throw new ArgumentException($"Invalid AUC curve value: \"{curve}\". Expected values are [\"PR\", \"ROC\", \"PRGAIN\"]"),
        };
        this.summation_method = summation_method switch
        {
            "interpolation" or "Interpolation" => "interpolation",
            "majoring" or "Majoring" => "majoring",
            "minoring" or "Minoring" => "minoring",
            _ => throw new ArgumentException($"Invalid AUC summation method value: \"{summation_method}\". Expected values are [\"interpolation\", \"majoring\", \"minoring\"]"),
        };
        this.multi_label = multi_label;
        this.num_labels = num_labels;
        labelWeights = label_weights?.ToArray();
        this.from_logits = from_logits;
        if (multi_label)
        {
            if (num_labels is int nl && nl > 0) Build(new long[] { -1, nl });
        }
        else
        {
            if (num_labels is int nl && nl > 0) throw new ArgumentException("`num_labels` is needed only when `multi_label` is True.");
            Build(null);
        }
    }

    /// <summary>The number of thresholds, the two end points included.</summary>
    public int num_thresholds { get; }
    /// <summary>"ROC", "PR" or "PRGAIN".</summary>
    public string curve { get; }
    /// <summary>"interpolation", "minoring" or "majoring".</summary>
    public string summation_method { get; }
    /// <summary>Whether each label gets its own curve.</summary>
    public bool multi_label { get; }
    /// <summary>The number of labels given at construction (multi_label), or null.</summary>
    public int? num_labels { get; }
    /// <summary>The label weights, or null.</summary>
    public IReadOnlyList<double>? label_weights => labelWeights;
    /// <summary>Whether y_pred holds logits (a sigmoid is applied first).</summary>
    public bool from_logits { get; }
    /// <summary>The thresholds, from −ε to 1 + ε.</summary>
    public IReadOnlyList<double> thresholds => thresholdValues;

    /// <summary>The true positives per threshold (and label). Null until built (multi_label without num_labels).</summary>
    public MetricVariable? true_positives { get; private set; }
    /// <summary>The false positives per threshold (and label).</summary>
    public MetricVariable? false_positives { get; private set; }
    /// <summary>The true negatives per threshold (and label).</summary>
    public MetricVariable? true_negatives { get; private set; }
    /// <summary>The false negatives per threshold (and label).</summary>
    public MetricVariable? false_negatives { get; private set; }

    void Build(long[]? shape)
    {
        long[] variableShape;
        if (multi_label)
        {
            if (shape!.Length != 2)
                throw new ArgumentException($"`y_pred` must have rank 2 when `multi_label=True`. Found rank {shape.Length}. " +
                    $"Full shape received for `y_pred`: {Utils.Shapes.Format(shape)}");
            numLabelsBuilt = (int)shape[1];
            variableShape = new long[] { num_thresholds, numLabelsBuilt };
        }
        else variableShape = new long[] { num_thresholds };
        true_positives = add_variable(variableShape, null, null, "sum", "true_positives");
        false_positives = add_variable(variableShape, null, null, "sum", "false_positives");
        true_negatives = add_variable(variableShape, null, null, "sum", "true_negatives");
        false_negatives = add_variable(variableShape, null, null, "sum", "false_negatives");
    }

    /// <summary>Adds the batch's confusion counts at every threshold.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        if (true_positives is null) Build(y_pred.shape);
        using var _ = torch.no_grad();
        var p = from_logits ? torch.sigmoid(y_pred) : y_pred;
        Tensor? lw = !multi_label && labelWeights is not null ? torch.tensor(labelWeights, dtype: ComputeDtype, device: y_pred.device) : null;
        var targets = new ConfusionMatrix.Targets
        {
            TruePositives = true_positives, TrueNegatives = true_negatives, FalsePositives = false_positives, FalseNegatives = false_negatives,
        };
        ConfusionMatrix.Update(targets, y_true, p, thresholdValues, true_positives!.dtype, sampleWeight: sample_weight, multiLabel: multi_label,
            labelWeights: lw, thresholdsDistributedEvenly: evenly);
    }

    // Numbers as engine scalars made once: a number passed where TorchSharp takes a Scalar is a
    // temporary that TorchSharp leaves to the finalizer (Backend.EngineScalars).
    static readonly Scalar Two = 2.0.ToScalar();

    Tensor Head(Tensor x) => x.narrow(0, 0, num_thresholds - 1);
    Tensor Tail(Tensor x) => x.narrow(0, 1, num_thresholds - 1);

    Tensor ByLabel(Tensor terms)
    {
        if (!multi_label) return terms.sum();
        var byLabel = terms.sum(0L);
        if (labelWeights is null) return byLabel.mean();
        var w = torch.tensor(labelWeights, dtype: byLabel.dtype, device: byLabel.device);
        return RankAlignment.DivideNoNan((byLabel * w).sum(), w.sum());
    }

    /// <summary>Keras's interpolate_pr_auc: the PR AUC by Davis and Goadrich's interpolation.</summary>
    public Tensor interpolate_pr_auc()
    {
        var tp = Built(true_positives).value;
        var fp = false_positives!.value;
        var fn = false_negatives!.value;
        var dtp = Head(tp) - Tail(tp);
        var p = Plus(tp, fp);
        var dp = Head(p) - Tail(p);
        var precSlope = RankAlignment.DivideNoNan(dtp, dp.clamp_min(Zero));
        var intercept = Tail(tp) - precSlope * Tail(p);
        var safeRatio = torch.where(Head(p).gt(Zero).logical_and(Tail(p).gt(Zero)), RankAlignment.DivideNoNan(Head(p), Tail(p).clamp_min(Zero)), torch.ones_like(Tail(p)));
        var increment = RankAlignment.DivideNoNan(precSlope * Plus(dtp, intercept * torch.log(safeRatio)), Plus(Tail(tp), Tail(fn)).clamp_min(Zero));
        return ByLabel(increment);
    }

    static MetricVariable Built(MetricVariable? v) =>
        v ?? throw new InvalidOperationException("AUC: update_state has not been called yet, so the number of labels (multi_label) is unknown.");

    /// <summary>The area under the curve.</summary>
    public override Tensor result()
    {
        if (curve == "PR" && summation_method == "interpolation") return interpolate_pr_auc();
        var tp = Built(true_positives).value;
        var fp = false_positives!.value;
        var tn = true_negatives!.value;
        var fn = false_negatives!.value;
        var recall = RankAlignment.DivideNoNan(tp, Plus(tp, fn));
        Tensor x, y;
        if (curve == "ROC")
        {
            x = RankAlignment.DivideNoNan(fp, Plus(fp, tn));
            y = recall;
        }
        else if (curve == "PR")
        {
            x = recall;
            y = RankAlignment.DivideNoNan(tp, Plus(tp, fp));
        }
        else
        {
            var scaling = RankAlignment.DivideNoNan(Plus(tp, fn), Plus(tn, fp));
            var recallGain = OneMinus(scaling * RankAlignment.DivideNoNan(fn, tp));
            var precisionGain = OneMinus(scaling * RankAlignment.DivideNoNan(fp, tp));
            var noTp = tp.eq(Zero);
            recallGain = torch.where(noTp, torch.zeros_like(recallGain), recallGain);
            precisionGain = torch.where(noTp, torch.ones_like(precisionGain), precisionGain);
            x = recallGain.clamp_min(Zero);
            y = precisionGain;
        }
        var heights = summation_method switch
        {
            "interpolation" => Plus(Head(y), Tail(y)).div(Two),
            "minoring" => torch.minimum(Head(y), Tail(y)),
            _ => torch.maximum(Head(y), Tail(y)),
        };
        return ByLabel((Head(x) - Tail(x)) * heights);
    }

    /// <summary>Zeroes the counts (nothing to do before they exist).</summary>
    public override void reset_state()
    {
        foreach (var v in variables) v.assign(0);
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["num_thresholds"] = num_thresholds;
        c["curve"] = curve;
        c["summation_method"] = summation_method;
        c["multi_label"] = multi_label;
        c["num_labels"] = num_labels;
        c["label_weights"] = labelWeights?.ToList();
        c["from_logits"] = from_logits;
        if (initFromThresholds) c["thresholds"] = thresholdValues.Skip(1).Take(thresholdValues.Length - 2).ToList();
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static AUC from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "AUC", "num_thresholds", "curve", "summation_method", "name", "dtype", "thresholds", "multi_label", "num_labels",
            "label_weights", "from_logits");
        return new AUC(ConfigValues.IntOrNull(config, "num_thresholds", 200), ConfigValues.Str(config, "curve", "ROC") ?? "ROC",
            ConfigValues.Str(config, "summation_method", "interpolation") ?? "interpolation", ConfigValues.Str(config, "name", null),
            ConfigValues.Str(config, "dtype", null), ConfigValues.Nums(config, "thresholds", null), ConfigValues.Bool(config, "multi_label", false),
            ConfigValues.IntOrNull(config, "num_labels", null), ConfigValues.Nums(config, "label_weights", null), ConfigValues.Bool(config, "from_logits", false));
    }
}
