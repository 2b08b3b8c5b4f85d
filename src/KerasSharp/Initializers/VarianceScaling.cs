using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras's <c>VarianceScaling</c>: a spread that adapts to the weight's fans. With n = fan_in,
/// fan_out or their average (at least 1) and s = scale / n: "truncated_normal" draws from a normal
/// cut at two standard deviations whose standard deviation after the cut is √s (the stddev before
/// the cut is √s / 0.87962566103423978, the standard deviation of a unit normal truncated at ±2);
/// "untruncated_normal" from N(0, s); "uniform" from U[−√(3s), √(3s)]. Glorot, He and Lecun are
/// instances of it.
/// </summary>
public class VarianceScaling : RandomInitializer
{
    const string Name = "VarianceScaling";
    static readonly string[] Modes = { "fan_in", "fan_out", "fan_avg" };
    static readonly string[] Distributions = { "uniform", "truncated_normal", "untruncated_normal" };

    /// <summary>Creates the initializer with Keras's defaults.</summary>
    /// <param name="scale">The scaling factor (a positive float).</param>
    /// <param name="mode">"fan_in", "fan_out" or "fan_avg".</param>
    /// <param name="distribution">"truncated_normal" ("normal" is taken as it), "untruncated_normal" or "uniform" (any case).</param>
    /// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
    /// <param name="input_axes">The axes whose dimensions make the fan-in (with <paramref name="output_axes"/>).</param>
    /// <param name="output_axes">The axes whose dimensions make the fan-out (with <paramref name="input_axes"/>).</param>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null,
        int[]? input_axes = null, int[]? output_axes = null) : base(seed)
    {
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!(scale > 0.0))
            throw new ArgumentException($"Argument `scale` must be positive float. Received: scale={InitializerConfig.PyFloat(scale)}", nameof(scale));
        if (Array.IndexOf(Modes, mode) < 0)
            throw new ArgumentException($"Invalid `mode` argument: {mode}. Please use one of {string.Join(", ", Modes)}", nameof(mode));
        distribution = distribution.ToLowerInvariant();
        if (distribution == "normal") distribution = "truncated_normal";
        if (Array.IndexOf(Distributions, distribution) < 0)
            throw new ArgumentException($"Invalid `distribution` argument: {distribution}. Please use one of {string.Join(", ", Distributions)}", nameof(distribution));
        this.scale = scale; this.mode = mode; this.distribution = distribution;
        this.input_axes = input_axes?.ToArray(); this.output_axes = output_axes?.ToArray();
    }

    /// <summary>The scaling factor.</summary>
    public double scale { get; }
    /// <summary>"fan_in", "fan_out" or "fan_avg".</summary>
    public string mode { get; }
    /// <summary>"truncated_normal", "untruncated_normal" or "uniform".</summary>
    public string distribution { get; }
    /// <summary>The axes that make the fan-in, or null.</summary>
    public int[]? input_axes { get; }
    /// <summary>The axes that make the fan-out, or null.</summary>
    public int[]? output_axes { get; }

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null)
    {
        Backend.TensorAllocation.CheckShape(shape, class_name);
        var (fanIn, fanOut) = Fans.compute_fans(shape, input_axes, output_axes);
        double n = mode switch { "fan_in" => fanIn, "fan_out" => fanOut, _ => (fanIn + fanOut) / 2.0 };
        double s = scale / Math.Max(1.0, n);
        var random = Backend.RandomApi.Instance;
        switch (distribution)
        {
            case "truncated_normal":
                return random.truncated_normal(shape, 0.0, Math.Sqrt(s) / 0.87962566103423978, dtype, seed);
            case "untruncated_normal":
                return random.normal(shape, 0.0, Math.Sqrt(s), dtype, seed);
            default:
                double limit = Math.Sqrt(3.0 * s);
                return random.uniform(shape, -limit, limit, dtype, seed);
        }
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["scale"] = scale; c["mode"] = mode; c["distribution"] = distribution;
        c["input_axes"] = input_axes; c["output_axes"] = output_axes;
        return c;
    }

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static VarianceScaling from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, Name, "scale", "mode", "distribution", "seed", "input_axes", "output_axes");
        return new VarianceScaling(InitializerConfig.Double(c, "scale", 1.0, Name), InitializerConfig.String(c, "mode", "fan_in", Name),
            InitializerConfig.String(c, "distribution", "truncated_normal", Name), InitializerConfig.Seed(c, Name),
            InitializerConfig.Ints(c, "input_axes", Name), InitializerConfig.Ints(c, "output_axes", Name));
    }

    /// <summary>The config of the named presets (Glorot, He, Lecun): seed and axes only.</summary>
    private protected Dictionary<string, object?> PresetConfig() =>
        new() { ["seed"] = base.get_config()["seed"], ["input_axes"] = input_axes, ["output_axes"] = output_axes };

    /// <summary>Reads a preset's config (seed, input_axes, output_axes).</summary>
    private protected static (int? seed, int[]? input_axes, int[]? output_axes) ReadPreset(IReadOnlyDictionary<string, object?>? config, string className)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, className, "seed", "input_axes", "output_axes");
        return (InitializerConfig.Seed(c, className), InitializerConfig.Ints(c, "input_axes", className), InitializerConfig.Ints(c, "output_axes", className));
    }
}
