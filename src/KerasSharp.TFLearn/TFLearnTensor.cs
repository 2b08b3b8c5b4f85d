using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Optimizers;

namespace KerasSharp.TFLearn;

/// <summary>
/// What TFLearn's layer functions return: a tensor of the Keras graph, plus (for the output of
/// <c>tflearn.regression</c>) the training settings that DNN turns into a train op.
/// </summary>
public sealed class TFLearnTensor
{
    /// <summary>The symbolic Keras tensor.</summary>
    public KerasTensor Keras { get; }
    /// <summary>The input this tensor descends from.</summary>
    internal KerasTensor Input { get; }
    /// <summary>The regressions this tensor depends on (one for a regression output).</summary>
    internal IReadOnlyList<Regression> Regressions { get; }

    internal TFLearnTensor(KerasTensor keras, KerasTensor input, IReadOnlyList<Regression>? regressions = null)
    {
        Keras = keras; Input = input; Regressions = regressions ?? Array.Empty<Regression>();
    }

    /// <summary>The shape, TFLearn style: [None, ...].</summary>
    public int?[] shape => Keras.shape;
}

/// <summary>The settings of one tflearn.regression call.</summary>
internal sealed class Regression
{
    public required KerasTensor Output { get; init; }
    public required Optimizer Optimizer { get; init; }
    public required Loss Loss { get; init; }
    public required bool Metric { get; init; }
    public required bool BinaryMetric { get; init; }
    public required int BatchSize { get; init; }
    public required bool Shuffle { get; init; }
    public required string OptimizerName { get; init; }
}
