using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// Keras's <c>keras.regularizers.Regularizer</c>: a penalty on a weight (or an activation) that is
/// added to the loss. Subclass it for your own penalty: override <see cref="call"/>,
/// <see cref="class_name"/> and <see cref="get_config"/>. Converts implicitly from a name ("l2").
/// </summary>
public abstract class Regularizer
{
    /// <summary>The Keras class name ("L2").</summary>
    public abstract string class_name { get; }
    /// <summary>The penalty, a scalar tensor (Python's <c>regularizer(x)</c>).</summary>
    public abstract Tensor call(Tensor x);
    /// <summary>Keras's config.</summary>
    public abstract Dictionary<string, object?> get_config();

    /// <summary>keras.regularizers.serialize: {module, class_name, config, registered_name}.</summary>
    public Dictionary<string, object?> serialize() => Utils.ConfigReader.Serialize("keras.regularizers", class_name, get_config());

    /// <summary>Looks a regularizer up by name, with Keras's default factors.</summary>
    public static implicit operator Regularizer(string name) => RegularizersApi.Get(name);

    /// <summary>Keras's validate_float_arg: a finite, non-negative number.</summary>
    protected static double ValidateFloat(double value, string name)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
            throw new ArgumentException($"Invalid value for argument {name}: expected a non-negative float.Received: {name}={Utils.PyRepr.Float(value)}");
        return value;
    }
}
