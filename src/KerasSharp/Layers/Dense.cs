using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Dense: activation(x · kernel + bias), kernel [in, units], on the last axis of an input of any rank.</summary>
public sealed class Dense : Layer
{
    /// <summary>Number of output units.</summary>
    public int units { get; }
    /// <summary>The activation.</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether a bias is added.</summary>
    public bool use_bias { get; }
    /// <summary>Kernel initializer.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Bias initializer.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Kernel regularizer.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>Bias regularizer.</summary>
    public Regularizer? bias_regularizer { get; }
    /// <summary>The kernel, after build.</summary>
    public Weight? kernel { get; private set; }
    /// <summary>The bias, after build.</summary>
    public Weight? bias { get; private set; }

    /// <summary>Keras's signature and defaults (glorot_uniform kernel, zeros bias).</summary>
    public Dense(int units, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null, int[]? input_shape = null, string? name = null)
        : base(name, input_shape)
    {
        if (units <= 0) throw new ArgumentException($"Received an invalid value for `units`, expected a positive integer. Received: units={units}");
        this.units = units;
        this.activation = activation ?? ActivationsApi.Get("linear");
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? InitializersApi.Get("glorot_uniform");
        this.bias_initializer = bias_initializer ?? InitializersApi.Get("zeros");
        this.kernel_regularizer = kernel_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.activity_regularizer = activity_regularizer;
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        InputSpec.Check(name, 0, s, min_ndim: 2);
        if (s[^1] is not int inputDim) throw InputSpec.UndefinedWeightShape(name, "kernel", new int?[] { null, units });
        kernel = this.AddLayerWeight("kernel", new long[] { inputDim, units }, kernel_initializer, regularizer: kernel_regularizer);
        if (use_bias) bias = this.AddLayerWeight("bias", new long[] { units }, bias_initializer, regularizer: bias_regularizer);
    }

    /// <summary>Keras's InputSpec for a built Dense: at least 2 dimensions, the last one the size it was built for (any rank).</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) =>
        InputSpec.Check(name, 0, inputShapes[0], min_ndim: 2, axes: new[] { (-1, BuiltInputShapes![0][^1]) });

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = (int?[])inputShapes[0].Clone();
        s[^1] = units;
        return s;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        Tensor y = x.dim() == 2 && bias is not null
            ? torch.addmm(bias.Value, x, kernel!.Value, 1, 1)
            : bias is not null ? torch.matmul(x, kernel!.Value) + bias.Value : torch.matmul(x, kernel!.Value);
        return activation.IsLinear ? y : activation.call(y);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["units"] = units;
        c["activation"] = activation.name;
        c["use_bias"] = use_bias;
        c["kernel_initializer"] = Saving.ConfigSerializer.Object(kernel_initializer);
        c["bias_initializer"] = Saving.ConfigSerializer.Object(bias_initializer);
        c["kernel_regularizer"] = Saving.ConfigSerializer.Object(kernel_regularizer);
        c["bias_regularizer"] = Saving.ConfigSerializer.Object(bias_regularizer);
        c["kernel_constraint"] = null;
        c["bias_constraint"] = null;
        c["quantization_config"] = null;
        return c;
    }

    internal static Layer FromConfig(Saving.ConfigReader c)
    {
        c.LayerBase();
        c.ExpectNull("kernel_constraint", "bias_constraint", "lora_rank", "quantization_config");
        c.Ignore("lora_alpha");
        return new Dense(c.Int("units"), c.Activation(), c.Bool("use_bias", true), c.Initializer("kernel_initializer", "glorot_uniform"),
            c.Initializer("bias_initializer", "zeros"), c.Regularizer("kernel_regularizer"), c.Regularizer("bias_regularizer"),
            c.Regularizer("activity_regularizer"), name: c.Name);
    }
}
