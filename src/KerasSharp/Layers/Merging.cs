using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>The base of the merge layers: several inputs of compatible shapes, one output.</summary>
public abstract class Merge : Layer
{
    /// <summary>Creates the layer.</summary>
    protected Merge(string? name) : base(name) { }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        if (inputShapes.Length < 2)
            throw new ArgumentException($"Layer \"{name}\" ({class_name}) must be called on a list of at least 2 inputs, received {inputShapes.Length}.");
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var first = inputShapes[0];
        foreach (var s in inputShapes.Skip(1))
            if (!Utils.Shapes.Compatible(first, s))
                throw new ArgumentException($"Layer \"{name}\" ({class_name}) needs inputs of the same shape: expected {Utils.Shapes.Format(first)}, received {Utils.Shapes.Format(s)}.");
        return first;
    }
}

/// <summary>Keras Add: elementwise sum.</summary>
public sealed class Add(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Add(c.Name); }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var y = inputs[0] + inputs[1];
        for (int i = 2; i < inputs.Length; i++) y = y + inputs[i];
        return y;
    }
}

/// <summary>Keras Multiply: elementwise product.</summary>
public sealed class Multiply(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Multiply(c.Name); }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var y = inputs[0] * inputs[1];
        for (int i = 2; i < inputs.Length; i++) y = y * inputs[i];
        return y;
    }
}

/// <summary>Keras Concatenate along an axis (default -1).</summary>
public sealed class Concatenate : Merge
{
    /// <summary>The Keras axis.</summary>
    public int axis { get; }
    /// <summary>Creates the layer.</summary>
    public Concatenate(int axis = -1, string? name = null) : base(name) => this.axis = axis;

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        int rank = inputShapes[0].Length;
        int a = axis < 0 ? axis + rank : axis;
        var outShape = (int?[])inputShapes[0].Clone();
        foreach (var s in inputShapes.Skip(1))
        {
            bool ok = s.Length == rank;
            for (int d = 1; ok && d < rank; d++)
                if (d != a && s[d].HasValue && outShape[d].HasValue && s[d] != outShape[d]) ok = false;
            if (!ok)
                throw new ArgumentException($"Layer \"{name}\" (Concatenate) needs inputs that match except on axis {axis}: expected {Utils.Shapes.Format(inputShapes[0])}, received {Utils.Shapes.Format(s)}.");
            outShape[a] = outShape[a].HasValue && s[a].HasValue ? outShape[a] + s[a] : null;
        }
        return outShape;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => torch.cat(inputs, axis);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["axis"] = axis; return c; }

    internal static Layer FromConfig(Saving.ConfigReader c)
    {
        c.LayerBase();
        return new Concatenate(c.Int("axis", -1), c.Name);
    }
}
