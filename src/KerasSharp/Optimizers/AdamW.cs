using KerasSharp.Utils;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras AdamW: Adam with decoupled weight decay (default 0.004), applied before each update as
/// w −= w·weight_decay·lr. weight_decay cannot be None.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Keras's signature and defaults (weight_decay comes second, as in Keras).</summary>
    public AdamW(LearningRate? learning_rate = null, double? weight_decay = 0.004, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay ?? throw new ArgumentException("Argument `weight_decay` must be a float. Received: weight_decay=None"),
            clipnorm, clipvalue, global_clipnorm, name) { }

    /// <inheritdoc />
    public override string class_name => "AdamW";

    /// <summary>Rebuilds an AdamW from its Keras config; unknown or unsupported keys are refused, naming the key and value.</summary>
    public static new AdamW from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(AdamW));
        var b = ReadBase(c);
        double? wd = c.Has("weight_decay") ? b.weight_decay : 0.004;
        return Finish(new AdamW(b.learning_rate, wd, c.Number("beta_1", 0.9), c.Number("beta_2", 0.999), c.Number("epsilon", 1e-7), c.Boolean("amsgrad", false),
            b.clipnorm, b.clipvalue, b.global_clipnorm, b.name), b, c);
    }
}
