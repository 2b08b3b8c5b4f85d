using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Cropping2D: removes rows and columns from the borders of an image
/// (<c>[N, H, W, C]</c>, or <c>[N, C, H, W]</c> with data_format "channels_first").
/// </summary>
public sealed class Cropping2D : Layer
{
    /// <summary>((top, bottom), (left, right)).</summary>
    public Int2x2 cropping { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    /// <summary>Keras's signature; <paramref name="cropping"/> defaults to ((0, 0), (0, 0)).</summary>
    public Cropping2D(Int2x2? cropping = null, string? data_format = null, int[]? input_shape = null, string? name = null) : base(name, input_shape)
    {
        var cr = cropping ?? 0;
        if (cr.Item1.Item1 < 0 || cr.Item1.Item2 < 0 || cr.Item2.Item1 < 0 || cr.Item2.Item2 < 0)
            throw new ArgumentException($"`cropping` cannot be negative. Received: cropping={cr}.");
        this.cropping = cr;
        this.data_format = DataFormat.Check(data_format);
    }

    int HeightAxis => data_format == "channels_last" ? 1 : 2;

    void CheckFits(IReadOnlyList<int?> s, string what)
    {
        int h = HeightAxis;
        if (s[h] is int hh && cropping.Item1.Item1 + cropping.Item1.Item2 >= hh || s[h + 1] is int ww && cropping.Item2.Item1 + cropping.Item2.Item2 >= ww)
            throw new ArgumentException($"Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: {what}={Utils.Shapes.Format(s)}, cropping={cropping} (layer \"{name}\").");
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 4)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        CheckFits(s, "input_shape");
        var o = (int?[])s.Clone();
        int h = HeightAxis;
        o[h] = s[h] - cropping.Item1.Item1 - cropping.Item1.Item2;
        o[h + 1] = s[h + 1] - cropping.Item2.Item1 - cropping.Item2.Item2;
        return o;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        CheckFits(x.shape.Select(d => (int?)(int)d).ToArray(), "inputs.shape");
        int h = HeightAxis;
        long height = x.shape[h], width = x.shape[h + 1];
        return x.narrow(h, cropping.Item1.Item1, height - cropping.Item1.Item1 - cropping.Item1.Item2)
                .narrow(h + 1, cropping.Item2.Item1, width - cropping.Item2.Item1 - cropping.Item2.Item2);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["cropping"] = cropping.ToConfig();
        c["data_format"] = data_format;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new Cropping2D(c.Sides("cropping") ?? 0, c.Str("data_format"), name: c.Name);
    }
}
