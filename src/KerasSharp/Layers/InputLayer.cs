using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>The entry of a functional model (what keras.Input makes).</summary>
public sealed class InputLayer : Layer
{
    /// <summary>The output tensor of this input.</summary>
    public KerasTensor output { get; }

    /// <summary>Creates an input of this shape (batch dimension excluded).</summary>
    public InputLayer(int[] shape, string? name = null) : base(name ?? UniqueName("input_layer"))
    {
        BatchInputShape = new int?[] { null }.Concat(shape.Select(d => (int?)d)).ToArray();
        EnsureBuilt(new[] { BatchInputShape });
        var node = new Node(this, Array.Empty<KerasTensor>());
        output = new KerasTensor(BatchInputShape, node, this.name);
        node.Output = output;
        InboundNodes.Add(node);
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => BatchInputShape!;
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => inputs[0];
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["batch_shape"] = BatchInputShape,
        ["dtype"] = "float32",
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = name,
    };
}
