# Expected values for TrainerDataTests: what Keras 3.15.1's evaluate reports with sample weights.
# Run: ../../../../shared/tools/keras3/kpython trainer_sample_weight.py
import json, numpy as np, keras
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="softmax")])
m.set_weights([np.array([[0.5, -0.25], [0.1, 0.3], [-0.4, 0.2]], "float32"), np.array([0.05, -0.05], "float32")])
m.compile(loss="categorical_crossentropy", metrics=["accuracy"])
x = np.array([[1, 2, 3], [0.5, -1, 2], [-1, 0, 1], [2, 1, 0], [0, 0, 1]], "float32")
y = np.array([[1, 0], [0, 1], [0, 1], [1, 0], [1, 0]], "float32")
sw = np.array([1.0, 0.5, 2.0, 0.0, 3.0], "float32")
out = {
    "unweighted": m.evaluate(x, y, batch_size=2, verbose=0, return_dict=True),
    "weighted": m.evaluate(x, y, batch_size=2, sample_weight=sw, verbose=0, return_dict=True),
}
print(json.dumps(out))
