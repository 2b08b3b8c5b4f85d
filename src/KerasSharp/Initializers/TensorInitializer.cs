using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// What <c>keras.initializers.get(tensor)</c> returns: the tensor's values, for that shape only.
/// Like Keras's <c>initialize_fn</c> it cannot be serialized.
/// </summary>
internal sealed class TensorInitializer(Tensor values) : Initializer
{
    readonly Tensor values = values.detach().cpu().clone();

    public override string class_name => "initialize_fn";

    public override Tensor call(long[] shape, ScalarType? dtype = null)
    {
        if (!shape.SequenceEqual(values.shape))
            throw new ArgumentException($"Expected `shape` to be {Utils.Shapes.Format(values.shape)} for direct tensor as initializer. Received shape={Utils.Shapes.Format(shape)}", nameof(shape));
        return values.to(dtype ?? float32, copy: true);
    }

    public override Dictionary<string, object?> get_config() =>
        throw new NotSupportedException("An initializer made from a tensor (keras.initializers.get(tensor)) cannot be serialized, as in Keras; use keras.initializers.Constant(values) to save it.");
}
