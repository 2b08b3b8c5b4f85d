using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras's <c>Zeros</c>: all values 0 (any dtype).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null) =>
        Backend.TensorAllocation.Empty(shape, dtype ?? float32, "Zeros").zero_();

    /// <summary>Keras's <c>from_config</c> (the config is empty).</summary>
    public static Zeros from_config(IReadOnlyDictionary<string, object?>? config)
    {
        InitializerConfig.CheckKeys(InitializerConfig.OrEmpty(config), "Zeros");
        return new Zeros();
    }
}
