using KerasSharp.Layers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// A model used as a layer of another model (Keras's <c>encoder(x)</c> in a functional model, or a
/// Sequential inside a Sequential). It runs the model and holds no weights of its own: its weights
/// are the model's, so every model that contains it trains the same weights. Each model has one
/// such layer (<see cref="Model.AsLayer"/>), named as the model.
/// </summary>
public sealed class ModelLayer : Layer
{
    /// <summary>The model this layer runs.</summary>
    public Model model { get; }

    internal ModelLayer(Model model) : base(model.name) { this.model = model; }

    /// <summary>"Functional" or "Sequential", as Keras lists a nested model.</summary>
    public override string class_name => model.class_name;

    /// <inheritdoc />
    public override IReadOnlyList<Weight> variables => model.variables;

    internal override IReadOnlyList<(Weight weight, Regularizer regularizer)> WeightRegularizers =>
        model.layers.SelectMany(l => l.WeightRegularizers).ToList();

    /// <summary>The model's trainable flag: setting it sets every layer of the model, as Keras's model.trainable does.</summary>
    public override bool trainable { get => model.trainable; set => model.trainable = value; }

    /// <inheritdoc />
    public override IEnumerable<Weight> trainable_weights => model.trainable_weights;

    /// <inheritdoc />
    public override IEnumerable<Weight> non_trainable_weights => model.non_trainable_weights;

    internal override bool HasRegularization => model.layers.Any(l => l.HasRegularization);

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        if (model is Sequential s && !s.built)
        {
            if (inputShapes.Length != 1)
                throw new ArgumentException($"Sequential \"{model.name}\" takes one input; it was called on {inputShapes.Length}.");
            s.build(inputShapes[0]);
        }
        if (!model.built) throw new InvalidOperationException($"Model \"{model.name}\" has no layers to run.");
        if (model.outputs.Count != 1)
            throw new NotSupportedException($"Model \"{model.name}\" has {model.outputs.Count} outputs; only a model of one output can be used as a layer.");
        if (inputShapes.Length != model.inputs.Count)
            throw new ArgumentException($"Model \"{model.name}\" expects {model.inputs.Count} input(s), but it was called on {inputShapes.Length}.");
        for (int i = 0; i < inputShapes.Length; i++)
            if (!Utils.Shapes.Compatible(model.inputs[i].shape, inputShapes[i]))
                throw new ArgumentException($"Input {i} of layer \"{name}\" is incompatible with the layer: expected shape {Utils.Shapes.Format(model.inputs[i].shape)}, but received input with shape {Utils.Shapes.Format(inputShapes[i])}.");
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => (int?[])model.outputs[0].shape.Clone();

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => model.Forward(inputs, training)[0];

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => model.get_config();
}
