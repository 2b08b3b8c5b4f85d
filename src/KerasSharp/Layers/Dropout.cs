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
        if (!(rate >= 0 && rate <= 1)) throw new ArgumentException($"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={Fmt(rate)}");
        if (noise_shape is not null)
            for (int i = 0; i < noise_shape.Length; i++)
                if (noise_shape[i] is <= 0)
                    throw new ArgumentException($"Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index {i}: {noise_shape[i]}");
        this.rate = rate; this.noise_shape = noise_shape; this.seed = seed;
    }

    /// <summary>A double as Python prints a float (2.0, -0.5, nan).</summary>
    static string Fmt(double v) =>
        double.IsNaN(v) ? "nan" : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf")
        : v == Math.Floor(v) && Math.Abs(v) < 1e16 ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
        : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Keras broadcasts the mask against the input and fails in the backend when it cannot; KerasSharp
    /// checks first: the rank must match and each given dimension must be 1 or the input's.
    /// </summary>
    void CheckNoiseShape(IReadOnlyList<int?> input)
    {
        if (noise_shape is null) return;
        bool ok = noise_shape.Length == input.Count;
        for (int i = 0; ok && i < noise_shape.Length; i++)
            if (noise_shape[i] is int d && d != 1 && input[i] is int n && n != d) ok = false;
        if (!ok)
            throw new ArgumentException($"Layer \"{name}\" (Dropout): noise_shape={Utils.Shapes.Format(noise_shape)} does not broadcast to the input shape {Utils.Shapes.Format(input)}: it needs the input's rank, and each dimension must be None, 1 or the input's.");
    }

    /// <summary>Keras's Dropout has no InputSpec: any shape, call after call.</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) { }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        CheckNoiseShape(inputShapes[0]);
        return inputShapes[0];
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (!training || rate == 0) return x.alias();
        // Keras with rate 1 keeps nothing: all zeros.
        if (rate == 1) return torch.zeros_like(x);
        if (noise_shape is null && seed is null) return torch.nn.functional.dropout(x, rate, true);
        CheckNoiseShape(x.shape.Select(d => (int?)(int)d).ToArray());
        var shape = noise_shape is null ? x.shape : noise_shape.Select((d, i) => d.HasValue ? (long)d.Value : x.shape[i]).ToArray();
        if (seed is int s && generator is null) generator = new torch.Generator((ulong)s, x.device);
        using var keep = torch.empty(shape, dtype: x.dtype, device: x.device);
        keep.bernoulli_(1 - rate, generator);
        // Held until the call returns (a temporary scalar may be finalized during the native call).
        using var keepRate = (1 - rate).ToScalar();
        return (x * keep).div_(keepRate);
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
