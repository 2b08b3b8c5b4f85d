using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Conv1D. Inputs are <c>[N, steps, channels]</c> (data_format "channels_last", the default)
/// or <c>[N, channels, steps]</c> ("channels_first"); the kernel is
/// <c>[kernel_size, in / groups, filters]</c>, as in Keras. <c>padding</c> is "valid", "same"
/// (TensorFlow's, the odd cell after) or "causal" (zeros before the sequence, so that
/// <c>output[t]</c> sees only <c>input[..t]</c>). The engine's convolution runs on a transposed
/// view, inside <see cref="call"/>.
/// </summary>
public sealed class Conv1D : Layer
{
    /// <summary>Number of output channels.</summary>
    public int filters { get; }
    /// <summary>The length of the convolution window.</summary>
    public int kernel_size { get; }
    /// <summary>The stride.</summary>
    public int strides { get; }
    /// <summary>"valid", "same" or "causal".</summary>
    public string padding { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }
    /// <summary>The dilation rate.</summary>
    public int dilation_rate { get; }
    /// <summary>Number of groups the channels are split into.</summary>
    public int groups { get; }
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
    /// <summary>The kernel <c>[kernel_size, in / groups, filters]</c>, after build.</summary>
    public Weight? kernel { get; private set; }
    /// <summary>The bias, after build.</summary>
    public Weight? bias { get; private set; }

    /// <summary>
    /// Keras's signature and defaults (strides 1, "valid", channels_last, glorot_uniform kernel,
    /// zeros bias). <paramref name="input_shape"/> (batch excluded) may hold null for an unknown
    /// number of steps.
    /// </summary>
    public Conv1D(int filters, int kernel_size, int strides = 1, string padding = "valid", string? data_format = null,
        int dilation_rate = 1, int groups = 1, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, int?[]? input_shape = null, string? name = null)
        : base(name, input_shape)
    {
        if (filters <= 0) throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.");
        if (groups <= 0) throw new ArgumentException($"The number of groups must be a positive integer. Received: groups={groups}.");
        if (filters % groups != 0) throw new ArgumentException($"The number of filters must be evenly divisible by the number of groups. Received: groups={groups}, filters={filters}.");
        Positive(kernel_size, "kernel_size");
        Positive(strides, "strides");
        Positive(dilation_rate, "dilation_rate");
        if (strides > 1 && dilation_rate > 1)
            throw new ArgumentException($"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=({strides},) and dilation_rate=({dilation_rate},)");
        var p = padding?.ToLowerInvariant();
        if (p != "valid" && p != "same" && p != "causal")
            throw new ArgumentException($"The `padding` argument must be a list/tuple or one of {{'valid', 'same', 'causal'}}. Received: {padding ?? "None"} (layer \"{this.name}\").");
        this.filters = filters;
        this.kernel_size = kernel_size;
        this.strides = strides;
        this.padding = p;
        this.data_format = DataFormat.Check(data_format);
        this.dilation_rate = dilation_rate;
        this.groups = groups;
        this.activation = activation ?? ActivationsApi.Get("linear");
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? InitializersApi.Get("glorot_uniform");
        this.bias_initializer = bias_initializer ?? InitializersApi.Get("zeros");
        this.kernel_regularizer = kernel_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.activity_regularizer = activity_regularizer;
    }

    internal static void Positive(int v, string argument)
    {
        if (v <= 0)
            throw new ArgumentException($"The `{argument}` argument must be a tuple of 1 integers. Received {argument}=({v},), including values {{{v}}} that do not satisfy `value > 0`.");
    }

    bool ChannelsLast => data_format == "channels_last";
    int ChannelAxis => ChannelsLast ? 2 : 1;
    int StepAxis => ChannelsLast ? 1 : 2;
    int Dilated => (kernel_size - 1) * dilation_rate + 1;

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 3 || s[ChannelAxis] is null)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3 ({(ChannelsLast ? "batch, steps, channels" : "batch, channels, steps")}) with a known channel dimension, but received input with shape {Utils.Shapes.Format(s)}.");
        int channels = s[ChannelAxis]!.Value;
        if (channels % groups != 0)
            throw new ArgumentException($"The number of input channels must be evenly divisible by the number of groups. Received groups={groups}, but the input has {channels} channels (full input shape is {Utils.Shapes.Format(s)}).");
        compute_output_shape(inputShapes);
        kernel = this.AddLayerWeight("kernel", new long[] { kernel_size, channels / groups, filters }, kernel_initializer, regularizer: kernel_regularizer);
        if (use_bias) bias = this.AddLayerWeight("bias", new long[] { filters }, bias_initializer, regularizer: bias_regularizer);
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        int? steps = s[StepAxis];
        int? outSteps = steps is null ? null
            : padding == "valid" ? (int)Math.Floor((steps.Value - Dilated) / (double)strides) + 1
            : (steps.Value - 1) / strides + 1;
        if (outSteps <= 0)
            throw new ArgumentException($"Computed output size would be zero or negative. Received `inputs shape={Utils.Shapes.Format(s)}`, `kernel shape=({kernel_size}, {s[ChannelAxis]?.ToString() ?? "None"}, {filters})`, `dilation_rate=({dilation_rate},)`, `strides=({strides},)`, `padding={padding}` (layer \"{name}\").");
        return ChannelsLast ? new[] { s[0], outSteps, (int?)filters } : new[] { s[0], (int?)filters, outSteps };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (ChannelsLast) x = x.permute(0, 2, 1);
        if (padding == "causal")
            x = torch.nn.functional.pad(x, new long[] { (long)dilation_rate * (kernel_size - 1), 0 });
        else if (padding == "same")
        {
            var (before, after) = Padding.Same(x.shape[2], Dilated, strides);
            if (before + after > 0) x = torch.nn.functional.pad(x, new long[] { before, after });
        }
        var y = x.device_type == DeviceType.CUDA
            // The kernel is [k, in, out]; the engine wants [out, in, k].
            ? torch.nn.functional.conv1d(x, kernel!.Value.permute(2, 1, 0), bias?.Value, strides, 0, dilation_rate, groups)
            : EngineWorkarounds.Conv1dByMatmul(x, kernel!.Value, bias?.Value, strides, dilation_rate, groups);
        if (ChannelsLast) y = y.permute(0, 2, 1);
        return activation.IsLinear ? y : activation.call(y);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["filters"] = filters;
        c["kernel_size"] = new[] { kernel_size };
        c["strides"] = new[] { strides };
        c["padding"] = padding;
        c["data_format"] = data_format;
        c["dilation_rate"] = new[] { dilation_rate };
        c["groups"] = groups;
        c["activation"] = activation.name;
        c["use_bias"] = use_bias;
        c["kernel_initializer"] = ConfigSerializer.Object(kernel_initializer);
        c["bias_initializer"] = ConfigSerializer.Object(bias_initializer);
        c["kernel_regularizer"] = ConfigSerializer.Object(kernel_regularizer);
        c["bias_regularizer"] = ConfigSerializer.Object(bias_regularizer);
        c["activity_regularizer"] = ConfigSerializer.Object(activity_regularizer);
        c["kernel_constraint"] = null;
        c["bias_constraint"] = null;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        c.ExpectNull("kernel_constraint", "bias_constraint", "lora_rank");
        c.Ignore("lora_alpha");
        return new Conv1D(c.Int("filters"), c.One("kernel_size") ?? throw new InvalidDataException($"Conv1D '{c.Name}': config has no 'kernel_size'."), c.One("strides") ?? 1, c.Str("padding", "valid")!, c.Str("data_format"),
            c.One("dilation_rate") ?? 1, c.Int("groups", 1), c.Activation(), c.Bool("use_bias", true), c.Initializer("kernel_initializer", "glorot_uniform"),
            c.Initializer("bias_initializer", "zeros"), c.Regularizer("kernel_regularizer"), c.Regularizer("bias_regularizer"),
            c.Regularizer("activity_regularizer"), name: c.Name);
    }
}
