# Expected values that keras/src/losses/losses_test.py computes with numpy inside its tests
# (Keras 3.15.1), evaluated here with the same numpy expressions, next to what the real Keras loss
# returns. Run: ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/losses_test_expected.py
# (from the repository root). LossTests.cs embeds the "test" column.
import numpy as np
import keras
from keras.src.losses import losses

def show(name, expected, actual):
    print(f"{name}: test={np.asarray(expected, dtype=np.float64).tolist()!r} keras={np.asarray(actual, dtype=np.float64).tolist()!r}")

# CosineSimilarityTest
def l2_norm(x, axis):
    square_sum = np.sum(np.square(x), axis=axis, keepdims=True)
    return np.multiply(x, 1 / np.sqrt(np.maximum(square_sum, 1e-12)))
yt = np.asarray([[1, 9, 2], [-5, -2, 6]], dtype=np.float32)
yp = np.asarray([[4, 8, 12], [8, 1, 3]], dtype=np.float32)
el = np.sum(np.multiply(l2_norm(yt, 1), l2_norm(yp, 1)), axis=(1,))
show("cosine.unweighted", -np.mean(el), losses.CosineSimilarity()(yt, yp))
show("cosine.scalar_weighted", -np.mean(el * 2.3), losses.CosineSimilarity()(yt, yp, sample_weight=2.3))
sw = np.asarray([1.2, 3.4])
show("cosine.sample_weighted", -np.mean(el * sw), losses.CosineSimilarity()(yt, yp, sample_weight=sw))
t3, p3 = yt.reshape((2, 3, 1)), yp.reshape((2, 3, 1))
sw3 = np.asarray([3, 6, 5, 0, 4, 2]).reshape((2, 3))
el3 = np.sum(np.multiply(l2_norm(t3, 2), l2_norm(p3, 2)), axis=(2,))
show("cosine.timestep_weighted", -np.mean(el3 * sw3), losses.CosineSimilarity()(t3, p3, sample_weight=sw3))

# HuberLossTest
def huber_loss(y_true, y_pred, delta=1.0):
    abs_error = np.abs(y_pred - y_true)
    quadratic = np.minimum(abs_error, delta)
    linear = np.subtract(abs_error, quadratic)
    return np.add(np.multiply(0.5, np.multiply(quadratic, quadratic)), np.multiply(delta, linear))
hp = np.array([[0.9, 0.2, 0.2], [0.8, 0.4, 0.6]])
ht = np.array([[1.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
hl = huber_loss(ht, hp)
show("huber.unweighted", np.sum(hl) / 6, losses.Huber()(ht, hp))
show("huber.scalar_weighted", 2.3 * np.sum(hl) / 6, losses.Huber()(ht, hp, sample_weight=2.3))
show("huber.sample_weighted", np.sum(np.multiply(hl, np.asarray([1.2, 1.2, 1.2, 3.4, 3.4, 3.4]).reshape((2, 3)))) / 6,
     losses.Huber()(ht, hp, sample_weight=np.array([[1.2], [3.4]])))
hsw = np.array([3, 6, 5, 0, 4, 2]).reshape((2, 3, 1))
show("huber.timestep_weighted", np.sum(np.multiply(huber_loss(ht.reshape((2, 3, 1)), hp.reshape((2, 3, 1))), hsw)) / 6,
     losses.Huber()(ht.reshape((2, 3, 1)), hp.reshape((2, 3, 1)), sample_weight=hsw))
show("huber.non_default_delta", 2.3 * np.sum(huber_loss(ht, hp, 0.8)) / 6, losses.Huber(delta=0.8)(ht, hp, sample_weight=2.3))

# LogCoshTest
error = yp - yt
lc = np.log((np.exp(error) + np.exp(-error)) / 2)
show("logcosh.unweighted", np.sum(lc) / 6, losses.LogCosh()(yt, yp))
show("logcosh.scalar_weighted", 2.3 * np.sum(lc) / 6, losses.LogCosh()(yt, yp, sample_weight=2.3))
show("logcosh.sample_weighted", np.sum(np.multiply(lc, np.asarray([1.2, 1.2, 1.2, 3.4, 3.4, 3.4]).reshape((2, 3)))) / 6,
     losses.LogCosh()(yt, yp, sample_weight=np.asarray([1.2, 3.4])))
lt3 = np.asarray([1, 9, 2, -5, -2, 6]).reshape(2, 3, 1)
lp3 = np.asarray([4, 8, 12, 8, 1, 3]).reshape(2, 3, 1)
e3 = lp3 - lt3
lsw = np.array([3, 6, 5, 0, 4, 2]).reshape((2, 3, 1))
show("logcosh.timestep_weighted", np.sum(np.log((np.exp(e3) + np.exp(-e3)) / 2) * lsw) / 6, losses.LogCosh()(lt3, lp3, sample_weight=lsw))

# KLDivergenceTest
kp = np.asarray([0.4, 0.9, 0.12, 0.36, 0.3, 0.4], dtype=np.float32).reshape((2, 3))
kt = np.asarray([0.5, 0.8, 0.12, 0.7, 0.43, 0.8], dtype=np.float32).reshape((2, 3))
kl = np.multiply(kt, np.log(kt / kp))
show("kld.unweighted", np.sum(kl) / 2, losses.KLDivergence()(kt, kp))
show("kld.scalar_weighted", 2.3 * np.sum(kl) / 2, losses.KLDivergence()(kt, kp, sample_weight=2.3))
show("kld.sample_weighted", np.sum(np.multiply(kl, np.asarray([1.2, 1.2, 1.2, 3.4, 3.4, 3.4], dtype=np.float32).reshape(2, 3))) / 2,
     losses.KLDivergence()(kt, kp, sample_weight=np.asarray([1.2, 3.4], dtype=np.float32).reshape((2, 1))))
ksw = np.asarray([3, 6, 5, 0, 4, 2]).reshape(2, 3)
kt3, kp3 = kt.reshape(2, 3, 1), kp.reshape(2, 3, 1)
show("kld.timestep_weighted", np.sum(np.sum(np.multiply(kt3, np.log(kt3 / kp3)), axis=-1) * ksw) / (2 * 3),
     losses.KLDivergence()(kt3, kp3, sample_weight=ksw))

# PoissonTest
pp = np.asarray([1, 9, 2, 5, 2, 6], dtype=np.float32).reshape((2, 3))
pt = np.asarray([4, 8, 12, 8, 1, 3], dtype=np.float32).reshape((2, 3))
pl = pp - np.multiply(pt, np.log(pp))
show("poisson.unweighted", np.sum(pl) / 6, losses.Poisson()(pt, pp))
show("poisson.scalar_weighted", 2.3 * np.sum(pl) / 6, losses.Poisson()(pt, pp, sample_weight=2.3))
show("poisson.sample_weighted", np.sum(np.multiply(pl, np.asarray([1.2, 1.2, 1.2, 3.4, 3.4, 3.4]).reshape((2, 3)))) / 6,
     losses.Poisson()(pt, pp, sample_weight=np.asarray([1.2, 3.4]).reshape((2, 1))))
psw = np.asarray([3, 6, 5, 0, 4, 2]).reshape(2, 3, 1)
pt3, pp3 = pt.reshape(2, 3, 1), pp.reshape(2, 3, 1)
show("poisson.timestep_weighted", np.sum((pp3 - np.multiply(pt3, np.log(pp3))) * psw) / 6,
     losses.Poisson()(pt3, pp3, sample_weight=psw.reshape((2, 3))))

# loss_test.py LossTest (ExampleLoss: (y_true - y_pred) ** 2)
class ExampleLoss(keras.losses.Loss):
    def call(self, y_true, y_pred):
        return (y_true - y_pred) ** 2
y_true = np.array([1.0, 0.0, 1.0, 0.0])
y_pred = np.array([0.1, 0.2, 0.3, 0.4])
sw = np.array([0.4, 0.3, 0.2, 0.1])
show("example.none", (y_true - y_pred) ** 2, ExampleLoss(reduction=None)(y_true, y_pred))
show("example.sum", np.sum((y_true - y_pred) ** 2), ExampleLoss(reduction="sum")(y_true, y_pred))
show("example.sum_over_batch_size", np.sum((y_true - y_pred) ** 2) / 4, ExampleLoss()(y_true, y_pred))
show("example.sample_weight", np.sum(sw * (y_true - y_pred) ** 2) / 4, ExampleLoss()(y_true, y_pred, sample_weight=sw))
mw, mt, mp = np.array([0.4, 0.2, 0.1]), np.array([1.0, 1.0, 0.0]), np.array([0.1, 0.3, 0.4])
show("example.mask", np.sum((mt - mp) ** 2) / 3, 0)
show("example.mask_and_sample_weight", np.sum(mw * (mt - mp) ** 2) / 3, 0)
