# Expected values for KerasSharp's optimizer tests that Keras's own tests do not state.
# Run: ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/optimizers_oracle.py
# (Keras 3.15.1, numpy backend). The numbers it prints are embedded in the C# tests that name this script.
import json
import numpy as np
import keras
from keras import ops
from keras.src import backend

out = {}
W0 = [1.0, 2.0, 3.0, 4.0]
G = [1.0, 6.0, 7.0, 2.0]

def run(opt, grads, w0=W0, before=None):
    v = backend.Variable(np.array(w0, dtype="float32"))
    opt.build([v])
    if before: before(opt)
    for g in grads:
        opt.apply_gradients([(ops.array(np.array(g, dtype="float32")), v)])
    return [float(x) for x in np.array(v)]

# Optimizer variable layouts (names in Keras's order) for two variables.
def layout(opt):
    a = backend.Variable(np.zeros((2, 3), dtype="float32"), name="kernel")
    b = backend.Variable(np.zeros((3,), dtype="float32"), name="bias")
    opt.build([a, b])
    return [v.name for v in opt.variables]
out["layout_adam_amsgrad"] = layout(keras.optimizers.Adam(amsgrad=True))
out["layout_rmsprop"] = layout(keras.optimizers.RMSprop())
out["layout_rmsprop_momentum_centered"] = layout(keras.optimizers.RMSprop(momentum=0.5, centered=True))
out["layout_sgd_momentum"] = layout(keras.optimizers.SGD(momentum=0.9))
out["layout_nadam"] = layout(keras.optimizers.Nadam())
out["layout_adam_schedule"] = layout(keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)))

# Two steps of RMSprop with momentum and centered (Keras's golden covers centered only).
out["rmsprop_centered_momentum_2"] = run(keras.optimizers.RMSprop(learning_rate=0.01, momentum=0.5, centered=True), [G, G])
# Adam with a schedule and weight decay: three steps, and the rates the schedule gives at 0..3.
sched = keras.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5, staircase=True)
out["adam_schedule_weight_decay_3"] = run(keras.optimizers.Adam(learning_rate=sched, weight_decay=0.1), [G, G, G])
out["schedule_rates_0_3"] = [float(sched(i)) for i in range(4)]
# global_clipnorm with two variables: the norm is taken over both.
a = backend.Variable(np.array([1.0, 2.0], dtype="float32")); b = backend.Variable(np.array([3.0], dtype="float32"))
o = keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=1.0)
o.apply_gradients([(ops.array(np.array([3.0, 0.0], dtype="float32")), a), (ops.array(np.array([4.0], dtype="float32")), b)])
out["global_clipnorm_two_vars"] = [float(x) for x in np.array(a)] + [float(x) for x in np.array(b)]
# Nadam's u_product after two steps with Keras's defaults.
n = keras.optimizers.Nadam(learning_rate=0.5)
run(n, [G, G])
out["nadam_u_product_2"] = float(np.array(n._u_product))

# TFLearn's optimizers through TensorFlow 1's rules, expressed with Keras:
# SGD with lr_decay = SGD with ExponentialDecay (tf.train.exponential_decay), staircase.
out["tflearn_sgd_decay_4"] = run(keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5, staircase=True)), [G, G, G, G])
# Momentum with a constant rate = Keras SGD with momentum.
out["tflearn_momentum_3"] = run(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9), [G, G, G])
out["tflearn_nesterov_3"] = run(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True), [G, G, G])
# RMSProp: Keras's RMSprop rule with the mean square starting at ones (tf.train.RMSPropOptimizer's "rms" slot).
def ones_velocity(opt):
    for v in opt._velocities: v.assign(np.ones(v.shape, dtype="float32"))
out["tflearn_rmsprop_2"] = run(keras.optimizers.RMSprop(learning_rate=0.01, rho=0.9, momentum=0.0, epsilon=1e-10), [G, G], before=ones_velocity)
# AdaGrad: tf.train.AdagradOptimizer adds no epsilon.
out["tflearn_adagrad_2"] = run(keras.optimizers.Adagrad(learning_rate=0.1, initial_accumulator_value=0.1, epsilon=0.0), [G, G])
out["tflearn_adadelta_2"] = run(keras.optimizers.Adadelta(learning_rate=0.001, rho=0.1, epsilon=1e-8), [G, G])
out["tflearn_adam_2"] = run(keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8), [G, G])
out["tflearn_ftrl_2"] = run(keras.optimizers.Ftrl(learning_rate=3.0, learning_rate_power=-0.5, initial_accumulator_value=0.1), [G, G])

# get_config of each class with default arguments (name given so that it does not depend on counters).
cfg = {}
for cls in ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "Lion", "Lamb"]:
    cfg[cls] = getattr(keras.optimizers, cls)(name="opt").get_config()
out["configs"] = cfg
out["config_adam_schedule"] = keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.CosineDecay(0.1, 100, alpha=0.1, warmup_target=0.2, warmup_steps=10), weight_decay=0.01, name="opt").get_config()
out["serialize_sgd"] = keras.optimizers.serialize(keras.optimizers.SGD(learning_rate=0.5, momentum=0.06, nesterov=True, weight_decay=0.004, name="opt"))

print(json.dumps(out, indent=1))
