using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// One variable of a layer (kernel, bias, gamma, moving_mean...). The tensor is kept in the layout
/// the engine computes with; <see cref="KerasPermutation"/> says how to view it in Keras's layout.
/// </summary>
public sealed class Weight
{
    /// <summary>The owning layer's name.</summary>
    public Layer Layer { get; }
    /// <summary>The variable name, for example "kernel".</summary>
    public string name { get; }
    /// <summary>"layer/name", as Keras's variable path.</summary>
    public string path => $"{Layer.name}/{name}";
    /// <summary>False for statistics such as moving_mean.</summary>
    public bool trainable { get; }
    /// <summary>The engine tensor (a Parameter when trainable).</summary>
    public Tensor Value { get; internal set; }
    /// <summary>Permutation from the engine layout to Keras's layout, or null when they agree.</summary>
    public long[]? KerasPermutation { get; }

    internal Weight(Layer layer, string name, Tensor value, bool trainable, long[]? kerasPermutation)
    {
        Layer = layer; this.name = name; Value = value; this.trainable = trainable; KerasPermutation = kerasPermutation;
    }

    /// <summary>The shape in Keras's layout.</summary>
    public long[] shape => KerasPermutation is null ? Value.shape : KerasPermutation.Select(i => Value.shape[i]).ToArray();

    /// <summary>Number of values.</summary>
    public long size => Value.numel();

    /// <summary>A CPU copy in Keras's layout.</summary>
    public Tensor ToKeras()
    {
        using var _ = torch.no_grad();
        var t = KerasPermutation is null ? Value.detach() : Value.detach().permute(KerasPermutation);
        return t.to(torch.CPU).contiguous().clone();
    }

    /// <summary>Sets the value from a tensor in Keras's layout; the shape must match.</summary>
    public void Assign(Tensor kerasValue)
    {
        var want = shape;
        if (!want.SequenceEqual(kerasValue.shape))
            throw new ArgumentException($"Layer '{Layer.name}': weight '{name}' expects shape {Utils.Shapes.Format(want)}, received {Utils.Shapes.Format(kerasValue.shape)}.");
        using var _ = torch.no_grad();
        var v = kerasValue.to(Value.dtype).to(Value.device);
        if (KerasPermutation is not null)
        {
            var inverse = new long[KerasPermutation.Length];
            for (int i = 0; i < inverse.Length; i++) inverse[KerasPermutation[i]] = i;
            v = v.permute(inverse);
        }
        Value.copy_(v);
    }
}
