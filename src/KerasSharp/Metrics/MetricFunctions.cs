using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's metric functions (keras.metrics.binary_accuracy, ...): one value per sample, as
/// Keras 3.15 computes them. The public entry points are the methods of <c>keras.metrics</c>.
/// </summary>
internal static class MetricFunctions
{
    static Tensor Float(Tensor matches) => matches.to(float32);

    public static Tensor Accuracy(Tensor y_true, Tensor y_pred)
    {
        var t = y_true.dtype == y_pred.dtype ? y_true : y_true.to(y_pred.dtype);
        var (a, b) = RankAlignment.SqueezeOrExpand(t, y_pred);
        return Float(a == b);
    }

    // The default threshold as a scalar made once (see Backend.EngineScalars).
    static readonly TorchSharp.Scalar Half = 0.5.ToScalar();

    public static Tensor BinaryAccuracy(Tensor y_true, Tensor y_pred, double threshold = 0.5)
    {
        var (t, p) = RankAlignment.SqueezeOrExpand(y_true, y_pred);
        var predicted = (threshold == 0.5 ? p > Half : p > threshold).to(t.dtype);
        return Float(t == predicted);
    }

    public static Tensor CategoricalAccuracy(Tensor y_true, Tensor y_pred)
    {
        var pred = RankAlignment.Floating(y_pred);
        var t = y_true.argmax(-1).to(pred.dtype);
        var orgShape = t.shape;
        bool reshape = false;
        if (t.dim() == pred.dim())
        {
            t = t.squeeze(-1);
            reshape = true;
        }
        var p = pred.argmax(-1).to(t.dtype);
        var matches = Float(t == p);
        return reshape ? matches.reshape(orgShape) : matches;
    }

    public static Tensor SparseCategoricalAccuracy(Tensor y_true, Tensor y_pred)
    {
        var pred = RankAlignment.Floating(y_pred);
        var t = y_true.dtype == pred.dtype ? y_true : y_true.to(pred.dtype);
        var orgShape = t.shape;
        bool reshape = false;
        if (t.dim() == pred.dim() && t.shape[^1] == 1)
        {
            t = t.squeeze(-1);
            reshape = true;
        }
        var p = pred.argmax(-1).to(t.dtype);
        var matches = Float(t == p);
        if (reshape) matches = matches.reshape(orgShape);
        if (matches.dim() > 1 && matches.shape[^1] == 1) matches = matches.squeeze(-1);
        return matches;
    }

    /// <summary>Keras's in_top_k: the target's prediction is at least the k-th largest prediction (ties count).</summary>
    static Tensor InTopK(Tensor targets, Tensor predictions, int k)
    {
        int kk = (int)Math.Min(k, predictions.shape[^1]);
        var topk = predictions.topk(kk, -1).values;
        var targetValues = predictions.gather(-1, targets.to(int64).unsqueeze(-1));
        return (targetValues >= topk).any(-1);
    }

    public static Tensor TopKCategoricalAccuracy(Tensor y_true, Tensor y_pred, int k = 5)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = y_true.argmax(-1);
        var orgShape = t.shape;
        bool reshape = false;
        if (p.dim() > 2) p = p.reshape(-1, p.shape[^1]);
        if (t.dim() > 1)
        {
            reshape = true;
            t = t.reshape(-1);
        }
        var matches = Float(InTopK(t, p, k));
        return reshape ? matches.reshape(orgShape) : matches;
    }

    public static Tensor SparseTopKCategoricalAccuracy(Tensor y_true, Tensor y_pred, int k = 5, bool from_sorted_ids = false)
    {
        var p = from_sorted_ids ? y_pred : RankAlignment.Floating(y_pred);
        var t = from_sorted_ids ? y_true.to(p.dtype) : y_true.to(int64);
        var orgShape = t.shape;
        bool reshape = false;
        if (p.dim() > 2) p = p.reshape(-1, p.shape[^1]);
        if (t.dim() > 1)
        {
            reshape = true;
            t = t.reshape(-1);
        }
        Tensor matches;
        if (from_sorted_ids)
        {
            int kk = (int)Math.Min(k, p.shape[^1]);
            matches = (t.unsqueeze(1) == p.narrow(1, 0, kk)).any(1);
        }
        else matches = InTopK(t, p, k);
        var m = Float(matches);
        return reshape ? m.reshape(orgShape) : m;
    }

    /// <summary>The metric form: Σ normalize(y_true)·normalize(y_pred) along axis (1 for identical directions).</summary>
    public static Tensor CosineSimilarity(Tensor y_true, Tensor y_pred, int axis = -1)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = y_true.dtype == p.dtype ? y_true : y_true.to(p.dtype);
        (t, p) = RankAlignment.SqueezeOrExpand(t, p);
        return (LossFunctions.L2Normalize(t, axis) * LossFunctions.L2Normalize(p, axis)).sum(axis);
    }
}
