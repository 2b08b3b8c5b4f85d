# Expected values for KerasPortingTests.cs (issue 17, Keras half), from Keras 3.15.1:
#   ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/keras_porting.py
import warnings
import numpy as np
import keras
from keras import ops

np.set_printoptions(precision=8, suppress=True)
X = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], dtype="float32")

print("== to_categorical")
print(keras.utils.to_categorical(np.array([[3], [0], [9]], dtype="uint8"), 10).shape)
print(keras.utils.to_categorical(np.array([1, 0, 3])).tolist())
print(keras.utils.to_categorical(np.array([[1, 2], [0, 1]]), 3).shape)

print("== functional encoder(x)")
ei = keras.Input(shape=(3,), name="enc_in")
encoder = keras.Model(ei, keras.layers.Dense(2, activation="tanh", name="code")(ei), name="encoder")
x = keras.Input(shape=(3,), name="x")
out = keras.layers.Dense(1, name="out")(encoder(x))
m = keras.Model(x, out, name="autoenc")
m.set_weights([np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), np.array([0.01, -0.02]), np.array([[0.7], [-0.8]]), np.array([0.05])])
print([l.name for l in m.layers], [l.__class__.__name__ for l in m.layers], m.count_params())
print(m.predict(X, verbose=0).ravel().tolist())

print("== Sequential in Sequential")
inner = keras.Sequential([keras.layers.Dense(2, activation="relu", name="i1")], name="inner")
outer = keras.Sequential([keras.Input((3,)), inner, keras.layers.Dense(1, name="o")], name="outer")
outer.set_weights([np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), np.array([0.01, -0.02]), np.array([[0.7], [-0.8]]), np.array([0.05])])
print([l.name for l in outer.layers], [l.__class__.__name__ for l in outer.layers])
print(outer.predict(X, verbose=0).ravel().tolist())

print("== feature extraction")
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu", name="hidden"), keras.layers.Dense(1, name="head")])
model.set_weights([np.arange(12).reshape(3, 4) / 10 - 0.5, np.array([0.1, 0, -0.1, 0.2]), np.ones((4, 1)), np.zeros(1)])
extractor = keras.Model(inputs=model.inputs, outputs=model.get_layer("hidden").output)
print(extractor.predict(X, verbose=0).tolist())
try:
    keras.layers.Dense(2, name="lonely").output
except Exception as e:
    print(type(e).__name__, e)

print("== Input(shape=[None])")
inp = keras.Input(shape=(None,), name="tokens")
pooled = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(5, 2, name="emb")(inp))
seqm = keras.Model(inp, pooled)
seqm.set_weights([np.array([[0.0, 1.0], [0.5, -0.5], [1.0, 2.0], [-1.0, 0.25], [3.0, 0.0]])])
print(inp.shape)
print(seqm.predict(np.array([[1, 2, 3]]), verbose=0).tolist(), seqm.predict(np.array([[4, 0, 1, 1, 2]]), verbose=0).tolist())

print("== Dense(input_shape=)")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    legacy = keras.Sequential([keras.layers.Dense(2, input_shape=(3,), name="first")])
    print(str(w[0].message))
print(legacy.inputs[0].shape, [l.name for l in legacy.layers])

print("== Sequential(name=)")
empty = keras.Sequential(name="my_model")
print(empty.name, len(empty.layers))
empty.add(keras.Input((2,)))
empty.add(keras.layers.Dense(1))
print(len(empty.layers))

print("== custom loss")
def my_loss(y_true, y_pred):
    return ops.mean(ops.square(y_true - y_pred), axis=-1)
lm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="d")])
lm.set_weights([np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), np.array([0.01, -0.02])])
lm.compile(optimizer="sgd", loss=my_loss)
Y = np.array([[1.0, 0.0], [0.0, 2.0]], dtype="float32")
print(lm.evaluate(X, Y, verbose=0))

print("== dict inputs, losses and loss_weights by name")
a = keras.Input((2,), name="a")
b = keras.Input((1,), name="b")
h = keras.layers.Concatenate(name="cat")([a, b])
two = keras.Model([a, b], [keras.layers.Dense(1, name="out1")(h), keras.layers.Dense(1, name="out2")(h)])
two.set_weights([np.array([[0.5], [-1.0], [0.25]]), np.array([0.1]), np.array([[1.0], [0.5], [-0.5]]), np.array([-0.2])])
two.compile(optimizer="sgd", loss={"out1": "mse", "out2": "mae"}, loss_weights={"out1": 1.0, "out2": 0.5})
A = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]], dtype="float32")
B = np.array([[1.0], [2.0], [-1.0]], dtype="float32")
Y1 = np.array([[0.0], [1.0], [2.0]], dtype="float32")
Y2 = np.array([[1.0], [-1.0], [0.5]], dtype="float32")
print(two.evaluate({"a": A, "b": B}, {"out1": Y1, "out2": Y2}, verbose=0, return_dict=True))

print("== nested model's regularizer counts in the outer loss")
ei = keras.Input(shape=(3,))
reg_encoder = keras.Model(ei, keras.layers.Dense(2, kernel_regularizer=keras.regularizers.L2(0.1))(ei))
x = keras.Input(shape=(3,))
rm = keras.Model(x, keras.layers.Dense(1)(reg_encoder(x)))
rm.set_weights([np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), np.array([0.01, -0.02]), np.array([[0.7], [-0.8]]), np.array([0.05])])
# (evaluate with a regularizer fails on the numpy backend: it sums a list; so Keras's pieces, added as compute_loss does)
mse = keras.losses.MeanSquaredError()(np.array([[1.0], [-1.0]], dtype="float32"), rm.predict(X, verbose=0))
print(float(mse), [float(p) for p in rm.losses], float(mse) + sum(float(p) for p in rm.losses))

print("== summaries of nested models")
m.summary(line_length=80)
outer.summary(line_length=80)

print("== mnist_convnet preprocessing on load_data's uint8 arrays")
x_train = np.array([[[0, 255], [51, 102]]], dtype="uint8")
x_train = x_train.astype("float32") / 255
x_train = np.expand_dims(x_train, -1)
print(x_train.shape, x_train.dtype, x_train.ravel().tolist())

print("== nested layer's activity regularizer in a training call")
ei = keras.Input(shape=(3,))
act_encoder = keras.Model(ei, keras.layers.Dense(2, activity_regularizer=keras.regularizers.L1(0.1))(ei))
x = keras.Input(shape=(3,))
am = keras.Model(x, keras.layers.Dense(1)(act_encoder(x)))
am.set_weights([np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), np.array([0.01, -0.02]), np.array([[0.7], [-0.8]]), np.array([0.05])])
y = am(X, training=True)
mse = keras.losses.MeanSquaredError()(np.array([[1.0], [-1.0]], dtype="float32"), y)
print(float(mse), [float(p) for p in am.losses])

print("== a frozen nested model")
ei = keras.Input(shape=(3,), name="enc_in")
encoder = keras.Model(ei, keras.layers.Dense(2, activation="tanh", name="code")(ei), name="encoder")
x = keras.Input(shape=(3,), name="x")
m = keras.Model(x, keras.layers.Dense(1, name="out")(encoder(x)), name="autoenc")
encoder.trainable = False
print(len(m.trainable_weights), len(m.non_trainable_weights), encoder.layers[1].trainable)
m.summary(line_length=80)
encoder.trainable = True
encoder.layers[1].trainable = False
print(len(m.trainable_weights), len(m.non_trainable_weights), encoder.trainable)
