using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary>
/// An activation: a name (as Keras serializes it) and the function. Converts implicitly from a
/// name (<c>"relu"</c>) and from a <c>Func&lt;Tensor, Tensor&gt;</c>, so either can be passed
/// wherever Keras takes an activation.
/// </summary>
public sealed class ActivationFunction
{
    /// <summary>The Keras name, for example "relu".</summary>
    public string name { get; }
    readonly Func<Tensor, Tensor> fn;

    /// <summary>Creates an activation from a name and a function.</summary>
    public ActivationFunction(string name, Func<Tensor, Tensor> fn) { this.name = name; this.fn = fn; }

    /// <summary>Applies the activation.</summary>
    public Tensor call(Tensor x) => fn(x);

    /// <summary>True for "linear" (the identity), which layers skip.</summary>
    public bool IsLinear => name == "linear";

    /// <summary>Looks an activation up by name.</summary>
    public static implicit operator ActivationFunction(string name) => ActivationsApi.Get(name);

    /// <summary>Wraps a function; a function taken from <c>keras.activations</c> keeps its Keras name.</summary>
    public static implicit operator ActivationFunction(Func<Tensor, Tensor> fn) => ActivationsApi.FromFunction(fn);

    /// <inheritdoc />
    public override string ToString() => name;
}
