using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras Lamb: Adam's bias-corrected step u = m̂/(√v̂ + ε), scaled by the trust ratio ‖w‖/‖u‖ (1 when
/// either norm is 0): w −= ratio·lr·u. Keras's <c>optimizers.get</c> does not know the name "lamb";
/// the class is reached as keras.optimizers.Lamb.
/// </summary>
public sealed class Lamb : Optimizer
{
    /// <summary>β₁.</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public Lamb(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    { this.beta_1 = beta_1; this.beta_2 = beta_2; this.epsilon = epsilon; }

    /// <inheritdoc />
    public override string class_name => "Lamb";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "momentum", "velocity" } };

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var m = s[0]; var v = s[1];
        m.add_(g.sub(m).mul_(S(1 - beta_1)), Backend.EngineScalars.One);
        v.add_(Backend.EngineScalars.Square(g).sub_(v).mul_(S(1 - beta_2)), Backend.EngineScalars.One);
        var mHat = m.div(S(R(w, 1.0 - Power(w, beta_1, t))));
        var vSqrt = v.div(S(R(w, 1.0 - Power(w, beta_2, t)))).sqrt_().add_(S(epsilon), Backend.EngineScalars.One);
        var update = mHat.div_(vSqrt);
        var wNorm = Backend.EngineScalars.Square(w).sum().sqrt();
        var gNorm = Backend.EngineScalars.Square(update).sum().sqrt();
        var one = torch.ones_like(wNorm);
        var ratio = torch.where(wNorm > 0, torch.where(gNorm > 0, wNorm / gNorm, one), one);
        w.sub_(update.mul_(ratio).mul_(S(R(w, lr))));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; c["epsilon"] = epsilon; return c;
    }

    /// <summary>Rebuilds a Lamb from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Lamb from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Lamb));
        var b = ReadBase(c);
        return Finish(new Lamb(b.learning_rate, c.Number("beta_1", 0.9), c.Number("beta_2", 0.999), c.Number("epsilon", 1e-7),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
