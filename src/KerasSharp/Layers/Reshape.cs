using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Reshape: to a target shape (batch excluded; one dimension may be -1).</summary>
public sealed class Reshape : Layer
{
    /// <summary>The target shape.</summary>
    public int[] target_shape { get; }

    /// <summary>Keras's signature; the target shape is checked as Keras checks it.</summary>
    public Reshape(int[] target_shape, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(target_shape);
        string shown = Utils.Shapes.Format(target_shape.Select(d => (long)d).ToArray());
        if (target_shape.Any(d => d < -1))
            throw new ArgumentException($"Each dimension in `target_shape` must be a non-negative integer, or `-1` for a single unknown dimension. Received: target_shape={shown}.");
        if (target_shape.Count(d => d == -1) > 1)
            throw new ArgumentException($"There must be at most one unknown dimension (-1) in `target_shape`. Received: target_shape={shown}.");
        this.target_shape = target_shape;
    }

    /// <summary>Keras's Reshape has no InputSpec: the input may change size call after call (with a -1 target).</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) { }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        long known = 1;
        bool allKnown = true;
        for (int i = 1; i < s.Length; i++) { if (s[i].HasValue) known *= s[i]!.Value; else allKnown = false; }
        long product = target_shape.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        var outShape = new int?[target_shape.Length + 1];
        outShape[0] = s[0];
        for (int i = 0; i < target_shape.Length; i++)
        {
            if (target_shape[i] != -1) { outShape[i + 1] = target_shape[i]; continue; }
            outShape[i + 1] = allKnown && product > 0 ? (int)(known / product) : null;
        }
        if (allKnown)
        {
            string shapes = $"Received: input_shape={Utils.Shapes.Format(s.Skip(1).ToArray())}, target_shape={Utils.Shapes.Format(target_shape.Select(d => (long)d).ToArray())}";
            if (!target_shape.Contains(-1) && known != product)
                throw new ArgumentException($"The total size of the tensor must be unchanged. {shapes}");
            if (target_shape.Contains(-1) && (product == 0 || known % product != 0))
                throw new ArgumentException($"The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. {shapes}");
        }
        return outShape;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        var shape = new long[target_shape.Length + 1];
        shape[0] = x.shape[0];
        for (int i = 0; i < target_shape.Length; i++) shape[i + 1] = target_shape[i];
        return x.reshape(shape);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["target_shape"] = target_shape; return c; }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        return new Reshape(c.Ints("target_shape") ?? throw new InvalidDataException($"Reshape '{c.Name}': config has no 'target_shape'."), c.Name);
    }
}
