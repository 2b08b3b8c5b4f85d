using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras's <c>RandomUniform</c>: values from U[minval, maxval).</summary>
/// <param name="minval">The lower bound (inclusive).</param>
/// <param name="maxval">The upper bound (exclusive).</param>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null) : RandomInitializer(seed)
{
    /// <summary>The lower bound (inclusive).</summary>
    public double minval { get; } = minval;
    /// <summary>The upper bound (exclusive).</summary>
    public double maxval { get; } = maxval;

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null) =>
        Backend.RandomApi.Instance.uniform(shape, minval, maxval, dtype, seed);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["minval"] = minval; c["maxval"] = maxval;
        return c;
    }

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static RandomUniform from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, "RandomUniform", "minval", "maxval", "seed");
        return new RandomUniform(InitializerConfig.Double(c, "minval", -0.05, "RandomUniform"), InitializerConfig.Double(c, "maxval", 0.05, "RandomUniform"), InitializerConfig.Seed(c, "RandomUniform"));
    }
}
