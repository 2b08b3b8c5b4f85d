using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras's <c>keras.initializers.Initializer</c>: creates a weight's starting values, in Keras's
/// layout (Dense kernel [in, out], Conv2D kernel [kh, kw, in, out]). Converts implicitly from a
/// name (<c>"glorot_uniform"</c>, <c>"zeros"</c>, ...), as <c>keras.initializers.get</c> does.
/// </summary>
public abstract class Initializer
{
    /// <summary>The Keras class name, for example "GlorotUniform" (the C# class name unless overridden).</summary>
    public virtual string class_name => GetType().Name;

    /// <summary>Keras's <c>__call__(shape, dtype=None)</c>: the values for a weight of this shape, on the CPU.</summary>
    /// <param name="shape">The weight's shape in Keras's layout.</param>
    /// <param name="dtype">The dtype; float32 (Keras's floatx) when null.</param>
    public abstract Tensor call(long[] shape, ScalarType? dtype = null);

    /// <summary>Keras's config for this initializer (the constructor's arguments, in Keras's order).</summary>
    public virtual Dictionary<string, object?> get_config() => new();

    /// <summary>Keras's <c>clone()</c>: a new initializer from this one's config (an unseeded one draws a new seed).</summary>
    public Initializer clone() => InitializersApi.Deserialize(class_name, get_config());

    /// <summary>Looks an initializer up by name (<c>keras.initializers.get(name)</c>).</summary>
    public static implicit operator Initializer(string name) => InitializersApi.Get(name);

    /// <inheritdoc />
    public override string ToString() => $"<{class_name}>";
}
