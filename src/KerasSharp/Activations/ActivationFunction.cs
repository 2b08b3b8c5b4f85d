using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary>
/// An activation as a layer holds it: Keras's name (what <c>get_config</c> writes) and the function,
/// called with Keras's default arguments. Converts implicitly from a name (<c>"relu"</c>), from any
/// function of <c>keras.activations</c> (<c>keras.activations.gelu</c>, which keeps its Keras name)
/// and from a <c>Func&lt;Tensor, Tensor&gt;</c>, so any of them can be passed wherever Keras takes an
/// activation. To use other arguments, wrap the call:
/// <c>(Func&lt;Tensor, Tensor&gt;)(x =&gt; keras.activations.relu(x, negative_slope: 0.1))</c>.
/// </summary>
public sealed class ActivationFunction
{
    readonly Func<Tensor, Tensor> fn;

    /// <summary>Creates an activation from a name and a function.</summary>
    /// <param name="name">The name it serializes under.</param>
    /// <param name="fn">The function.</param>
    public ActivationFunction(string name, Func<Tensor, Tensor> fn) : this(name, fn, fn) { }

    internal ActivationFunction(string name, Func<Tensor, Tensor> fn, Delegate function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(fn);
        this.name = name; this.fn = fn; this.function = function;
    }

    /// <summary>The Keras name, for example "relu" ("swish" is "silu", as Keras serializes it).</summary>
    public string name { get; }

    /// <summary>The function as <c>keras.activations</c> exposes it (for "relu", <c>keras.activations.relu</c>).</summary>
    public Delegate function { get; }

    /// <summary>Applies the activation with Keras's default arguments.</summary>
    public Tensor call(Tensor x) => fn(x);

    /// <summary>True for "linear" (the identity), which layers skip.</summary>
    public bool IsLinear => name == "linear";

    /// <summary>Looks an activation up by name (<c>keras.activations.get(name)</c>).</summary>
    public static implicit operator ActivationFunction(string name) => ActivationsApi.Get(name);

    /// <summary>Wraps a function; a function taken from <c>keras.activations</c> keeps its Keras name.</summary>
    public static implicit operator ActivationFunction(Func<Tensor, Tensor> fn) => ActivationsApi.FromDelegate(fn);

    /// <summary>A function of <c>keras.activations</c> that takes arguments (<c>keras.activations.relu</c>), with its defaults.</summary>
    public static implicit operator ActivationFunction(Delegate function) => ActivationsApi.FromDelegate(function);

    /// <inheritdoc />
    public override string ToString() => name;
}
