using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Flatten: [N, ...] → [N, product]. Channels-last inputs flatten in their own order; with
/// data_format "channels_first" the channels move last first, as Keras does, so the next layer's
/// weights match Keras's.
/// </summary>
public sealed class Flatten : Layer
{
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    /// <summary>Keras's signature.</summary>
    public Flatten(string? data_format = null, string? name = null) : base(name) => this.data_format = DataFormat.Check(data_format);

    /// <summary>Keras's InputSpec(min_ndim=1): any shape, call after call.</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) => InputSpec.Check(name, 0, inputShapes[0], min_ndim: 1);

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
        long rank = x.dim();
        if (data_format == "channels_first" && rank > 2)
            x = x.permute(new long[] { 0 }.Concat(Enumerable.Range(2, (int)rank - 2).Select(i => (long)i)).Append(1).ToArray());
        return x.reshape(x.shape[0], -1);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["data_format"] = data_format; return c; }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new Flatten(c.Str("data_format"), c.Name);
    }
}
