using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of MaxPooling1D and AveragePooling1D, over the steps of a sequence
/// (<c>[N, steps, features]</c>, or <c>[N, features, steps]</c> with data_format
/// "channels_first"). "same" padding is TensorFlow's: the padded cells are ignored (never the
/// maximum, not counted in the average). The engine's pooling runs on a transposed view.
/// </summary>
public abstract class Pooling1D : Layer
{
    /// <summary>The window length.</summary>
    public int pool_size { get; }
    /// <summary>The stride (default: the pool size).</summary>
    public int strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string padding { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    /// <summary>Creates the layer.</summary>
    protected Pooling1D(int pool_size, int? strides, string padding, string? data_format, string? name) : base(name)
    {
        Conv1D.Positive(pool_size, "pool_size");
        int s = strides ?? pool_size;
        if (s < 0) throw new ArgumentException($"The `strides` argument must be a tuple of 1 integers. Received strides=({s},), including values {{{s}}} that do not satisfy `value >= 0`.");
        if (s == 0) throw new ArgumentException($"Layer \"{this.name}\" ({GetType().Name}): strides must be positive. Received strides=(0,).");
        this.pool_size = pool_size;
        this.strides = s;
        this.padding = Padding.Check(padding, this.name);
        this.data_format = DataFormat.Check(data_format);
    }

    bool ChannelsLast => data_format == "channels_last";

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        int stepAxis = ChannelsLast ? 1 : 2;
        var steps = Padding.OutputLength(s[stepAxis], pool_size, strides, padding);
        if (steps <= 0)
            throw new ArgumentException($"Layer \"{name}\" ({class_name}): computed output size would be zero or negative for input shape {Utils.Shapes.Format(s)} with pool_size=({pool_size},), strides=({strides},), padding={padding}.");
        var o = (int?[])s.Clone();
        o[stepAxis] = steps;
        return o;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (ChannelsLast) x = x.permute(0, 2, 1);
        (long, long)? pad = null;
        if (padding == "same")
        {
            var (before, after) = Padding.Same(x.shape[2], pool_size, strides);
            if (before + after > 0) pad = (before, after);
        }
        var y = Pool(x, pad);
        return ChannelsLast ? y.permute(0, 2, 1) : y;
    }

    /// <summary>The pooling on a channels-first view <c>[N, C, steps]</c>, with TensorFlow's "same" padding (or none).</summary>
    protected abstract Tensor Pool(Tensor ncl, (long before, long after)? pad);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["pool_size"] = new[] { pool_size };
        c["padding"] = padding;
        c["strides"] = new[] { strides };
        c["data_format"] = data_format;
        return c;
    }

    /// <summary>Reads the shared pooling keys.</summary>
    internal static (int pool, int? strides, string padding, string? format) ReadConfig(ConfigReader c)
    {
        c.LayerBase();
        return (c.One("pool_size") ?? 2, c.One("strides"), c.Str("padding", "valid")!, c.Str("data_format"));
    }
}

/// <summary>Keras MaxPooling1D (pool 2, strides = pool, "valid" by default).</summary>
public sealed class MaxPooling1D : Pooling1D
{
    /// <summary>Keras's signature and defaults.</summary>
    public MaxPooling1D(int pool_size = 2, int? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        : base(pool_size, strides, padding, data_format, name) { }

    /// <inheritdoc />
    protected override Tensor Pool(Tensor x, (long before, long after)? pad)
    {
        if (pad is { } p) x = torch.nn.functional.pad(x, new[] { p.before, p.after }, PaddingModes.Constant, double.NegativeInfinity);
        return torch.nn.functional.max_pool1d(x, pool_size, strides);
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        var (p, s, pad, f) = ReadConfig(c);
        return new MaxPooling1D(p, s, pad, f, c.Name);
    }
}

/// <summary>Keras AveragePooling1D; with "same" padding the average counts only real cells, as in TensorFlow.</summary>
public sealed class AveragePooling1D : Pooling1D
{
    /// <summary>Keras's signature and defaults.</summary>
    public AveragePooling1D(int pool_size = 2, int? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        : base(pool_size, strides, padding, data_format, name) { }

    /// <inheritdoc />
    protected override Tensor Pool(Tensor x, (long before, long after)? pad)
    {
        if (pad is not { } p) return torch.nn.functional.avg_pool1d(x, pool_size, strides);
        var padArray = new[] { p.before, p.after };
        var sums = torch.nn.functional.avg_pool1d(torch.nn.functional.pad(x, padArray), pool_size, strides);
        using var ones = torch.ones(1, 1, x.shape[2], dtype: x.dtype, device: x.device);
        using var counts = torch.nn.functional.avg_pool1d(torch.nn.functional.pad(ones, padArray), pool_size, strides);
        return sums / counts;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        var (p, s, pad, f) = ReadConfig(c);
        return new AveragePooling1D(p, s, pad, f, c.Name);
    }
}
