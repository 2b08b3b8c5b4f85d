using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Optimizers;

namespace KerasSharp.TFLearn;

/// <summary>The settings of one tflearn.regression call.</summary>
internal sealed class Regression
{
    public required KerasTensor Output { get; init; }
    public required Optimizer Optimizer { get; init; }
    public required Loss Loss { get; init; }
    /// <summary>The TFLearn metric, fitted to the output (null: none).</summary>
    public required tflearn.metrics.Metric? Metric { get; init; }
    /// <summary>TFLearn's binary accuracy (an output of one value per sample): "BinaryAccuracy" in TensorBoard.</summary>
    public bool BinaryMetric => Metric?.summary_name == "BinaryAccuracy";
    /// <summary>The key of this regression's targets in dictionary feeds (TFLearn's placeholder scope, "TargetsData").</summary>
    public required string TargetName { get; init; }
    public required int BatchSize { get; init; }
    public required bool Shuffle { get; init; }
    public required string OptimizerName { get; init; }
}
