using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// The Keras mask attached to a tensor (Keras's <c>backend.set_keras_mask</c> /
/// <c>get_keras_mask</c>, the <c>_keras_mask</c> attribute): a boolean tensor saying which entries
/// are valid. Losses and metrics leave masked entries out, as Keras does. A tensor keeps its mask
/// as long as the tensor object lives.
/// </summary>
public static class KerasMask
{
    static readonly ConditionalWeakTable<Tensor, Tensor> masks = new();

    /// <summary>Attaches <paramref name="mask"/> to <paramref name="x"/> (null removes it).</summary>
    public static void set_keras_mask(Tensor x, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(x);
        masks.Remove(x);
        if (mask is not null) masks.Add(x, mask);
    }

    /// <summary>The mask attached to <paramref name="x"/>, or null.</summary>
    public static Tensor? get_keras_mask(Tensor x) => masks.TryGetValue(x, out var m) ? m : null;
}
