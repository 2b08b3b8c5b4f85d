using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>Keras Adagrad: accumulator += g² (starting at initial_accumulator_value); w −= lr·g / √(accumulator + ε).</summary>
public class Adagrad : Optimizer
{
    /// <summary>Starting accumulator value.</summary>
    public double initial_accumulator_value { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public Adagrad(LearningRate? learning_rate = null, double initial_accumulator_value = 0.1, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    { this.initial_accumulator_value = initial_accumulator_value; this.epsilon = epsilon; }

    /// <inheritdoc />
    public override string class_name => "Adagrad";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "accumulator" } };
    /// <inheritdoc />
    protected override Tensor InitialSlot(int slot, Tensor variable) => torch.full_like(variable, initial_accumulator_value);

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        s[0].add_(Backend.EngineScalars.Square(g), Backend.EngineScalars.One);
        w.sub_(g.mul(S(lr)).div_(s[0].add(S(epsilon), Backend.EngineScalars.One).sqrt_()));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["initial_accumulator_value"] = initial_accumulator_value; c["epsilon"] = epsilon; return c;
    }

    /// <summary>Rebuilds an Adagrad from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static Adagrad from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(Adagrad));
        var b = ReadBase(c);
        return Finish(new Adagrad(b.learning_rate, c.Number("initial_accumulator_value", 0.1), c.Number("epsilon", 1e-7),
            b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
