using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// Keras Sequential: a stack of single-input layers. With an input shape (keras.Input first, or
/// input_shape on the first layer) it builds at once; otherwise at the first fit or predict, from
/// the data's shape, as Keras does.
/// </summary>
public sealed class Sequential : Model
{
    readonly List<Layer> stack = new();
    InputLayer? inputLayer;

    /// <summary>Creates a Sequential model from layers (a keras.Input may come first).</summary>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name ?? Layer.UniqueName("sequential"))
    {
        if (layers is not null) foreach (var l in layers) add(l);
    }

    /// <summary>The layers, without the input layer (as Keras's Sequential.layers).</summary>
    public override IReadOnlyList<Layer> layers => stack;

    /// <inheritdoc />
    public override string class_name => "Sequential";

    /// <summary>Adds a layer on top of the stack (applied to the current output only: adding is linear in the depth).</summary>
    public void add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer il)
        {
            if (inputLayer is not null || stack.Count > 0)
                throw new ArgumentException($"Sequential \"{name}\": an Input can only be the first element of the model.");
            inputLayer = il;
            top = il.output;
            return;
        }
        if (stack.Contains(layer))
            throw new ArgumentException($"Sequential \"{name}\" already contains layer \"{layer.name}\"; a layer can be added once.");
        if (inputLayer is null && stack.Count == 0 && layer.BatchInputShape is { } bis)
        {
            inputLayer = new InputLayer(batch_shape: bis);
            top = inputLayer.output;
        }
        if (top is not null) top = ApplyOne(layer, top);
        stack.Add(layer);
        graphStale = top is not null;
    }

    /// <summary>Removes the top layer.</summary>
    public void pop()
    {
        if (stack.Count == 0) throw new InvalidOperationException($"Sequential \"{name}\" has no layer to pop.");
        stack.RemoveAt(stack.Count - 1);
        if (inputLayer is not null) Rebuild();
    }

    KerasTensor? top;
    bool graphStale;

    static KerasTensor ApplyOne(Layer l, KerasTensor t)
    {
        try { return l.Apply(t); }
        catch (ArgumentException e) when (!e.Message.Contains(l.name))
        {
            throw new ArgumentException($"Layer \"{l.name}\" ({l.class_name}) cannot take input of shape {Utils.Shapes.Format(t.shape)}: {e.Message}", e);
        }
    }

    void Rebuild()
    {
        var t = inputLayer!.output;
        foreach (var l in stack) t = ApplyOne(l, t);
        top = t;
        graphStale = stack.Count > 0;
        EnsureGraph();
    }

    /// <summary>Builds the graph of the stack once, after the last add (not after each one).</summary>
    internal override void EnsureGraph()
    {
        if (!graphStale || inputLayer is null || top is null) return;
        graphStale = false;
        Build(new[] { inputLayer.output }, new[] { top });
    }

    /// <summary>
    /// Keras's model.build(input_shape): the full input shape, batch dimension first (null for
    /// None), for example <c>build(new int?[] { null, 784 })</c>.
    /// </summary>
    public void build(int?[] input_shape)
    {
        ArgumentNullException.ThrowIfNull(input_shape);
        if (inputLayer is not null) throw new InvalidOperationException($"Sequential \"{name}\" is already built with input shape {Utils.Shapes.Format(inputLayer.BatchInputShape!)}.");
        if (input_shape.Length == 0) throw new ArgumentException($"Sequential \"{name}\": build needs the input shape with its batch dimension, for example (None, 784); received ().");
        inputLayer = new InputLayer(batch_shape: input_shape);
        if (stack.Count > 0) Rebuild();
        else top = inputLayer.output;
    }

    internal override void EnsureBuiltFor(IReadOnlyList<Tensor> xs)
    {
        if (stack.Count == 0) throw new InvalidOperationException($"Sequential \"{name}\" has no layers; add some with add().");
        if (inputLayer is null)
        {
            build(new int?[] { null }.Concat(xs[0].shape.Skip(1).Select(d => (int?)(int)d)).ToArray());
            InferredInputShape = true;
        }
        EnsureGraph();
    }

    /// <summary>The single input layer, once known.</summary>
    public InputLayer? InputLayer => inputLayer;

    /// <inheritdoc />
    public override Tensor[] Forward(IReadOnlyList<Tensor> xs, bool training)
    {
        var x = xs[0];
        var one = new Tensor[1];
        for (int i = 0; i < stack.Count; i++) { one[0] = x; x = stack[i].Forward(one, training); }
        one[0] = x;
        return one;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => Saving.ModelConfig.Sequential(this);
}
