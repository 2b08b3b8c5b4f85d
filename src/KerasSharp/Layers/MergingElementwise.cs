using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Subtract: the first input minus the second (exactly two inputs, which broadcast as in <see cref="Merge"/>).</summary>
public sealed class Subtract(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Subtract(c.Name); }

    static void CheckTwo(Layer layer, int?[][] inputShapes)
    {
        if (inputShapes.Length != 2)
            throw new ArgumentException($"A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape={FormatList(inputShapes)} (layer \"{layer.name}\").");
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        CheckTwo(this, inputShapes);
        base.build(inputShapes);
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        CheckTwo(this, inputShapes);
        return base.compute_output_shape(inputShapes);
    }

    /// <inheritdoc />
    protected override Tensor Combine(Tensor a, Tensor b) => a - b;
}

/// <summary>Keras Average: the elementwise mean of the inputs (their sum, then divided by their count, as Keras computes it).</summary>
public sealed class Average(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Average(c.Name); }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        using var count = Backend.EngineScalars.Hold(inputs.Length);
        return base.call(inputs, training).div(count.Value);
    }

    /// <inheritdoc />
    protected override Tensor Combine(Tensor a, Tensor b) => Backend.EngineScalars.Plus(a, b);
}

/// <summary>Keras Maximum: the elementwise maximum of the inputs.</summary>
public sealed class Maximum(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Maximum(c.Name); }

    /// <inheritdoc />
    protected override Tensor Combine(Tensor a, Tensor b) => torch.maximum(a, b);
}

/// <summary>Keras Minimum: the elementwise minimum of the inputs.</summary>
public sealed class Minimum(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Minimum(c.Name); }

    /// <inheritdoc />
    protected override Tensor Combine(Tensor a, Tensor b) => torch.minimum(a, b);
}
