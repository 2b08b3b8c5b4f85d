using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras's <c>Orthogonal</c> (also <c>OrthogonalInitializer</c>): the Q of the QR decomposition
/// of a normal random matrix, with signs fixed by R's diagonal, times <c>gain</c>. A shape of
/// rank above 2 is treated as a matrix of (product of all but the last dimension) × last. With
/// fewer rows than columns the rows are orthonormal, otherwise the columns.
/// </summary>
/// <param name="gain">The factor applied to the orthogonal matrix.</param>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
public sealed class Orthogonal(double gain = 1.0, int? seed = null) : RandomInitializer(seed)
{
    /// <summary>The factor applied to the orthogonal matrix.</summary>
    public double gain { get; } = gain;

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null)
    {
        long n = Backend.TensorAllocation.CheckShape(shape, "Orthogonal");
        if (shape.Length < 2)
            throw new ArgumentException($"The tensor to initialize must be at least two-dimensional. Received: shape={Utils.Shapes.Format(shape)} of rank {shape.Length}.", nameof(shape));
        var dt = dtype ?? float32;
        if (n == 0) return torch.zeros(shape, dtype: dt);
        long cols = shape[^1], rows = n / cols;
        using var scope = torch.NewDisposeScope();
        // The QR runs in float64, so that the result is orthogonal to the precision of the dtype asked for.
        var a = Backend.RandomApi.Instance.normal(new[] { Math.Max(rows, cols), Math.Min(rows, cols) }, dtype: float64, seed: seed);
        var (q, r) = torch.linalg.qr(a);
        q = q * r.diagonal().sign();
        if (rows < cols) q = q.t();
        var result = (q.reshape(shape) * gain).to(dt).contiguous();
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["gain"] = gain;
        return c;
    }

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static Orthogonal from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, "Orthogonal", "gain", "seed");
        return new Orthogonal(InitializerConfig.Double(c, "gain", 1.0, "Orthogonal"), InitializerConfig.Seed(c, "Orthogonal"));
    }
}
