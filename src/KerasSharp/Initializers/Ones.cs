using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras's <c>Ones</c>: all values 1 (any dtype).</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null) =>
        Backend.TensorAllocation.Empty(shape, dtype ?? float32, "Ones").fill_(1);

    /// <summary>Keras's <c>from_config</c> (the config is empty).</summary>
    public static Ones from_config(IReadOnlyDictionary<string, object?>? config)
    {
        InitializerConfig.CheckKeys(InitializerConfig.OrEmpty(config), "Ones");
        return new Ones();
    }
}
