using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.R2Score</c>: the coefficient of determination of 2-D
/// (batch, outputs) targets, per output or aggregated ("uniform_average",
/// "variance_weighted_average", or null for one score per output), optionally adjusted for
/// <c>num_regressors</c>. Larger is better (Direction "up").
/// </summary>
public class R2Score : Metric
{
    static readonly string?[] Aggregations = { null, "uniform_average", "variance_weighted_average" };
    readonly MetricVariable numSamples;
    MetricVariable? squaredSum, sum, totalMse, count;

    /// <summary>Creates the metric.</summary>
    public R2Score(string? class_aggregation = "uniform_average", int num_regressors = 0, string name = "r2_score", string? dtype = null) : base(dtype, name)
    {
        Direction = "up";
        if (Array.IndexOf(Aggregations, class_aggregation) < 0)
            throw new ArgumentException("Invalid value for argument `class_aggregation`. Expected one of (None, 'uniform_average', " +
                $"'variance_weighted_average'). Received: class_aggregation={class_aggregation}");
        if (num_regressors < 0)
            throw new ArgumentException($"Invalid value for argument `num_regressors`. Expected a value >= 0. Received: num_regressors={num_regressors}");
        this.class_aggregation = class_aggregation;
        this.num_regressors = num_regressors;
        numSamples = add_variable(Array.Empty<long>(), null, null, "sum", "num_samples");
    }

    /// <summary>"uniform_average", "variance_weighted_average", or null (one score per output).</summary>
    public string? class_aggregation { get; }
    /// <summary>The number of independent regressors of the adjusted R² (0: plain R²).</summary>
    public int num_regressors { get; }

    void Build(long[] trueShape, long[] predShape)
    {
        if (predShape.Length != 2 || trueShape.Length != 2)
            throw new ArgumentException("R2Score expects 2D inputs with shape (batch_size, output_dim). Received input shapes: " +
                $"y_pred.shape={Utils.Shapes.Format(predShape)} and y_true.shape={Utils.Shapes.Format(trueShape)}.");
        var shape = new[] { predShape[^1] };
        squaredSum = add_variable(shape, null, null, "sum", "squared_sum");
        sum = add_variable(shape, null, null, "sum", "sum");
        totalMse = add_variable(shape, null, null, "sum", "residual");
        count = add_variable(shape, null, null, "sum", "count");
    }

    /// <summary>Adds the batch to the per-output sums.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        using var _ = torch.no_grad();
        var (t, p) = RankAlignment.SqueezeOrExpand(y_true.to(ComputeDtype, y_pred.device), y_pred.to(ComputeDtype));
        if (squaredSum is null) Build(t.shape, p.shape);
        var w = sample_weight is null ? torch.ones(new long[0], dtype: ComputeDtype, device: t.device) : sample_weight.to(ComputeDtype, t.device);
        if (w.dim() == 1) w = w.unsqueeze(1);
        w = w.broadcast_to(t.shape);
        var weightedTrue = t * w;
        sum!.assign_add(weightedTrue.sum(0L));
        squaredSum!.assign_add((t * weightedTrue).sum(0L));
        totalMse!.assign_add((Backend.EngineScalars.Square(t - p) * w).sum(0L));
        count!.assign_add(w.sum(0L));
        numSamples.assign_add(t.numel());
    }

    /// <summary>The R² score(s).</summary>
    public override Tensor result()
    {
        if (squaredSum is null)
            throw new InvalidOperationException("R2Score.result(): update_state has not been called yet, so the number of outputs is unknown.");
        var mean = sum!.value / count!.value;
        var total = squaredSum.value - sum.value * mean;
        var raw = 1 - totalMse!.value / total;
        raw = torch.where(raw.isinf(), torch.zeros_like(raw), raw);
        Tensor r2 = class_aggregation switch
        {
            "uniform_average" => raw.mean(),
            "variance_weighted_average" => (total * raw).sum() / total.sum(),
            _ => raw,
        };
        if (num_regressors != 0)
        {
            // Keras compares the sample count on the host here too.
            double n = numSamples.value.to(ScalarType.Float64).item<double>();
            if (num_regressors < n - 1)
                r2 = 1.0 - (1.0 - r2) * (n - 1.0) / (n - num_regressors - 1.0);
        }
        return r2;
    }

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = MetricConfig();
        c["class_aggregation"] = class_aggregation;
        c["num_regressors"] = num_regressors;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static R2Score from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "R2Score", "class_aggregation", "num_regressors", "name", "dtype");
        return new R2Score(ConfigValues.Str(config, "class_aggregation", "uniform_average"), ConfigValues.Int(config, "num_regressors", 0),
            ConfigValues.Str(config, "name", "r2_score") ?? "r2_score", ConfigValues.Str(config, "dtype", null));
    }
}
