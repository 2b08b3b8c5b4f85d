# Expected values that Keras 3.15.1's keras/src/metrics/*_test.py compute with numpy inside their
# tests, evaluated with the same numpy expressions, next to what the real Keras metric returns.
# Run from the repository root:
#   ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/metrics_test_expected.py
# The C# metric tests embed the "test=" column.
import numpy as np
from keras.src import metrics

def show(name, expected, actual):
    print(f"{name}: test={np.asarray(expected, dtype=np.float64).tolist()!r} keras={np.asarray(actual, dtype=np.float64).tolist()!r}")

# regression_metrics_test.py CosineSimilarityTest
def l2_norm(x, axis):
    square_sum = np.sum(np.square(x), axis=axis, keepdims=True)
    return np.multiply(x, 1 / np.sqrt(np.maximum(square_sum, 1e-12)))
yt = np.asarray([[1, 9, 2], [-5, -2, 6]], dtype=np.float32)
yp = np.asarray([[4, 8, 12], [8, 1, 3]], dtype=np.float32)
el = np.sum(np.multiply(l2_norm(yt, 1), l2_norm(yp, 1)), axis=(1,))
show("cosine.unweighted", np.mean(el), metrics.CosineSimilarity()(yt, yp))
sw = np.asarray([1.2, 3.4])
show("cosine.weighted", np.sum(el * sw) / np.sum(sw), metrics.CosineSimilarity()(yt, yp, sample_weight=sw))

# regression_metrics_test.py LogCoshErrorTest
error = yp - yt
lc = np.log((np.exp(error) + np.exp(-error)) / 2)
show("logcosh.unweighted", np.sum(lc) / 6, metrics.LogCoshError()(yt, yp))
w6 = np.asarray([1.2, 1.2, 1.2, 3.4, 3.4, 3.4]).reshape((2, 3))
show("logcosh.weighted", np.sum(np.multiply(lc, w6)) / np.sum(w6), metrics.LogCoshError()(yt, yp, sample_weight=np.array([[1.2], [3.4]])))

# probabilistic_metrics_test.py KLDivergenceTest / PoissonTest
kp = np.asarray([0.4, 0.9, 0.12, 0.36, 0.3, 0.4], dtype=np.float32).reshape((2, 3))
kt = np.asarray([0.5, 0.8, 0.12, 0.7, 0.43, 0.8], dtype=np.float32).reshape((2, 3))
kl = np.multiply(kt, np.log(kt / kp))
show("kld.unweighted", np.sum(kl) / 2, metrics.KLDivergence()(kt, kp))
kw = np.asarray([1.2, 1.2, 1.2, 3.4, 3.4, 3.4], dtype=np.float32).reshape((2, 3))
show("kld.weighted", np.sum(np.multiply(kl, kw)) / (1.2 + 3.4), metrics.KLDivergence()(kt, kp, sample_weight=np.asarray([1.2, 3.4], dtype=np.float32).reshape((2, 1))))
pp = np.asarray([1, 9, 2, 5, 2, 6], dtype=np.float32).reshape((2, 3))
pt = np.asarray([4, 8, 12, 8, 1, 3], dtype=np.float32).reshape((2, 3))
pl = pp - np.multiply(pt, np.log(pp))
show("poisson.unweighted", np.sum(pl) / 6, metrics.Poisson()(pt, pp))
show("poisson.weighted", np.sum(np.multiply(pl, kw)) / np.sum(kw), metrics.Poisson()(pt, pp, sample_weight=np.asarray([1.2, 3.4], dtype=np.float32).reshape((2, 1))))
