"""Writes KerasActivationsOracle.cs: inputs and the real Keras 3.15.1 outputs for the cases of
keras/src/activations/activations_test.py.

Keras's tests draw random inputs and compare keras.activations.<fn> with a numpy reference
formula. Here the inputs are drawn once (fixed numpy seed, cast to float32, Keras's floatx) and
the expected values are what Keras itself returns for them, so the C# tests compare KerasSharp
with Keras, with the tolerances of Keras's test (rtol as given there; Keras's TestCase.assertAllClose
defaults are atol=1e-6, rtol=1e-6).

Run from the repository root:
    ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/activations_oracle.py
"""
import os
import sys

# Do not let this folder shadow Python's own modules.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import numpy as np
import keras
from keras import activations as A
from keras.src import activations as A_src

assert keras.__version__ == "3.15.1", keras.__version__

cases = []  # (test, case, shape, x, y, rtol, atol)


def add(test, case, x, fn, rtol=1e-6, atol=1e-6, **kwargs):
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(keras.ops.convert_to_numpy(getattr(A, fn)(x, **kwargs)))
    assert y.shape == x.shape or fn == "glu", (test, case, y.shape, x.shape)
    cases.append((test, case, x, y, rtol, atol))


rng = np.random.RandomState(1234)
U = lambda lo, hi, size: rng.uniform(lo, hi, size)
R = lambda *size: rng.random_sample(size)

# Shapes as in Keras's tests; x[np.newaxis, :] is kept as the leading axis of size 1.
add("test_softmax", "2x5", R(2, 5)[np.newaxis], "softmax", rtol=1e-5)
add("test_softmax_2d_axis_0", "axis1", R(2, 5)[np.newaxis], "softmax", rtol=1e-5, axis=1)
add("test_softmax_3d_axis_tuple", "axis12", R(2, 3, 5), "softmax", rtol=1e-5, axis=(1, 2))
add("test_softmax_1d", "5", R(5), "softmax", rtol=1e-5)
add("test_softmax_higher_dim", "axis23", R(2, 3, 4, 5), "softmax", rtol=1e-5, axis=(2, 3))
add("test_softmax_higher_dim_multiple_axes", "axis234", R(2, 3, 4, 5, 6), "softmax", rtol=1e-5, axis=(2, 3, 4))
add("test_softmax_negative_axis", "axis-1", R(2, 5), "softmax", rtol=1e-5, axis=-1)
add("test_temporal_softmax", "2x2x3", (R(2, 2, 3) * 10)[np.newaxis], "softmax", rtol=1e-5)
add("test_log_softmax_2d_axis_0", "axis1", R(2, 5)[np.newaxis], "log_softmax", rtol=1e-5, axis=1)
add("test_log_softmax_3d_axis_tuple", "axis12", R(2, 3, 5), "log_softmax", rtol=1e-5, axis=(1, 2))
add("test_log_softmax_1d", "5", R(5), "log_softmax", rtol=1e-5)
add("test_log_softmax_higher_dim", "axis23", R(2, 3, 4, 5), "log_softmax", rtol=1e-5, axis=(2, 3))
add("test_log_softmax_higher_dim_multiple_axes", "axis234", R(2, 3, 4, 5, 6), "log_softmax", rtol=1e-5, axis=(2, 3, 4))
add("test_log_softmax_negative_axis", "axis-1", R(2, 5), "log_softmax", rtol=1e-5, axis=-1)
add("test_temporal_log_softmax", "2x2x3", (R(2, 2, 3) * 10)[np.newaxis], "log_softmax", rtol=1e-5)
# Not in Keras's tests: the layout question of issue 11, softmax of an image-shaped tensor.
add("image_shaped_softmax", "2x3x4x5", U(-5, 5, (2, 3, 4, 5)), "softmax", rtol=1e-5)

add("test_selu", "positive", [[[1, 2]]], "selu", rtol=1e-5)
add("test_selu", "negative", [[[-1, -2]]], "selu")


def wide(test, fn, small=(0, 1), large=True, near_zero=True, huge=False, **kw):
    """The input families Keras's tests use for the elementwise functions."""
    add(test, "basic", U(*small, (2, 5))[np.newaxis], fn, rtol=1e-5, **kw)
    add(test, "1d", U(-10, 10, 5), fn, rtol=1e-5, **kw)
    add(test, "3d", U(-10, 10, (3, 3, 3)), fn, rtol=1e-5, **kw)
    if near_zero:
        add(test, "near_zero", U(-1e-7, 1e-7, (2, 5)), fn, rtol=1e-5, **kw)
    if large:
        add(test, "large_positive", U(10, 100, (2, 5)), fn, rtol=1e-5, **kw)
        add(test, "large_negative", U(-100, -10, (2, 5)), fn, rtol=1e-5, **kw)


wide("test_softplus", "softplus")
wide("test_softsign", "softsign")
wide("test_sigmoid", "sigmoid")
add("test_hard_sigmoid", "basic", U(0, 1, (2, 5))[np.newaxis], "hard_sigmoid", rtol=1e-5)
add("test_hard_sigmoid", "1d", U(-10, 10, 5), "hard_sigmoid", rtol=1e-5)
add("test_hard_sigmoid", "3d", U(-10, 10, (3, 3, 3)), "hard_sigmoid", rtol=1e-5)
add("test_hard_sigmoid", "positive_above_1", U(5, 10, (2, 5)), "hard_sigmoid", rtol=1e-5)
wide("test_sparse_sigmoid", "sparse_sigmoid", near_zero=False)
wide("test_log_sigmoid", "log_sigmoid", near_zero=False)
add("test_hard_silu", "basic", U(-3, 3, (2, 5))[np.newaxis], "hard_silu", rtol=1e-5)
add("test_hard_silu", "1d", U(-10, 10, 5), "hard_silu", rtol=1e-5)
add("test_hard_silu", "3d", U(-10, 10, (3, 3, 3)), "hard_silu", rtol=1e-5)
add("test_hard_silu", "positive_above_3", U(5, 10, (2, 5)), "hard_silu", rtol=1e-5)
add("test_hard_silu", "negative_below_-3", U(-10, -5, (2, 5)), "hard_silu", rtol=1e-5)

add("test_relu", "positive", U(0.1, 10, (2, 5))[np.newaxis], "relu", rtol=1e-5)
add("test_relu", "negative", U(-10, -0.1, (2, 5))[np.newaxis], "relu", rtol=1e-5)
add("test_relu", "1d", U(-10, 10, 5), "relu", rtol=1e-5)
add("test_relu", "3d", U(-10, 10, (3, 3, 3)), "relu", rtol=1e-5)
add("test_relu", "near_zero", U(-1e-7, 1e-7, (2, 5)), "relu", rtol=1e-5)
add("test_relu", "large_positive", U(1e4, 1e5, (2, 5)), "relu", rtol=1e-5)
add("test_relu", "large_negative", U(-1e5, -1e4, (2, 5)), "relu", rtol=1e-5)

add("test_leaky_relu", "slope0.01_positive", R(2, 5)[np.newaxis], "leaky_relu", rtol=1e-5, negative_slope=0.01)
add("test_leaky_relu", "slope0.01_negative", U(-1, 0, (2, 5))[np.newaxis], "leaky_relu", rtol=1e-5, negative_slope=0.01)
add("test_leaky_relu", "slope0.3_positive", R(2, 5)[np.newaxis], "leaky_relu", rtol=1e-5, negative_slope=0.3)
add("test_leaky_relu", "slope0.3_negative", U(-1, 0, (2, 5))[np.newaxis], "leaky_relu", rtol=1e-5, negative_slope=0.3)
# Not in Keras's tests: the default slope, 0.2 in Keras 3.
add("leaky_relu_default", "slope0.2", U(-5, 5, (2, 5)), "leaky_relu", rtol=1e-5)

add("test_relu6", "below_6", U(0, 5.9, (2, 5))[np.newaxis], "relu6", rtol=1e-5)
add("test_relu6", "above_6", U(6.1, 10, (2, 5))[np.newaxis], "relu6", rtol=1e-5)
add("test_relu6", "negative", U(-1, 0, (2, 5))[np.newaxis], "relu6", rtol=1e-5)

add("test_silu", "positive", U(0, 5.9, (2, 5))[np.newaxis], "silu", rtol=1e-5)
add("test_silu", "around_zero", U(-1, 1, (2, 5))[np.newaxis], "silu", rtol=1e-5)
add("test_silu", "negative", U(-5.9, 0, (2, 5))[np.newaxis], "silu", rtol=1e-5)

add("test_gelu", "exact", R(2, 5)[np.newaxis], "gelu", rtol=1e-5)
add("test_gelu", "approximate", R(2, 5)[np.newaxis], "gelu", rtol=1e-5, approximate=True)
# Not in Keras's tests: negative inputs, where the exact and tanh forms differ most.
add("gelu_wide", "exact", U(-6, 6, (4, 5)), "gelu", rtol=1e-5)
add("gelu_wide", "approximate", U(-6, 6, (4, 5)), "gelu", rtol=1e-5, approximate=True)

add("test_celu", "alpha1", R(2, 5)[np.newaxis], "celu", rtol=1e-5)
add("test_celu", "alpha0.5", R(2, 5)[np.newaxis], "celu", rtol=1e-5, alpha=0.5)
add("celu_negative", "alpha0.5", U(-5, 0, (2, 5)), "celu", rtol=1e-5, alpha=0.5)

add("test_glu", "axis-1", R(2, 4)[np.newaxis], "glu", rtol=1e-5)
add("test_glu", "axis-2", R(2, 4)[np.newaxis], "glu", rtol=1e-5, axis=-2)

add("test_tanh_shrink", "basic", R(2, 5)[np.newaxis], "tanh_shrink", rtol=1e-5)
add("test_hard_tanh", "basic", R(2, 5)[np.newaxis], "hard_tanh", rtol=1e-5)
add("hard_tanh_wide", "basic", U(-3, 3, (2, 5)), "hard_tanh", rtol=1e-5)
add("test_hard_shrink", "basic", R(2, 5)[np.newaxis], "hard_shrink", rtol=1e-5)
add("hard_shrink_wide", "threshold1", U(-3, 3, (2, 5)), "hard_shrink", rtol=1e-5, threshold=1.0)
add("test_threshold", "0_0", R(2, 5)[np.newaxis], "threshold", rtol=1e-5, threshold=0, default_value=0)
add("threshold_wide", "0.5_-1", U(-2, 2, (2, 5)), "threshold", rtol=1e-5, threshold=0.5, default_value=-1)
add("test_squareplus", "b4", R(2, 5)[np.newaxis], "squareplus", rtol=1e-5)
add("squareplus_wide", "b1", U(-5, 5, (2, 5)), "squareplus", rtol=1e-5, b=1)
add("test_soft_shrink", "basic", R(2, 5)[np.newaxis], "soft_shrink", rtol=1e-5)
add("soft_shrink_wide", "threshold1", U(-3, 3, (2, 5)), "soft_shrink", rtol=1e-5, threshold=1.0)
add("test_sparse_plus", "basic", R(2, 5)[np.newaxis], "sparse_plus", rtol=1e-5)
add("sparse_plus_wide", "basic", U(-3, 3, (2, 5)), "sparse_plus", rtol=1e-5)

add("test_elu", "positive", R(2, 5)[np.newaxis], "elu", rtol=1e-5)
add("test_elu", "negative", [[[-1, -2]]], "elu")
add("elu_alpha", "alpha0.5", U(-5, 5, (2, 5)), "elu", rtol=1e-5, alpha=0.5)

add("test_tanh", "basic", R(2, 5)[np.newaxis], "tanh", rtol=1e-5)
add("test_tanh", "wide", U(-10, 10, (2, 5))[np.newaxis], "tanh", rtol=1e-5)
add("test_tanh", "1d", U(-10, 10, 5), "tanh", rtol=1e-5)
add("test_tanh", "3d", U(-10, 10, (3, 3, 3)), "tanh", rtol=1e-5)
add("test_tanh", "positive", U(0, 10, (2, 5)), "tanh", rtol=1e-5)
add("test_tanh", "negative", U(-10, 0, (2, 5)), "tanh", rtol=1e-5)
add("test_tanh", "near_zero", U(-1e-7, 1e-7, (2, 5)), "tanh", rtol=1e-5)
add("test_tanh", "large", U(1e4, 1e5, (2, 5)), "tanh", rtol=1e-5)

for fn, test in (("exponential", "test_exponential"), ("mish", "test_mish")):
    add(test, "basic", R(2, 5)[np.newaxis], fn, rtol=1e-5)
    add(test, "wide", U(-10, 10, (2, 5))[np.newaxis], fn, rtol=1e-5)
    add(test, "1d", U(-10, 10, 5), fn, rtol=1e-5)
    add(test, "3d", U(-10, 10, (3, 3, 3)), fn, rtol=1e-5)
    add(test, "positive", U(0, 10, (2, 5)), fn, rtol=1e-5)
    add(test, "negative", U(-10, 0, (2, 5)), fn, rtol=1e-5)
    add(test, "near_zero", U(-1e-7, 1e-7, (2, 5)), fn, rtol=1e-5)
    add(test, "large", U(1e4, 1e5, (2, 5)), fn, rtol=1e-5)

add("test_linear", "2d", R(10, 5), "linear")
add("test_linear", "1d", U(-10, 10, 5), "linear")
add("test_linear", "3d", U(-10, 10, (5, 5, 5)), "linear")

# Every name keras.activations.get accepts, called as a layer calls it (default arguments), on an
# image-shaped (NHWC) tensor. Left out: threshold (it has no defaults) and sparsemax (see the C# test
# Sparsemax_with_a_support_of_several_values_sums_to_one_unlike_keras_3_15_1).
x_image = U(-4, 4, (2, 3, 3, 4))
for name in sorted(A_src.ALL_OBJECTS_DICT):
    if name in ("threshold", "sparsemax"):
        continue
    x = np.asarray(x_image, dtype=np.float32)
    y = np.asarray(keras.ops.convert_to_numpy(A.get(name)(x)))
    cases.append(("by_name_image_shaped", name, x, y, 1e-5, 1e-6))


def literal(v):
    v = float(v)
    if np.isposinf(v):
        return "float.PositiveInfinity"
    if np.isneginf(v):
        return "float.NegativeInfinity"
    s = "%.9g" % v
    if "e" not in s and "." not in s:
        s += ".0"
    return s + "f"


out = [
    "// <auto-generated> by tests/KerasSharp.Tests/KerasOracle/activations_oracle.py with Keras 3.15.1:",
    "//   ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/activations_oracle.py",
    "// Do not edit by hand. </auto-generated>",
    "#nullable enable",
    "namespace KerasSharp.Tests.KerasOracle;",
    "",
    "/// <summary>Inputs and Keras 3.15.1's outputs for the cases of keras/src/activations/activations_test.py.</summary>",
    "internal static class KerasActivationsOracle",
    "{",
    "    public static readonly ActivationCase[] Cases =",
    "    {",
]
for test, case, x, y, rtol, atol in cases:
    out.append(
        '        new("%s", "%s", new long[] { %s }, new float[] { %s }, new long[] { %s }, new float[] { %s }, %r, %r),'
        % (test, case, ", ".join(str(d) for d in x.shape), ", ".join(literal(v) for v in x.ravel()),
           ", ".join(str(d) for d in y.shape), ", ".join(literal(v) for v in y.ravel()), rtol, atol))
out += [
    "    };",
    "}",
    "",
    "/// <summary>One case: the Keras test it comes from, the input, Keras's output and the tolerances of Keras's test.</summary>",
    "internal sealed record ActivationCase(string Test, string Case, long[] Shape, float[] X, long[] OutShape, float[] Expected, double Rtol, double Atol);",
    "",
]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "KerasActivationsOracle.cs")
with open(path, "w") as f:
    f.write("\n".join(out))
print(f"{len(cases)} cases -> {path}")
