using static TorchSharp.torch;

namespace KerasSharp.Activations;

// The signatures of Keras's activations that take arguments besides x. Each has Keras's parameter
// names and defaults, so that keras.activations.relu(x, negative_slope: 0.1) reads as in Python;
// a value of any of them converts to an ActivationFunction (with the defaults) where a layer takes one.

/// <summary><c>relu(x, negative_slope=0.0, max_value=None, threshold=0.0)</c>.</summary>
/// <param name="x">The input.</param>
/// <param name="negative_slope">The slope below the threshold.</param>
/// <param name="max_value">The largest value returned, or null for no limit.</param>
/// <param name="threshold">Values at or below it are damped (0 with negative_slope 0).</param>
public delegate Tensor ReluFn(Tensor x, double negative_slope = 0.0, double? max_value = null, double threshold = 0.0);

/// <summary><c>leaky_relu(x, negative_slope=0.2)</c>.</summary>
/// <param name="x">The input.</param>
/// <param name="negative_slope">The slope for negative inputs.</param>
public delegate Tensor LeakyReluFn(Tensor x, double negative_slope = 0.2);

/// <summary>
/// <c>softmax(x, axis=-1)</c> and <c>log_softmax(x, axis=-1)</c>: one axis (<c>axis: 1</c>) or several
/// at once (<c>softmax(x, 1, 2)</c>, Keras's tuple <c>axis=(1, 2)</c>); none given is -1, Keras's default.
/// </summary>
/// <param name="x">The input.</param>
/// <param name="axis">The axes to normalize over; none given means the last.</param>
public delegate Tensor SoftmaxFn(Tensor x, params int[] axis);

/// <summary><c>glu(x, axis=-1)</c> and <c>sparsemax(x, axis=-1)</c>.</summary>
/// <param name="x">The input.</param>
/// <param name="axis">The axis.</param>
public delegate Tensor AxisFn(Tensor x, int axis = -1);

/// <summary><c>elu(x, alpha=1.0)</c> and <c>celu(x, alpha=1.0)</c>.</summary>
/// <param name="x">The input.</param>
/// <param name="alpha">The scale of the negative part.</param>
public delegate Tensor AlphaFn(Tensor x, double alpha = 1.0);

/// <summary><c>gelu(x, approximate=False)</c>.</summary>
/// <param name="x">The input.</param>
/// <param name="approximate">True for the tanh approximation; false (Keras 3's default) for the exact erf form.</param>
public delegate Tensor GeluFn(Tensor x, bool approximate = false);

/// <summary><c>soft_shrink(x, threshold=0.5)</c> and <c>hard_shrink(x, threshold=0.5)</c>.</summary>
/// <param name="x">The input.</param>
/// <param name="threshold">The half-width of the band around 0 that is set to 0.</param>
public delegate Tensor ShrinkFn(Tensor x, double threshold = 0.5);

/// <summary><c>squareplus(x, b=4)</c>.</summary>
/// <param name="x">The input.</param>
/// <param name="b">The smoothness near 0 (≥ 0).</param>
public delegate Tensor SquareplusFn(Tensor x, double b = 4);

/// <summary><c>threshold(x, threshold, default_value)</c> (no defaults in Keras).</summary>
/// <param name="x">The input.</param>
/// <param name="threshold">Values at or below it are replaced.</param>
/// <param name="default_value">The value that replaces them.</param>
public delegate Tensor ThresholdFn(Tensor x, double threshold, double default_value);
