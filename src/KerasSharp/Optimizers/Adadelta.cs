using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras Adadelta: a = ρ·a + (1 − ρ)·g²; Δ = −√(d + ε)·g / √(a + ε); d = ρ·d + (1 − ρ)·Δ²; w += lr·Δ.
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Decay rate.</summary>
    public double rho { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }

    /// <summary>Keras's signature and defaults (learning_rate 0.001, rho 0.95, ε 1e-7).</summary>
    public Adadelta(LearningRate? learning_rate = null, double rho = 0.95, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    { this.rho = rho; this.epsilon = epsilon; }

    /// <inheritdoc />
    public override string class_name => "Adadelta";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "accumulated_grad", "accumulated_delta_var" } };

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var accGrad = s[0]; var accDelta = s[1];
        accGrad.mul_(S(rho)).add_(Backend.EngineScalars.Square(g).mul_(S(1 - rho)), Backend.EngineScalars.One);
        var delta = accDelta.add(S(epsilon), Backend.EngineScalars.One).sqrt_().mul_(g).div_(accGrad.add(S(epsilon), Backend.EngineScalars.One).sqrt_()).neg_();
        accDelta.mul_(S(rho)).add_(Backend.EngineScalars.Square(delta).mul_(S(1 - rho)), Backend.EngineScalars.One);
        w.add_(delta.mul_(S(lr)), Backend.EngineScalars.One);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["rho"] = rho; c["epsilon"] = epsilon; return c; }

    /// <summary>Rebuilds an Adadelta from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Adadelta from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Adadelta));
        var b = ReadBase(c);
        return Finish(new Adadelta(b.learning_rate, c.Number("rho", 0.95), c.Number("epsilon", 1e-7),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
