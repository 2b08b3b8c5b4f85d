using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>The base of MaxPooling2D and AveragePooling2D (TensorFlow's "same" padding, which ignores the padded cells).</summary>
public abstract class Pooling2D : Layer
{
    /// <summary>Pool height and width.</summary>
    public (int, int) pool_size { get; }
    /// <summary>Strides (default: the pool size).</summary>
    public (int, int) strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string padding { get; }
    (long, long, long, long)? pad;

    /// <summary>Creates the layer.</summary>
    protected Pooling2D((int, int) pool_size, (int, int)? strides, string padding, string? name) : base(name)
    {
        this.pool_size = pool_size;
        this.strides = strides ?? pool_size;
        this.padding = Padding.Check(padding, this.name);
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 4)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4 (batch, height, width, channels), but received input with shape {Utils.Shapes.Format(s)}.");
        if (padding == "same" && s[1].HasValue && s[2].HasValue)
        {
            var (t, b) = Padding.Same(s[1]!.Value, pool_size.Item1, strides.Item1);
            var (l, r) = Padding.Same(s[2]!.Value, pool_size.Item2, strides.Item2);
            if (t + b + l + r > 0) pad = (l, r, t, b);
        }
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        return new[] { s[0], Padding.OutputLength(s[1], pool_size.Item1, strides.Item1, padding),
            Padding.OutputLength(s[2], pool_size.Item2, strides.Item2, padding), s[3] };
    }

    /// <summary>The padding for "same", or null.</summary>
    protected long[]? PadArray => pad is { } p ? new[] { p.Item1, p.Item2, p.Item3, p.Item4 } : null;
    /// <summary>Kernel as an array.</summary>
    protected long[] Kernel => new long[] { pool_size.Item1, pool_size.Item2 };
    /// <summary>Strides as an array.</summary>
    protected long[] Stride => new long[] { strides.Item1, strides.Item2 };

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["pool_size"] = new[] { pool_size.Item1, pool_size.Item2 };
        c["padding"] = padding;
        c["strides"] = new[] { strides.Item1, strides.Item2 };
        c["data_format"] = "channels_last";
        return c;
    }
}

/// <summary>Keras MaxPooling2D (pool 2×2, strides = pool, "valid" by default).</summary>
public sealed class MaxPooling2D : Pooling2D
{
    /// <summary>Creates the layer.</summary>
    public MaxPooling2D(int pool_size = 2, int? strides = null, string padding = "valid", string? name = null)
        : base((pool_size, pool_size), strides.HasValue ? (strides.Value, strides.Value) : null, padding, name) { }
    /// <summary>Creates the layer with a tuple pool size.</summary>
    public MaxPooling2D((int, int) pool_size, (int, int)? strides = null, string padding = "valid", string? name = null)
        : base(pool_size, strides, padding, name) { }
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (PadArray is { } p) x = torch.nn.functional.pad(x, p, PaddingModes.Constant, double.NegativeInfinity);
        return torch.nn.functional.max_pool2d(x, Kernel, Stride);
    }
}

/// <summary>Keras AveragePooling2D; with "same" padding the average counts only real cells, as in TensorFlow.</summary>
public sealed class AveragePooling2D : Pooling2D
{
    /// <summary>Creates the layer.</summary>
    public AveragePooling2D(int pool_size = 2, int? strides = null, string padding = "valid", string? name = null)
        : base((pool_size, pool_size), strides.HasValue ? (strides.Value, strides.Value) : null, padding, name) { }
    /// <summary>Creates the layer with a tuple pool size.</summary>
    public AveragePooling2D((int, int) pool_size, (int, int)? strides = null, string padding = "valid", string? name = null)
        : base(pool_size, strides, padding, name) { }
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (PadArray is not { } p) return torch.nn.functional.avg_pool2d(x, Kernel, Stride);
        var sums = torch.nn.functional.avg_pool2d(torch.nn.functional.pad(x, p), Kernel, Stride);
        using var ones = torch.ones(1, 1, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device);
        var counts = torch.nn.functional.avg_pool2d(torch.nn.functional.pad(ones, p), Kernel, Stride);
        return sums / counts;
    }
}

/// <summary>Keras GlobalAveragePooling2D: the mean over height and width.</summary>
public sealed class GlobalAveragePooling2D(string? name = null) : Layer(name)
{
    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => new[] { inputShapes[0][0], inputShapes[0][^1] };
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => inputs[0].mean(new long[] { 2, 3 });
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["data_format"] = "channels_last"; c["keepdims"] = false; return c; }
}

/// <summary>Keras GlobalMaxPooling2D: the maximum over height and width.</summary>
public sealed class GlobalMaxPooling2D(string? name = null) : Layer(name)
{
    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => new[] { inputShapes[0][0], inputShapes[0][^1] };
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => inputs[0].amax(new long[] { 2, 3 });
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["data_format"] = "channels_last"; c["keepdims"] = false; return c; }
}
