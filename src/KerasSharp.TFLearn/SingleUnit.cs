using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's single unit (layers/core.py <c>single_unit</c>, its linear regression layer): one
/// value per sample in, activation(x·W + b) out, with W and b of shape [1]. The input is [batch]
/// (<c>input_data(shape: [null])</c>) or [batch, 1]; the output is [batch].
/// </summary>
public sealed class SingleUnit : Layer
{
    /// <summary>The activation.</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether b is added.</summary>
    public bool use_bias { get; }
    /// <summary>Initializer of W.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Initializer of b.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>W, after build.</summary>
    public Weight? kernel { get; private set; }
    /// <summary>b, after build.</summary>
    public Weight? bias { get; private set; }

    /// <summary>Creates the layer (<c>tflearn.single_unit</c> gives W and b TFLearn's random constant starts).</summary>
    public SingleUnit(ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null,
        Initializer? bias_initializer = null, string? name = null) : base(name)
    {
        this.activation = activation ?? ActivationsApi.Get("linear");
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? InitializersApi.Get("zeros");
        this.bias_initializer = bias_initializer ?? InitializersApi.Get("zeros");
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Skip(1).Any(d => d != 1))
            throw new ArgumentException($"Layer \"{name}\" (single_unit) takes one value per sample: an input of shape [None] or [None, 1]; received input with shape {Utils.Shapes.Format(s)}.");
        kernel = AddWeight("kernel", new long[] { 1 }, kernel_initializer);
        if (use_bias) bias = AddWeight("bias", new long[] { 1 }, bias_initializer);
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => new[] { inputShapes[0][0] };

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var y = inputs[0].reshape(-1) * kernel!.Value;
        if (bias is not null) y = y + bias.Value;
        return activation.IsLinear ? y : activation.call(y);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["activation"] = activation.name;
        c["use_bias"] = use_bias;
        c["kernel_initializer"] = ConfigSerializer.Object(kernel_initializer);
        c["bias_initializer"] = ConfigSerializer.Object(bias_initializer);
        return c;
    }

    internal static Layer FromConfig(System.Text.Json.JsonElement config)
    {
        var c = new ConfigReader("SingleUnit", config);
        c.LayerBase();
        var layer = new SingleUnit(c.Activation(), c.Bool("use_bias", true), c.Initializer("kernel_initializer", "zeros"), c.Initializer("bias_initializer", "zeros"), c.Name);
        c.Done();
        return layer;
    }
}
