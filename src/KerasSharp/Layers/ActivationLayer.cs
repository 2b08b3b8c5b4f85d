using KerasSharp.Activations;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Activation layer: applies an activation function.</summary>
public sealed class Activation : Layer
{
    /// <summary>The activation.</summary>
    public ActivationFunction activation { get; }
    /// <summary>Creates the layer.</summary>
    public Activation(ActivationFunction activation, string? name = null) : base(name) => this.activation = activation;
    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => inputShapes[0];
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => activation.call(inputs[0]);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["activation"] = activation.name; return c; }

    internal static Layer FromConfig(Saving.ConfigReader c)
    {
        c.LayerBase();
        return new Activation(c.Activation(), c.Name);
    }
}
