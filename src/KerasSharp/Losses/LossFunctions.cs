using TorchSharp;
using static TorchSharp.torch;
using static KerasSharp.Backend.EngineScalars;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.Losses;

/// <summary>
/// Keras's loss functions (keras.losses.mean_squared_error, ...): the unreduced loss of each
/// sample, as Keras 3.15 computes it. The public entry points are the methods of
/// <c>keras.losses</c> and <c>keras.metrics</c>.
/// </summary>
internal static class LossFunctions
{
    const double Eps = Loss.Epsilon;

    // The constants of the formulas below as engine scalars made once: a number passed where
    // TorchSharp takes a Scalar is a temporary that TorchSharp leaves to the finalizer, which may free
    // it while the call runs when other threads allocate hard (Backend.EngineScalars says more).
    static readonly Scalar EpsS = Epsilon,
        Half = 0.5.ToScalar(), Two = 2.0.ToScalar(), MinusTwo = (-2.0).ToScalar(), Hundred = 100.0.ToScalar(),
        Log2 = Math.Log(2.0).ToScalar(), InverseEps = (1.0 / Eps).ToScalar();

    static (Tensor t, Tensor p) Prepare(Tensor y_true, Tensor y_pred)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = y_true.dtype == p.dtype ? y_true : y_true.to(p.dtype);
        return RankAlignment.SqueezeOrExpand(t, p);
    }

    /// <summary>y_true and y_pred after Keras's rank alignment, when they then have the same shape (floating, y_true in y_pred's dtype); else (null, null).</summary>
    public static (Tensor? t, Tensor? p) SameShape(Tensor y_true, Tensor y_pred)
    {
        if (!y_pred.is_floating_point()) return (null, null);
        var (t, p) = RankAlignment.SqueezeOrExpand(y_true, y_pred);
        if (t.dim() == 0 || !RankAlignment.SameShape(t, p)) return (null, null);
        return (t.dtype == p.dtype ? t : t.to(p.dtype), p);
    }

    static Tensor Cast(Tensor y_true, Tensor p) => y_true.dtype == p.dtype ? y_true : y_true.to(p.dtype);

    static Tensor MeanLast(Tensor v) => v.mean(new long[] { -1 });

    public static Tensor MeanSquaredError(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = Prepare(y_true, y_pred);
        return MeanLast(Square(t - p));
    }

    public static Tensor MeanAbsoluteError(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = Prepare(y_true, y_pred);
        return MeanLast((t - p).abs());
    }

    public static Tensor MeanAbsolutePercentageError(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = Prepare(y_true, y_pred);
        var diff = ((t - p) / torch.clamp_min(t.abs(), EpsS)).abs();
        return MeanLast(diff).mul(Hundred);
    }

    public static Tensor MeanSquaredLogarithmicError(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = Prepare(y_true, y_pred);
        var first = torch.log(torch.clamp_min(p, EpsS).add(One, One));
        var second = torch.log(torch.clamp_min(t, EpsS).add(One, One));
        return MeanLast(Square(first - second));
    }

    /// <summary>Keras's ops.normalize with order 2: x · min(rsqrt(Σx²), 1/ε).</summary>
    public static Tensor L2Normalize(Tensor x, int axis)
    {
        var inv = torch.rsqrt(Square(x).sum(axis, keepdim: true));
        return x * torch.clamp_max(inv, InverseEps);
    }

    /// <summary>The loss form: −Σ normalize(y)·normalize(ŷ) over <paramref name="axis"/>.</summary>
    public static Tensor CosineSimilarity(Tensor y_true, Tensor y_pred, int axis = -1)
    {
        var (t, p) = Prepare(y_true, y_pred);
        return -(L2Normalize(t, axis) * L2Normalize(p, axis)).sum(axis);
    }

    public static Tensor Huber(Tensor y_true, Tensor y_pred, double delta = 1.0)
    {
        var (t, p) = Prepare(y_true, y_pred);
        var error = p - t;
        var abs = error.abs();
        using var d = Hold(delta);
        using var halfDeltaSquared = Hold(0.5 * delta * delta);
        return MeanLast(torch.where(abs.le(d.Value), Square(error).mul(Half), abs.mul(d.Value).sub(halfDeltaSquared.Value)));
    }

    public static Tensor LogCosh(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = Prepare(y_true, y_pred);
        var x = p - t;
        return MeanLast(Plus(x, F.softplus(x.mul(MinusTwo))).sub(Log2));
    }

    public static Tensor KLDivergence(Tensor y_true, Tensor y_pred)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = Cast(y_true, p).clamp(EpsS, One);
        p = p.clamp(EpsS, One);
        return (t * torch.log(t / p)).sum(-1);
    }

    public static Tensor Poisson(Tensor y_true, Tensor y_pred)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = Cast(y_true, p);
        return MeanLast(p - t * torch.log(p.add(EpsS, One)));
    }

    /// <summary>Labels all in {0, 1} become {−1, 1} (decided on the device, without reading it back).</summary>
    static Tensor HingeLabels(Tensor t)
    {
        var isBinary = (t.eq(Zero) | t.eq(One)).all();
        return torch.where(isBinary, t.mul(Two).sub(One), t);
    }

    public static Tensor Hinge(Tensor y_true, Tensor y_pred)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = HingeLabels(Cast(y_true, p));
        return MeanLast(torch.clamp_min(OneMinus(t * p), Zero));
    }

    public static Tensor SquaredHinge(Tensor y_true, Tensor y_pred)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = HingeLabels(Cast(y_true, p));
        return MeanLast(Square(torch.clamp_min(OneMinus(t * p), Zero)));
    }

    public static Tensor CategoricalHinge(Tensor y_true, Tensor y_pred)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = Cast(y_true, p);
        var pos = (t * p).sum(-1);
        var neg = (OneMinus(t) * p).amax(new long[] { -1 });
        return torch.clamp_min((neg - pos).add(One, One), Zero);
    }

    static void CheckSameShape(Tensor target, Tensor output)
    {
        if (!target.shape.SequenceEqual(output.shape))
            throw new ArgumentException("Arguments `target` and `output` must have the same shape. Received: " +
                $"target.shape={Utils.Shapes.Format(target.shape)}, output.shape={Utils.Shapes.Format(output.shape)}");
    }

    /// <summary>Keras's ops.categorical_crossentropy.</summary>
    static Tensor CategoricalCrossentropyOp(Tensor target, Tensor output, bool fromLogits, int axis)
    {
        CheckSameShape(target, output);
        if (target.dim() < 1)
            throw new ArgumentException("Arguments `target` and `output` must be at least rank 1. Received: " +
                $"target.shape={Utils.Shapes.Format(target.shape)}, output.shape={Utils.Shapes.Format(output.shape)}");
        Tensor logProb;
        if (fromLogits) logProb = F.log_softmax(output, axis);
        else
        {
            var o = output / output.sum(axis, keepdim: true);
            logProb = torch.log(o.clamp(Epsilon, OneMinusEpsilon));
        }
        return -(target * logProb).sum(axis);
    }

    /// <summary>Keras's ops.binary_crossentropy (element-wise).</summary>
    static Tensor BinaryCrossentropyOp(Tensor target, Tensor output, bool fromLogits)
    {
        CheckSameShape(target, output);
        if (fromLogits) return F.binary_cross_entropy_with_logits(output, target, reduction: nn.Reduction.None);
        return F.binary_cross_entropy(output.clamp(Epsilon, OneMinusEpsilon), target, reduction: nn.Reduction.None);
    }

    static Tensor SmoothCategorical(Tensor t, double labelSmoothing) =>
        labelSmoothing == 0 ? t : Smooth(t, 1.0 - labelSmoothing, labelSmoothing / t.shape[^1]);

    static Tensor SmoothBinary(Tensor t, double labelSmoothing) =>
        labelSmoothing == 0 ? t : Smooth(t, 1.0 - labelSmoothing, 0.5 * labelSmoothing);

    /// <summary>t·scale + shift, with both numbers held for the call.</summary>
    static Tensor Smooth(Tensor t, double scale, double shift)
    {
        using var a = Hold(scale);
        using var b = Hold(shift);
        return t.mul(a.Value).add(b.Value, One);
    }

    public static Tensor CategoricalCrossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = SmoothCategorical(Cast(y_true, p), label_smoothing);
        return CategoricalCrossentropyOp(t, p, from_logits, axis);
    }

    public static Tensor CategoricalFocalCrossentropy(Tensor y_true, Tensor y_pred, double alpha = 0.25, double gamma = 2.0,
        bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = SmoothCategorical(Cast(y_true, p), label_smoothing);
        if (from_logits) p = F.softmax(p, axis);
        var output = (p / p.sum(axis, keepdim: true)).clamp(Epsilon, OneMinusEpsilon);
        var cce = -t * torch.log(output);
        using var g = Hold(gamma);
        using var a = Hold(alpha);
        var weighting = OneMinus(output).pow(g.Value).mul(a.Value);
        return (weighting * cce).sum(axis);
    }

    public static Tensor BinaryCrossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = SmoothBinary(Cast(y_true, p), label_smoothing);
        return BinaryCrossentropyOp(t, p, from_logits).mean(new long[] { axis });
    }

    public static Tensor BinaryFocalCrossentropy(Tensor y_true, Tensor y_pred, bool apply_class_balancing = false, double alpha = 0.25,
        double gamma = 2.0, bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = SmoothBinary(Cast(y_true, p), label_smoothing);
        if (from_logits) p = torch.sigmoid(p);
        var bce = BinaryCrossentropyOp(t, p, false);
        var pT = Plus(t * p, OneMinus(t) * OneMinus(p));
        using var g = Hold(gamma);
        var focal = OneMinus(pT).pow(g.Value) * bce;
        if (apply_class_balancing)
        {
            using var a = Hold(alpha);
            using var b = Hold(1.0 - alpha);
            focal = Plus(t.mul(a.Value), OneMinus(t).mul(b.Value)) * focal;
        }
        return focal.mean(new long[] { axis });
    }

    public static Tensor SparseCategoricalCrossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, int? ignore_class = null, int axis = -1)
    {
        var p = RankAlignment.Floating(y_pred);
        var t = y_true;
        if (t.dim() == p.dim() && t.shape[RankAlignment.Canonicalize(axis, t.dim())] == 1) t = t.squeeze(axis);
        Tensor? valid = null;
        long[]? resShape = null;
        if (ignore_class is int ignore)
        {
            int classAxis = RankAlignment.Canonicalize(axis, p.dim());
            resShape = p.shape.Where((_, i) => i != classAxis).ToArray();
            valid = t != ignore;
            t = torch.where(valid, t, torch.zeros_like(t));
            p = torch.where(valid.unsqueeze(axis), p, torch.zeros_like(p));
        }
        var res = SparseCategoricalCrossentropyOp(t, p, from_logits, axis);
        if (valid is not null)
        {
            valid = valid.reshape(resShape!);
            res = torch.where(valid, res, torch.zeros_like(res));
            KerasMask.set_keras_mask(res, valid);
        }
        return res;
    }

    /// <summary>Keras's ops.sparse_categorical_crossentropy (torch backend semantics, any class axis).</summary>
    static Tensor SparseCategoricalCrossentropyOp(Tensor target, Tensor output, bool fromLogits, int axis)
    {
        if (target.dtype != int64) target = target.to(int64);
        if (target.dim() == output.dim() && target.shape[RankAlignment.Canonicalize(axis, target.dim())] == 1) target = target.squeeze(axis);
        if (output.dim() < 1)
            throw new ArgumentException($"Argument `output` must be at least rank 1. Received: output.shape={Utils.Shapes.Format(output.shape)}");
        int classAxis = RankAlignment.Canonicalize(axis, output.dim());
        var without = output.shape.Where((_, i) => i != classAxis).ToArray();
        if (!target.shape.SequenceEqual(without))
            throw new ArgumentException("Arguments `target` and `output` must have the same shape up until the last dimension: " +
                $"target.shape={Utils.Shapes.Format(target.shape)}, output.shape={Utils.Shapes.Format(output.shape)}");
        Tensor logProb;
        if (fromLogits) logProb = F.log_softmax(output, classAxis);
        else
        {
            var o = output / output.sum(classAxis, keepdim: true);
            logProb = torch.log(o.clamp(Epsilon, OneMinusEpsilon));
        }
        return -logProb.gather(classAxis, target.unsqueeze(classAxis)).squeeze(classAxis);
    }
}
