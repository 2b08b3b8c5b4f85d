""".keras files written by Keras 3.15.1 with the new layers, for KerasNewLayersFileTests.

newlayers_image_model.keras: a functional model with Conv2DTranspose, UpSampling2D (both
interpolations), ZeroPadding2D, Cropping2D, Subtract/Maximum/Average/Minimum, Conv1D (causal),
MaxPooling1D, AveragePooling1D, LayerNormalization, GlobalAveragePooling1D, RepeatVector, Permute,
GlobalMaxPooling1D. newlayers_sequence_model.keras: Embedding, Conv1D, LSTM, GRU, SimpleRNN on
sequences of any length. Keras's own random initial weights are saved in the files;
newlayers_models_expected.json holds the inputs and model.predict's outputs.

Run from the repository root:
    ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/newlayers_models_oracle.py
"""
import json
import os

import numpy as np
import keras
from keras import layers

here = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(11)


def enc(a):
    a = np.asarray(a, dtype="float32")
    return {"shape": list(a.shape), "data": [float(repr(np.float32(v))) for v in a.ravel()]}


# The numpy backend lacks jax.lax.conv_transpose; newlayers_oracle adds it.
import sys  # noqa: E402
sys.path.insert(0, here)
import newlayers_oracle  # noqa: E402,F401

inp = keras.Input((8, 8, 3), name="image")
a = layers.Conv2DTranspose(4, 3, strides=2, padding="same", activation="relu", name="up_t")(inp)
b = layers.UpSampling2D(2, name="up_n")(layers.Conv2D(4, 1, name="proj")(inp))
c = layers.UpSampling2D(2, interpolation="bilinear", name="up_b")(layers.Conv2D(4, 1, name="proj_b")(inp))
m = layers.Subtract(name="sub")([a, b])
m = layers.Maximum(name="max")([m, c])
m = layers.Average(name="avg")([m, a, b])
m = layers.Minimum(name="min")([m, layers.ZeroPadding2D(((1, 0), (2, 1)), name="pad")(layers.Cropping2D(((1, 0), (2, 1)), name="crop")(a))])
s = layers.Reshape((256, 4), name="to_seq")(m)
s = layers.Conv1D(3, 3, padding="causal", dilation_rate=2, activation="tanh", name="conv1d")(s)
s = layers.MaxPooling1D(2, name="maxpool1d")(s)
s = layers.AveragePooling1D(3, strides=2, padding="same", name="avgpool1d")(s)
s = layers.LayerNormalization(name="ln")(s)
g = layers.GlobalAveragePooling1D(name="gap")(s)
g = layers.RepeatVector(2, name="repeat")(g)
g = layers.Permute((2, 1), name="permute")(g)
g = layers.GlobalMaxPooling1D(name="gmp")(g)
out = layers.Dense(2, name="head")(g)
image_model = keras.Model(inp, out, name="image_model")
x_img = np.random.default_rng(1).uniform(-1, 1, (2, 8, 8, 3)).astype("float32")
image_model.save(os.path.join(here, "newlayers_image_model.keras"))

seq_in = keras.Input((None,), name="tokens")
h = layers.Embedding(20, 6, name="emb")(seq_in)
h = layers.Conv1D(4, 2, padding="same", name="conv1d")(h)
h = layers.LSTM(5, return_sequences=True, name="lstm")(h)
h = layers.GRU(4, return_sequences=True, go_backwards=True, name="gru")(h)
h = layers.SimpleRNN(3, name="rnn")(h)
seq_out = layers.Dense(1, activation="sigmoid", name="head")(h)
seq_model = keras.Model(seq_in, seq_out, name="sequence_model")
x_seq = np.random.default_rng(2).integers(0, 20, (3, 7)).astype("float32")
seq_model.save(os.path.join(here, "newlayers_sequence_model.keras"))

with open(os.path.join(here, "newlayers_models_expected.json"), "w") as f:
    json.dump({
        "image": {"x": enc(x_img), "y": enc(image_model.predict(x_img, verbose=0))},
        "sequence": {"x": enc(x_seq), "y": enc(seq_model.predict(x_seq, verbose=0))},
    }, f, separators=(",", ":"))
print("written")

# A functional model whose LSTM takes initial_state as a keyword input (Keras writes it in the
# inbound node's kwargs): its config, for the test that such a file is refused rather than loaded
# without the initial state.
seq = keras.Input((4, 3), name="seq")
ctx = keras.Input((2,), name="ctx")
h0 = layers.Dense(5, name="h0")(ctx)
c0 = layers.Dense(5, name="c0")(ctx)
dec = layers.LSTM(5, name="decoder")(seq, initial_state=[h0, c0])
init_model = keras.Model([seq, ctx], dec)
with open(os.path.join(here, "newlayers_initial_state_model.json"), "w") as f:
    f.write(init_model.to_json())
