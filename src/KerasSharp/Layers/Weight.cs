using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// One variable of a layer (kernel, bias, gamma, moving_mean...), stored in Keras's layout and
/// shape (a Conv2D kernel is <c>[kh, kw, in, out]</c>), so that what is saved, restored, shown or
/// handed to an optimizer is what Keras would hold.
/// </summary>
public sealed class Weight
{
    /// <summary>The owning layer.</summary>
    public Layer Layer { get; }
    /// <summary>The variable name, for example "kernel".</summary>
    public string name { get; }
    /// <summary>"layer/name", as Keras's variable path.</summary>
    public string path => $"{Layer.name}/{name}";
    /// <summary>False for statistics such as moving_mean.</summary>
    public bool trainable { get; }
    /// <summary>The engine tensor (a Parameter when trainable).</summary>
    public Tensor Value { get; internal set; }

    internal Weight(Layer layer, string name, Tensor value, bool trainable)
    {
        Layer = layer; this.name = name; Value = value; this.trainable = trainable;
    }

    /// <summary>The shape (Keras's layout).</summary>
    public long[] shape => Value.shape;

    /// <summary>Number of values.</summary>
    public long size => Value.numel();

    /// <summary>A CPU copy of the value.</summary>
    public Tensor ToKeras()
    {
        using var _ = torch.no_grad();
        return Value.detach().to(torch.CPU).contiguous().clone();
    }

    /// <summary>Sets the value from a tensor of the same shape (Keras's assign).</summary>
    public void Assign(Tensor value)
    {
        var want = shape;
        if (!want.SequenceEqual(value.shape))
            throw new ArgumentException($"Layer '{Layer.name}': weight '{name}' expects shape {Utils.Shapes.Format(want)}, received {Utils.Shapes.Format(value.shape)}.");
        using var _ = torch.no_grad();
        Value.copy_(value.to(Value.dtype).to(Value.device));
    }

    /// <summary>Keras's <c>variable.assign(value)</c>.</summary>
    public void assign(Tensor value) => Assign(value);

    /// <summary>Keras's <c>variable.numpy()</c>: the value as an array.</summary>
    public NumSharp.NDArray numpy() => Utils.Arrays.ToNDArray(ToKeras());
}
