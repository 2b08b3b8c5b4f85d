"""Expected values of Keras 3.15.1's own correctness tests whose expectations are computed by
reference functions inside the test files (np_conv1d, np_conv2d_transpose, np_maxpool1d,
np_avgpool1d, np.repeat, np.mean/np.max). Each entry names the Keras file and test; the
parameters are Keras's, the random inputs are seeded here. Every expected value is also checked
against the real Keras layer's output before it is written.

Run from the repository root:
    ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/newlayers_keras_tests_oracle.py
It rewrites tests/KerasSharp.Tests/KerasOracle/newlayers_keras_tests_fixture.json.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Adds jax.lax.conv_transpose to the numpy backend's stand-in, and a pytest stand-in for the imports below.
import newlayers_oracle  # noqa: E402,F401
from keras import layers  # noqa: E402
from keras.src.layers.convolutional.conv_test import np_conv1d  # noqa: E402
from keras.src.layers.convolutional.conv_transpose_test import np_conv2d_transpose  # noqa: E402
from keras.src.layers.pooling.average_pooling_test import np_avgpool1d  # noqa: E402
from keras.src.layers.pooling.max_pooling_test import np_maxpool1d  # noqa: E402


def enc(a):
    a = np.asarray(a, dtype="float32")
    return {"shape": list(a.shape), "data": [float(repr(np.float32(v))) for v in a.ravel()]}


def summary(a):
    """Large outputs: their sum, sum of absolute values and every 97th value."""
    a = np.asarray(a, dtype="float64")
    return {"shape": list(a.shape), "sum": float(a.sum()), "abs_sum": float(np.abs(a).sum()),
            "every97": [float(v) for v in a.ravel()[::97]]}


out = {"conv1d": [], "conv2d_transpose": [], "maxpool1d": [], "avgpool1d": [], "gap1d": [], "gmp1d": [], "upsampling2d": [], "merging": []}
rng = np.random.default_rng(7)

# conv_test.py, ConvCorrectnessTest.test_conv1d
for p in [
    dict(filters=5, kernel_size=2, strides=1, padding="valid", data_format="channels_last", dilation_rate=1, groups=1),
    dict(filters=6, kernel_size=2, strides=1, padding="same", data_format="channels_last", dilation_rate=(2,), groups=2),
    dict(filters=6, kernel_size=2, strides=1, padding="causal", data_format="channels_last", dilation_rate=(2,), groups=2),
    dict(filters=6, kernel_size=(2,), strides=(2,), padding="valid", data_format="channels_last", dilation_rate=1, groups=2),
    dict(filters=6, kernel_size=(2,), strides=(2,), padding="valid", data_format="channels_first", dilation_rate=1, groups=2),
]:
    layer = layers.Conv1D(**p)
    inputs = rng.normal(size=[2, 8, 4]).astype("float32")
    layer.build(input_shape=inputs.shape)
    k = rng.normal(size=layer.kernel.shape).astype("float32")
    b = rng.normal(size=(p["filters"],)).astype("float32")
    layer.kernel.assign(k)
    layer.bias.assign(b)
    expected = np_conv1d(inputs, k, b, strides=p["strides"], padding=p["padding"], data_format=p["data_format"],
                         dilation_rate=p["dilation_rate"], groups=p["groups"])
    assert np.allclose(np.asarray(layer(inputs)), expected, atol=1e-5), p
    norm = lambda v: list(v) if isinstance(v, tuple) else v
    out["conv1d"].append({"params": {k2: norm(v) for k2, v in p.items()}, "inputs": enc(inputs), "kernel": enc(k), "bias": enc(b), "expected": enc(expected)})

# conv_transpose_test.py, ConvTransposeCorrectnessTest.test_conv2d_transpose
for p in [
    dict(filters=5, kernel_size=2, strides=2, padding="valid", output_padding=None, data_format="channels_last", dilation_rate=1),
    dict(filters=6, kernel_size=7, strides=16, padding="same", output_padding=2, data_format="channels_last", dilation_rate=(1, 1)),
    dict(filters=6, kernel_size=(2, 3), strides=(2, 1), padding="valid", output_padding=None, data_format="channels_last", dilation_rate=(1, 1)),
    dict(filters=2, kernel_size=(7, 7), strides=(16, 16), padding="valid", output_padding=None, data_format="channels_last", dilation_rate=(1, 1)),
]:
    layer = layers.Conv2DTranspose(**p)
    inputs = rng.normal(size=[2, 14, 14, 4]).astype("float32")
    layer.build(input_shape=inputs.shape)
    k = rng.normal(size=layer.kernel.shape).astype("float32")
    b = rng.normal(size=(p["filters"],)).astype("float32")
    layer.kernel.assign(k)
    layer.bias.assign(b)
    expected = np_conv2d_transpose(inputs, k, b, p["strides"], p["padding"], p["output_padding"], p["data_format"], p["dilation_rate"])
    assert np.allclose(np.asarray(layer(inputs)), expected, atol=1e-4), p
    norm = lambda v: list(v) if isinstance(v, tuple) else v
    entry = {"params": {k2: norm(v) for k2, v in p.items()}, "inputs": enc(inputs), "kernel": enc(k), "bias": enc(b)}
    entry["expected" if expected.size <= 5000 else "expected_summary"] = enc(expected) if expected.size <= 5000 else summary(expected)
    out["conv2d_transpose"].append(entry)

# max_pooling_test.py, MaxPoolingCorrectnessTest.test_max_pooling1d
x24 = np.arange(24, dtype="float32").reshape((2, 3, 4))
for pool, strides, padding, fmt in [(2, 1, "valid", "channels_last"), (2, 1, "valid", "channels_first"), (2, 1, "same", "channels_last"),
                                    (2, 1, "same", "channels_first"), ((2,), (2,), "valid", "channels_last"), ((2,), (2,), "valid", "channels_first")]:
    expected = np_maxpool1d(x24, pool, strides, padding, fmt)
    assert np.allclose(np.asarray(layers.MaxPooling1D(pool, strides, padding, fmt)(x24)), expected)
    one = lambda v: v[0] if isinstance(v, tuple) else v
    out["maxpool1d"].append({"pool_size": one(pool), "strides": one(strides), "padding": padding, "data_format": fmt, "expected": enc(expected)})

# average_pooling_test.py, test_average_pooling1d and test_average_pooling1d_same_padding
for pool, strides, padding, fmt in [(2, 1, "valid", "channels_last"), (2, 1, "valid", "channels_first"), ((2,), (2,), "valid", "channels_last"),
                                    ((2,), (2,), "valid", "channels_first"), (2, 1, "same", "channels_last"), (2, 1, "same", "channels_first"),
                                    ((2,), (2,), "same", "channels_last"), ((2,), (2,), "same", "channels_first")]:
    expected = np_avgpool1d(x24, pool, strides, padding, fmt)
    assert np.allclose(np.asarray(layers.AveragePooling1D(pool, strides, padding, fmt)(x24)), expected)
    one = lambda v: v[0] if isinstance(v, tuple) else v
    out["avgpool1d"].append({"pool_size": one(pool), "strides": one(strides), "padding": padding, "data_format": fmt, "expected": enc(expected)})

# global_average_pooling_test.py / global_max_pooling_test.py, test_global_*_pooling1d (without the mask)
for fmt, keep in [("channels_last", False), ("channels_last", True), ("channels_first", False), ("channels_first", True)]:
    axis = 1 if fmt == "channels_last" else 2
    gap = np.mean(x24, axis=axis, keepdims=keep)
    gmp = np.max(x24, axis=axis, keepdims=keep)
    assert np.allclose(np.asarray(layers.GlobalAveragePooling1D(fmt, keep)(x24)), gap)
    assert np.allclose(np.asarray(layers.GlobalMaxPooling1D(fmt, keep)(x24)), gmp)
    out["gap1d"].append({"data_format": fmt, "keepdims": keep, "expected": enc(gap)})
    out["gmp1d"].append({"data_format": fmt, "keepdims": keep, "expected": enc(gmp)})

# up_sampling2d_test.py, test_upsampling_2d (compared with np.repeat)
for fmt in ["channels_first", "channels_last"]:
    for rows, cols in [(2, 2), (2, 3)]:
        shape = (2, 2, 11, 12) if fmt == "channels_first" else (2, 11, 12, 2)
        inputs = rng.random(shape).astype("float32")
        h = 2 if fmt == "channels_first" else 1
        expected = np.repeat(np.repeat(inputs, rows, axis=h), cols, axis=h + 1)
        assert np.allclose(np.asarray(layers.UpSampling2D((rows, cols), data_format=fmt)(inputs)), expected)
        out["upsampling2d"].append({"data_format": fmt, "size": [rows, cols], "inputs": enc(inputs), "expected": enc(expected)})

# merging_test.py, MergingLayersTest.test_correctness_static (a functional model of two inputs)
import keras  # noqa: E402
for name, cls, op, kwargs in [("add", layers.Add, np.add, {}), ("subtract", layers.Subtract, np.subtract, {}),
                              ("minimum", layers.Minimum, np.minimum, {}), ("maximum", layers.Maximum, np.maximum, {}),
                              ("multiply", layers.Multiply, np.multiply, {}),
                              ("average", layers.Average, lambda a, b: np.multiply(np.add(a, b), 0.5), {}),
                              ("concat", layers.Concatenate, lambda a, b, **kw: np.concatenate((a, b), **kw), {"axis": -1})]:
    x1 = rng.random((2, 4, 5)).astype("float32")
    x2 = rng.random((2, 4, 5)).astype("float32")
    expected = op(x1, x2, **kwargs)
    i1, i2 = keras.Input(shape=(4, 5), batch_size=2), keras.Input(shape=(4, 5), batch_size=2)
    model = keras.Model([i1, i2], cls(**kwargs)([i1, i2]))
    assert np.allclose(np.asarray(model([x1, x2])), expected, atol=1e-4), name
    out["merging"].append({"name": name, "x1": enc(x1), "x2": enc(x2), "expected": enc(expected)})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "newlayers_keras_tests_fixture.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print({k: len(v) for k, v in out.items()}, "->", path)
