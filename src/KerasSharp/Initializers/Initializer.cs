using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Creates a weight's starting values, in Keras's layout (Dense kernel [in, out], Conv2D kernel
/// [kh, kw, in, out]). Converts implicitly from a name ("glorot_uniform", "zeros", ...).
/// </summary>
public abstract class Initializer
{
    /// <summary>The Keras class name, for example "GlorotUniform".</summary>
    public abstract string class_name { get; }

    /// <summary>The values for a weight of this shape (float32, CPU).</summary>
    public abstract Tensor call(long[] shape);

    /// <summary>Keras's config for this initializer.</summary>
    public virtual Dictionary<string, object?> get_config() => new();

    /// <summary>Looks an initializer up by name.</summary>
    public static implicit operator Initializer(string name) => InitializersApi.Get(name);

    /// <summary>Keras's fan-in and fan-out: for a kernel of rank > 2 the leading dimensions are the receptive field.</summary>
    public static (double fanIn, double fanOut) ComputeFans(long[] shape)
    {
        if (shape.Length == 0) return (1, 1);
        if (shape.Length == 1) return (shape[0], shape[0]);
        if (shape.Length == 2) return (shape[0], shape[1]);
        double receptive = 1;
        for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
        return (shape[^2] * receptive, shape[^1] * receptive);
    }

    /// <summary>Normal values cut at two standard deviations (redrawn, as TensorFlow and Keras do).</summary>
    protected static Tensor TruncatedNormal(long[] shape, double mean, double stddev)
    {
        var t = torch.empty(shape, dtype: float32);
        torch.nn.init.trunc_normal_(t, mean, stddev, mean - 2 * stddev, mean + 2 * stddev);
        return t;
    }
}

/// <summary>Keras VarianceScaling: glorot_*, he_*, lecun_* are instances of it.</summary>
public class VarianceScaling : Initializer
{
    readonly string className;
    /// <summary>The scale factor.</summary>
    public double scale { get; }
    /// <summary>"fan_in", "fan_out" or "fan_avg".</summary>
    public string mode { get; }
    /// <summary>"truncated_normal", "untruncated_normal" or "uniform".</summary>
    public string distribution { get; }
    /// <summary>The seed, or null.</summary>
    public int? seed { get; }

    /// <summary>Creates the initializer with Keras's defaults.</summary>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null)
        : this("VarianceScaling", scale, mode, distribution, seed) { }

    internal VarianceScaling(string className, double scale, string mode, string distribution, int? seed)
    {
        if (mode != "fan_in" && mode != "fan_out" && mode != "fan_avg")
            throw new ArgumentException($"Unknown mode '{mode}'. Known modes: fan_in, fan_out, fan_avg.");
        if (distribution != "truncated_normal" && distribution != "untruncated_normal" && distribution != "uniform")
            throw new ArgumentException($"Unknown distribution '{distribution}'. Known distributions: truncated_normal, untruncated_normal, uniform.");
        this.className = className; this.scale = scale; this.mode = mode; this.distribution = distribution; this.seed = seed;
    }

    /// <inheritdoc />
    public override string class_name => className;

    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        var (fanIn, fanOut) = ComputeFans(shape);
        double n = mode == "fan_in" ? fanIn : mode == "fan_out" ? fanOut : (fanIn + fanOut) / 2;
        double s = scale / Math.Max(1.0, n);
        using var g = seed.HasValue ? new torch.Generator((ulong)seed.Value) : null;
        switch (distribution)
        {
            case "truncated_normal":
                // 0.879... is the standard deviation of a unit normal truncated at ±2.
                return TruncatedNormal(shape, 0, Math.Sqrt(s) / 0.87962566103423978);
            case "untruncated_normal":
                return torch.randn(shape, dtype: float32, generator: g) * Math.Sqrt(s);
            default:
                double limit = Math.Sqrt(3 * s);
                return torch.rand(shape, dtype: float32, generator: g) * (2 * limit) - limit;
        }
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() =>
        className == "VarianceScaling"
            ? new() { ["scale"] = scale, ["mode"] = mode, ["distribution"] = distribution, ["seed"] = seed }
            : new() { ["seed"] = seed };
}

/// <summary>Uniform values in [minval, maxval).</summary>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null) : Initializer
{
    /// <inheritdoc />
    public override string class_name => "RandomUniform";
    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        using var g = seed.HasValue ? new torch.Generator((ulong)seed.Value) : null;
        return torch.rand(shape, dtype: float32, generator: g) * (maxval - minval) + minval;
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["minval"] = minval, ["maxval"] = maxval, ["seed"] = seed };
}

/// <summary>Normal values.</summary>
public sealed class RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) : Initializer
{
    /// <inheritdoc />
    public override string class_name => "RandomNormal";
    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        using var g = seed.HasValue ? new torch.Generator((ulong)seed.Value) : null;
        return torch.randn(shape, dtype: float32, generator: g) * stddev + mean;
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["mean"] = mean, ["stddev"] = stddev, ["seed"] = seed };
}

/// <summary>Normal values cut at two standard deviations.</summary>
public sealed class TruncatedNormalInitializer(double mean = 0.0, double stddev = 0.05, int? seed = null) : Initializer
{
    /// <summary>The mean.</summary>
    public double Mean => mean;
    /// <summary>The standard deviation before truncation.</summary>
    public double Stddev => stddev;
    /// <inheritdoc />
    public override string class_name => "TruncatedNormal";
    /// <inheritdoc />
    public override Tensor call(long[] shape) => TruncatedNormal(shape, mean, stddev);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["mean"] = mean, ["stddev"] = stddev, ["seed"] = seed };
}

/// <summary>A constant value everywhere (zeros and ones are instances).</summary>
public sealed class Constant : Initializer
{
    readonly string className;
    /// <summary>The value.</summary>
    public double value { get; }
    /// <summary>Creates the initializer.</summary>
    public Constant(double value = 0.0) : this("Constant", value) { }
    internal Constant(string className, double value) { this.className = className; this.value = value; }
    /// <inheritdoc />
    public override string class_name => className;
    /// <inheritdoc />
    public override Tensor call(long[] shape) => torch.full(shape, value, dtype: float32);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => className == "Constant" ? new() { ["value"] = value } : new();
}

/// <summary>Any function of the shape, for initializers that Keras does not have (TFLearn's uniform_scaling).</summary>
public sealed class FunctionInitializer(string className, Func<long[], Tensor> fn, Dictionary<string, object?>? config = null) : Initializer
{
    /// <inheritdoc />
    public override string class_name => className;
    /// <inheritdoc />
    public override Tensor call(long[] shape) => fn(shape);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => config ?? new();
}
