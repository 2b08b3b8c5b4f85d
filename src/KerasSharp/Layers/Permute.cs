using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Permute: reorders the non-batch axes; <c>dims</c> counts from 1 (the batch axis is 0 and
/// stays first). <c>Permute((2, 1))</c> swaps the two axes of a <c>[N, a, b]</c> input.
/// </summary>
public sealed class Permute : Layer
{
    /// <summary>The permutation of the axes 1..rank-1.</summary>
    public int[] dims { get; }
    readonly long[] order;

    /// <summary>Keras's signature.</summary>
    public Permute(int[] dims, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (!dims.OrderBy(d => d).SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new ArgumentException($"Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims=({string.Join(", ", dims)}{(dims.Length == 1 ? "," : "")})");
        this.dims = (int[])dims.Clone();
        order = new long[] { 0 }.Concat(dims.Select(d => (long)d)).ToArray();
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != dims.Length + 1)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim={dims.Length + 1}, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        return order.Select(a => s[a]).ToArray();
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => inputs[0].permute(order);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["dims"] = dims; return c; }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new Permute(c.Ints("dims") ?? throw new InvalidDataException($"Permute '{c.Name}': config has no 'dims'."), c.Name);
    }
}
