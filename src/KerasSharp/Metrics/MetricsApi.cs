using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary><c>keras.metrics</c>.</summary>
public sealed class MetricsApi
{
    internal static readonly MetricsApi Instance = new();

    static readonly Utils.Registry<Metric> registry = new Utils.Registry<Metric>("metric")
        .Add(() => new AutoAccuracy("accuracy"), "accuracy")
        .Add(() => new AutoAccuracy("acc"), "acc")
        .Add(() => Instance.BinaryAccuracy(), "binary_accuracy", "BinaryAccuracy")
        .Add(() => Instance.CategoricalAccuracy(), "categorical_accuracy", "CategoricalAccuracy")
        .Add(() => Instance.SparseCategoricalAccuracy(), "sparse_categorical_accuracy", "SparseCategoricalAccuracy")
        .Add(() => Instance.TopKCategoricalAccuracy(), "top_k_categorical_accuracy", "TopKCategoricalAccuracy")
        .Add(() => Instance.SparseTopKCategoricalAccuracy(), "sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy")
        .Add(() => Instance.MeanAbsoluteError(), "mae", "mean_absolute_error", "MeanAbsoluteError")
        .Add(() => Instance.MeanSquaredError(), "mse", "mean_squared_error", "MeanSquaredError");

    /// <summary>The metric for a name, or an error that lists the known names.</summary>
    public static Metric Get(string name)
    {
        var m = registry.Get(name);
        // Keras names a metric given as a string by that string ("mae" stays "mae" in the logs).
        return m is AutoAccuracy || m.name == name ? m : new Metric(name, m.class_name, m.PerSample);
    }

    /// <summary>keras.metrics.get: the metric for a name, or an error that lists the known names.</summary>
    public Metric get(string identifier) => Get(identifier);

    static Tensor PerRow(Tensor v) => v.dim() <= 1 ? v : v.reshape(v.shape[0], -1).mean(new long[] { 1 });

    /// <summary>Share of predictions on the right side of the threshold (0.5).</summary>
    public Metric BinaryAccuracy(double threshold = 0.5) => new("binary_accuracy", "BinaryAccuracy",
        (t, p) => PerRow((Losses.Loss.Align(t, p) == (p > threshold).to(p.dtype)).to(p.dtype)));

    /// <summary>argmax(y_true) == argmax(y_pred).</summary>
    public Metric CategoricalAccuracy() => new("categorical_accuracy", "CategoricalAccuracy",
        (t, p) => (t.argmax(-1) == p.argmax(-1)).to(p.dtype));

    /// <summary>y_true (class index) == argmax(y_pred).</summary>
    public Metric SparseCategoricalAccuracy() => new("sparse_categorical_accuracy", "SparseCategoricalAccuracy",
        (t, p) => ((t.dim() == p.dim() ? t.squeeze(-1) : t).to(int64) == p.argmax(-1)).to(p.dtype));

    /// <summary>argmax(y_true) is among the k largest predictions (k = 5); ties at the k-th value count, as in Keras's in_top_k.</summary>
    public Metric TopKCategoricalAccuracy(int k = 5) => new("top_k_categorical_accuracy", "TopKCategoricalAccuracy",
        (t, p) => InTopK(t.argmax(-1), p, k));

    /// <summary>The class index y_true is among the k largest predictions (k = 5); ties at the k-th value count.</summary>
    public Metric SparseTopKCategoricalAccuracy(int k = 5) => new("sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy",
        (t, p) => InTopK((t.dim() == p.dim() ? t.squeeze(-1) : t).to(int64), p, k));

    // Keras's in_top_k: the target's prediction is at least the k-th largest prediction.
    static Tensor InTopK(Tensor target, Tensor p, int k)
    {
        var kth = p.topk(Math.Min(k, (int)p.shape[^1]), -1).values.narrow(-1, Math.Min(k, (int)p.shape[^1]) - 1, 1);
        return (p.gather(-1, target.unsqueeze(-1)) >= kth).squeeze(-1).to(p.dtype);
    }

    /// <summary>Mean absolute error.</summary>
    public Metric MeanAbsoluteError() => new("mean_absolute_error", "MeanAbsoluteError",
        (t, p) => PerRow((Losses.Loss.Align(t, p) - p).abs()));

    /// <summary>Mean squared error.</summary>
    public Metric MeanSquaredError() => new("mean_squared_error", "MeanSquaredError",
        (t, p) => PerRow((Losses.Loss.Align(t, p) - p).square()));
}
