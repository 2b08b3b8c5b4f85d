using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras RepeatVector: <c>[N, features]</c> → <c>[N, n, features]</c>, the input repeated n times.</summary>
public sealed class RepeatVector : Layer
{
    /// <summary>The number of repetitions.</summary>
    public int n { get; }

    /// <summary>Keras's signature.</summary>
    public RepeatVector(int n, string? name = null) : base(name)
    {
        if (n <= 0) throw new ArgumentException($"Argument `n` should be a positive integer. Received: n={n}");
        this.n = n;
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 2)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=2, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        return new[] { s[0], n, s[1] };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => inputs[0].unsqueeze(1).expand(-1, n, -1).contiguous();

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["n"] = n; return c; }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new RepeatVector(c.Int("n"), c.Name);
    }
}
