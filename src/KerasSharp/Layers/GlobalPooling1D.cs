using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of GlobalAveragePooling1D and GlobalMaxPooling1D: a reduction over the steps of a
/// sequence (<c>[N, steps, features]</c> → <c>[N, features]</c>, or <c>[N, 1, features]</c> with
/// keepdims).
/// </summary>
public abstract class GlobalPooling1D : Layer
{
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }
    /// <summary>Whether the steps axis is kept with length 1.</summary>
    public bool keepdims { get; }

    /// <summary>Creates the layer.</summary>
    protected GlobalPooling1D(string? data_format, bool keepdims, string? name) : base(name)
    {
        this.data_format = DataFormat.Check(data_format);
        this.keepdims = keepdims;
    }

    /// <summary>The axis reduced (the steps).</summary>
    protected long StepsAxis => data_format == "channels_last" ? 1 : 2;

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        bool last = data_format == "channels_last";
        int? ch = last ? s[2] : s[1];
        if (!keepdims) return new[] { s[0], ch };
        return last ? new[] { s[0], 1, ch } : new[] { s[0], ch, 1 };
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["data_format"] = data_format; c["keepdims"] = keepdims; return c; }

    /// <summary>Reads the shared keys.</summary>
    internal static (string? format, bool keepdims) ReadConfig(ConfigReader c)
    {
        c.LayerBase();
        return (c.Str("data_format"), c.Bool("keepdims", false));
    }
}

/// <summary>Keras GlobalAveragePooling1D: the mean over the steps.</summary>
public sealed class GlobalAveragePooling1D(string? data_format = null, bool keepdims = false, string? name = null) : GlobalPooling1D(data_format, keepdims, name)
{
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => inputs[0].mean(new[] { StepsAxis }, keepdims);

    internal static Layer FromConfig(ConfigReader c)
    {
        var (f, k) = ReadConfig(c);
        return new GlobalAveragePooling1D(f, k, c.Name);
    }
}

/// <summary>Keras GlobalMaxPooling1D: the maximum over the steps.</summary>
public sealed class GlobalMaxPooling1D(string? data_format = null, bool keepdims = false, string? name = null) : GlobalPooling1D(data_format, keepdims, name)
{
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => inputs[0].amax(new[] { StepsAxis }, keepdims);

    internal static Layer FromConfig(ConfigReader c)
    {
        var (f, k) = ReadConfig(c);
        return new GlobalMaxPooling1D(f, k, c.Name);
    }
}
