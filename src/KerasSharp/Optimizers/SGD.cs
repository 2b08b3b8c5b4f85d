using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras SGD: without momentum w −= lr·g; with momentum m = momentum·m − lr·g, then w += m
/// (Nesterov: w += momentum·m − lr·g). The momentum slot exists only when momentum ≠ 0, as in Keras.
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>The momentum, in [0, 1].</summary>
    public double momentum { get; }
    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool nesterov { get; }

    /// <summary>Keras's signature and defaults (learning_rate 0.01, momentum 0).</summary>
    public SGD(LearningRate? learning_rate = null, double momentum = 0.0, bool nesterov = false, double? weight_decay = null,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, 0.01, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    {
        if (momentum < 0 || momentum > 1 || double.IsNaN(momentum)) throw new ArgumentException("`momentum` must be a float between [0, 1].");
        this.momentum = momentum; this.nesterov = nesterov;
    }

    /// <inheritdoc />
    public override string class_name => "SGD";
    /// <inheritdoc />
    protected override string[][] SlotGroups => momentum != 0 ? new[] { new[] { "momentum" } } : Array.Empty<string[]>();

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long step, double lr)
    {
        if (momentum == 0) { w.add_(g, alpha: S(-lr)); return; }
        var m = s[0];
        m.mul_(S(momentum)).add_(g, alpha: S(-lr));
        if (nesterov) w.add_(m, alpha: S(momentum)).add_(g, alpha: S(-lr));
        else w.add_(m, Backend.EngineScalars.One);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["momentum"] = momentum; c["nesterov"] = nesterov; return c;
    }

    /// <summary>Rebuilds an SGD from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static SGD from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(SGD));
        var b = ReadBase(c);
        return Finish(new SGD(b.learning_rate, c.Number("momentum", 0.0), c.Boolean("nesterov", false), b.weight_decay, b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
