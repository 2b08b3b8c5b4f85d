using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras 3 Nadam. The momentum schedule is μₜ = β₁(1 − ½·0.96ᵗ) (Keras 3; tf.keras 2 used 0.96^(0.004·t)),
/// with the running product u_product = Πμ updated once per step before the variables:
/// m̂ = μₜ₊₁·m/(1 − u_product·μₜ₊₁) + (1 − μₜ)·g/(1 − u_product), v̂ = v/(1 − β₂ᵗ), w −= lr·m̂/(√v̂ + ε).
/// </summary>
public sealed class Nadam : Optimizer
{
    double uProduct = 1.0;
    double uT, uT1;

    /// <summary>β₁.</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public Nadam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    { this.beta_1 = beta_1; this.beta_2 = beta_2; this.epsilon = epsilon; }

    /// <inheritdoc />
    public override string class_name => "Nadam";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "momentum", "velocity" } };

    /// <summary>The running product of the momentum schedule (Keras's u_product variable, listed after the slots).</summary>
    public double u_product { get => uProduct; set => uProduct = value; }

    /// <inheritdoc />
    public override double[] ExtraState
    {
        get => new[] { uProduct };
        set { if (value.Length > 0) uProduct = value[0]; }
    }

    /// <inheritdoc />
    protected override void BeforeStep(long t)
    {
        // Keras computes these in the variables' dtype (float32 for KerasSharp's weights).
        uT = (float)(beta_1 * (float)(1.0 - (float)(0.5 * MathF.Pow(0.96f, t))));
        uT1 = (float)(beta_1 * (float)(1.0 - (float)(0.5 * MathF.Pow(0.96f, t + 1))));
        uProduct = (float)(uProduct * uT);
    }

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        double uProductT1 = R(w, uProduct * uT1);
        var m = s[0]; var v = s[1];
        m.add_(g.sub(m).mul_(S(1 - beta_1)), Backend.EngineScalars.One);
        v.add_(Backend.EngineScalars.Square(g).sub_(v).mul_(S(1 - beta_2)), Backend.EngineScalars.One);
        var mHat = m.mul(S(uT1)).div_(S(R(w, 1 - uProductT1))).add_(g.mul(S(R(w, 1 - uT))).div_(S(R(w, 1 - uProduct))), Backend.EngineScalars.One);
        var vHat = v.div(S(R(w, 1 - Power(w, beta_2, t))));
        w.sub_(mHat.mul_(S(R(w, lr))).div_(vHat.sqrt_().add_(S(epsilon), Backend.EngineScalars.One)));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; c["epsilon"] = epsilon; return c;
    }

    /// <summary>Rebuilds a Nadam from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Nadam from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Nadam));
        var b = ReadBase(c);
        return Finish(new Nadam(b.learning_rate, c.Number("beta_1", 0.9), c.Number("beta_2", 0.999), c.Number("epsilon", 1e-7),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
