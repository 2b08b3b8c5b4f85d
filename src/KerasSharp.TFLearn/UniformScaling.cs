using KerasSharp.Initializers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's <c>uniform_scaling(factor=1.0, seed=None)</c>: U(−m, m) with m = √(3/n)·factor, n the
/// product of all dimensions but the last (the fan-in of a dense or convolution kernel). Random
/// draws come from KerasSharp's seeded generator, so a seed gives the same values in every run.
/// </summary>
public sealed class UniformScaling : RandomInitializer
{
    /// <summary>The scale of the bound √(3/n).</summary>
    public double factor { get; }

    /// <summary>TFLearn's uniform scaling initializer.</summary>
    public UniformScaling(double factor = 1.0, int? seed = null) : base(seed)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentException($"UniformScaling: factor must be a positive number; received {factor}.");
        this.factor = factor;
    }

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        double fanIn = 1.0;
        for (int i = 0; i < shape.Length - 1; i++) fanIn *= shape[i];
        double max = Math.Sqrt(3.0 / fanIn) * factor;
        return KerasSharp.Backend.RandomApi.Instance.uniform(shape, -max, max, dtype, seed);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["factor"] = factor;
        return c;
    }

    /// <summary>Builds it from a config written by <see cref="get_config"/>: keys factor and seed.</summary>
    public static UniformScaling from_config(IReadOnlyDictionary<string, object?>? config)
    {
        config ??= new Dictionary<string, object?>();
        foreach (var k in config.Keys)
            if (k is not ("factor" or "seed"))
                throw new ArgumentException($"UniformScaling: unknown config key '{k}'. Known keys: factor, seed.");
        double factor = config.TryGetValue("factor", out var f) && f is not null ? Convert.ToDouble(f, System.Globalization.CultureInfo.InvariantCulture) : 1.0;
        int? seed = config.TryGetValue("seed", out var s) && s is not null ? Convert.ToInt32(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new UniformScaling(factor, seed);
    }
}
