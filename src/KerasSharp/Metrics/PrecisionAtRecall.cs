using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.PrecisionAtRecall</c>: the best precision where the recall is at least <c>recall</c>.</summary>
public class PrecisionAtRecall : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    public PrecisionAtRecall(double recall, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null)
        : base(CheckRange(recall, "recall"), num_thresholds, class_id, name, dtype)
    {
        this.recall = recall;
        this.num_thresholds = num_thresholds;
    }

    /// <summary>The recall the thresholds must reach.</summary>
    public double recall { get; }
    /// <summary>The number of thresholds.</summary>
    public int num_thresholds { get; }

    /// <summary>The best precision among the thresholds whose recall reaches the target.</summary>
    public override Tensor result() => MaxUnderConstraint(Recalls(), Precisions());

    /// <summary>Keras's config for this metric.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["num_thresholds"] = num_thresholds;
        c["recall"] = recall;
        return c;
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static PrecisionAtRecall from_config(IDictionary<string, object?> config)
    {
        var (n, cid, name, dtype) = Read(config, "PrecisionAtRecall", "recall");
        if (!config.ContainsKey("recall")) throw new ArgumentException("PrecisionAtRecall.from_config: missing required config key 'recall'.");
        return new PrecisionAtRecall(ConfigValues.Num(config, "recall", double.NaN), n, cid, name, dtype);
    }
}
