using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Conv2D, channels-last at the boundary; kernel [kh, kw, in, filters] in Keras's layout.</summary>
public sealed class Conv2D : Layer
{
    /// <summary>Number of filters.</summary>
    public int filters { get; }
    /// <summary>Kernel height and width.</summary>
    public (int, int) kernel_size { get; }
    /// <summary>Strides.</summary>
    public (int, int) strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string padding { get; }
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
    /// <summary>The kernel, after build (engine layout [filters, in, kh, kw]).</summary>
    public Weight? kernel { get; private set; }
    /// <summary>The bias, after build.</summary>
    public Weight? bias { get; private set; }
    (long, long, long, long)? asymmetricPad;
    long[] symmetricPad = { 0, 0 };

    /// <summary>Keras's signature and defaults (strides 1, "valid", glorot_uniform).</summary>
    public Conv2D(int filters, int kernel_size, int strides = 1, string padding = "valid", ActivationFunction? activation = null,
        bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        int[]? input_shape = null, string? name = null)
        : this(filters, (kernel_size, kernel_size), (strides, strides), padding, activation, use_bias, kernel_initializer,
            bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, input_shape, name) { }

    /// <summary>Keras's signature with tuple kernel size and strides.</summary>
    public Conv2D(int filters, (int, int) kernel_size, (int, int)? strides = null, string padding = "valid", ActivationFunction? activation = null,
        bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        int[]? input_shape = null, string? name = null) : base(name, input_shape)
    {
        if (filters <= 0) throw new ArgumentException($"Conv2D: filters must be a positive integer, received {filters}.");
        this.filters = filters;
        this.kernel_size = kernel_size;
        this.strides = strides ?? (1, 1);
        this.padding = Padding.Check(padding, this.name);
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
        if (s.Length != 4 || s[3] is null)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4 (batch, height, width, channels), but received input with shape {Utils.Shapes.Format(s)}.");
        kernel = AddWeight("kernel", new long[] { kernel_size.Item1, kernel_size.Item2, s[3]!.Value, filters }, kernel_initializer,
            regularizer: kernel_regularizer, kerasPermutation: new long[] { 2, 3, 1, 0 });
        if (use_bias) bias = AddWeight("bias", new long[] { filters }, bias_initializer, regularizer: bias_regularizer);
        if (padding == "same" && s[1].HasValue && s[2].HasValue)
        {
            var (t, b) = Padding.Same(s[1]!.Value, kernel_size.Item1, strides.Item1);
            var (l, r) = Padding.Same(s[2]!.Value, kernel_size.Item2, strides.Item2);
            if (t == b && l == r) symmetricPad = new[] { t, l };
            else asymmetricPad = (l, r, t, b);
        }
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        return new[] { s[0], Padding.OutputLength(s[1], kernel_size.Item1, strides.Item1, padding),
            Padding.OutputLength(s[2], kernel_size.Item2, strides.Item2, padding), (int?)filters };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (asymmetricPad is { } p) x = torch.nn.functional.pad(x, new[] { p.Item1, p.Item2, p.Item3, p.Item4 });
        var y = torch.nn.functional.conv2d(x, kernel!.Value, bias?.Value, new long[] { strides.Item1, strides.Item2 }, symmetricPad);
        return activation.IsLinear ? y : activation.call(y);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["filters"] = filters;
        c["kernel_size"] = new[] { kernel_size.Item1, kernel_size.Item2 };
        c["strides"] = new[] { strides.Item1, strides.Item2 };
        c["padding"] = padding;
        c["data_format"] = "channels_last";
        c["dilation_rate"] = new[] { 1, 1 };
        c["groups"] = 1;
        c["activation"] = activation.name;
        c["use_bias"] = use_bias;
        c["kernel_initializer"] = Saving.ConfigSerializer.Object(kernel_initializer);
        c["bias_initializer"] = Saving.ConfigSerializer.Object(bias_initializer);
        c["kernel_regularizer"] = Saving.ConfigSerializer.Object(kernel_regularizer);
        c["bias_regularizer"] = Saving.ConfigSerializer.Object(bias_regularizer);
        c["activity_regularizer"] = Saving.ConfigSerializer.Object(activity_regularizer);
        c["kernel_constraint"] = null;
        c["bias_constraint"] = null;
        return c;
    }
}
