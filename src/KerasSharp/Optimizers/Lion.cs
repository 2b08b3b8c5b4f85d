using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>Keras Lion: w −= lr·sign(β₁·m + (1 − β₁)·g); then m = β₂·m + (1 − β₂)·g.</summary>
public sealed class Lion : Optimizer
{
    /// <summary>β₁, in (0, 1].</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public Lion(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.99,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    {
        if (beta_1 <= 0 || beta_1 > 1)
            throw new ArgumentException($"Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1={PyRepr.Float(beta_1)}.");
        this.beta_1 = beta_1; this.beta_2 = beta_2;
    }

    /// <inheritdoc />
    public override string class_name => "Lion";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "momentum" } };

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var m = s[0];
        w.sub_(m.mul(S(beta_1)).add_(g.mul(S(1.0 - beta_1)), Backend.EngineScalars.One).sign_().mul_(S(lr)));
        m.mul_(S(beta_2)).add_(g.mul(S(1.0 - beta_2)), Backend.EngineScalars.One);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; return c; }

    /// <summary>Rebuilds a Lion from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Lion from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Lion));
        var b = ReadBase(c);
        return Finish(new Lion(b.learning_rate, c.Number("beta_1", 0.9), c.Number("beta_2", 0.99),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
