# Expected values for TFLearnPortingTests: how numpy 1.24 prints float32 arrays (TFLearn returns numpy
# arrays, and scripts print them), and Keras 3.15.1's top-k accuracy and R2 score for the batches the
# TFLearn metric tests use (TFLearn's Top_k is tf.nn.in_top_k, its R2 the batch's coefficient of
# determination; for one output and no ties they agree with Keras's).
# Run: ../../../../shared/tools/keras3/kpython tflearn_numpy_and_metrics.py
import json, numpy as np, keras
f = np.float32
arrays = {
    "scalar_weight": np.array([0.2565], f),
    "mixed": np.array([[0.5, 1.25], [-3, 4]], f),
    "sevenths": np.arange(12, dtype=f).reshape(3, 4) / f(7),
    "scientific": np.array([1e-5, 1.0, -2.5], f),
    "ratio": np.array([0.001, 2.0], f),
    "rounded": np.array([0.012345679, 1.5], f),
    "tie": np.array([0.001953125, 1.0], f),
    "wide": (np.arange(20, dtype=f) - 10) / f(3),
    "summarized": np.arange(1500, dtype=f).reshape(30, 50) / f(10),
    "three_d": np.arange(24, dtype=f).reshape(2, 3, 4) - f(12),
    "nonfinite": np.array([np.nan, 1.5, -np.inf], f),
    "predict_rank1": np.array([1.5315033, 1.5585315, 1.5855598], f),
}
out = {"str": {k: str(v) for k, v in arrays.items()}}
pred = np.array([[0.1, 0.5, 0.3, 0.1], [0.6, 0.1, 0.2, 0.1], [0.05, 0.15, 0.3, 0.5], [0.4, 0.3, 0.2, 0.1]], f)
true = np.eye(4, dtype=f)[[1, 3, 0, 2]]
m = keras.metrics.TopKCategoricalAccuracy(k=3); m.update_state(true, pred); out["top3"] = float(m.result())
m = keras.metrics.TopKCategoricalAccuracy(k=1); m.update_state(true, pred); out["top1"] = float(m.result())
yt = np.array([[1.7], [2.76], [2.09], [3.19], [1.694]], f)
yp = np.array([[1.6], [2.9], [2.0], [3.0], [1.8]], f)
m = keras.metrics.R2Score(); m.update_state(yt, yp); out["r2"] = float(m.result())
print(json.dumps(out, indent=1))
