using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Creates a built-in layer's weight so that memory that cannot be had is reported with the
/// layer's name, the weight and its shape (the allocation underneath only knows the shape).
/// </summary>
internal static class WeightAllocation
{
    /// <summary><see cref="Layer.add_weight"/>, with an allocation failure naming the layer and the weight.</summary>
    internal static Weight AddLayerWeight(this Layer layer, string weightName, long[] shape, Initializer initializer, bool trainable = true, Regularizer? regularizer = null)
    {
        try
        {
            return layer.add_weight(shape, initializer, trainable, regularizer, weightName);
        }
        catch (OutOfMemoryException e)
        {
            throw new OutOfMemoryException($"Layer \"{layer.name}\" ({layer.GetType().Name}) cannot create its weight '{weightName}' of shape {Utils.Shapes.Format(shape)}: {e.Message}", e);
        }
    }
}
