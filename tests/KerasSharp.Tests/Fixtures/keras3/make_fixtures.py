# Writes the Keras 3 fixtures that KerasSharp's FixtureLoadingTests load, with the real Keras 3.15.1.
# Run from this folder:  ../../../../../shared/tools/keras3/kpython make_fixtures.py
#
# Keras's numpy backend cannot train, so each model gets seeded random weights (model.set_weights)
# and, when compiled, a built optimizer whose variables are set with assign(): the iteration
# counter, and every slot (momentum, velocity, ...) from seeded random numbers. What Keras then
# predicts for the inputs in expected.json, and every optimizer variable by name, are recorded in
# expected.json beside the files, with the summary Keras prints for each compiled model.
import json
import os
import shutil
import zipfile

import h5py
import numpy as np
import keras

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)
rng = np.random.default_rng(20261201)


def f32(a):
    return np.asarray(a, dtype="float32")


def set_random_weights(model):
    values = []
    for w in model.weights:
        v = rng.normal(0, 0.5, size=w.shape)
        if w.path.endswith("moving_variance") or w.path.endswith("gamma"):
            v = np.abs(v) + 0.5
        values.append(f32(v))
    model.set_weights(values)


def set_optimizer_state(model, iterations):
    opt = model.optimizer
    opt.build(model.trainable_variables)
    for v in opt.variables:
        name = v.path.split("/")[-1]
        if name == "iteration":
            v.assign(iterations)
        elif name == "learning_rate":
            continue
        elif v.shape == ():
            v.assign(0.8125)  # Nadam's u_product
        else:
            x = rng.normal(0, 0.1, size=v.shape)
            # Second moments, accumulators and norms are non-negative in a real run.
            if any(name.endswith(s) for s in ("velocity", "velocity_hat", "accumulator", "norm", "accumulated_grad", "accumulated_delta_var")):
                x = np.abs(x)
            v.assign(f32(x))


def optimizer_state(model):
    opt = model.optimizer
    out = {"class_name": opt.__class__.__name__, "iterations": int(opt.iterations.numpy()),
           "learning_rate": float(np.asarray(opt.learning_rate)), "variables": []}
    for v in opt.variables:
        a = np.asarray(v.numpy())
        out["variables"].append({"name": v.path, "dtype": str(a.dtype), "shape": list(a.shape), "values": a.astype("float64").ravel().tolist()})
    return out


def summary_text(model):
    lines = []
    model.summary(line_length=76, print_fn=lambda x, **kw: lines.append(x))
    return "".join(lines)


expected = {"keras_version": keras.__version__, "backend": keras.backend.backend(), "files": {}}


def record(filename, model, x, compiled=True, state_of=None):
    # The predictions are Keras's for the file as loaded back by Keras itself; the optimizer state is
    # that of the loaded model too, unless state_of names the model whose saved state to record.
    loaded = keras.models.load_model(filename)
    xs = x if isinstance(x, list) else [x]
    y = loaded.predict(x, verbose=0)
    y2 = model.predict(x, verbose=0)
    np.testing.assert_array_equal(y, y2)
    entry = {"x": [f32(a).tolist() for a in xs], "x_shapes": [list(a.shape) for a in xs],
             "y": f32(y).astype("float64").tolist()}
    if compiled:
        entry["optimizer"] = optimizer_state(state_of or loaded)
        entry["summary"] = summary_text(loaded)
    expected["files"][filename] = entry


keras.utils.set_random_seed(1)

# 1. An MLP with Adam state (L2 regularizer and Dropout), saved as .keras and as .weights.h5.
mlp = keras.Sequential([
    keras.Input((4,)),
    keras.layers.Dense(8, activation="relu", kernel_regularizer=keras.regularizers.L2(0.01)),
    keras.layers.Dropout(0.25),
    keras.layers.Dense(3, activation="softmax"),
], name="mlp")
set_random_weights(mlp)
mlp.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss="categorical_crossentropy", metrics=["accuracy"])
set_optimizer_state(mlp, 7)
mlp.save("mlp_adam.keras")
mlp.save_weights("mlp_adam.weights.h5")
x_mlp = f32(rng.normal(size=(5, 4)))
record("mlp_adam.keras", mlp, x_mlp)
expected["files"]["mlp_adam.weights.h5"] = dict(expected["files"]["mlp_adam.keras"])
del expected["files"]["mlp_adam.weights.h5"]["summary"]

# 1b. The same file as Keras on the TensorFlow backend writes it: the iteration counter is int64
# there (keras/src/backend/common/dtypes.py); only that dataset differs.
shutil.copy("mlp_adam.keras", "mlp_adam_int64_counter.keras")
with zipfile.ZipFile("mlp_adam.keras") as z:
    z.extract("model.weights.h5", "tmp_int64")
with h5py.File("tmp_int64/model.weights.h5", "r+") as f:
    value = int(f["optimizer/vars/0"][()])
    del f["optimizer/vars/0"]
    f["optimizer/vars"].create_dataset("0", data=np.int64(value))
with zipfile.ZipFile("mlp_adam.keras") as src, zipfile.ZipFile("mlp_adam_int64_counter.keras", "w") as dst:
    for item in src.namelist():
        data = open("tmp_int64/model.weights.h5", "rb").read() if item == "model.weights.h5" else src.read(item)
        dst.writestr(item, data)
shutil.rmtree("tmp_int64")
record("mlp_adam_int64_counter.keras", mlp, x_mlp)

# 2. A convnet with BatchNormalization (moving statistics set too) and Adam state.
conv = keras.Sequential([
    keras.Input((6, 6, 2)),
    keras.layers.Conv2D(4, 3, padding="same", activation="relu"),
    keras.layers.BatchNormalization(),
    keras.layers.MaxPooling2D(2),
    keras.layers.Conv2D(3, (2, 1), strides=(1, 2), use_bias=False),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(2, activation="sigmoid"),
], name="convnet")
set_random_weights(conv)
conv.compile(optimizer=keras.optimizers.Adam(learning_rate=0.002, beta_1=0.8), loss="binary_crossentropy")
set_optimizer_state(conv, 11)
conv.save("convnet_bn.keras")
record("convnet_bn.keras", conv, f32(rng.normal(size=(3, 6, 6, 2))))

# 3. A functional model with Add, Multiply and Concatenate, and RMSprop with momentum and centered
# (three kinds of slots: velocities, then momentums, then average gradients).
a = keras.Input((3,), name="a")
h1 = keras.layers.Dense(4, activation="tanh", name="h1")(a)
h2 = keras.layers.Dense(4, name="h2")(a)
s = keras.layers.Add(name="sum")([h1, h2])
p = keras.layers.Multiply(name="product")([h1, h2])
c = keras.layers.Concatenate(name="cat")([s, p, h1])
out = keras.layers.Dense(2, name="out")(c)
func = keras.Model(a, out, name="merges")
set_random_weights(func)
func.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.002, rho=0.8, momentum=0.5, centered=True), loss="mse", metrics=["mae"])
set_optimizer_state(func, 5)
func.save("functional_rmsprop.keras")
record("functional_rmsprop.keras", func, f32(rng.normal(size=(4, 3))))

# 4. SGD with Nesterov momentum.
sgd = keras.Sequential([keras.Input((3,)), keras.layers.Dense(5, activation="relu"), keras.layers.Dense(1, activation="sigmoid")], name="sgd_net")
set_random_weights(sgd)
sgd.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True), loss="binary_crossentropy", metrics=["accuracy"])
set_optimizer_state(sgd, 3)
sgd.save("sgd_momentum.keras")
record("sgd_momentum.keras", sgd, f32(rng.normal(size=(4, 3))))

# 5. An uncompiled model, built without an Input (model.build), with the layers not used above:
# a dilated grouped convolution, average pooling, a strided convolution without bias, Reshape,
# GlobalMaxPooling2D and Activation.
unc = keras.Sequential([
    keras.layers.Conv2D(6, 3, padding="same", dilation_rate=2, groups=3, activation="relu"),
    keras.layers.AveragePooling2D(2),
    keras.layers.Conv2D(4, (2, 1), strides=(1, 2), use_bias=False, activation="tanh"),
    keras.layers.Reshape((3, 2, 4)),
    keras.layers.GlobalMaxPooling2D(),
    keras.layers.Dense(5, activation="elu"),
    keras.layers.Activation("softmax"),
], name="uncompiled")
unc.build((None, 8, 8, 6))
set_random_weights(unc)
unc.save("uncompiled.keras")
record("uncompiled.keras", unc, f32(rng.normal(size=(2, 8, 8, 6))), compiled=False)

# 5b. A depthwise convolution: as many groups as input channels.
dw = keras.Sequential([keras.Input((5, 5, 3)), keras.layers.Conv2D(3, 3, padding="same", groups=3)], name="depthwise")
set_random_weights(dw)
dw.save("depthwise_conv.keras")
record("depthwise_conv.keras", dw, f32(rng.normal(size=(2, 5, 5, 3))), compiled=False)

# 6. Each other optimizer KerasSharp offers, with its state, on a small Dense net.
for name, opt in [
    ("adagrad", keras.optimizers.Adagrad(learning_rate=0.01, initial_accumulator_value=0.2)),
    ("adadelta", keras.optimizers.Adadelta(learning_rate=0.5, rho=0.9)),
    ("adamax", keras.optimizers.Adamax(learning_rate=0.003)),
    ("nadam", keras.optimizers.Nadam(learning_rate=0.004)),
    ("adam_amsgrad", keras.optimizers.Adam(learning_rate=0.001, amsgrad=True)),
    ("rmsprop", keras.optimizers.RMSprop(learning_rate=0.01)),
    ("sgd", keras.optimizers.SGD(learning_rate=0.1)),
]:
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="relu"), keras.layers.Dense(1)], name=f"opt_{name}")
    set_random_weights(m)
    m.compile(optimizer=opt, loss="mse")
    set_optimizer_state(m, 4)
    m.save(f"optimizer_{name}.keras")
    record(f"optimizer_{name}.keras", m, f32(rng.normal(size=(2, 3))))

# 7. A legacy .h5 full-model file (model_config attribute, model_weights group, training_config,
# optimizer_weights), as model.save("m.h5") writes it.
leg = keras.Sequential([
    keras.Input((5, 5, 1)),
    keras.layers.Conv2D(2, 3, activation="relu"),
    keras.layers.BatchNormalization(),
    keras.layers.Flatten(),
    keras.layers.Dense(3, activation="softmax"),
], name="legacy")
set_random_weights(leg)
leg.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
set_optimizer_state(leg, 9)
leg.save("legacy.h5")
# Keras 3.15.1's own legacy loader restores only the counter and the learning rate from this file:
# it builds the optimizer on model._trainable_variables, which a Sequential leaves empty, and
# set_weights then zips 2 variables with the file's 12 values. The state recorded is therefore the
# one that was saved (the model's own), which is what the file holds.
record("legacy.h5", leg, f32(rng.normal(size=(2, 5, 5, 1))), state_of=leg)

# 7b. The same network in the layout tf.keras 2 wrote (Keras 2.x): batch_input_shape, dtype and
# initializers without "module", inbound nodes as nested lists, weight names with ":0", an int64
# "iter" and slots grouped per kind, which Keras 3 cannot map onto its optimizer (it warns and
# starts the optimizer fresh). The file is rewritten from 7 with h5py; the real Keras 3 loads it
# and its predictions are recorded.
shutil.copy("legacy.h5", "legacy_keras2.h5")


def dec(n):
    return n.decode("utf8") if isinstance(n, bytes) else str(n)


with h5py.File("legacy_keras2.h5", "r+") as f:
    cfg = json.loads(f.attrs["model_config"])

    def keras2(layer):
        c = layer["config"]
        if layer["class_name"] == "InputLayer":
            c["batch_input_shape"] = c.pop("batch_shape")
            c.pop("optional", None)
        if isinstance(c.get("dtype"), dict):
            c["dtype"] = "float32"
        for k, v in list(c.items()):
            if isinstance(v, dict) and "module" in v:
                c[k] = {"class_name": v["class_name"], "config": {kk: vv for kk, vv in v["config"].items() if kk not in ("input_axes", "output_axes")}}
        c.pop("quantization_config", None)
        return layer

    cfg["config"]["layers"] = [keras2(l) for l in cfg["config"]["layers"]]
    cfg["config"].pop("build_input_shape", None)
    cfg["config"]["dtype"] = "float32"
    f.attrs["model_config"] = json.dumps(cfg).encode("utf8")
    f.attrs["keras_version"] = "2.15.0"
    f.attrs["backend"] = "tensorflow"
    mw = f["model_weights"]
    mw.attrs["keras_version"] = b"2.15.0"
    mw.attrs["backend"] = b"tensorflow"
    for lname in [dec(n) for n in mw.attrs["layer_names"]]:
        g = mw[lname]
        names = [dec(n) for n in g.attrs["weight_names"]]
        if not names:
            continue
        new = []
        for n in names:
            data = np.asarray(g[n])
            del g[n]
            g.create_dataset(n + ":0", data=data)
            new.append((n + ":0").encode("utf8"))
        g.attrs["weight_names"] = new
    ow = f["optimizer_weights"]
    names = [dec(n) for n in ow.attrs["weight_names"]]
    values = {n: np.asarray(ow[n]) for n in names}
    del f["optimizer_weights"]
    ow = f.create_group("optimizer_weights")
    new_names = ["Adam/iter:0"]
    ow.create_dataset("Adam/iter:0", data=np.int64(values[names[0]]))
    for kind, suffix in (("m", "_momentum"), ("v", "_velocity")):
        for n in names[2:]:
            if n.endswith(suffix):
                var = n.split("/", 1)[1][len("legacy_"):-len(suffix)]
                layer, weight = var.rsplit("_", 1)
                key = f"Adam/{layer}/{weight}/{kind}:0"
                ow.create_dataset(key, data=values[n])
                new_names.append(key)
    ow.attrs["weight_names"] = [n.encode("utf8") for n in new_names]
record("legacy_keras2.h5", leg, f32(expected["files"]["legacy.h5"]["x"][0]), compiled=False)

with open("expected.json", "w") as fp:
    json.dump(expected, fp, indent=1)
print("wrote", sorted(expected["files"]))
