namespace KerasSharp.Layers;

/// <summary>
/// A symbolic tensor of the functional API: a shape (batch dimension None) and the layer call
/// that produced it. <c>keras.Input(shape)</c> makes one; <c>layer.Apply(t)</c> makes the next.
/// </summary>
public sealed class KerasTensor
{
    /// <summary>The Keras shape, batch first (null = None).</summary>
    public int?[] shape { get; }
    /// <summary>The layer call that produced this tensor.</summary>
    public Node Node { get; }
    /// <summary>The tensor's name.</summary>
    public string name { get; }

    internal KerasTensor(int?[] shape, Node node, string name) { this.shape = shape; Node = node; this.name = name; }

    /// <summary>A KerasTensor from keras.Input converts to its InputLayer, so Sequential(keras.Input(...), ...) works.</summary>
    public static implicit operator Layer(KerasTensor t) =>
        t.Node.Layer is InputLayer il ? il : throw new InvalidCastException($"Only a tensor made by keras.Input converts to a layer; '{t.name}' comes from layer '{t.Node.Layer.name}'.");

    /// <inheritdoc />
    public override string ToString() => $"<KerasTensor shape={Utils.Shapes.Format(shape)}, name={name}>";
}

/// <summary>One call of a layer in a functional graph: its inputs and its output.</summary>
public sealed class Node
{
    /// <summary>The layer called.</summary>
    public Layer Layer { get; }
    /// <summary>The symbolic inputs (empty for an InputLayer).</summary>
    public IReadOnlyList<KerasTensor> Inputs { get; }
    /// <summary>The symbolic output.</summary>
    public KerasTensor Output { get; internal set; } = null!;
    internal Node(Layer layer, IReadOnlyList<KerasTensor> inputs) { Layer = layer; Inputs = inputs; }
}
