using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras Ftrl (FTRL-Proximal, the same rule as TensorFlow's ApplyFtrl): with p = −learning_rate_power,
/// n' = n + g²; z += g + 2·l2_shrinkage·w − (n'^p − n^p)/lr·w;
/// w = (clip(z, −l1, l1) − z) / (n'^p/lr + 2·(l2 + beta/(2·lr))); n = n'.
/// </summary>
public class Ftrl : Optimizer
{
    /// <summary>The power of the accumulator in the step size (≤ 0).</summary>
    public double learning_rate_power { get; }
    /// <summary>Starting accumulator value (≥ 0).</summary>
    public double initial_accumulator_value { get; }
    /// <summary>L1 strength (≥ 0).</summary>
    public double l1_regularization_strength { get; }
    /// <summary>L2 strength (≥ 0).</summary>
    public double l2_regularization_strength { get; }
    /// <summary>L2 shrinkage strength (≥ 0).</summary>
    public double l2_shrinkage_regularization_strength { get; }
    /// <summary>Keras's beta.</summary>
    public double beta { get; }

    /// <summary>Keras's signature, defaults and checks.</summary>
    public Ftrl(LearningRate? learning_rate = null, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0, double l2_shrinkage_regularization_strength = 0.0,
        double beta = 0.0, double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    {
        static string F(double v) => PyRepr.Float(v);
        if (initial_accumulator_value < 0.0)
            throw new ArgumentException($"`initial_accumulator_value` needs to be positive or zero. Received: initial_accumulator_value={F(initial_accumulator_value)}.");
        if (learning_rate_power > 0.0)
            throw new ArgumentException($"`learning_rate_power` needs to be negative or zero. Received: learning_rate_power={F(learning_rate_power)}.");
        if (l1_regularization_strength < 0.0)
            throw new ArgumentException($"`l1_regularization_strength` needs to be positive or zero. Received: l1_regularization_strength={F(l1_regularization_strength)}.");
        if (l2_regularization_strength < 0.0)
            throw new ArgumentException($"`l2_regularization_strength` needs to be positive or zero. Received: l2_regularization_strength={F(l2_regularization_strength)}.");
        if (l2_shrinkage_regularization_strength < 0.0)
            throw new ArgumentException($"`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: l2_shrinkage_regularization_strength={F(l2_shrinkage_regularization_strength)}.");
        this.learning_rate_power = learning_rate_power; this.initial_accumulator_value = initial_accumulator_value;
        this.l1_regularization_strength = l1_regularization_strength; this.l2_regularization_strength = l2_regularization_strength;
        this.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength; this.beta = beta;
    }

    /// <inheritdoc />
    public override string class_name => "Ftrl";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "accumulator", "linear" } };
    /// <inheritdoc />
    protected override Tensor InitialSlot(int slot, Tensor variable) =>
        slot == 0 ? torch.full_like(variable, initial_accumulator_value) : torch.zeros_like(variable);

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var accum = s[0]; var linear = s[1];
        double p = -learning_rate_power;
        double l2 = l2_regularization_strength + beta / (2.0 * lr);
        var gradToUse = g.add(w.mul(S(2 * l2_shrinkage_regularization_strength)), Backend.EngineScalars.One);
        var newAccum = accum.add(Backend.EngineScalars.Square(g), Backend.EngineScalars.One);
        var newPow = newAccum.pow(S(p));
        linear.add_(gradToUse.sub_(newPow.sub(accum.pow(S(p))).div_(S(lr)).mul_(w)), Backend.EngineScalars.One);
        var quadratic = newPow.div(S(lr)).add_(S(2 * l2), Backend.EngineScalars.One);
        var clipped = linear.clamp(-l1_regularization_strength, l1_regularization_strength);
        w.copy_(clipped.sub_(linear).div_(quadratic));
        accum.copy_(newAccum);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["learning_rate_power"] = learning_rate_power;
        c["initial_accumulator_value"] = initial_accumulator_value;
        c["l1_regularization_strength"] = l1_regularization_strength;
        c["l2_regularization_strength"] = l2_regularization_strength;
        c["l2_shrinkage_regularization_strength"] = l2_shrinkage_regularization_strength;
        c["beta"] = beta;
        return c;
    }

    /// <summary>Rebuilds an Ftrl from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Ftrl from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Ftrl));
        var b = ReadBase(c);
        return Finish(new Ftrl(b.learning_rate, c.Number("learning_rate_power", -0.5), c.Number("initial_accumulator_value", 0.1),
            c.Number("l1_regularization_strength", 0.0), c.Number("l2_regularization_strength", 0.0), c.Number("l2_shrinkage_regularization_strength", 0.0),
            c.Number("beta", 0.0), b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
