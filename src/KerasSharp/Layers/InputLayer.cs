using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>The entry of a functional model (what keras.Input makes).</summary>
public sealed class InputLayer : Layer
{
    /// <summary>Creates an input of this shape (batch dimension excluded).</summary>
    public InputLayer(int[] shape, string? name = null) : this(shape.Select(d => (int?)d).ToArray(), null, null, name) { }

    /// <summary>
    /// Keras's InputLayer: <paramref name="shape"/> excludes the batch dimension and may hold null
    /// (None) for unknown dimensions; or <paramref name="batch_shape"/> includes it. Give one of them.
    /// </summary>
    public InputLayer(int?[]? shape = null, int? batch_size = null, int?[]? batch_shape = null, string? name = null)
        : base(name ?? UniqueName("input_layer"))
    {
        if (shape is not null && batch_shape is not null)
            throw new ArgumentException("You cannot pass both `shape` and `batch_shape` at the same time.");
        if (batch_size is not null && batch_shape is not null)
            throw new ArgumentException("You cannot pass both `batch_size` and `batch_shape` at the same time.");
        if (shape is null && batch_shape is null)
            throw new ArgumentException("You must pass a `shape` argument.");
        var full = batch_shape ?? new int?[] { batch_size }.Concat(shape!).ToArray();
        if (full.Length == 0) throw new ArgumentException("An input's batch_shape must include the batch dimension; received ().");
        if (full.Any(d => d is < 0))
            throw new ArgumentException($"Cannot convert '{Utils.Shapes.Format(batch_shape ?? shape!)}' to a shape. Negative dimensions are not allowed.");
        BatchInputShape = full;
        EnsureBuilt(new[] { BatchInputShape });
        var node = new Node(this, Array.Empty<KerasTensor>());
        node.Output = new KerasTensor(BatchInputShape, node, this.name);
        InboundNodes.Add(node);
    }

    /// <summary>Keras's <c>batch_shape</c>: the shape with the batch dimension first (null = None).</summary>
    public int?[] batch_shape => (int?[])BatchInputShape!.Clone();

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
        ["optional"] = false,
    };

    internal static Layer FromConfig(ConfigReader c)
    {
        c.Ignore("name", "trainable");
        c.Expect("dtype", v => v is null || v.Value.ValueKind == System.Text.Json.JsonValueKind.String && v.Value.GetString() is "float32" or "float64" or "int32" or "int64" or "uint8"
            || v.Value.ValueKind == System.Text.Json.JsonValueKind.Object, "a numeric dtype (inputs are cast to float32)");
        c.Expect("sparse", v => v is null || v.Value.ValueKind == System.Text.Json.JsonValueKind.False, "false");
        c.Expect("ragged", v => v is null || v.Value.ValueKind == System.Text.Json.JsonValueKind.False, "false");
        c.Expect("optional", v => v is null || v.Value.ValueKind == System.Text.Json.JsonValueKind.False, "false");
        var shape = c.Shape("batch_shape") ?? c.Shape("batch_input_shape")
            ?? throw new InvalidDataException($"InputLayer '{c.Name}': config has no 'batch_shape'.");
        return new InputLayer(batch_shape: shape, name: c.Name);
    }
}
