using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.FBetaScore</c>: (1 + β²)·precision·recall / (β²·precision + recall)
/// for 2-D (batch, classes) inputs, per class (<c>average</c> null) or averaged ("micro",
/// "macro", "weighted"). Without <c>threshold</c> the largest prediction of each sample counts as
/// positive. Larger is better (Direction "up").
/// </summary>
public class FBetaScore : Metric
{
    static readonly string?[] Averages = { null, "micro", "macro", "weighted" };
    MetricVariable? tp, fp, fn, intermediateWeights;

    /// <summary>Creates the metric.</summary>
    public FBetaScore(string? average = null, double beta = 1.0, double? threshold = null, string name = "fbeta_score", string? dtype = null) : base(dtype, name)
    {
        Direction = "up";
        if (Array.IndexOf(Averages, average) < 0)
            throw new ArgumentException($"Invalid `average` argument value. Expected one of: {{None, 'micro', 'macro', 'weighted'}}. Received: average={average}");
        if (beta <= 0.0)
            throw new ArgumentException($"Invalid `beta` argument value. It should be > 0. Received: beta={PyFloat(beta)}");
        if (threshold is double th && (th > 1.0 || th <= 0.0))
            throw new ArgumentException($"Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold={PyFloat(th)}");
        this.average = average;
        this.beta = beta;
        this.threshold = threshold;
    }

    /// <summary>A float as Python prints it (1.0, -0.5).</summary>
    static string PyFloat(double d)
    {
        var s = d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') || s.Contains("Infinity") || s.Contains("NaN") ? s : s + ".0";
    }

    /// <summary>null (per class), "micro", "macro" or "weighted".</summary>
    public string? average { get; }
    /// <summary>The weight of recall relative to precision.</summary>
    public double beta { get; }
    /// <summary>The probability above which a prediction counts as positive, or null for the largest of each sample.</summary>
    public double? threshold { get; }

    void Build(long[] trueShape, long[] predShape)
    {
        if (predShape.Length != 2 || trueShape.Length != 2)
            throw new ArgumentException($"FBetaScore expects 2D inputs with shape (batch_size, output_dim). Received input shapes: " +
                $"y_pred.shape={Utils.Shapes.Format(predShape)} and y_true.shape={Utils.Shapes.Format(trueShape)}.");
        var shape = average != "micro" ? new[] { predShape[^1] } : Array.Empty<long>();
        tp = add_variable(shape, null, null, "sum", "true_positives");
        fp = add_variable(shape, null, null, "sum", "false_positives");
        fn = add_variable(shape, null, null, "sum", "false_negatives");
        intermediateWeights = add_variable(shape, null, null, "sum", "intermediate_weights");
    }

    /// <summary>Adds the batch's per-class counts.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        using var _ = torch.no_grad();
        var t = y_true.to(ComputeDtype, y_pred.device);
        var p = y_pred.to(ComputeDtype);
        if (tp is null) Build(t.shape, p.shape);
        Tensor positive = threshold is double th ? p > th : (p >= p.amax(new long[] { -1 }, keepdim: true)).logical_and(p.abs() > 1e-9);
        p = positive.to(ComputeDtype);
        var w = sample_weight?.to(ComputeDtype, t.device);
        Tensor Weighted(Tensor v)
        {
            if (w is not null) v = v * w.unsqueeze(1);
            return average != "micro" ? v.sum(0L) : v.sum();
        }
        tp!.assign_add(Weighted(p * t));
        fp!.assign_add(Weighted(p * (1 - t)));
        fn!.assign_add(Weighted((1 - p) * t));
        intermediateWeights!.assign_add(Weighted(t));
    }

    /// <summary>The score(s).</summary>
    public override Tensor result()
    {
        if (tp is null) throw new InvalidOperationException($"{class_name}.result(): update_state has not been called yet, so the number of classes is unknown.");
        var precision = tp.value / (tp.value + fp!.value + Loss.Epsilon);
        var recall = tp.value / (tp.value + fn!.value + Loss.Epsilon);
        var mul = precision * recall;
        var add = beta * beta * precision + recall;
        var f = mul / (add + Loss.Epsilon) * (1 + beta * beta);
        if (average == "weighted")
        {
            var weights = intermediateWeights!.value / (intermediateWeights.value.sum() + Loss.Epsilon);
            return (f * weights).sum();
        }
        return average is not null ? f.mean() : f;
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["average"] = average;
        c["beta"] = beta;
        c["threshold"] = threshold;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static FBetaScore from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "FBetaScore", "average", "beta", "threshold", "name", "dtype");
        return new FBetaScore(ConfigValues.Str(config, "average", null), ConfigValues.Num(config, "beta", 1.0), ConfigValues.NumOrNull(config, "threshold", null),
            ConfigValues.Str(config, "name", "fbeta_score") ?? "fbeta_score", ConfigValues.Str(config, "dtype", null));
    }
}
