using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras Adam: m += (g − m)(1 − β₁), v += (g² − v)(1 − β₂), w −= α·m / (√v + ε) with
/// α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ); ε is added to √v, not to a bias-corrected √v̂ as in PyTorch.
/// With amsgrad, v̂ = max(v̂, v) replaces v. Keras's slot order: momentum and velocity per variable,
/// then the velocity_hats.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>β₁.</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>AMSGrad variant.</summary>
    public bool amsgrad { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public Adam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    { this.beta_1 = beta_1; this.beta_2 = beta_2; this.epsilon = epsilon; this.amsgrad = amsgrad; }

    /// <inheritdoc />
    public override string class_name => "Adam";
    /// <inheritdoc />
    protected override string[][] SlotGroups => amsgrad
        ? new[] { new[] { "momentum", "velocity" }, new[] { "velocity_hat" } }
        : new[] { new[] { "momentum", "velocity" } };

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        // Keras: alpha = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ), each factor in the variable's dtype.
        double alpha = R(w, R(w, R(w, lr) * R(w, Math.Sqrt(R(w, 1 - Power(w, beta_2, t))))) / R(w, 1 - Power(w, beta_1, t)));
        var m = s[0]; var v = s[1];
        // Keras's m += (g − m)(1 − β₁), v += (g² − v)(1 − β₂), w −= α·m / (√v + ε), each in the fewest passes
        // over the weights (one lerp, a scale and a fused multiply-add, a fused divide-add): the same values
        // up to float rounding (the ported Keras tests hold to 1e-6), without the temporaries of the written-out form.
        m.lerp_(g, LerpWeight(w));
        v.mul_(S(beta_2)).addcmul_(g, g, S(1 - beta_2));
        if (amsgrad) { s[2].copy_(torch.maximum(s[2], v)); v = s[2]; }
        w.addcdiv_(m, v.sqrt().add_(S(epsilon), Backend.EngineScalars.One), S(-alpha));
    }

    // 1 − β₁ as a scalar tensor on the weights' device (TorchSharp's lerp_ takes its weight as a tensor), made once.
    Tensor? lerpWeight;
    Tensor LerpWeight(Tensor w)
    {
        if (lerpWeight is null || lerpWeight.device_type != w.device_type || lerpWeight.device_index != w.device_index || lerpWeight.dtype != w.dtype)
        {
            lerpWeight?.Dispose();
            lerpWeight = torch.tensor(1 - beta_1, dtype: w.dtype, device: w.device).DetachFromDisposeScope();
        }
        return lerpWeight;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; c["epsilon"] = epsilon; c["amsgrad"] = amsgrad; return c;
    }

    /// <summary>Rebuilds an Adam from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Adam from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Adam));
        var b = ReadBase(c);
        return Finish(new Adam(b.learning_rate, c.Number("beta_1", 0.9), c.Number("beta_2", 0.999), c.Number("epsilon", 1e-7), c.Boolean("amsgrad", false),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
