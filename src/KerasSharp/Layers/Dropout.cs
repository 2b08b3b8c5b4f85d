using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Dropout: during training, zeroes a fraction <c>rate</c> of the inputs and scales the rest
/// by 1/(1-rate). <c>noise_shape</c> shares one mask along the axes given as 1 (null: the input's
/// dimension); <c>seed</c> gives the layer its own generator, so a seeded layer repeats its masks.
/// </summary>
public sealed class Dropout : Layer
{
    /// <summary>The fraction of inputs dropped.</summary>
    public double rate { get; }
    /// <summary>The shape of the binary mask (null entries take the input's dimension), or null.</summary>
    public int?[]? noise_shape { get; }
    /// <summary>The seed, or null for the global random source.</summary>
    public int? seed { get; }
    torch.Generator? generator;

    /// <summary>Keras's signature.</summary>
    public Dropout(double rate, int?[]? noise_shape = null, int? seed = null, string? name = null) : base(name)
    {
        // Keras accepts rate == 1, which divides by zero; KerasSharp refuses it.
        if (!(rate >= 0 && rate < 1)) throw new ArgumentException($"Invalid value received for argument `rate`. Expected a float value between 0 and 1 (1 excluded). Received: rate={rate}");
        this.rate = rate; this.noise_shape = noise_shape; this.seed = seed;
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        if (noise_shape is not null && noise_shape.Length != inputShapes[0].Length)
            throw new ArgumentException($"Layer \"{name}\" (Dropout): noise_shape {Utils.Shapes.Format(noise_shape)} must have the rank of the input {Utils.Shapes.Format(inputShapes[0])}.");
        return inputShapes[0];
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (!training || rate == 0) return x.alias();
        if (noise_shape is null && seed is null) return torch.nn.functional.dropout(x, rate, true);
        var shape = noise_shape is null ? x.shape : noise_shape.Select((d, i) => d.HasValue ? (long)d.Value : x.shape[i]).ToArray();
        if (seed is int s && generator is null) generator = new torch.Generator((ulong)s, x.device);
        using var keep = torch.empty(shape, dtype: x.dtype, device: x.device);
        keep.bernoulli_(1 - rate, generator);
        return x * keep / (1 - rate);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["rate"] = rate; c["seed"] = seed; c["noise_shape"] = noise_shape; return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new Dropout(c.Num("rate"), c.Shape("noise_shape"), c.IntOrNull("seed"), c.Name);
    }
}
