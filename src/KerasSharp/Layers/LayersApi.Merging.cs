using static TorchSharp.torch;

namespace KerasSharp.Layers;

public sealed partial class LayersApi
{
    /// <summary>Keras Subtract (exactly two inputs).</summary>
    public Subtract Subtract(string? name = null) => new(name);
    /// <summary>Keras Average.</summary>
    public Average Average(string? name = null) => new(name);
    /// <summary>Keras Maximum.</summary>
    public Maximum Maximum(string? name = null) => new(name);
    /// <summary>Keras Minimum.</summary>
    public Minimum Minimum(string? name = null) => new(name);

    /// <summary>Keras's <c>keras.layers.add(inputs)</c>: an Add layer called on the inputs.</summary>
    public KerasTensor add(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Add(name).Apply(Checked(inputs, "add"));
    /// <summary>Keras's <c>keras.layers.subtract(inputs)</c>.</summary>
    public KerasTensor subtract(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Subtract(name).Apply(Checked(inputs, "subtract"));
    /// <summary>Keras's <c>keras.layers.multiply(inputs)</c>.</summary>
    public KerasTensor multiply(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Multiply(name).Apply(Checked(inputs, "multiply"));
    /// <summary>Keras's <c>keras.layers.average(inputs)</c>.</summary>
    public KerasTensor average(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Average(name).Apply(Checked(inputs, "average"));
    /// <summary>Keras's <c>keras.layers.maximum(inputs)</c>.</summary>
    public KerasTensor maximum(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Maximum(name).Apply(Checked(inputs, "maximum"));
    /// <summary>Keras's <c>keras.layers.minimum(inputs)</c>.</summary>
    public KerasTensor minimum(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Minimum(name).Apply(Checked(inputs, "minimum"));
    /// <summary>Keras's <c>keras.layers.concatenate(inputs, axis=-1)</c>.</summary>
    public KerasTensor concatenate(IReadOnlyList<KerasTensor> inputs, int axis = -1, string? name = null) => new Concatenate(axis, name).Apply(Checked(inputs, "concatenate"));

    /// <summary>Keras's <c>keras.layers.add</c> on tensors (eager).</summary>
    public Tensor add(IReadOnlyList<Tensor> inputs, string? name = null) => new Add(name).Apply(Checked(inputs, "add"));
    /// <summary>Keras's <c>keras.layers.subtract</c> on tensors (eager).</summary>
    public Tensor subtract(IReadOnlyList<Tensor> inputs, string? name = null) => new Subtract(name).Apply(Checked(inputs, "subtract"));
    /// <summary>Keras's <c>keras.layers.multiply</c> on tensors (eager).</summary>
    public Tensor multiply(IReadOnlyList<Tensor> inputs, string? name = null) => new Multiply(name).Apply(Checked(inputs, "multiply"));
    /// <summary>Keras's <c>keras.layers.average</c> on tensors (eager).</summary>
    public Tensor average(IReadOnlyList<Tensor> inputs, string? name = null) => new Average(name).Apply(Checked(inputs, "average"));
    /// <summary>Keras's <c>keras.layers.maximum</c> on tensors (eager).</summary>
    public Tensor maximum(IReadOnlyList<Tensor> inputs, string? name = null) => new Maximum(name).Apply(Checked(inputs, "maximum"));
    /// <summary>Keras's <c>keras.layers.minimum</c> on tensors (eager).</summary>
    public Tensor minimum(IReadOnlyList<Tensor> inputs, string? name = null) => new Minimum(name).Apply(Checked(inputs, "minimum"));
    /// <summary>Keras's <c>keras.layers.concatenate</c> on tensors (eager).</summary>
    public Tensor concatenate(IReadOnlyList<Tensor> inputs, int axis = -1, string? name = null) => new Concatenate(axis, name).Apply(Checked(inputs, "concatenate"));

    static T[] Checked<T>(IReadOnlyList<T> inputs, string fn)
    {
        if (inputs is null) throw new ArgumentNullException(nameof(inputs), $"keras.layers.{fn} needs a list of inputs.");
        return inputs.ToArray();
    }
}
