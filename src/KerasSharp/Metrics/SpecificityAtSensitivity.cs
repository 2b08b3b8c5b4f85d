using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.SpecificityAtSensitivity</c>: the best specificity where the sensitivity (recall) is at least <c>sensitivity</c>.</summary>
public class SpecificityAtSensitivity : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    public SpecificityAtSensitivity(double sensitivity, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null)
        : base(CheckRange(sensitivity, "sensitivity"), num_thresholds, class_id, name, dtype)
    {
        this.sensitivity = sensitivity;
        this.num_thresholds = num_thresholds;
    }

    /// <summary>The sensitivity the thresholds must reach.</summary>
    public double sensitivity { get; }
    /// <summary>The number of thresholds.</summary>
    public int num_thresholds { get; }

    /// <summary>The best specificity among the thresholds whose recall reaches the target.</summary>
    public override Tensor result() => MaxUnderConstraint(Recalls(), Specificities());

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["num_thresholds"] = num_thresholds;
        c["sensitivity"] = sensitivity;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static SpecificityAtSensitivity from_config(IDictionary<string, object?> config)
    {
        var (n, cid, name, dtype) = Read(config, "SpecificityAtSensitivity", "sensitivity");
        if (!config.ContainsKey("sensitivity")) throw new ArgumentException("SpecificityAtSensitivity.from_config: missing required config key 'sensitivity'.");
        return new SpecificityAtSensitivity(ConfigValues.Num(config, "sensitivity", double.NaN), n, cid, name, dtype);
    }
}
