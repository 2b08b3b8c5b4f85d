using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>
/// Engine scalars that live as long as the process, for the training step's constants. TorchSharp
/// makes a native scalar for every number passed where it takes a Scalar (and for the default
/// <c>alpha = 1</c> of <c>add_</c>/<c>sub_</c>), then leaves it to the finalizer, which may free it
/// while the native call that uses it is still running when another thread is allocating hard (a
/// PyDataset's workers): fit on a 2 GB stream stopped with "Unknown scalar type" in such a call.
/// The step passes these instead.
/// </summary>
internal static class EngineScalars
{
    /// <summary>0.</summary>
    public static readonly Scalar Zero = 0.0.ToScalar();
    /// <summary>1 (the alpha of a plain add).</summary>
    public static readonly Scalar One = 1.0.ToScalar();
    /// <summary>Keras's epsilon, 1e-7.</summary>
    public static readonly Scalar Epsilon = 1e-7.ToScalar();
    /// <summary>1 − Keras's epsilon.</summary>
    public static readonly Scalar OneMinusEpsilon = (1.0 - 1e-7).ToScalar();

    static readonly System.Collections.Concurrent.ConcurrentDictionary<long, Scalar> counts = new();

    /// <summary>2, the exponent of <see cref="Square"/>.</summary>
    static readonly Scalar Two = 2.ToScalar();

    /// <summary>
    /// x², as TorchSharp's square() computes it (pow(x, 2), one autograd node with one edge to x) but
    /// with the exponent made once. (x·x gives the same values, but its node has two edges to x, so
    /// when x has other consumers its gradient sums in another order: a last-bit difference.)
    /// </summary>
    public static torch.Tensor Square(torch.Tensor x) => x.pow(Two);

    /// <summary>1 − x as −x + 1 with the scalar made once (the same value as 1 − x: −x is exact, the add rounds once).</summary>
    public static torch.Tensor OneMinus(torch.Tensor x) => x.neg().add_(One, One);

    /// <summary>a + b with the alpha made once (TorchSharp's + passes a temporary scalar 1).</summary>
    public static torch.Tensor Plus(torch.Tensor a, torch.Tensor b) => a.add(b, One);

    /// <summary>
    /// <paramref name="v"/> as an engine scalar held for the call it is passed to: made once for a
    /// whole number in [0, 2^20) (a batch size, a count), else made now and freed when the holder is
    /// disposed (never left to the finalizer).
    /// </summary>
    public static Held Hold(double v) =>
        v >= 0 && v < (1 << 20) && v == Math.Floor(v) ? new Held(counts.GetOrAdd((long)v, k => ((double)k).ToScalar()), owned: false) : new Held(v.ToScalar(), owned: true);

    /// <summary>A scalar from <see cref="Hold"/>; disposing frees it only when it was made for this call.</summary>
    public readonly struct Held(Scalar value, bool owned) : IDisposable
    {
        /// <summary>The scalar.</summary>
        public Scalar Value => value;
        /// <inheritdoc />
        public void Dispose() { if (owned) value.Dispose(); }
    }
}
