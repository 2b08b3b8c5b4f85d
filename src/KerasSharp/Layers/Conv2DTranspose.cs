using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Conv2DTranspose (the gradient of a convolution, for upsampling). Inputs are
/// <c>[N, H, W, C]</c> (data_format "channels_last", the default) or <c>[N, C, H, W]</c>; the
/// kernel is <c>[kh, kw, filters, in]</c>, as in Keras. The output size is Keras's:
/// "valid" gives <c>(i - 1)·s + max(k, s)</c>, "same" gives <c>i·s</c>, and
/// <c>output_padding</c> sets the extra cells at the end. The result is TensorFlow's (and JAX's):
/// the engine's full transposed convolution, cropped or zero-extended at each side by the padding
/// Keras computes, so it also matches where Keras's torch backend warns of inconsistencies.
/// </summary>
public sealed class Conv2DTranspose : Layer
{
    /// <summary>Number of output channels.</summary>
    public int filters { get; }
    /// <summary>Kernel height and width.</summary>
    public (int, int) kernel_size { get; }
    /// <summary>Strides.</summary>
    public (int, int) strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string padding { get; }
    /// <summary>Extra cells at the end of each spatial dimension, or null for Keras's default.</summary>
    public (int, int)? output_padding { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }
    /// <summary>Dilation rates.</summary>
    public (int, int) dilation_rate { get; }
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
    /// <summary>The kernel <c>[kh, kw, filters, in]</c>, after build.</summary>
    public Weight? kernel { get; private set; }
    /// <summary>The bias, after build.</summary>
    public Weight? bias { get; private set; }

    /// <summary>Keras's signature and defaults (strides 1, "valid", glorot_uniform kernel, zeros bias).</summary>
    public Conv2DTranspose(int filters, Int2 kernel_size, Int2? strides = null, string padding = "valid", Int2? output_padding = null,
        string? data_format = null, Int2? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, int[]? input_shape = null, string? name = null)
        : base(name, input_shape)
    {
        if (filters <= 0) throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.");
        this.filters = filters;
        this.kernel_size = kernel_size.Check("kernel_size");
        this.strides = (strides ?? 1).Check("strides");
        this.dilation_rate = (dilation_rate ?? 1).Check("dilation_rate");
        this.output_padding = output_padding?.Check("output_padding", allowZero: true);
        if (this.output_padding is { } op)
        {
            var ops = new[] { op.Item1, op.Item2 };
            var ss = new[] { this.strides.Item1, this.strides.Item2 };
            for (int i = 0; i < 2; i++)
                if (ops[i] >= ss[i])
                    throw new ArgumentException($"`output_padding` must be strictly less than `strides` for all dimensions. At dimension {i}, `output_padding` is {ops[i]} but `strides` is {ss[i]}. Received: output_padding={(Int2)op}, strides={(Int2)this.strides}");
        }
        if ((this.strides.Item1 > 1 || this.strides.Item2 > 1) && (this.dilation_rate.Item1 > 1 || this.dilation_rate.Item2 > 1))
            throw new ArgumentException($"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides={(Int2)this.strides} and dilation_rate={(Int2)this.dilation_rate}");
        this.padding = Padding.Check(padding, this.name);
        this.data_format = DataFormat.Check(data_format);
        this.activation = activation ?? ActivationsApi.Get("linear");
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? InitializersApi.Get("glorot_uniform");
        this.bias_initializer = bias_initializer ?? InitializersApi.Get("zeros");
        this.kernel_regularizer = kernel_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.activity_regularizer = activity_regularizer;
    }

    bool ChannelsLast => data_format == "channels_last";
    int ChannelAxis => ChannelsLast ? 3 : 1;
    (int, int) SpatialAxes => ChannelsLast ? (1, 2) : (2, 3);

    /// <summary>Keras's output length of one spatial dimension.</summary>
    static int? OutputLength(int? input, int kernel, int stride, int dilation, string padding, int? outputPadding)
    {
        if (input is null) return null;
        int k = (kernel - 1) * dilation + 1;
        if (padding == "valid") return (input.Value - 1) * stride + k + (outputPadding ?? Math.Max(k, stride) - k);
        return outputPadding is null ? input.Value * stride : (input.Value - 1) * stride + k % 2 + outputPadding.Value;
    }

    /// <summary>The padding (before, after) of the dilated input in TensorFlow's formulation, as Keras computes it for JAX.</summary>
    static (int before, int after) TfPadding(int kernel, int stride, int dilation, string padding, int? outputPadding)
    {
        int k = (kernel - 1) * dilation + 1;
        if (padding == "valid")
        {
            int op = outputPadding ?? Math.Max(k, stride) - k;
            return (k - 1, k - 1 + op);
        }
        int padLen = outputPadding is null ? stride + k - 2 : k + k % 2 - 2 + outputPadding.Value;
        int left = Math.Min(padLen / 2 + padLen % 2, k - 1);
        return (left, padLen - left);
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 4 || s[ChannelAxis] is null)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4 ({(ChannelsLast ? "batch, height, width, channels" : "batch, channels, height, width")}) with a known channel dimension, but received input with shape {Utils.Shapes.Format(s)}.");
        compute_output_shape(inputShapes);
        kernel = this.AddLayerWeight("kernel", new long[] { kernel_size.Item1, kernel_size.Item2, filters, s[ChannelAxis]!.Value }, kernel_initializer, regularizer: kernel_regularizer);
        if (use_bias) bias = this.AddLayerWeight("bias", new long[] { filters }, bias_initializer, regularizer: bias_regularizer);
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 4)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        var (h, w) = SpatialAxes;
        var oh = OutputLength(s[h], kernel_size.Item1, strides.Item1, dilation_rate.Item1, padding, output_padding?.Item1);
        var ow = OutputLength(s[w], kernel_size.Item2, strides.Item2, dilation_rate.Item2, padding, output_padding?.Item2);
        if (oh <= 0 || ow <= 0)
            throw new ArgumentException($"Layer \"{name}\" (Conv2DTranspose): computed output size would be zero or negative for input shape {Utils.Shapes.Format(s)}.");
        return ChannelsLast ? new[] { s[0], oh, ow, (int?)filters } : new[] { s[0], (int?)filters, oh, ow };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (ChannelsLast) x = x.permute(0, 3, 1, 2);
        var y = x.device_type == DeviceType.CUDA
            // The kernel is [kh, kw, out, in]; the engine's transposed convolution wants [in, out, kh, kw].
            ? torch.nn.functional.conv_transpose2d(x, kernel!.Value.permute(3, 2, 0, 1), null,
                strides: new long[] { strides.Item1, strides.Item2 }, padding: new long[] { 0, 0 },
                output_padding: new long[] { 0, 0 }, dilation: new long[] { dilation_rate.Item1, dilation_rate.Item2 })
            : EngineWorkarounds.ConvTranspose2dByFold(x, kernel!.Value, strides, dilation_rate);
        // The engine gives the full result (every padding 0): take Keras's window of it, zeros past its ends.
        var (t, b) = TfPadding(kernel_size.Item1, strides.Item1, dilation_rate.Item1, padding, output_padding?.Item1);
        var (l, r) = TfPadding(kernel_size.Item2, strides.Item2, dilation_rate.Item2, padding, output_padding?.Item2);
        int kh = (kernel_size.Item1 - 1) * dilation_rate.Item1 + 1, kw = (kernel_size.Item2 - 1) * dilation_rate.Item2 + 1;
        // A negative pad crops.
        long[] pad = { l - (kw - 1), r - (kw - 1), t - (kh - 1), b - (kh - 1) };
        if (pad.Any(p => p != 0)) y = torch.nn.functional.pad(y, pad);
        if (bias is not null) y = y + bias.Value.view(1, -1, 1, 1);
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
        c["output_padding"] = output_padding is { } op ? new[] { op.Item1, op.Item2 } : null;
        c["data_format"] = data_format;
        c["dilation_rate"] = new[] { dilation_rate.Item1, dilation_rate.Item2 };
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
        c.ExpectNull("kernel_constraint", "bias_constraint");
        return new Conv2DTranspose(c.Int("filters"), c.Pair("kernel_size") ?? throw new InvalidDataException($"Conv2DTranspose '{c.Name}': config has no 'kernel_size'."),
            c.Pair("strides", 1), c.Str("padding", "valid")!, c.Pair("output_padding"), c.Str("data_format"), c.Pair("dilation_rate", 1),
            c.Activation(), c.Bool("use_bias", true), c.Initializer("kernel_initializer", "glorot_uniform"), c.Initializer("bias_initializer", "zeros"),
            c.Regularizer("kernel_regularizer"), c.Regularizer("bias_regularizer"), c.Regularizer("activity_regularizer"), name: c.Name);
    }
}
