using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras's <c>TruncatedNormal</c>: values from N(mean, stddev²) cut at two standard deviations from the mean (values beyond are redrawn), so the values' own standard deviation is ≈ 0.88·stddev. TFLearn's <c>truncated_normal</c> (stddev 0.02) is this distribution.</summary>
/// <param name="mean">The mean.</param>
/// <param name="stddev">The standard deviation before truncation.</param>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
public sealed class TruncatedNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) : RandomInitializer(seed)
{
    /// <summary>The mean.</summary>
    public double mean { get; } = mean;
    /// <summary>The standard deviation before truncation.</summary>
    public double stddev { get; } = stddev;

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null) =>
        Backend.RandomApi.Instance.truncated_normal(shape, mean, stddev, dtype, seed);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["mean"] = mean; c["stddev"] = stddev;
        return c;
    }

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static TruncatedNormal from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, "TruncatedNormal", "mean", "stddev", "seed");
        return new TruncatedNormal(InitializerConfig.Double(c, "mean", 0.0, "TruncatedNormal"), InitializerConfig.Double(c, "stddev", 0.05, "TruncatedNormal"), InitializerConfig.Seed(c, "TruncatedNormal"));
    }
}
