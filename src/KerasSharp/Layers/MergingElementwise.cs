using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Subtract: the first input minus the second (exactly two inputs).</summary>
public sealed class Subtract(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Subtract(c.Name); }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        if (inputShapes.Length != 2)
            throw new ArgumentException($"A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[{string.Join(", ", inputShapes.Select(Utils.Shapes.Format))}] (layer \"{name}\").");
        base.build(inputShapes);
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        if (inputs.Length != 2)
            throw new ArgumentException($"A `Subtract` layer should be called on exactly 2 inputs. Received {inputs.Length} inputs (layer \"{name}\").");
        return inputs[0] - inputs[1];
    }
}

/// <summary>Keras Average: the elementwise mean of the inputs (their sum, then divided by their count, as Keras computes it).</summary>
public sealed class Average(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Average(c.Name); }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var y = inputs[0];
        for (int i = 1; i < inputs.Length; i++) y = y + inputs[i];
        return y / inputs.Length;
    }
}

/// <summary>Keras Maximum: the elementwise maximum of the inputs.</summary>
public sealed class Maximum(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Maximum(c.Name); }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var y = inputs[0];
        for (int i = 1; i < inputs.Length; i++) y = torch.maximum(y, inputs[i]);
        return y;
    }
}

/// <summary>Keras Minimum: the elementwise minimum of the inputs.</summary>
public sealed class Minimum(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Minimum(c.Name); }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var y = inputs[0];
        for (int i = 1; i < inputs.Length; i++) y = torch.minimum(y, inputs[i]);
        return y;
    }
}
