using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>Keras L1L2 (alias l1_l2): l1·Σ|x| + l2·Σx², no ½ factor; both factors default to 0.</summary>
public sealed class L1L2 : Regularizer
{
    /// <summary>The L1 factor.</summary>
    public double l1 { get; }
    /// <summary>The L2 factor.</summary>
    public double l2 { get; }

    /// <summary>Keras's signature and defaults: l1 = 0, l2 = 0.</summary>
    public L1L2(double l1 = 0.0, double l2 = 0.0)
    {
        this.l1 = ValidateFloat(l1, "l1"); this.l2 = ValidateFloat(l2, "l2");
        l1Factor = this.l1.ToScalar(); l2Factor = this.l2.ToScalar();
    }

    /// <inheritdoc />
    public override string class_name => "L1L2";

    /// <inheritdoc />
    public override Tensor call(Tensor x)
    {
        var r = torch.zeros(Array.Empty<long>(), dtype: x.dtype, device: x.device);
        if (l1 != 0) r = Backend.EngineScalars.Plus(r, x.abs().sum().mul(l1Factor));
        if (l2 != 0) r = Backend.EngineScalars.Plus(r, Backend.EngineScalars.Square(x).sum().mul(l2Factor));
        return r;
    }

    // The factors as engine scalars made once (a number passed as a Scalar is a temporary that
    // TorchSharp leaves to the finalizer; see Backend.EngineScalars).
    readonly TorchSharp.Scalar l1Factor, l2Factor;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l1"] = l1, ["l2"] = l2 };

    /// <summary>Rebuilds an L1L2 from its Keras config; unknown keys are refused.</summary>
    public static L1L2 from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(L1L2));
        var r = new L1L2(c.NumberOrNull("l1") ?? 0.0, c.NumberOrNull("l2") ?? 0.0);
        c.Done();
        return r;
    }
}
