"""Oracle for KerasLayersTests*.cs: runs the real Keras 3.15.1 (numpy backend) on seeded inputs and
weights and writes layers_oracle.json, which the C# tests read.

    ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/layers_oracle.py

Each case holds the layer's Keras config, its inputs, its weights (Keras's layout and order) and what
Keras computed. Where Keras's own test compares against a numpy reference written in its test file
(conv_test.py's np_conv2d, max_pooling_test.py's np_maxpool2d, average_pooling_test.py's
np_avgpool2d), this script imports that reference from the Keras test file and checks the layer's
output against it with the test's tolerance before writing, so the numbers are Keras's twice over.
It also records the exact text of Keras's errors for invalid arguments.
"""
import json
import os
import sys
import types

import numpy as np

# Keras's test files import pytest only for decorators; the Debian environment has none.
_pytest = types.ModuleType("pytest")


class _Mark:
    def __getattr__(self, _name):
        return lambda *a, **k: (lambda f: f)


_pytest.mark = _Mark()
_pytest.skip = lambda *a, **k: None
_pytest.fixture = lambda *a, **k: (lambda f: f)
sys.modules.setdefault("pytest", _pytest)

import keras  # noqa: E402
from keras import layers  # noqa: E402
from keras.src.layers.convolutional.conv_test import np_conv2d  # noqa: E402
from keras.src.layers.pooling.average_pooling_test import np_avgpool2d  # noqa: E402
from keras.src.layers.pooling.max_pooling_test import np_maxpool2d  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layers_oracle.json")


def arr(a):
    a = np.asarray(a, dtype="float32")
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def f32(rng, shape, loc=0.0, scale=1.0):
    return rng.normal(loc, scale, size=shape).astype("float32")


def config(layer):
    return keras.saving.serialize_keras_object(layer)


cases = {}


def layer_case(name, source, layer, inputs, weights=None, call=None, extra=None, rtol=1e-6, atol=1e-6):
    """Builds `layer` on `inputs`, assigns `weights`, calls it, and records everything."""
    xs = inputs if isinstance(inputs, list) else [inputs]
    if not layer.built:
        layer.build([x.shape for x in xs] if isinstance(inputs, list) else xs[0].shape)
    if weights is not None:
        layer.set_weights(weights)
    out = call(layer) if call else layer(inputs)
    case = {
        "source": source,
        "layer": config(layer),
        "inputs": [arr(x) for x in xs],
        "weights": [arr(w) for w in layer.get_weights()],
        "output": arr(keras.ops.convert_to_numpy(out)),
        "rtol": rtol,
        "atol": atol,
    }
    if extra:
        case.update(extra(layer))
    cases[name] = case
    return out


# ----- Conv2D: conv_test.py ConvCorrectnessTest.test_conv2d (its six parameter sets, rtol=5e-4) -----
conv_params = [
    dict(filters=5, kernel_size=2, strides=1, padding="valid", data_format="channels_last", dilation_rate=1, groups=1),
    dict(filters=4, kernel_size=3, strides=2, padding="same", data_format="channels_last", dilation_rate=1, groups=1),
    dict(filters=6, kernel_size=2, strides=1, padding="same", data_format="channels_last", dilation_rate=(2, 2), groups=2),
    dict(filters=6, kernel_size=2, strides=1, padding="same", data_format="channels_last", dilation_rate=(2, 3), groups=2),
    dict(filters=6, kernel_size=(4, 3), strides=(2, 1), padding="valid", data_format="channels_last", dilation_rate=(1, 1), groups=2),
    dict(filters=6, kernel_size=(4, 3), strides=(2, 1), padding="valid", data_format="channels_first", dilation_rate=(1, 1), groups=2),
]
for i, p in enumerate(conv_params):
    rng = np.random.default_rng(100 + i)
    x = f32(rng, (2, 8, 8, 4))  # the test's input shape, also for channels_first (then C=8, H=8, W=4)
    layer = layers.Conv2D(**p)
    layer.build(x.shape)
    kernel = f32(rng, layer.kernel.shape)
    bias = f32(rng, (p["filters"],))
    out = layer_case(f"conv2d_correctness_{i}", f"conv_test.py ConvCorrectnessTest.test_conv2d, parameter set {i}",
                     layer, x, [kernel, bias], rtol=5e-4)
    ref = np_conv2d(x, kernel, bias, strides=p["strides"], padding=p["padding"], data_format=p["data_format"],
                    dilation_rate=p["dilation_rate"], groups=p["groups"])
    np.testing.assert_allclose(out, ref, rtol=5e-4, atol=1e-6)

# ----- Conv2D: asymmetric "same" padding, dilation, groups, channels_first, activation (KerasSharp's own cases) -----
conv_extra = {
    # 7x9 with kernel 4 and stride 2: TensorFlow pads 1 before and 2 after on both axes.
    "conv2d_same_stride2_odd": (dict(filters=3, kernel_size=4, strides=2, padding="same"), (2, 7, 9, 2)),
    # 8x7, kernel (3, 4), stride 2: (0, 1) rows and (1, 2) columns.
    "conv2d_same_stride2_rect": (dict(filters=2, kernel_size=(3, 4), strides=2, padding="same", activation="relu"), (2, 8, 7, 3)),
    "conv2d_dilated_same": (dict(filters=4, kernel_size=3, dilation_rate=2, padding="same"), (2, 9, 8, 3)),
    "conv2d_dilated_valid": (dict(filters=2, kernel_size=(2, 3), dilation_rate=(3, 2), padding="valid"), (2, 9, 8, 3)),
    "conv2d_grouped": (dict(filters=6, kernel_size=(3, 2), groups=3, padding="valid", activation="tanh"), (2, 6, 5, 6)),
    "conv2d_channels_first_same_stride2": (dict(filters=4, kernel_size=3, strides=2, padding="same", data_format="channels_first"), (2, 3, 8, 7)),
    "conv2d_no_bias": (dict(filters=3, kernel_size=(1, 2), use_bias=False), (1, 4, 5, 2)),
}
for i, (name, (kw, shape)) in enumerate(conv_extra.items()):
    rng = np.random.default_rng(200 + i)
    x = f32(rng, shape)
    layer = layers.Conv2D(**kw)
    layer.build(x.shape)
    ws = [f32(rng, w.shape) for w in layer.weights]
    layer_case(name, "KerasSharp: Conv2D case run through Keras 3.15.1", layer, x, ws, rtol=1e-5, atol=1e-5)

# ----- MaxPooling2D: max_pooling_test.py MaxPoolingCorrectnessTest.test_max_pooling2d -----
max_params = [(2, 1, "valid", "channels_last"), (2, 1, "valid", "channels_first"), ((2, 2), (2, 2), "same", "channels_last"),
              ((2, 2), (2, 2), "same", "channels_first"), ((2, 3), (3, 3), "same", "channels_last")]
for i, (ps, st, pad, df) in enumerate(max_params):
    x = np.arange(100, dtype="float32").reshape((1, 5, 5, 4))
    layer = layers.MaxPooling2D(pool_size=ps, strides=st, padding=pad, data_format=df)
    out = layer_case(f"max_pooling2d_correctness_{i}", f"max_pooling_test.py MaxPoolingCorrectnessTest.test_max_pooling2d, parameter set {i}", layer, x)
    np.testing.assert_allclose(out, np_maxpool2d(x, ps, st, pad, df), rtol=1e-6, atol=1e-6)

# ----- AveragePooling2D: average_pooling_test.py test_average_pooling2d and test_average_pooling2d_same_padding -----
avg_params = [((2, 1, "valid", "channels_last"), "test_average_pooling2d"), ((((2, 3), (2, 2), "valid", "channels_last")), "test_average_pooling2d"),
              ((2, (2, 1), "same", "channels_last"), "test_average_pooling2d_same_padding"),
              ((2, (2, 1), "same", "channels_first"), "test_average_pooling2d_same_padding"),
              (((2, 2), (2, 2), "same", "channels_last"), "test_average_pooling2d_same_padding"),
              (((2, 2), (2, 2), "same", "channels_first"), "test_average_pooling2d_same_padding")]
for i, ((ps, st, pad, df), test) in enumerate(avg_params):
    x = np.arange(16, dtype="float32").reshape((1, 4, 4, 1))
    layer = layers.AveragePooling2D(pool_size=ps, strides=st, padding=pad, data_format=df)
    out = layer_case(f"average_pooling2d_correctness_{i}", f"average_pooling_test.py AveragePoolingCorrectnessTest.{test}, parameter set {i}", layer, x)
    np.testing.assert_allclose(out, np_avgpool2d(x, ps, st, pad, df), rtol=1e-6, atol=1e-6)

# ----- Pooling with asymmetric "same" padding on random data (KerasSharp's own cases) -----
pool_extra = {
    "max_pooling2d_same_3x3_stride2": (layers.MaxPooling2D, dict(pool_size=3, strides=2, padding="same"), (2, 8, 7, 3)),
    "average_pooling2d_same_3x3_stride2": (layers.AveragePooling2D, dict(pool_size=3, strides=2, padding="same"), (2, 8, 7, 3)),
    "average_pooling2d_same_channels_first": (layers.AveragePooling2D, dict(pool_size=(2, 3), strides=(1, 2), padding="same", data_format="channels_first"), (2, 3, 5, 7)),
    "max_pooling2d_valid_2x3_stride_1x2": (layers.MaxPooling2D, dict(pool_size=(2, 3), strides=(1, 2)), (2, 5, 8, 2)),
}
for i, (name, (cls, kw, shape)) in enumerate(pool_extra.items()):
    x = f32(np.random.default_rng(300 + i), shape)
    layer_case(name, "KerasSharp: pooling case run through Keras 3.15.1", cls(**kw), x)

# ----- Global pooling: global_{average,max}_pooling_test.py test_global_*_pooling2d (correctness) -----
for cls, test in [(layers.GlobalAveragePooling2D, "global_average_pooling_test.py GlobalAveragePoolingCorrectnessTest.test_global_average_pooling2d"),
                  (layers.GlobalMaxPooling2D, "global_max_pooling_test.py GlobalMaxPoolingCorrectnessTest.test_global_max_pooling2d")]:
    for df in ("channels_last", "channels_first"):
        for keep in (False, True):
            x = np.arange(96, dtype="float32").reshape((2, 3, 4, 4))
            name = f"{keras.src.utils.naming.to_snake_case(cls.__name__)}_{df}_{'keepdims' if keep else 'squeezed'}"
            layer_case(name, f"{test}, ({df!r}, {keep})", cls(data_format=df, keepdims=keep), x)

# ----- BatchNormalization: one training call (output and moving statistics), then inference -----


def bn_case(name, kw, shape, seed, set_weights=True):
    rng = np.random.default_rng(seed)
    x = f32(rng, shape, loc=2.0, scale=3.0)
    layer = layers.BatchNormalization(**kw)
    layer.build(x.shape)
    ws = None
    if set_weights:
        ws = []
        for w in layer.weights:
            v = f32(rng, w.shape, loc=1.0, scale=0.5)
            if "variance" in w.path:
                v = np.abs(v) + 0.5
            ws.append(v)
        layer.set_weights(ws)
    before = [arr(w) for w in layer.get_weights()]

    def extra(l):
        return {"weights_after": [arr(w) for w in l.get_weights()],
                "inference_after": arr(keras.ops.convert_to_numpy(l(x, training=False)))}

    layer_case(name, "KerasSharp: BatchNormalization training call run through Keras 3.15.1", layer, x,
               call=lambda l: l(x, training=True), extra=extra, rtol=1e-5, atol=1e-5)
    cases[name]["weights"] = before


bn_case("batch_normalization_image_training", {}, (4, 3, 3, 2), 400)
bn_case("batch_normalization_axis1_training", dict(axis=1, momentum=0.9, epsilon=1e-2), (4, 3, 2, 2), 401)
bn_case("batch_normalization_no_center_no_scale", dict(center=False, scale=False, momentum=0.5), (6, 5), 402)
bn_case("batch_normalization_default_weights", {}, (8, 3), 403, set_weights=False)

# ----- Dense on rank > 2 -----
for i, (name, kw, shape) in enumerate([("dense_rank4_tanh", dict(units=3, activation="tanh"), (2, 3, 4, 5)),
                                       ("dense_rank3", dict(units=4), (2, 3, 5)),
                                       ("dense_softmax_image", dict(units=4, activation="softmax"), (2, 3, 3, 5))]):
    rng = np.random.default_rng(500 + i)
    x = f32(rng, shape)
    layer = layers.Dense(**kw)
    layer.build(x.shape)
    layer_case(name, "KerasSharp: Dense case run through Keras 3.15.1", layer, x, [f32(rng, w.shape) for w in layer.weights], rtol=1e-5, atol=1e-6)

# ----- Flatten: flatten_test.py test_flatten (channels_last and channels_first) -----
x = np.random.default_rng(600).random((10, 3, 5, 5)).astype("float32")
x = np.multiply(x, x >= 0.8)
for df in ("channels_last", "channels_first"):
    layer_case(f"flatten_{df}", f"flatten_test.py FlattenTest.test_flatten, data_format={df!r}", layers.Flatten(data_format=df), x)

# ----- Merging: merging_test.py test_correctness_static (Add, Multiply, Concatenate) and broadcasting -----
rng = np.random.default_rng(700)
x1, x2, x3 = (rng.random((2, 4, 5)).astype("float32") for _ in range(3))
layer_case("merge_add", "merging_test.py MergingLayersTest.test_correctness_static, add", layers.Add(), [x1, x2], atol=1e-4)
layer_case("merge_multiply", "merging_test.py MergingLayersTest.test_correctness_static, multiply", layers.Multiply(), [x1, x2], atol=1e-4)
layer_case("merge_concatenate", "merging_test.py MergingLayersTest.test_correctness_static, concat (axis=-1)", layers.Concatenate(axis=-1), [x1, x2], atol=1e-4)
layer_case("merge_concatenate_axis1", "KerasSharp: Concatenate(axis=1) run through Keras 3.15.1", layers.Concatenate(axis=1), [x1, x3])
layer_case("merge_add_three", "KerasSharp: Add of three inputs run through Keras 3.15.1", layers.Add(), [x1, x2, x3])
b = rng.random((2, 1, 5)).astype("float32")
layer_case("merge_add_broadcast", "KerasSharp: Add of (2, 4, 5) and (2, 1, 5) run through Keras 3.15.1", layers.Add(), [x1, b])
layer_case("merge_multiply_broadcast", "KerasSharp: Multiply of (2, 4, 5) and (2, 1, 5) run through Keras 3.15.1", layers.Multiply(), [x1, b])
r2 = rng.random((2, 5)).astype("float32")
layer_case("merge_add_rank2_rank3", "KerasSharp: Add of (2, 4, 5) and (2, 5) run through Keras 3.15.1", layers.Add(), [x1, r2])

# ----- Models: conv -> flatten -> dense (the flatten order must match Keras's) -----


def model_case(name, model, x_shape, seed):
    rng = np.random.default_rng(seed)
    ws = [f32(rng, w.shape, scale=0.5) for w in model.weights]
    model.set_weights(ws)
    x = f32(rng, x_shape)
    cases[name] = {"source": "KerasSharp: model run through Keras 3.15.1 (model.predict)",
                   "model": json.loads(model.to_json()),
                   "inputs": [arr(x)], "weights": [arr(w) for w in ws],
                   "output": arr(model.predict(x, verbose=0)), "rtol": 1e-5, "atol": 1e-5}


model_case("model_conv_flatten_dense", keras.Sequential([
    keras.Input((6, 5, 2)), layers.Conv2D(3, 3, activation="relu", padding="same", strides=2), layers.MaxPooling2D(2, padding="same"),
    layers.Flatten(), layers.Dense(4)]), (3, 6, 5, 2), 800)
model_case("model_conv_flatten_dense_channels_first", keras.Sequential([
    keras.Input((2, 6, 5)), layers.Conv2D(3, 3, activation="relu", data_format="channels_first"),
    layers.Flatten(data_format="channels_first"), layers.Dense(4, activation="softmax")]), (3, 2, 6, 5), 801)

# ----- Facts: what Keras does with a built layer on other shapes, and with Dropout's edge cases -----
facts = {}


def shapes_after_two_calls(layer, s1, s2):
    a = layer(np.ones(s1, "float32"))
    b = layer(np.ones(s2, "float32"))
    return [list(a.shape), list(b.shape)]


facts["conv2d_other_image_size"] = shapes_after_two_calls(layers.Conv2D(2, 2), (1, 5, 5, 3), (1, 7, 6, 3))
facts["max_pooling2d_other_image_size"] = shapes_after_two_calls(layers.MaxPooling2D(), (1, 4, 4, 1), (1, 6, 8, 1))
facts["global_average_pooling2d_other_image_size"] = shapes_after_two_calls(layers.GlobalAveragePooling2D(), (1, 4, 4, 3), (1, 6, 8, 3))
facts["dense_other_rank"] = shapes_after_two_calls(layers.Dense(2), (1, 3), (1, 4, 3))
facts["batch_normalization_other_image_size"] = shapes_after_two_calls(layers.BatchNormalization(), (2, 4, 4, 3), (2, 5, 6, 3))
facts["dropout_rate_1_training"] = arr(keras.ops.convert_to_numpy(layers.Dropout(1.0)(np.ones((2, 3), "float32"), training=True)))
facts["dropout_rate_0_training"] = arr(keras.ops.convert_to_numpy(layers.Dropout(0.0)(np.arange(6, dtype="float32").reshape(2, 3), training=True)))
d1 = keras.ops.convert_to_numpy(layers.Dropout(0.5, seed=1337)(np.ones((4, 50), "float32"), training=True))
d2 = keras.ops.convert_to_numpy(layers.Dropout(0.5, seed=1337)(np.ones((4, 50), "float32"), training=True))
facts["dropout_same_seed_same_mask"] = bool(np.array_equal(d1, d2))
facts["input_zero_dimension_batch_shape"] = list(keras.Input((0, 3)).shape)

# ----- Errors: Keras's text for invalid arguments (named layers, symbolic inputs: batch None) -----
errors = {}


def err(name, f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the text is the point
        # Keras prints the allowed paddings as a Python set, whose order changes with the hash seed;
        # the fixture keeps the order of Keras's source so that it does not change from run to run.
        errors[name] = {"type": type(e).__name__, "message": str(e).replace("{'same', 'valid'}", "{'valid', 'same'}")}
        return
    errors[name] = {"type": None, "message": None}


def twice(layer, s1, s2):
    layer(keras.Input(s1))
    layer(keras.Input(s2))


I = keras.Input
err("conv_kernel_size_0", lambda: layers.Conv2D(2, 0))
err("conv_kernel_size_1_0", lambda: layers.Conv2D(2, (1, 0)))
err("conv_kernel_size_negative", lambda: layers.Conv2D(2, -1))
err("conv_strides_0", lambda: layers.Conv2D(2, 2, strides=0))
err("conv_strides_1_negative", lambda: layers.Conv2D(2, 2, strides=(1, -2)))
err("conv_dilation_0", lambda: layers.Conv2D(2, 2, dilation_rate=0))
err("conv_filters_0", lambda: layers.Conv2D(0, 2))
err("conv_filters_negative", lambda: layers.Conv2D(-3, 2))
err("conv_groups_0", lambda: layers.Conv2D(5, 2, groups=0))
err("conv_groups_filters", lambda: layers.Conv2D(5, (2, 2), groups=2))
err("conv_strides_and_dilation", lambda: layers.Conv2D(2, (2, 2), strides=2, dilation_rate=(2, 1)))
err("conv_padding", lambda: layers.Conv2D(2, 2, padding="full"))
err("conv_data_format", lambda: layers.Conv2D(2, 2, data_format="nhwc"))
err("conv_groups_input_channels", lambda: layers.Conv2D(4, 2, groups=2, name="conv")(I((5, 5, 3))))
err("conv_kernel_larger_than_image", lambda: layers.Conv2D(6, [5, 5], 1, "valid", name="conv")(I((4, 4, 4))))
err("conv_dilated_kernel_larger_than_image", lambda: layers.Conv2D(1, (2, 2), dilation_rate=(10, 10), name="conv")(I((10, 10, 3))))
err("conv_rank3", lambda: layers.Conv2D(2, 2, name="conv")(I((5, 5))))
err("conv_rank5", lambda: layers.Conv2D(2, 2, name="conv")(I((5, 5, 3, 1))))
err("conv_channels_changed", lambda: twice(layers.Conv2D(2, 2, name="conv"), (5, 5, 3), (5, 5, 4)))
err("conv_channels_first_channels_changed", lambda: twice(layers.Conv2D(2, 2, data_format="channels_first", name="conv"), (3, 5, 5), (4, 5, 5)))
err("max_pool_size_0", lambda: layers.MaxPooling2D(0))
err("max_pool_size_negative", lambda: layers.MaxPooling2D((2, -1)))
err("max_pool_data_format", lambda: layers.MaxPooling2D(2, data_format="x"))
err("max_pool_rank3", lambda: layers.MaxPooling2D(name="pool")(I((5, 5))))
err("max_pool_larger_than_image", lambda: layers.MaxPooling2D(3, name="pool")(I((2, 2, 1))))
err("average_pool_larger_than_image", lambda: layers.AveragePooling2D(3, name="pool")(I((2, 2, 1))))
err("global_average_pool_rank3", lambda: layers.GlobalAveragePooling2D(name="gap")(I((5, 5))))
err("global_max_pool_rank3", lambda: layers.GlobalMaxPooling2D(name="gmp")(I((5, 5))))
err("reshape_minus_2", lambda: layers.Reshape((-2, 5)))
err("reshape_two_unknowns", lambda: layers.Reshape((-1, -1, 5)))
err("reshape_size", lambda: layers.Reshape((3, 5), name="reshape")(I((2, 4))))
err("reshape_size_unknown", lambda: layers.Reshape((-1, 3), name="reshape")(I((2, 4))))
err("dense_units_0", lambda: layers.Dense(0))
err("dense_units_negative", lambda: layers.Dense(-3))
err("dense_last_axis_changed", lambda: twice(layers.Dense(2, name="dense"), (2,), (3,)))
err("dense_rank1", lambda: layers.Dense(2, name="dense")(I(())))
err("dense_unknown_last_axis", lambda: layers.Dense(2, name="dense")(I((None,))))
err("dropout_rate_negative", lambda: layers.Dropout(-0.5))
err("dropout_rate_above_1", lambda: layers.Dropout(1.5))
err("dropout_noise_shape_negative", lambda: layers.Dropout(0.5, noise_shape=(20, -1, 10)))
err("dropout_noise_shape_0", lambda: layers.Dropout(0.5, noise_shape=(20, 0, 10)))
err("batch_normalization_channels_changed", lambda: twice(layers.BatchNormalization(name="bn"), (3,), (4,)))
err("batch_normalization_rank_changed", lambda: twice(layers.BatchNormalization(name="bn"), (3,), (2, 3)))
err("batch_normalization_unknown_axis", lambda: layers.BatchNormalization(name="bn")(I((None,))))
err("concatenate_mismatch", lambda: layers.Concatenate(axis=-1)([I((2, 5)), I((3, 4))]))
err("concatenate_rank_mismatch", lambda: layers.Concatenate()([I((2, 5)), I((5,))]))
err("add_mismatch", lambda: layers.Add()([I((2, 5)), I((3, 5))]))
err("multiply_mismatch", lambda: layers.Multiply()([I((2, 5)), I((3, 5))]))
err("input_negative", lambda: keras.Input((-1, 3)))
err("input_shape_and_batch_shape", lambda: layers.InputLayer(shape=(2, 3), batch_shape=(2, 3)))
err("input_batch_size_and_batch_shape", lambda: layers.InputLayer(batch_size=4, batch_shape=(2, 3)))
err("input_no_shape", lambda: layers.InputLayer(shape=None, batch_shape=None))
err("flatten_data_format", lambda: layers.Flatten(data_format="x"))

with open(OUT, "w") as f:
    json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "cases": cases, "facts": facts, "errors": errors}, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases and {len(errors)} errors to {OUT}")
