using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras ZeroPadding2D: adds rows and columns of zeros around an image
/// (<c>[N, H, W, C]</c>, or <c>[N, C, H, W]</c> with data_format "channels_first").
/// </summary>
public sealed class ZeroPadding2D : Layer
{
    /// <summary>((top, bottom), (left, right)).</summary>
    public Int2x2 padding { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    /// <summary>Keras's signature; <paramref name="padding"/> defaults to (1, 1): one row and one column on every side.</summary>
    public ZeroPadding2D(Int2x2? padding = null, string? data_format = null, int[]? input_shape = null, string? name = null) : base(name, input_shape)
    {
        this.padding = (padding ?? 1).Check("padding");
        this.data_format = DataFormat.Check(data_format);
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
        o[h] = s[h] + padding.Item1.Item1 + padding.Item1.Item2;
        o[h + 1] = s[h + 1] + padding.Item2.Item1 + padding.Item2.Item2;
        return o;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var (t, b) = padding.Item1;
        var (l, r) = padding.Item2;
        // The engine's pad lists the last axis first.
        var pad = data_format == "channels_last" ? new long[] { 0, 0, l, r, t, b } : new long[] { l, r, t, b };
        return torch.nn.functional.pad(inputs[0], pad);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["padding"] = padding.ToConfig();
        c["data_format"] = data_format;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new ZeroPadding2D(c.Sides("padding") ?? 1, c.Str("data_format"), name: c.Name);
    }
}
