using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Backend;

/// <summary>
/// Keras's <c>keras.random</c> samplers (<c>normal</c>, <c>uniform</c>, <c>truncated_normal</c>):
/// the one place where initializers (and TFLearn's) draw random values. Each call samples on the
/// CPU from its own generator, so a seed gives the same values every call and on every device.
/// Without a seed the generator's seed comes from <see cref="Seeds.MakeDefaultSeed"/>, so a program
/// that calls <c>keras.utils.set_random_seed</c> repeats. The values are not Keras's values for
/// the same seed (Keras's numpy, JAX and torch backends differ from each other too); their
/// distributions are Keras's.
/// </summary>
public sealed class RandomApi
{
    /// <summary>The instance that <c>keras.random</c> returns.</summary>
    public static RandomApi Instance { get; } = new();

    RandomApi() { }

    /// <summary>Φ(−2) and Φ(2): the standard normal CDF at the truncation bounds.</summary>
    static readonly (double lo, double hi) TruncationCdf = ComputeTruncationCdf();

    static (double, double) ComputeTruncationCdf()
    {
        using var x = torch.tensor(new[] { -2.0 / Math.Sqrt(2.0), 2.0 / Math.Sqrt(2.0) }, dtype: float64);
        using var e = x.erf();
        var v = e.data<double>().ToArray();
        return (0.5 * (1 + v[0]), 0.5 * (1 + v[1]));
    }

    /// <summary>Keras's <c>keras.random.normal</c>: values from N(mean, stddev²).</summary>
    /// <param name="shape">The shape of the result.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="stddev">The standard deviation (≥ 0).</param>
    /// <param name="dtype">A floating dtype; float32 (Keras's floatx) when null.</param>
    /// <param name="seed">The seed; equal seeds give equal values. Null draws one from KerasSharp's seeded stream.</param>
    public Tensor normal(long[] shape, double mean = 0.0, double stddev = 1.0, ScalarType? dtype = null, int? seed = null)
    {
        CheckStddev("keras.random.normal", stddev);
        return Sample("keras.random.normal", shape, dtype, seed, (t, g) => t.normal_(mean, stddev, g));
    }

    /// <summary>Keras's <c>keras.random.uniform</c>: values from U[minval, maxval).</summary>
    /// <param name="shape">The shape of the result.</param>
    /// <param name="minval">The lower bound (inclusive).</param>
    /// <param name="maxval">The upper bound (exclusive).</param>
    /// <param name="dtype">A floating dtype; float32 (Keras's floatx) when null.</param>
    /// <param name="seed">The seed; equal seeds give equal values. Null draws one from KerasSharp's seeded stream.</param>
    public Tensor uniform(long[] shape, double minval = 0.0, double maxval = 1.0, ScalarType? dtype = null, int? seed = null)
    {
        if (double.IsNaN(minval) || double.IsNaN(maxval) || double.IsInfinity(minval) || double.IsInfinity(maxval))
            throw new ArgumentException($"keras.random.uniform: minval and maxval must be finite. Received: minval={minval}, maxval={maxval}");
        return Sample("keras.random.uniform", shape, dtype, seed, (t, g) => minval <= maxval
            ? t.uniform_(minval, maxval, g)
            : t.uniform_(0.0, 1.0, g).mul_(maxval - minval).add_(minval)); // Keras allows minval > maxval
    }

    /// <summary>
    /// Keras's <c>keras.random.truncated_normal</c>: N(mean, stddev²) restricted to
    /// [mean − 2·stddev, mean + 2·stddev] (values outside are redrawn in Keras; here they are
    /// sampled by the inverse CDF of the truncated distribution, which gives the same
    /// distribution in one pass). The standard deviation of the result is ≈ 0.88·stddev.
    /// </summary>
    /// <param name="shape">The shape of the result.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="stddev">The standard deviation before truncation (≥ 0).</param>
    /// <param name="dtype">A floating dtype; float32 (Keras's floatx) when null.</param>
    /// <param name="seed">The seed; equal seeds give equal values. Null draws one from KerasSharp's seeded stream.</param>
    public Tensor truncated_normal(long[] shape, double mean = 0.0, double stddev = 1.0, ScalarType? dtype = null, int? seed = null)
    {
        CheckStddev("keras.random.truncated_normal", stddev);
        var (lo, hi) = TruncationCdf;
        return Sample("keras.random.truncated_normal", shape, dtype, seed, (t, g) =>
            t.uniform_(lo, hi, g)            // u ~ U(Φ(−2), Φ(2))
             .mul_(2).sub_(1).erfinv_()      // Φ⁻¹(u) = √2·erfinv(2u − 1)
             .mul_(Math.Sqrt(2.0))
             .clamp_(-2.0, 2.0)              // rounding can not carry a value past the bounds
             .mul_(stddev).add_(mean));
    }

    static void CheckStddev(string who, double stddev)
    {
        if (!(stddev >= 0) || double.IsInfinity(stddev))
            throw new ArgumentException($"{who}: stddev must be a finite number >= 0. Received: stddev={stddev}");
    }

    static Tensor Sample(string who, long[] shape, ScalarType? dtype, int? seed, Func<Tensor, Generator, Tensor> fill)
    {
        var dt = dtype ?? float32;
        if (dt is not (ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"`{who}` requires a floating point `dtype`. Received: dtype={TensorAllocation.DtypeName(dt)}");
        // Half precision is sampled in float32 and rounded once, as erfinv and the bounds need the precision.
        var work = dt == float16 || dt == bfloat16 ? float32 : dt;
        var t = TensorAllocation.Empty(shape, work, who);
        using (var g = new Generator(unchecked((ulong)(uint)(seed ?? Seeds.MakeDefaultSeed()))))
            fill(t, g);
        if (work == dt) return t;
        using (t) return t.to(dt);
    }
}
