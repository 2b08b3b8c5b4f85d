using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of MaxPooling2D and AveragePooling2D (TensorFlow's "same" padding, which ignores the
/// padded cells). Inputs are channels-last unless data_format says otherwise; the engine's pooling
/// runs on a transposed view, as in Conv2D.
/// </summary>
public abstract class Pooling2D : Layer
{
    /// <summary>Pool height and width.</summary>
    public (int, int) pool_size { get; }
    /// <summary>Strides (default: the pool size).</summary>
    public (int, int) strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string padding { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }
    long[] kernelArray = { 2, 2 }, strideArray = { 2, 2 };

    /// <summary>
    /// Creates the layer. Keras accepts a stride of 0 and any padding string here and fails when the
    /// layer is called; KerasSharp refuses them at once, with Keras's texts.
    /// </summary>
    protected Pooling2D(Int2 pool_size, Int2? strides, string padding, string? data_format, string? name) : base(name)
    {
        this.pool_size = pool_size.Check("pool_size");
        // Keras's pooling strides allow 0 (standardize_tuple(allow_zero=True)): negative values get that text.
        this.strides = (strides ?? pool_size).Check("strides", allowZero: true).Check("strides");
        this.padding = Padding.CheckPooling(padding);
        this.data_format = DataFormat.Check(data_format);
        kernelArray = new long[] { this.pool_size.Item1, this.pool_size.Item2 };
        strideArray = new long[] { this.strides.Item1, this.strides.Item2 };
    }

    bool ChannelsLast => data_format == "channels_last";
    (int, int) SpatialAxes => ChannelsLast ? (1, 2) : (2, 3);

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        InputSpec.Check(name, 0, inputShapes[0], ndim: 4);
        compute_output_shape(inputShapes);
    }

    /// <summary>Keras's InputSpec(ndim=4): any image size, call after call.</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) => InputSpec.Check(name, 0, inputShapes[0], ndim: 4);

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        InputSpec.Check(name, 0, s, ndim: 4);
        var (h, w) = SpatialAxes;
        var oh = Padding.OutputLength(s[h], pool_size.Item1, strides.Item1, padding);
        var ow = Padding.OutputLength(s[w], pool_size.Item2, strides.Item2, padding);
        if (oh <= 0 || ow <= 0)
            throw new ArgumentException($"Computed output size would be zero or negative. Received: `inputs.shape={InputSpec.Numpy(s)}`, `pool_size={((Int2)pool_size).NumpyString()}`, `strides={(Int2)strides}`, `padding={padding}`.");
        return ChannelsLast ? new[] { s[0], oh, ow, s[3] } : new[] { s[0], s[1], oh, ow };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (ChannelsLast) x = x.permute(0, 3, 1, 2);
        long[]? pad = null;
        if (padding == "same")
        {
            // TensorFlow's "same" (the odd cell after), per call: the image size may change.
            var (t, b) = Padding.Same(x.shape[2], pool_size.Item1, strides.Item1);
            var (l, r) = Padding.Same(x.shape[3], pool_size.Item2, strides.Item2);
            if (t + b + l + r > 0) pad = new[] { l, r, t, b };
        }
        var y = Pool(x, pad, kernelArray, strideArray);
        return ChannelsLast ? y.permute(0, 2, 3, 1) : y;
    }

    /// <summary>The pooling on a channels-first view, with TensorFlow's "same" padding (or none).</summary>
    protected abstract Tensor Pool(Tensor nchw, long[]? pad, long[] kernel, long[] stride);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["pool_size"] = new[] { pool_size.Item1, pool_size.Item2 };
        c["padding"] = padding;
        c["strides"] = new[] { strides.Item1, strides.Item2 };
        c["data_format"] = data_format;
        return c;
    }

    /// <summary>Reads the shared pooling keys.</summary>
    internal static (Int2 pool, Int2? strides, string padding, string? format) ReadConfig(ConfigReader c)
    {
        c.LayerBase();
        return (c.Pair("pool_size", 2)!.Value, c.Pair("strides"), c.Str("padding", "valid")!, c.Str("data_format"));
    }
}

/// <summary>Keras MaxPooling2D (pool 2×2, strides = pool, "valid" by default).</summary>
public sealed class MaxPooling2D : Pooling2D
{
    /// <summary>Keras's signature and defaults.</summary>
    public MaxPooling2D(Int2? pool_size = null, Int2? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        : base(pool_size ?? 2, strides, padding, data_format, name) { }

    /// <inheritdoc />
    protected override Tensor Pool(Tensor x, long[]? pad, long[] kernel, long[] stride)
    {
        if (pad is not null) x = torch.nn.functional.pad(x, pad, PaddingModes.Constant, double.NegativeInfinity);
        return torch.nn.functional.max_pool2d(x, kernel, stride);
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        var (p, s, pad, f) = ReadConfig(c);
        return new MaxPooling2D(p, s, pad, f, c.Name);
    }
}

/// <summary>Keras AveragePooling2D; with "same" padding the average counts only real cells, as in TensorFlow.</summary>
public sealed class AveragePooling2D : Pooling2D
{
    /// <summary>Keras's signature and defaults.</summary>
    public AveragePooling2D(Int2? pool_size = null, Int2? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        : base(pool_size ?? 2, strides, padding, data_format, name) { }

    /// <inheritdoc />
    protected override Tensor Pool(Tensor x, long[]? pad, long[] kernel, long[] stride)
    {
        if (pad is null) return torch.nn.functional.avg_pool2d(x, kernel, stride);
        var sums = torch.nn.functional.avg_pool2d(torch.nn.functional.pad(x, pad), kernel, stride);
        using var ones = torch.ones(1, 1, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device);
        var counts = torch.nn.functional.avg_pool2d(torch.nn.functional.pad(ones, pad), kernel, stride);
        return sums / counts;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        var (p, s, pad, f) = ReadConfig(c);
        return new AveragePooling2D(p, s, pad, f, c.Name);
    }
}

/// <summary>The base of the global pooling layers: a reduction over height and width.</summary>
public abstract class GlobalPooling2D : Layer
{
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }
    /// <summary>Whether the reduced axes are kept with length 1.</summary>
    public bool keepdims { get; }
    long[] axes = { 1, 2 };

    /// <summary>Creates the layer.</summary>
    protected GlobalPooling2D(string? data_format, bool keepdims, string? name) : base(name)
    {
        this.data_format = DataFormat.Check(data_format);
        this.keepdims = keepdims;
        axes = this.data_format == "channels_last" ? new long[] { 1, 2 } : new long[] { 2, 3 };
    }

    /// <summary>Keras's InputSpec(ndim=4): any image size, call after call.</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) => InputSpec.Check(name, 0, inputShapes[0], ndim: 4);

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        InputSpec.Check(name, 0, s, ndim: 4);
        bool last = data_format == "channels_last";
        int? ch = last ? s[3] : s[1];
        if (!keepdims) return new[] { s[0], ch };
        return last ? new[] { s[0], 1, 1, ch } : new[] { s[0], ch, 1, 1 };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => Reduce(inputs[0], axes, keepdims);

    /// <summary>The reduction.</summary>
    protected abstract Tensor Reduce(Tensor x, long[] axes, bool keepdims);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["data_format"] = data_format; c["keepdims"] = keepdims; return c; }

    /// <summary>Reads the shared keys.</summary>
    internal static (string? format, bool keepdims) ReadConfig(ConfigReader c)
    {
        c.LayerBase();
        return (c.Str("data_format"), c.Bool("keepdims", false));
    }
}

/// <summary>Keras GlobalAveragePooling2D: the mean over height and width.</summary>
public sealed class GlobalAveragePooling2D(string? data_format = null, bool keepdims = false, string? name = null) : GlobalPooling2D(data_format, keepdims, name)
{
    /// <inheritdoc />
    protected override Tensor Reduce(Tensor x, long[] axes, bool keepdims) => x.mean(axes, keepdims);

    internal static Layer FromConfig(ConfigReader c)
    {
        var (f, k) = ReadConfig(c);
        return new GlobalAveragePooling2D(f, k, c.Name);
    }
}

/// <summary>Keras GlobalMaxPooling2D: the maximum over height and width.</summary>
public sealed class GlobalMaxPooling2D(string? data_format = null, bool keepdims = false, string? name = null) : GlobalPooling2D(data_format, keepdims, name)
{
    /// <inheritdoc />
    protected override Tensor Reduce(Tensor x, long[] axes, bool keepdims) => x.amax(axes, keepdims);

    internal static Layer FromConfig(ConfigReader c)
    {
        var (f, k) = ReadConfig(c);
        return new GlobalMaxPooling2D(f, k, c.Name);
    }
}
