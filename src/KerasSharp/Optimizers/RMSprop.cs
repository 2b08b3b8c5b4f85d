using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras RMSprop: v = ρ·v + (1 − ρ)·g²; increment = lr·g / √(v + ε) (centered: √(v − ḡ² + ε) with
/// ḡ = ρ·ḡ + (1 − ρ)·g); with momentum m = momentum·m + increment and w −= m, else w −= increment.
/// As in Keras, the momentum slots exist only when momentum &gt; 0 and the average gradients only
/// when centered; Keras's order: all velocities, then momentums, then average gradients.
/// </summary>
public class RMSprop : Optimizer
{
    /// <summary>Decay of the squared-gradient average.</summary>
    public double rho { get; }
    /// <summary>Momentum.</summary>
    public double momentum { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>Centered variant.</summary>
    public bool centered { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public RMSprop(LearningRate? learning_rate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    { this.rho = rho; this.momentum = momentum; this.epsilon = epsilon; this.centered = centered; }

    /// <inheritdoc />
    public override string class_name => "RMSprop";

    /// <inheritdoc />
    protected override string[][] SlotGroups
    {
        get
        {
            var groups = new List<string[]> { new[] { "velocity" } };
            if (momentum > 0) groups.Add(new[] { "momentum" });
            if (centered) groups.Add(new[] { "average_gradient" });
            return groups.ToArray();
        }
    }

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var velocity = s[0];
        velocity.mul_(S(rho)).add_(Backend.EngineScalars.Square(g).mul_(S(1 - rho)), Backend.EngineScalars.One);
        Tensor denominator;
        if (centered)
        {
            var average = s[momentum > 0 ? 2 : 1];
            average.mul_(S(rho)).add_(g.mul(S(1 - rho)), Backend.EngineScalars.One);
            denominator = velocity.sub(Backend.EngineScalars.Square(average)).add_(S(epsilon), Backend.EngineScalars.One);
        }
        else denominator = velocity.add(S(epsilon), Backend.EngineScalars.One);
        var increment = g.mul(S(lr)).div_(denominator.sqrt_());
        if (momentum > 0) { s[1].mul_(S(momentum)).add_(increment, Backend.EngineScalars.One); w.sub_(s[1]); }
        else w.sub_(increment);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["rho"] = rho; c["momentum"] = momentum; c["epsilon"] = epsilon; c["centered"] = centered; return c;
    }

    /// <summary>Rebuilds an RMSprop from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static RMSprop from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(RMSprop));
        var b = ReadBase(c);
        return Finish(new RMSprop(b.learning_rate, c.Number("rho", 0.9), c.Number("momentum", 0.0), c.Number("epsilon", 1e-7), c.Boolean("centered", false),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
