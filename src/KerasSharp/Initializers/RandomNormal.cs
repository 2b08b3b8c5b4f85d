using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras's <c>RandomNormal</c>: values from N(mean, stddev²).</summary>
/// <param name="mean">The mean.</param>
/// <param name="stddev">The standard deviation.</param>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
public sealed class RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) : RandomInitializer(seed)
{
    /// <summary>The mean.</summary>
    public double mean { get; } = mean;
    /// <summary>The standard deviation.</summary>
    public double stddev { get; } = stddev;

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null) =>
        Backend.RandomApi.Instance.normal(shape, mean, stddev, dtype, seed);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["mean"] = mean; c["stddev"] = stddev;
        return c;
    }

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static RandomNormal from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, "RandomNormal", "mean", "stddev", "seed");
        return new RandomNormal(InitializerConfig.Double(c, "mean", 0.0, "RandomNormal"), InitializerConfig.Double(c, "stddev", 0.05, "RandomNormal"), InitializerConfig.Seed(c, "RandomNormal"));
    }
}
