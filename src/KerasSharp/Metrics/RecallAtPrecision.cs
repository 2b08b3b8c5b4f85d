using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.RecallAtPrecision</c>: the best recall where the precision is at least <c>precision</c>.</summary>
public class RecallAtPrecision : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    public RecallAtPrecision(double precision, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null)
        : base(CheckRange(precision, "precision"), num_thresholds, class_id, name, dtype)
    {
        this.precision = precision;
        this.num_thresholds = num_thresholds;
    }

    /// <summary>The precision the thresholds must reach.</summary>
    public double precision { get; }
    /// <summary>The number of thresholds.</summary>
    public int num_thresholds { get; }

    /// <summary>The best recall (sensitivity) among the thresholds whose precision reaches the target.</summary>
    public override Tensor result() => MaxUnderConstraint(Precisions(), Recalls());

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["num_thresholds"] = num_thresholds;
        c["precision"] = precision;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static RecallAtPrecision from_config(IDictionary<string, object?> config)
    {
        var (n, cid, name, dtype) = Read(config, "RecallAtPrecision", "precision");
        if (!config.ContainsKey("precision")) throw new ArgumentException("RecallAtPrecision.from_config: missing required config key 'precision'.");
        return new RecallAtPrecision(ConfigValues.Num(config, "precision", double.NaN), n, cid, name, dtype);
    }
}
