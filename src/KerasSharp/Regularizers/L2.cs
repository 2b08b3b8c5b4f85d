using TorchSharp;
using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>Keras L2 (alias l2): l2·Σx² (no ½ factor), default 0.01.</summary>
public sealed class L2 : Regularizer
{
    /// <summary>The L2 factor.</summary>
    public double l2 { get; }

    /// <summary>Keras's signature and default.</summary>
    public L2(double l2 = 0.01) { this.l2 = ValidateFloat(l2, "l2"); factor = this.l2.ToScalar(); }

    /// <inheritdoc />
    public override string class_name => "L2";
    /// <inheritdoc />
    public override Tensor call(Tensor x) => Backend.EngineScalars.Square(x).sum().mul(factor);

    // The factor as an engine scalar made once (a number passed as a Scalar is a temporary that
    // TorchSharp leaves to the finalizer; see Backend.EngineScalars).
    readonly TorchSharp.Scalar factor;
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l2"] = l2 };

    /// <summary>Rebuilds an L2 from its Keras config; unknown keys are refused.</summary>
    public static L2 from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(L2));
        var r = new L2(c.NumberOrNull("l2") ?? 0.01);
        c.Done();
        return r;
    }
}
