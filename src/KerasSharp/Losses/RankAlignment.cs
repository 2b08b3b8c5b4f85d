using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>Keras's rank alignment of two tensors (keras.src.losses.loss.squeeze_or_expand_to_same_rank).</summary>
internal static class RankAlignment
{
    /// <summary>
    /// When the ranks differ by one and the longer tensor ends in a dimension of 1, squeezes that
    /// dimension, or (when the shorter one has rank 1 and <paramref name="expandRank1"/>) expands
    /// the shorter one instead.
    /// </summary>
    public static (Tensor, Tensor) SqueezeOrExpand(Tensor x1, Tensor x2, bool expandRank1 = true)
    {
        long r1 = x1.dim(), r2 = x2.dim();
        if (r1 == r2) return (x1, x2);
        if (r1 == r2 + 1 && x1.size((int)r1 - 1) == 1)
        {
            if (r2 == 1 && expandRank1) x2 = x2.unsqueeze(-1);
            else x1 = x1.squeeze(-1);
        }
        if (r2 == r1 + 1 && x2.size((int)r2 - 1) == 1)
        {
            if (r1 == 1 && expandRank1) x1 = x1.unsqueeze(-1);
            else x2 = x2.squeeze(-1);
        }
        return (x1, x2);
    }

    /// <summary>A Python-style axis (negative counts from the end) as an index in [0, rank).</summary>
    public static int Canonicalize(int axis, long rank)
    {
        if (axis < -rank || axis >= rank)
            throw new ArgumentException($"axis {axis} is out of bounds for an array with dimension {rank}.");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    /// <summary>A floating tensor: floating inputs as they are, others as float32 (Keras converts to floatx).</summary>
    public static Tensor Floating(Tensor x) => x.is_floating_point() ? x : x.to(float32);

    /// <summary>
    /// True when both tensors have the same shape. Compared axis by axis: TorchSharp's <c>shape</c>
    /// allocates its array through a callback from the engine, which costs more than a step's small ops.
    /// </summary>
    public static bool SameShape(Tensor a, Tensor b)
    {
        long r = a.dim();
        if (r != b.dim()) return false;
        for (int d = 0; d < r; d++) if (a.size(d) != b.size(d)) return false;
        return true;
    }

    /// <summary>True when both tensors live on the same device.</summary>
    public static bool SameDevice(Tensor a, Tensor b) => a.device_type == b.device_type && a.device_index == b.device_index;

    /// <summary>x / y, or 0 where y is 0 (ops.divide_no_nan).</summary>
    public static Tensor DivideNoNan(Tensor x, Tensor y)
    {
        var zero = y.eq(Backend.EngineScalars.Zero);
        return torch.where(zero, torch.zeros_like(x), x / torch.where(zero, torch.ones_like(y), y));
    }
}
