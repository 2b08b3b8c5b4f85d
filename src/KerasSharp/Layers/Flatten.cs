using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Flatten: [N, ...] → [N, product]. Images flatten in Keras's (H, W, C) order, so weights match Keras.</summary>
public sealed class Flatten : Layer
{
    /// <summary>Creates the layer.</summary>
    public Flatten(string? name = null) : base(name) { }
    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        int? n = 1;
        for (int i = 1; i < s.Length; i++) n = n.HasValue && s[i].HasValue ? n * s[i] : null;
        return new[] { s[0], n };
    }
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (x.dim() == 4) x = x.permute(0, 2, 3, 1);
        return x.reshape(x.shape[0], -1);
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["data_format"] = "channels_last"; return c; }
}
