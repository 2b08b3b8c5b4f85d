using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Conv2D. Inputs are <c>[N, H, W, C]</c> (data_format "channels_last", the default) or
/// <c>[N, C, H, W]</c> ("channels_first"); the kernel is <c>[kh, kw, in / groups, filters]</c>, as in
/// Keras. The engine's convolution wants channels-first, so <c>call</c> hands it a transposed view
/// of a channels-last batch (no copy: the engine runs its channels-last kernels on it) and
/// transposes the result back, as Keras's torch backend does.
/// </summary>
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
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }
    /// <summary>Dilation rate of the kernel.</summary>
    public (int, int) dilation_rate { get; }
    /// <summary>Number of groups the input channels are split into.</summary>
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
    /// <summary>The kernel, after build: <c>[kh, kw, in / groups, filters]</c>.</summary>
    public Weight? kernel { get; private set; }
    /// <summary>The bias, after build.</summary>
    public Weight? bias { get; private set; }
    long[] strideArray = { 1, 1 }, dilationArray = { 1, 1 };

    /// <summary>Keras's signature and defaults (strides 1, "valid", channels_last, glorot_uniform kernel, zeros bias).</summary>
    public Conv2D(int filters, Int2 kernel_size, Int2? strides = null, string padding = "valid", string? data_format = null,
        Int2? dilation_rate = null, int groups = 1, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, int[]? input_shape = null, string? name = null)
        : base(name, input_shape)
    {
        if (filters <= 0) throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.");
        if (groups <= 0) throw new ArgumentException($"The number of groups must be a positive integer. Received: groups={groups}.");
        if (filters % groups != 0) throw new ArgumentException($"The number of filters must be evenly divisible by the number of groups. Received: groups={groups}, filters={filters}.");
        this.filters = filters;
        this.kernel_size = kernel_size.Check("kernel_size");
        this.strides = (strides ?? 1).Check("strides");
        this.dilation_rate = (dilation_rate ?? 1).Check("dilation_rate");
        if ((this.strides.Item1 > 1 || this.strides.Item2 > 1) && (this.dilation_rate.Item1 > 1 || this.dilation_rate.Item2 > 1))
            throw new ArgumentException($"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides={(Int2)this.strides} and dilation_rate={(Int2)this.dilation_rate}");
        this.padding = Padding.Check(padding, this.name);
        this.data_format = DataFormat.Check(data_format);
        this.groups = groups;
        this.activation = activation ?? ActivationsApi.Get("linear");
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? InitializersApi.Get("glorot_uniform");
        this.bias_initializer = bias_initializer ?? InitializersApi.Get("zeros");
        this.kernel_regularizer = kernel_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.activity_regularizer = activity_regularizer;
    }

    bool ChannelsLast => data_format == "channels_last";
    /// <summary>The channel axis as Keras's InputSpec names it: -1 (channels_last) or 1.</summary>
    int ChannelAxis => ChannelsLast ? -1 : 1;
    (int, int) SpatialAxes => ChannelsLast ? (1, 2) : (2, 3);
    (int, int) Dilated => ((kernel_size.Item1 - 1) * dilation_rate.Item1 + 1, (kernel_size.Item2 - 1) * dilation_rate.Item2 + 1);
    static int? At(int?[] s, int axis) => s.Length == 0 ? null : s[axis < 0 ? axis + s.Length : axis];

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        InputSpec.Check(name, 0, s, min_ndim: 4);
        if (At(s, ChannelAxis) is not int channels)
            throw new ArgumentException($"Layer \"{name}\" (Conv2D): the channel dimension of the input (axis {ChannelAxis}) must be known to create the kernel, but received input with shape {Utils.Shapes.Format(s)}.");
        if (channels % groups != 0)
            throw new ArgumentException($"The number of input channels must be evenly divisible by the number of groups. Received groups={groups}, but the input has {channels} channels (full input shape is {Utils.Shapes.Format(s)}).");
        compute_output_shape(inputShapes);
        kernel = this.AddLayerWeight("kernel", new long[] { kernel_size.Item1, kernel_size.Item2, channels / groups, filters }, kernel_initializer, regularizer: kernel_regularizer);
        if (use_bias) bias = this.AddLayerWeight("bias", new long[] { filters }, bias_initializer, regularizer: bias_regularizer);
        strideArray = new long[] { strides.Item1, strides.Item2 };
        dilationArray = new long[] { dilation_rate.Item1, dilation_rate.Item2 };
    }

    /// <summary>
    /// Keras's InputSpec for a built Conv2D: at least 4 dimensions and the channel count it was built
    /// for. The image size may change from call to call, as in Keras.
    /// </summary>
    protected override void CheckInputShapes(int?[][] inputShapes)
    {
        var built = BuiltInputShapes![0];
        InputSpec.Check(name, 0, inputShapes[0], min_ndim: 4, axes: new[] { (ChannelAxis, At(built, ChannelAxis)) });
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        var kernelShape = new int?[] { kernel_size.Item1, kernel_size.Item2, At(s, ChannelAxis), filters };
        if (s.Length != 4)
            throw new ArgumentException($"Kernel shape must have the same length as input, but received kernel of shape {Utils.Shapes.Format(kernelShape)} and input of shape {Utils.Shapes.Format(s)}.");
        var (h, w) = SpatialAxes;
        var oh = Padding.OutputLength(s[h], Dilated.Item1, strides.Item1, padding);
        var ow = Padding.OutputLength(s[w], Dilated.Item2, strides.Item2, padding);
        if (oh <= 0 || ow <= 0)
            throw new ArgumentException($"Computed output size would be zero or negative. Received `inputs shape={Utils.Shapes.Format(s)}`, `kernel shape={Utils.Shapes.Format(kernelShape)}`, `dilation_rate={((Int2)dilation_rate).NumpyString()}`, `strides={(Int2)strides}`, `padding={padding}`.");
        return ChannelsLast ? new[] { s[0], oh, ow, (int?)filters } : new[] { s[0], (int?)filters, oh, ow };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        // libtorch 2.10's CPU grouped convolution gives wrong results on a channels-last view when a
        // group has one input channel (depthwise; measured against Keras): grouped convolutions get a
        // channels-first copy. Ungrouped ones run on the view, with the engine's channels-last kernels.
        if (ChannelsLast) x = groups > 1 ? x.permute(0, 3, 1, 2).contiguous() : x.permute(0, 3, 1, 2);
        long[] pad = { 0, 0 };
        if (padding == "same")
        {
            // TensorFlow's "same": the odd pixel goes after; computed per call, since the image size may change.
            var (t, b) = Padding.Same(x.shape[2], Dilated.Item1, strides.Item1);
            var (l, r) = Padding.Same(x.shape[3], Dilated.Item2, strides.Item2);
            if (t == b && l == r) pad = new[] { t, l };
            else x = torch.nn.functional.pad(x, new[] { l, r, t, b });
        }
        // The kernel is [kh, kw, in, out]; the engine wants [out, in, kh, kw].
        var y = torch.nn.functional.conv2d(x, kernel!.Value.permute(3, 2, 0, 1), bias?.Value, strideArray, pad, dilationArray, groups);
        if (ChannelsLast) y = y.permute(0, 2, 3, 1);
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
        c["data_format"] = data_format;
        c["dilation_rate"] = new[] { dilation_rate.Item1, dilation_rate.Item2 };
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
        return new Conv2D(c.Int("filters"), c.Pair("kernel_size") ?? throw new InvalidDataException($"Conv2D '{c.Name}': config has no 'kernel_size'."),
            c.Pair("strides", 1), c.Str("padding", "valid")!, c.Str("data_format"), c.Pair("dilation_rate", 1), c.Int("groups", 1),
            c.Activation(), c.Bool("use_bias", true), c.Initializer("kernel_initializer", "glorot_uniform"), c.Initializer("bias_initializer", "zeros"),
            c.Regularizer("kernel_regularizer"), c.Regularizer("bias_regularizer"), c.Regularizer("activity_regularizer"), name: c.Name);
    }
}
