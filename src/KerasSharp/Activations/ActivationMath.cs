using TorchSharp;
using static TorchSharp.torch;
using static KerasSharp.Backend.EngineScalars;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.Activations;

/// <summary>The arithmetic of Keras 3's activations on engine tensors (any rank, any floating dtype).</summary>
internal static class ActivationMath
{
    // Constants of the common activations below as engine scalars made once: a number passed where
    // TorchSharp takes a Scalar is a temporary that TorchSharp leaves to the finalizer, which may free
    // it while the call runs when other threads allocate hard (Backend.EngineScalars says more).
    static readonly Scalar MinusOne = (-1.0).ToScalar(),
        Half = 0.5.ToScalar(), Quarter = 0.25.ToScalar(), Two = 2.ToScalar(), Six = 6.0.ToScalar(), Three = 3.ToScalar(), GeluCubic = 0.044715.ToScalar(),
        SqrtTwoOverPi = Math.Sqrt(2.0 / Math.PI).ToScalar(), SqrtTwo = Math.Sqrt(2.0).ToScalar();

    const double SeluAlpha = 1.6732632423543772848170429916717;
    const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>x where keep is true, else the value (NaN compares false, so it gets the value, as in Keras's where).</summary>
    static Tensor Where(Tensor keep, Tensor x, double value)
    {
        using var drop = keep.logical_not();
        using var v = Hold(value);
        return x.masked_fill(drop, v.Value);
    }

    public static Tensor linear(Tensor x) => x.alias();

    public static Tensor relu(Tensor x, double negative_slope, double? max_value, double threshold)
    {
        if (negative_slope == 0.0 && max_value is null && threshold == 0.0) return F.relu(x);
        if (negative_slope != 0.0 && max_value is null && threshold == 0.0) return leaky_relu(x, negative_slope);
        using var scope = torch.NewDisposeScope();
        // The numbers are held for the call (a number passed as a Scalar is a temporary left to the finalizer).
        using var t = Hold(threshold);
        Tensor? negativePart = null;
        if (negative_slope != 0.0) negativePart = F.relu(threshold != 0.0 ? x.neg().add_(t.Value, One) : x.neg());
        bool clip = max_value is not null;
        Tensor y;
        if (threshold != 0.0) y = Where(x.gt(t.Value), x, 0.0);
        else if (max_value == 6.0) { y = F.relu6(x); clip = false; }
        else y = F.relu(x);
        if (clip)
        {
            using var max = Hold(max_value!.Value);
            y = y.clamp(Zero, max.Value);
        }
        if (negativePart is not null)
        {
            using var slope = Hold(negative_slope);
            y = y - negativePart.mul(slope.Value);
        }
        return y.MoveToOuterDisposeScope();
    }

    public static Tensor leaky_relu(Tensor x, double negative_slope)
    {
        // The engine's leaky_relu with the slope held for the call (F.leaky_relu makes it a temporary).
        using var slope = Hold(negative_slope);
        return x.leaky_relu(slope.Value);
    }

    public static Tensor relu6(Tensor x) => F.relu6(x);

    public static Tensor softmax(Tensor x, int[] axis, string who)
    {
        var dims = Axes(x, axis, who);
        if (dims.Length == 1) return x.softmax(dims[0]);
        using var scope = torch.NewDisposeScope();
        var e = (x - x.amax(dims, keepdim: true)).exp_();
        return e.div_(e.sum(dims, keepdim: true)).MoveToOuterDisposeScope();
    }

    public static Tensor log_softmax(Tensor x, int[] axis, string who)
    {
        var dims = Axes(x, axis, who);
        if (dims.Length == 1) return x.log_softmax(dims[0]);
        using var scope = torch.NewDisposeScope();
        var shifted = x - x.amax(dims, keepdim: true);
        return (shifted - shifted.exp().sum(dims, keepdim: true).log_()).MoveToOuterDisposeScope();
    }

    /// <summary>Keras's axis (or axes): none means -1; negative axes count from the end; each must exist.</summary>
    static long[] Axes(Tensor x, int[]? axis, string who)
    {
        if (axis is null || axis.Length == 0) axis = new[] { -1 };
        long rank = x.dim();
        var dims = new long[axis.Length];
        for (int i = 0; i < axis.Length; i++)
        {
            long a = axis[i] < 0 ? axis[i] + rank : axis[i];
            if (a < 0 || a >= rank)
                throw new ArgumentException($"{who}: axis {axis[i]} is out of bounds for an input of rank {rank} (shape {Utils.Shapes.Format(x.shape)}).", nameof(axis));
            if (Array.IndexOf(dims, a, 0, i) >= 0)
                throw new ArgumentException($"{who}: axis {axis[i]} is repeated in ({string.Join(", ", axis)}).", nameof(axis));
            dims[i] = a;
        }
        return dims;
    }

    public static Tensor elu(Tensor x, double alpha)
    {
        // The engine's elu with its three scalars held for the call (F.elu makes them temporaries).
        using var a = Hold(alpha);
        return x.elu(a.Value, One, One);
    }

    public static Tensor selu(Tensor x) => F.selu(x);

    public static Tensor celu(Tensor x, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        using var a = Hold(alpha);
        return Plus(x.clamp_min(Zero), x.clamp_max(Zero).div(a.Value).expm1_().mul(a.Value)).MoveToOuterDisposeScope();
    }

    public static Tensor softplus(Tensor x) => F.softplus(x);

    /// <summary>x / (1 + |x|), as F.softsign computes it, with the 1 made once.</summary>
    public static Tensor softsign(Tensor x)
    {
        using var denominator = x.abs().add_(One, One);
        return x / denominator;
    }

    public static Tensor soft_shrink(Tensor x, double threshold)
    {
        using var scope = torch.NewDisposeScope();
        using var t = Hold(threshold);
        using var minusT = Hold(-threshold);
        var above = x.gt(t.Value);
        var below = x.lt(minusT.Value);
        var y = torch.zeros_like(x);
        y = torch.where(above, x.sub(t.Value), y);
        y = torch.where(below, x.add(t.Value, One), y);
        return y.MoveToOuterDisposeScope();
    }

    public static Tensor hard_shrink(Tensor x, double threshold)
    {
        using var t = Hold(threshold);
        using var keep = x.abs().gt(t.Value);
        return Where(keep, x, 0.0);
    }

    public static Tensor sparse_plus(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var y = torch.where(x.lt(One), Square(x.add(One, One)).mul(Quarter), x);
        return y.masked_fill(x.le(MinusOne), Zero).MoveToOuterDisposeScope();
    }

    public static Tensor silu(Tensor x) => F.silu(x);

    public static Tensor squareplus(Tensor x, double b)
    {
        if (b < 0) throw new ArgumentException($"squareplus: b must be >= 0. Received: b={b}", nameof(b));
        using var scope = torch.NewDisposeScope();
        using var bs = Hold(b);
        return Plus(x, Square(x).add(bs.Value, One).sqrt_()).div(Two).MoveToOuterDisposeScope();
    }

    public static Tensor gelu(Tensor x, bool approximate)
    {
        using var scope = torch.NewDisposeScope();
        Tensor y = approximate
            ? x.mul(Half) * Plus(x, x.pow(Three).mul(GeluCubic)).mul(SqrtTwoOverPi).tanh_().add(One, One)
            : x.mul(Half) * x.div(SqrtTwo).erf_().add(One, One);
        return y.MoveToOuterDisposeScope();
    }

    public static Tensor glu(Tensor x, int axis)
    {
        var dims = Axes(x, new[] { axis }, "glu");
        if (x.shape[dims[0]] % 2 != 0)
            throw new ArgumentException($"axis size must be divisible by 2. Received: x.shape={Utils.Shapes.Format(x.shape)} with axis={axis}", nameof(x));
        return F.glu(x, dims[0]);
    }

    public static Tensor tanh(Tensor x) => torch.tanh(x);

    public static Tensor tanh_shrink(Tensor x)
    {
        using var t = torch.tanh(x);
        return x - t;
    }

    public static Tensor hard_tanh(Tensor x) => x.clamp(MinusOne, One);

    public static Tensor threshold(Tensor x, double threshold, double default_value)
    {
        using var keep = x.gt(threshold);
        return Where(keep, x, default_value);
    }

    public static Tensor sigmoid(Tensor x) => torch.sigmoid(x);

    public static Tensor exponential(Tensor x) => torch.exp(x);

    public static Tensor hard_sigmoid(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return x.div(Six).add(Half, One).clamp_(Zero, One).MoveToOuterDisposeScope();
    }

    public static Tensor log_sigmoid(Tensor x) => F.logsigmoid(x);

    public static Tensor sparse_sigmoid(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return x.add(One, One).mul(Half).clamp_(Zero, One).MoveToOuterDisposeScope();
    }

    public static Tensor hard_silu(Tensor x)
    {
        using var h = hard_sigmoid(x);
        return x * h;
    }

    public static Tensor mish(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return (x * F.softplus(x).tanh_()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Sparsemax (Martins and Astudillo, 2016): the Euclidean projection of x onto the probability
    /// simplex along the axis, max(x − τ, 0) with τ = (Σ of the k largest − 1) / k, k the size of the support.
    /// </summary>
    public static Tensor sparsemax(Tensor x, int axis)
    {
        long d = Axes(x, new[] { axis }, "sparsemax")[0];
        using var scope = torch.NewDisposeScope();
        var (sorted, _) = x.sort(d, descending: true);
        var cumsum = sorted.cumsum(d);
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[d] = x.shape[d];
        var r = torch.arange(1, x.shape[d] + 1, dtype: x.dtype, device: x.device).view(shape);
        var support = (sorted - (cumsum - 1) / r).gt(0);
        var k = support.sum(d, keepdim: true).to(x.dtype);
        // The cumulative sum at position k (the sum of the k largest values).
        var sumTopK = cumsum.gather(d, (k - 1).clamp_min(0).to(int64));
        var tau = (sumTopK - 1) / k;
        return (x - tau).clamp_min_(0.0).MoveToOuterDisposeScope();
    }
}
