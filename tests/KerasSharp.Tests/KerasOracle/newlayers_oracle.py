"""Oracle for KerasNewLayersTests: what Keras 3.15.1 computes for the new layers.

Each case builds one layer in Keras with a fixed name, gives it deterministic weights
(set_weights from seeded numpy arrays), calls it on deterministic inputs and records the inputs,
the weights, the outputs and layer.get_config(). The C# test builds the same layer with
KerasSharp's API (and a second one from Keras's config), sets the same weights and compares.

Run from the repository root:
    ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/newlayers_oracle.py
It rewrites tests/KerasSharp.Tests/KerasOracle/newlayers_fixture.json.
"""
import json
import os
import sys
import types

import numpy as np
import jax.lax
import keras
from keras import layers



class _PytestMarks:
    """pytest.mark.anything(...) as a decorator that changes nothing."""

    def __getattr__(self, name):
        def mark(*args, **kwargs):
            if len(args) == 1 and callable(args[0]) and not kwargs:
                return args[0]
            return lambda f: f
        return mark


# Keras's test modules import pytest only for decorators; a stand-in lets us import their references.
_pytest = types.ModuleType("pytest")
_pytest.mark = _PytestMarks()
_pytest.fixture = _PytestMarks().fixture
_pytest.skip = lambda *a, **k: None
sys.modules.setdefault("pytest", _pytest)
from keras.src.layers.convolutional.conv_transpose_test import np_conv2d_transpose  # noqa: E402


def _conv_transpose(lhs, rhs, strides, padding, rhs_dilation=None, dimension_numbers=None,
                    transpose_kernel=False, **unused):
    """jax.lax.conv_transpose, which the tool's jax stand-in lacks (Keras's numpy backend calls it).

    JAX defines it as a convolution of the input dilated by the strides (lhs_dilation) with the
    given padding pairs, the kernel flipped spatially and its in/out axes swapped when
    transpose_kernel is set. The stand-in's conv_general_dilated has no lhs_dilation, so the zeros
    are inserted here. Checked below against Keras's own reference, np_conv2d_transpose from
    keras/src/layers/convolutional/conv_transpose_test.py, for every case without dilation.
    """
    dn = dimension_numbers
    if transpose_kernel:
        rhs = np.flip(rhs, axis=tuple(dn.rhs_spec[2:]))
        rhs = np.swapaxes(rhs, dn.rhs_spec[0], dn.rhs_spec[1])
    for ax, s in zip(dn.lhs_spec[2:], strides):
        if s > 1:
            shape = list(lhs.shape)
            shape[ax] = (shape[ax] - 1) * s + 1
            dilated = np.zeros(shape, lhs.dtype)
            idx = [slice(None)] * lhs.ndim
            idx[ax] = slice(None, None, s)
            dilated[tuple(idx)] = lhs
            lhs = dilated
    return jax.lax.conv_general_dilated(lhs, rhs, (1,) * len(strides), padding, rhs_dilation=rhs_dilation,
                                        dimension_numbers=dn)


if not hasattr(jax.lax, "conv_transpose"):
    jax.lax.conv_transpose = _conv_transpose

rng = np.random.default_rng(20240601)


def arr(shape, low=-1.0, high=1.0):
    return rng.uniform(low, high, size=shape).astype("float32")


def enc(a):
    a = np.asarray(a)
    # The shortest decimal that reads back as the same float32 (the values are float32).
    return {"shape": list(a.shape), "data": [float(repr(np.float32(v))) for v in a.astype("float32").ravel()]}


cases = []


def case(cid, layer, inputs, call=None, weight_scale=0.5):
    """inputs: list of numpy arrays (one per layer input); call(layer, inputs) -> list of outputs."""
    x = inputs if len(inputs) > 1 else inputs[0]
    if call is None:
        out = layer(x)
    else:
        out = call(layer, inputs)
    ws = [arr(w.shape) * weight_scale for w in layer.get_weights()]
    if ws:
        layer.set_weights(ws)
        out = layer(x) if call is None else call(layer, inputs)
    outs = out if isinstance(out, (list, tuple)) else [out]
    if isinstance(layer, layers.Conv2DTranspose) and max(layer.dilation_rate) == 1:
        k, b = layer.get_weights() if layer.use_bias else (layer.get_weights()[0], np.zeros(layer.filters))
        ref = np_conv2d_transpose(inputs[0], k, b, layer.strides, layer.padding, layer.output_padding,
                                  layer.data_format, layer.dilation_rate)
        ref = np.asarray(layer.activation(ref.astype("float32")))
        assert np.allclose(np.asarray(outs[0]), ref, atol=1e-5), layer.name
    cases.append({
        "id": cid,
        "class_name": layer.__class__.__name__,
        "config": layer.get_config(),
        "inputs": [enc(i) for i in inputs],
        "weights": [enc(w) for w in layer.get_weights()],
        "outputs": [enc(np.asarray(o)) for o in outs],
    })



def main():
    img = lambda c=3, h=5, w=4, n=2: arr((n, h, w, c))
    img_cf = lambda c=3, h=5, w=4, n=2: arr((n, c, h, w))
    seq = lambda n=2, t=6, f=4: arr((n, t, f))

    # Conv2DTranspose
    case("convt_k3_s2_same", layers.Conv2DTranspose(4, 3, strides=2, padding="same", name="convt_k3_s2_same"), [img()])
    case("convt_k3_s2_valid", layers.Conv2DTranspose(4, 3, strides=2, padding="valid", name="convt_k3_s2_valid"), [img()])
    case("convt_k3_s1_valid_d2", layers.Conv2DTranspose(2, 3, dilation_rate=2, name="convt_k3_s1_valid_d2"), [img()])
    case("convt_k3_s2_same_op1", layers.Conv2DTranspose(3, 3, strides=2, padding="same", output_padding=1, name="convt_k3_s2_same_op1"), [img()])
    case("convt_k4_s3_valid_op2", layers.Conv2DTranspose(2, 4, strides=3, padding="valid", output_padding=2, name="convt_k4_s3_valid_op2"), [img()])
    case("convt_k1_s2_same", layers.Conv2DTranspose(2, 1, strides=2, padding="same", name="convt_k1_s2_same"), [img()])
    case("convt_k2x3_s2x1_valid_relu_nobias", layers.Conv2DTranspose(3, (2, 3), strides=(2, 1), activation="relu", use_bias=False,
                                                                     name="convt_k2x3_s2x1_valid_relu_nobias"), [img()])
    case("convt_cf_k3_s2_same", layers.Conv2DTranspose(2, 3, strides=2, padding="same", data_format="channels_first", name="convt_cf_k3_s2_same"), [img_cf()])
    case("convt_k4_s2_same", layers.Conv2DTranspose(2, 4, strides=2, padding="same", name="convt_k4_s2_same"), [img()])

    # UpSampling2D
    case("up_nearest_2x3", layers.UpSampling2D((2, 3), name="up_nearest_2x3"), [img()])
    case("up_bilinear_2", layers.UpSampling2D(2, interpolation="bilinear", name="up_bilinear_2"), [img()])
    case("up_bilinear_3x2", layers.UpSampling2D((3, 2), interpolation="bilinear", name="up_bilinear_3x2"), [img()])
    case("up_cf_bilinear_2", layers.UpSampling2D(2, data_format="channels_first", interpolation="bilinear", name="up_cf_bilinear_2"), [img_cf()])

    # Conv1D
    case("conv1d_valid", layers.Conv1D(3, 3, name="conv1d_valid"), [seq(t=7)])
    case("conv1d_same_k4_s2", layers.Conv1D(3, 4, strides=2, padding="same", name="conv1d_same_k4_s2"), [seq(t=7)])
    case("conv1d_causal_d2", layers.Conv1D(2, 3, padding="causal", dilation_rate=2, activation="tanh", name="conv1d_causal_d2"), [seq(t=7)])
    case("conv1d_causal_s3", layers.Conv1D(2, 2, strides=3, padding="causal", name="conv1d_causal_s3"), [seq(t=8)])
    case("conv1d_groups2", layers.Conv1D(4, 2, groups=2, use_bias=False, name="conv1d_groups2"), [seq(t=5, f=4)])
    case("conv1d_cf_same", layers.Conv1D(3, 3, padding="same", data_format="channels_first", name="conv1d_cf_same"), [arr((2, 4, 6))])

    # Pooling 1D
    case("maxpool1d_default", layers.MaxPooling1D(name="maxpool1d_default"), [seq(t=7)])
    case("maxpool1d_same_p3_s2", layers.MaxPooling1D(3, strides=2, padding="same", name="maxpool1d_same_p3_s2"), [seq(t=6)])
    case("avgpool1d_same_p3_s2", layers.AveragePooling1D(3, strides=2, padding="same", name="avgpool1d_same_p3_s2"), [seq(t=6)])
    case("avgpool1d_same_p2_s1", layers.AveragePooling1D(2, strides=1, padding="same", name="avgpool1d_same_p2_s1"), [seq(t=5)])
    case("avgpool1d_cf_valid", layers.AveragePooling1D(2, data_format="channels_first", name="avgpool1d_cf_valid"), [arr((2, 3, 7))])
    case("gavgpool1d", layers.GlobalAveragePooling1D(name="gavgpool1d"), [seq()])
    case("gmaxpool1d_keepdims", layers.GlobalMaxPooling1D(keepdims=True, name="gmaxpool1d_keepdims"), [seq()])
    case("gavgpool1d_cf_keepdims", layers.GlobalAveragePooling1D(data_format="channels_first", keepdims=True, name="gavgpool1d_cf_keepdims"), [arr((2, 3, 5))])

    # Embedding
    case("embedding", layers.Embedding(10, 3, name="embedding"), [np.array([[0, 3, 9, 3], [1, 2, 5, 0]], dtype="int32")])

    # Recurrent
    seq_in = seq(n=3, t=5, f=4)


    def with_state(layer, inputs):
        return layer(inputs[0], initial_state=list(inputs[1:]))


    case("lstm", layers.LSTM(3, name="lstm"), [seq_in])
    case("lstm_seq_back", layers.LSTM(3, return_sequences=True, go_backwards=True, name="lstm_seq_back"), [seq_in])
    case("lstm_state", layers.LSTM(3, return_sequences=True, return_state=True, name="lstm_state"), [seq_in])
    case("lstm_initial_state", layers.LSTM(3, return_state=True, name="lstm_initial_state"), [seq_in, arr((3, 3)), arr((3, 3))], call=with_state)
    case("lstm_nobias_relu_hardsig", layers.LSTM(2, activation="relu", recurrent_activation="hard_sigmoid", use_bias=False, unit_forget_bias=False,
                                                name="lstm_nobias_relu_hardsig"), [seq_in])
    case("gru", layers.GRU(3, name="gru"), [seq_in])
    case("gru_seq_back_state", layers.GRU(3, return_sequences=True, go_backwards=True, return_state=True, name="gru_seq_back_state"), [seq_in])
    case("gru_reset_before", layers.GRU(3, reset_after=False, return_sequences=True, name="gru_reset_before"), [seq_in])
    case("gru_nobias", layers.GRU(2, use_bias=False, name="gru_nobias"), [seq_in])
    case("gru_initial_state", layers.GRU(3, name="gru_initial_state"), [seq_in, arr((3, 3))], call=with_state)
    case("simple_rnn", layers.SimpleRNN(3, return_sequences=True, name="simple_rnn"), [seq_in])
    case("simple_rnn_relu_back", layers.SimpleRNN(2, activation="relu", go_backwards=True, return_state=True, name="simple_rnn_relu_back"), [seq_in])

    # LayerNormalization
    case("layernorm", layers.LayerNormalization(name="layernorm"), [arr((3, 5), -3, 5)])
    case("layernorm_axis12", layers.LayerNormalization(axis=[1, 2], name="layernorm_axis12"), [arr((2, 3, 4), -2, 3)])
    case("layernorm_axis1_rank3", layers.LayerNormalization(axis=1, epsilon=1e-5, name="layernorm_axis1_rank3"), [arr((2, 3, 4), -2, 3)])
    case("layernorm_nocenter", layers.LayerNormalization(center=False, name="layernorm_nocenter"), [arr((2, 3, 4))])
    case("layernorm_noscale", layers.LayerNormalization(scale=False, name="layernorm_noscale"), [arr((2, 3, 4))])

    # Merging
    two = [arr((2, 3, 4)), arr((2, 3, 4))]
    three = two + [arr((2, 3, 4))]
    case("subtract", layers.Subtract(name="subtract"), two)
    case("average", layers.Average(name="average"), three)
    case("maximum", layers.Maximum(name="maximum"), three)
    case("minimum", layers.Minimum(name="minimum"), three)

    # Reshaping
    case("zeropad_int", layers.ZeroPadding2D(2, name="zeropad_int"), [img()])
    case("zeropad_default", layers.ZeroPadding2D(name="zeropad_default"), [img()])
    case("zeropad_tuple", layers.ZeroPadding2D((1, 2), name="zeropad_tuple"), [img()])
    case("zeropad_sides", layers.ZeroPadding2D(((1, 0), (2, 3)), name="zeropad_sides"), [img()])
    case("zeropad_cf", layers.ZeroPadding2D(((0, 1), (1, 0)), data_format="channels_first", name="zeropad_cf"), [img_cf()])
    case("crop_sides", layers.Cropping2D(((1, 0), (2, 1)), name="crop_sides"), [img(h=5, w=6)])
    case("crop_int", layers.Cropping2D(1, name="crop_int"), [img(h=5, w=6)])
    case("crop_cf", layers.Cropping2D(((0, 2), (1, 1)), data_format="channels_first", name="crop_cf"), [img_cf(h=5, w=6)])
    case("repeat_vector", layers.RepeatVector(3, name="repeat_vector"), [arr((2, 4))])
    case("permute_21", layers.Permute((2, 1), name="permute_21"), [arr((2, 3, 4))])
    case("permute_312", layers.Permute((3, 1, 2), name="permute_312"), [arr((2, 3, 4, 5))])

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "newlayers_fixture.json")
    with open(out, "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": cases}, f, separators=(",", ":"))
    print(f"{len(cases)} cases -> {out}")


if __name__ == "__main__":
    main()
