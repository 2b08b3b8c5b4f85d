using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// An initializer from any function of the shape (Keras accepts any callable
/// <c>fn(shape, dtype=None)</c>). It serializes under the class name given; registering that name
/// with <see cref="InitializersApi.Register"/> lets a saved model load back.
/// </summary>
/// <param name="className">The class name it serializes under.</param>
/// <param name="fn">The function: the values for a shape.</param>
/// <param name="config">The config it serializes with.</param>
public sealed class FunctionInitializer(string className, Func<long[], Tensor> fn, Dictionary<string, object?>? config = null) : Initializer
{
    /// <inheritdoc />
    public override string class_name => className;

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null)
    {
        var t = fn(shape);
        if (dtype is null || t.dtype == dtype) return t;
        using (t) return t.to(dtype.Value);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => config is null ? new() : new(config);
}
