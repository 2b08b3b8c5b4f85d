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

    internal TFLearnTensor(KerasTensor keras, KerasTensor input, IReadOnlyList<Regression>? regressions = null, Layer? layer = null)
    {
        Keras = keras; Input = input; Regressions = regressions ?? Array.Empty<Regression>(); Layer = layer;
    }

    /// <summary>The layer that made this tensor (null for input_data).</summary>
    public Layer? Layer { get; }
    /// <summary>The layer's weights (TFLearn's .W), for DNN.get_weights.</summary>
    public Weight? W => Layer?.variables.FirstOrDefault(w => w.name == "kernel");
    /// <summary>The layer's bias (TFLearn's .b).</summary>
    public Weight? b => Layer?.variables.FirstOrDefault(w => w.name == "bias");
    /// <summary>A highway layer's transform-gate weights (TFLearn's .W_t).</summary>
    public Weight? W_t => Layer?.variables.FirstOrDefault(w => w.name == "W_T");
    /// <summary>A highway layer's transform-gate bias (TFLearn's .b_t).</summary>
    public Weight? b_t => Layer?.variables.FirstOrDefault(w => w.name == "b_T");
    /// <summary>The name the input_data was given: its key in dictionary feeds.</summary>
    internal string FeedName
    {
        get => InputOptions.TryGetValue(Input, out var o) ? o.FeedName : "InputData";
        init => InputOptions.GetOrCreateValue(Input).FeedName = value;
    }
    /// <summary>The input_data's preprocessing, if any.</summary>
    internal ImagePreprocessing? Preprocessing
    {
        get => InputOptions.TryGetValue(Input, out var o) ? o.Preprocessing : null;
        init => InputOptions.GetOrCreateValue(Input).Preprocessing = value;
    }
    /// <summary>The input_data's augmentation, if any.</summary>
    internal ImageAugmentation? Augmentation
    {
        get => InputOptions.TryGetValue(Input, out var o) ? o.Augmentation : null;
        init => InputOptions.GetOrCreateValue(Input).Augmentation = value;
    }

    sealed class Options { public ImagePreprocessing? Preprocessing; public ImageAugmentation? Augmentation; public string FeedName = "InputData"; }
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KerasTensor, Options> InputOptions = new();

    /// <summary>The shape, TFLearn style: [None, ...].</summary>
    public int?[] shape => Keras.shape;
}
