# Keras 3.15.1 model_to_dot texts for PlotModelTests.cs (needs python3-pydot): kpython tests/KerasSharp.Tests/KerasOracle/plot_model.py
# Node ids (id(layer)) are replaced by the layer names, which KerasSharp uses as ids.
import keras, re
from keras.src.utils import model_visualization as mv
inp = keras.Input(shape=(4,), name="x")
h = keras.layers.Dense(8, activation="relu", name="hidden")(inp)
a = keras.layers.Dense(3, name="a")(h)
b = keras.layers.Dense(3, activation="sigmoid", name="b")(h)
out = keras.layers.Concatenate(name="cat")([a, b])
m = keras.Model(inp, out, name="small")
ids = {str(id(l)): l.name for l in m.layers}
def sub(s):
    for k, v in ids.items(): s = s.replace(k, v)
    return s
print(sub(mv.model_to_dot(m).to_string()))
print("=====")
print(sub(mv.model_to_dot(m, show_shapes=True, show_dtype=True, show_layer_names=True, rankdir="LR", dpi=96, show_layer_activations=True, show_trainable=True).to_string()))
print("=====")
s = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="d1"), keras.layers.Dense(1, name="d2")], name="seq")
ids.update({str(id(l)): l.name for l in s.layers})
print(sub(mv.model_to_dot(s, show_shapes=True).to_string()))
ei = keras.Input(shape=(4,), name="enc_in")
encoder = keras.Model(ei, keras.layers.Dense(2, name="code")(ei), name="encoder")
inp = keras.Input(shape=(4,), name="x")
z = encoder(inp)
out = keras.layers.Dense(1, name="out")(z)
m = keras.Model(inp, out, name="outer")
ids = {}
for l in list(m.layers) + list(encoder.layers): ids[str(id(l))] = l.name
def sub(s):
    for k, v in ids.items(): s = s.replace(k, v)
    return s
print(sub(mv.model_to_dot(m, show_shapes=True).to_string()))
print("=====")
print(sub(mv.model_to_dot(m, expand_nested=True).to_string()))
print("=====")
s = keras.Sequential([keras.Input((3,)), keras.Sequential([keras.layers.Dense(2, name="i1"), keras.layers.Dense(2, name="i2")], name="inner"), keras.layers.Dense(1, name="o")], name="outer_seq")
for l in list(s.layers) + list(s.layers[0].layers): ids[str(id(l))] = l.name
print(sub(mv.model_to_dot(s, expand_nested=True).to_string()))
print("=====")
print(sub(mv.model_to_dot(s, show_shapes=True).to_string()))
