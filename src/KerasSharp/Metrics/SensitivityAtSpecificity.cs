using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.SensitivityAtSpecificity</c>: the best sensitivity (recall) where the specificity is at least <c>specificity</c>.</summary>
public class SensitivityAtSpecificity : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    public SensitivityAtSpecificity(double specificity, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null)
        : base(CheckRange(specificity, "specificity"), num_thresholds, class_id, name, dtype)
    {
        this.specificity = specificity;
        this.num_thresholds = num_thresholds;
    }

    /// <summary>The specificity the thresholds must reach.</summary>
    public double specificity { get; }
    /// <summary>The number of thresholds.</summary>
    public int num_thresholds { get; }

    /// <summary>The best recall (sensitivity) among the thresholds whose specificity reaches the target.</summary>
    public override Tensor result() => MaxUnderConstraint(Specificities(), Recalls());

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["num_thresholds"] = num_thresholds;
        c["specificity"] = specificity;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static SensitivityAtSpecificity from_config(IDictionary<string, object?> config)
    {
        var (n, cid, name, dtype) = Read(config, "SensitivityAtSpecificity", "specificity");
        if (!config.ContainsKey("specificity")) throw new ArgumentException("SensitivityAtSpecificity.from_config: missing required config key 'specificity'.");
        return new SensitivityAtSpecificity(ConfigValues.Num(config, "specificity", double.NaN), n, cid, name, dtype);
    }
}
