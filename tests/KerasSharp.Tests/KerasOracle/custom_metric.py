# A user-defined keras.metrics.Metric subclass (metric_test.py's ExampleMetric, Keras 3.15.1),
# plus one with sample weights and a vector state, fed fixed batches; CustomMetricTests.cs writes
# the same classes in C# and expects these numbers. Run from the repository root:
#   ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/custom_metric.py
import numpy as np
from keras.src import backend, initializers, ops
from keras.src.metrics.metric import Metric


class ExampleMetric(Metric):
    def __init__(self, name="mean_square_error", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.sum = self.add_variable(name="sum", shape=(), initializer=initializers.Zeros())
        self.total = self.add_variable(name="total", shape=(), initializer=initializers.Zeros(), dtype="int32")

    def update_state(self, y_true, y_pred):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        self.sum.assign(self.sum + ops.sum((y_true - y_pred) ** 2))
        self.total.assign(self.total + ops.shape(y_true)[0])

    def result(self):
        _sum = ops.cast(self.sum, dtype=self.dtype)
        _total = ops.cast(self.total, dtype=self.dtype)
        return _sum / (_total + ops.cast(backend.epsilon(), dtype=self.dtype))

    def reset_state(self):
        self.sum.assign(0)
        self.total.assign(0)


class WeightedPerColumnError(Metric):
    """Per-column weighted mean absolute error, with a vector state built at the first batch."""

    def __init__(self, name="per_column_error", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.count = self.add_weight(name="count", shape=(), initializer="zeros")
        self.errors = None

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if self.errors is None:
            self.errors = self.add_variable(name="errors", shape=(y_pred.shape[-1],), initializer="zeros")
        w = ops.ones((y_true.shape[0],)) if sample_weight is None else ops.convert_to_tensor(sample_weight, dtype=self.dtype)
        self.errors.assign_add(ops.sum(ops.abs(y_true - y_pred) * w[:, None], axis=0))
        self.count.assign_add(ops.sum(w))

    def result(self):
        return self.errors / self.count


# 20 samples of 3 values in batches of 8, 8, 4 (metric_test.py test_end_to_end_flow, fixed data)
y_true = (np.arange(60, dtype=np.float32).reshape(20, 3) % 7) / 7.0
y_pred = (np.arange(60, dtype=np.float32).reshape(20, 3) % 5) / 5.0
m = ExampleMetric(name="mse")
for b in range(0, 3):
    m.update_state(y_true[b * 8:(b + 1) * 8], y_pred[b * 8:(b + 1) * 8])
print("example.variables", len(m.variables), [v.name for v in m.variables])
print("example.total", int(m.total.numpy()))
print("example.result", float(m.result()))
m.reset_state()
print("example.after_reset", float(m.result()))

w = WeightedPerColumnError()
w.update_state(y_true[:8], y_pred[:8], sample_weight=np.linspace(0.5, 2.0, 8).astype("float32"))
w.update_state(y_true[8:], y_pred[8:])
print("weighted.variables", [v.name for v in w.variables])
print("weighted.result", np.asarray(w.result(), dtype=np.float64).tolist())
