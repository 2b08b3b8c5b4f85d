# Expected values for KerasSharp's regularizer tests: Keras's regularizers_test.py draws random weights,
# KerasSharp's tests use this fixed matrix; each value is the Keras test's own expression, and Keras's
# regularizer gives the same. Run: ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/regularizers_oracle.py
import json
import numpy as np
from keras import regularizers
from keras.src import backend

value = (np.arange(16, dtype=np.float32).reshape(4, 4) / 10.0 - 0.7).astype(np.float32)
x = backend.Variable(value)
def f(t): return float(np.array(t))
def ortho_expected(v, axis):
    n = v / np.linalg.norm(v, axis=axis, keepdims=True)
    p = np.dot(n, n.T) if axis == 1 else np.dot(n.T, n)
    return 0.1 * 0.5 * np.sum(np.abs(p * (1.0 - np.eye(4)))) / (4.0 * (4.0 - 1.0) / 2.0)
out = {
    "value": value.tolist(),
    "l1": [0.1 * float(np.sum(np.abs(value))), f(regularizers.L1(0.1)(x))],
    "l2": [0.1 * float(np.sum(np.square(value))), f(regularizers.L2(0.1)(x))],
    "l1_l2": [0.1 * float(np.sum(np.abs(value))) + 0.2 * float(np.sum(np.square(value))), f(regularizers.L1L2(l1=0.1, l2=0.2)(x))],
    "orthogonal_rows": [float(ortho_expected(value, 1)), f(regularizers.OrthogonalRegularizer(factor=0.1, mode="rows")(x))],
    "orthogonal_columns": [float(ortho_expected(value, 0)), f(regularizers.OrthogonalRegularizer(factor=0.1, mode="columns")(x))],
    "configs": {c: r.get_config() for c, r in [("L1", regularizers.L1(0.1)), ("L2", regularizers.L2(0.1)), ("L1L2", regularizers.L1L2(0.1, 0.2)),
                                                ("OrthogonalRegularizer", regularizers.OrthogonalRegularizer(0.1, "rows"))]},
}
for name, bad in [("l1", lambda: regularizers.L1(-1)), ("nan", lambda: regularizers.L2(float("nan")))]:
    try: bad()
    except ValueError as e: out["error_" + name] = str(e)
print(json.dumps(out, indent=1))
