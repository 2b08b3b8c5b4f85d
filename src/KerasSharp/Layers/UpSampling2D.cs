using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras UpSampling2D: repeats rows and columns (<c>interpolation: "nearest"</c>, the default) or
/// resizes bilinearly (<c>"bilinear"</c>: half-pixel centres, no antialiasing, edges clamped, as
/// Keras's <c>ops.image.resize</c> computes an enlargement). Keras's other interpolations
/// (bicubic, lanczos3, lanczos5, area) are refused: their kernels differ from the engine's.
/// </summary>
public sealed class UpSampling2D : Layer
{
    /// <summary>The (rows, columns) factors.</summary>
    public (int, int) size { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }
    /// <summary>"nearest" or "bilinear".</summary>
    public string interpolation { get; }

    /// <summary>Keras's signature and defaults (size 2, "nearest").</summary>
    public UpSampling2D(Int2? size = null, string? data_format = null, string interpolation = "nearest", int[]? input_shape = null, string? name = null)
        : base(name, input_shape)
    {
        this.size = (size ?? 2).Check("size");
        this.data_format = DataFormat.Check(data_format);
        var i = interpolation?.ToLowerInvariant();
        if (i is "bicubic" or "lanczos3" or "lanczos5" or "area")
            throw new NotSupportedException($"UpSampling2D \"{this.name}\": interpolation=\"{i}\" is not supported by KerasSharp (supported: \"nearest\", \"bilinear\").");
        if (i != "nearest" && i != "bilinear")
            throw new ArgumentException($"Invalid value for argument `interpolation`. Expected one of {{\"nearest\", \"bilinear\", \"bicubic\", \"lanczos3\", \"lanczos5\", \"area\"}}. Received: interpolation={interpolation ?? "None"}");
        this.interpolation = i;
    }

    int HeightAxis => data_format == "channels_last" ? 1 : 2;

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 4)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        var o = (int?[])s.Clone();
        int h = HeightAxis;
        o[h] = s[h] * size.Item1;
        o[h + 1] = s[h + 1] * size.Item2;
        return o;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        int h = HeightAxis;
        if (interpolation == "nearest")
            return x.repeat_interleave(size.Item1, h).repeat_interleave(size.Item2, h + 1);
        bool last = data_format == "channels_last";
        if (last) x = x.permute(0, 3, 1, 2);
        var y = torch.nn.functional.interpolate(x, new long[] { x.shape[2] * size.Item1, x.shape[3] * size.Item2 },
            mode: InterpolationMode.Bilinear, align_corners: false);
        return last ? y.permute(0, 2, 3, 1) : y;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["size"] = new[] { size.Item1, size.Item2 };
        c["data_format"] = data_format;
        c["interpolation"] = interpolation;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new UpSampling2D(c.Pair("size", 2), c.Str("data_format"), c.Str("interpolation", "nearest")!, name: c.Name);
    }
}
