using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras's <c>Identity</c> (also <c>IdentityInitializer</c>): <c>gain</c> times the identity
/// matrix (ones on the main diagonal of a possibly non-square matrix), for 2-D weights only.
/// Keras 3.15.1's <c>get_config</c> returns <c>{}</c>, so a saved <c>Identity(gain=2)</c> comes back
/// with gain 1; KerasSharp writes <c>{"gain": ...}</c>, which Keras reads back as the same initializer.
/// </summary>
/// <param name="gain">The factor applied to the identity matrix.</param>
public sealed class Identity(double gain = 1.0) : Initializer
{
    /// <summary>The factor applied to the identity matrix.</summary>
    public double gain { get; } = gain;

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null)
    {
        Backend.TensorAllocation.CheckShape(shape, "Identity");
        if (shape.Length != 2)
            throw new ArgumentException($"Identity matrix initializer can only be used for 2D matrices. Received: shape={Utils.Shapes.Format(shape)} of rank {shape.Length}.", nameof(shape));
        var t = Backend.TensorAllocation.Empty(shape, dtype ?? float32, "Identity").zero_();
        using (var d = t.diagonal()) d.fill_(gain);
        return t;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["gain"] = gain };

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static Identity from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, "Identity", "gain");
        return new Identity(InitializerConfig.Double(c, "gain", 1.0, "Identity"));
    }
}
