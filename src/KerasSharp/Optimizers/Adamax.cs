using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>Keras Adamax: m += (g − m)(1 − β₁); u = max(β₂·u, |g|); w −= lr·m / ((1 − β₁ᵗ)(u + ε)).</summary>
public sealed class Adamax : Optimizer
{
    /// <summary>β₁.</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public Adamax(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    { this.beta_1 = beta_1; this.beta_2 = beta_2; this.epsilon = epsilon; }

    /// <inheritdoc />
    public override string class_name => "Adamax";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "momentum", "norm" } };

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var m = s[0]; var u = s[1];
        m.add_(g.sub(m).mul_(S(1 - beta_1)), Backend.EngineScalars.One);
        u.copy_(torch.maximum(u.mul(S(beta_2)), g.abs()));
        w.sub_(m.mul(S(R(w, lr))).div_(u.add(S(epsilon), Backend.EngineScalars.One).mul_(S(R(w, 1 - Power(w, beta_1, t))))));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; c["epsilon"] = epsilon; return c;
    }

    /// <summary>Rebuilds an Adamax from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Adamax from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Adamax));
        var b = ReadBase(c);
        return Finish(new Adamax(b.learning_rate, c.Number("beta_1", 0.9), c.Number("beta_2", 0.999), c.Number("epsilon", 1e-7),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
