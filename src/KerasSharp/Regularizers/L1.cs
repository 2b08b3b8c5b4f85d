using TorchSharp;
using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// Keras L1 (alias l1): l1·Σ|x|, default 0.01. Keras holds the factor as a float32 tensor, so its
/// config says 0.009999999776482582 for 0.01; KerasSharp writes the same.
/// </summary>
public sealed class L1 : Regularizer
{
    /// <summary>The L1 factor.</summary>
    public double l1 { get; }

    /// <summary>Keras's signature and default.</summary>
    public L1(double l1 = 0.01) { this.l1 = ValidateFloat(l1, "l1"); factor = ((float)this.l1).ToScalar(); }

    /// <inheritdoc />
    public override string class_name => "L1";
    /// <inheritdoc />
    public override Tensor call(Tensor x) => x.abs().sum().mul(factor);

    // The factor as an engine scalar made once (a number passed as a Scalar is a temporary that
    // TorchSharp leaves to the finalizer; see Backend.EngineScalars).
    readonly TorchSharp.Scalar factor;
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l1"] = ConfigReader.Float32(l1) };

    /// <summary>Rebuilds an L1 from its Keras config; unknown keys are refused.</summary>
    public static L1 from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(L1));
        var r = new L1(c.NumberOrNull("l1") ?? 0.01);
        c.Done();
        return r;
    }
}
