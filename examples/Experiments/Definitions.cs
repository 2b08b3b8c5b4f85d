using KerasSharp.TFLearn;
using static KerasSharp.TFLearn.tflearn;

namespace Experiments;

/// <summary>One variant of a comparison: its name, its settings, and how it builds its network.</summary>
public sealed record Variant(string Name, string Settings, int BatchSize, double LearningRate, bool Dropout, bool L2, int Sets);

/// <summary>
/// One part of a claim: variant <paramref name="Higher"/>'s measure is expected above variant
/// <paramref name="Lower"/>'s (or above zero when Lower is null).
/// </summary>
public sealed record Check(string Says, string Higher, string? Lower, Measure Measure);

/// <summary>One of the article's comparisons, with the claim the report checks.</summary>
public sealed record Experiment(string Name, string Claim, IReadOnlyList<Variant> Variants, IReadOnlyList<Check> Checks, string? Note = null);

/// <summary>The article's five comparisons. Each "set" of layers is a convolution, a pooling and a connected layer.</summary>
public static class Definitions
{
    const int Batch = 96;       // TFLearn's convnet_cifar10.py
    const double Lr = 0.001;    // its Adam learning rate

    /// <summary>Every experiment, in the article's order.</summary>
    public static readonly IReadOnlyList<Experiment> All = new[]
    {
        new Experiment("layers", "The deeper network (three sets of layers) is about 15% more accurate; the shallow one (one set) underfits.", new[]
        {
            new Variant("shallow", "1 set: conv 32, pool, fully connected 10", Batch, Lr, false, false, 1),
            new Variant("deep", "3 sets: conv 32/64/64, pool, fully connected 256/128/10", Batch, Lr, false, false, 3),
        }, new[]
        {
            new Check("the deep network is more accurate on validation", "deep", "shallow", Measure.ValAccuracy),
            new Check("the shallow network fits the training data less well (underfits)", "deep", "shallow", Measure.TrainAccuracy),
        }),
        new Experiment("dropout", "Without dropout, training accuracy runs ahead of validation accuracy (overfitting).", new[]
        {
            new Variant("without-dropout", "3 sets, no dropout", Batch, Lr, false, false, 3),
            new Variant("with-dropout", "3 sets, dropout keep_prob 0.5 after each hidden connected layer", Batch, Lr, true, false, 3),
        }, new[]
        {
            new Check("without dropout, training accuracy runs ahead of validation accuracy", "without-dropout", null, Measure.Gap),
            new Check("dropout narrows that gap", "without-dropout", "with-dropout", Measure.Gap),
        }),
        new Experiment("l2", "L2 regularization on every layer narrows the gap between training and validation accuracy.", new[]
        {
            new Variant("without-l2", "3 sets, no regularization", Batch, Lr, false, false, 3),
            new Variant("with-l2", "3 sets, L2 (weight_decay 0.001) on every layer", Batch, Lr, false, true, 3),
        }, new[]
        {
            new Check("L2 narrows the gap between training and validation accuracy", "without-l2", "with-l2", Measure.Gap),
        }),
        new Experiment("batch-size", "The large batch takes fewer, steadier steps; the small batch takes more, noisier steps.", new[]
        {
            new Variant("large-batch", "batch 512", 512, Lr, false, false, 3),
            new Variant("small-batch", "batch 32", 32, Lr, false, false, 3),
        }, new[]
        {
            new Check("the small batch's steps are noisier", "small-batch", "large-batch", Measure.StepNoise),
        }, "Fewer steps with a larger batch follows from the arithmetic (steps = images ÷ batch size per epoch), so only the noise is checked."),
        new Experiment("learning-rate", "A small learning rate learns slowly, a medium one well, and a large one does not converge.", new[]
        {
            new Variant("small-lr", "Adam learning rate 0.0001", Batch, 0.0001, false, false, 3),
            new Variant("medium-lr", "Adam learning rate 0.001", Batch, 0.001, false, false, 3),
            new Variant("large-lr", "Adam learning rate 0.1", Batch, 0.1, false, false, 3),
        }, new[]
        {
            new Check("the small rate learns more slowly than the medium one (lower validation accuracy)", "medium-lr", "small-lr", Measure.ValAccuracy),
            new Check("the large rate ends less accurate than the medium one", "medium-lr", "large-lr", Measure.ValAccuracy),
            new Check("the large rate does not converge (its training loss stays above the medium rate's)", "large-lr", "medium-lr", Measure.TrainLoss),
        }),
    };

    /// <summary>
    /// The network of a variant, with TFLearn's functions and defaults, the fully connected layers'
    /// truncated_normal(stddev 0.02) included. Measured on 2026-12-01 (`--experiment layers --epochs 2
    /// --limit 3000 --seeds 1`): validation accuracy shallow 0.767 then 0.813, deep 0.542 then 0.700;
    /// with Xavier the deep one reached 0.728 then 0.777. Both learn, so TFLearn's default stays.
    /// </summary>
    public static TFLearnTensor Network(Variant v, int side, int channels, ImagePreprocessing prep)
    {
        string? reg = v.L2 ? "L2" : null;
        var network = input_data(shape: [null, side, side, channels], data_preprocessing: prep);
        int[] filters = { 32, 64, 64 };
        int[] units = { 256, 128 };
        for (int s = 0; s < v.Sets; s++)
        {
            network = conv_2d(network, filters[s], 3, activation: "relu", regularizer: reg);
            network = max_pool_2d(network, 2);
        }
        for (int s = 0; s < v.Sets - 1; s++)
        {
            network = fully_connected(network, units[s], activation: "relu", regularizer: reg);
            if (v.Dropout) network = dropout(network, 0.5);
        }
        network = fully_connected(network, 10, activation: "softmax", regularizer: reg);
        return regression(network, optimizer: "adam", loss: "categorical_crossentropy", learning_rate: v.LearningRate);
    }
}
