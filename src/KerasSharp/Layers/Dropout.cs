using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Dropout: during training, zeroes a fraction <c>rate</c> of the inputs and scales the rest by 1/(1-rate).</summary>
public sealed class Dropout : Layer
{
    /// <summary>The fraction of inputs dropped.</summary>
    public double rate { get; }
    /// <summary>Creates the layer.</summary>
    public Dropout(double rate, string? name = null) : base(name)
    {
        if (rate < 0 || rate >= 1) throw new ArgumentException($"Dropout: rate must be in [0, 1), received {rate}.");
        this.rate = rate;
    }
    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => inputShapes[0];
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) =>
        training && rate > 0 ? torch.nn.functional.dropout(inputs[0], rate, true) : inputs[0].alias();
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["rate"] = rate; c["seed"] = null; c["noise_shape"] = null; return c;
    }
}
