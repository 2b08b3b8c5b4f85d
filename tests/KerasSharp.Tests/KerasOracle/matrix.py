# Every loss and metric class KerasSharp implements, on the same fixed batches, with each reduction
# and with sample weights (Keras 3.15.1). LossMetricMatrixTests.cs embeds the output.
# Run from the repository root:
#   ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/matrix.py
import numpy as np
import keras

# Fixed inputs (no randomness): 4 samples, 3 classes / outputs.
probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.25, 0.25, 0.5], [0.05, 0.05, 0.9]], dtype="float32")
onehot = np.array([[1, 0, 0], [0, 0, 1], [0, 0, 1], [0, 1, 0]], dtype="float32")
labels = np.array([0, 2, 2, 1])
logits = np.array([[2.0, -1.0, 0.5], [-0.3, 1.2, 0.8], [0.0, 0.4, -2.0], [1.5, 1.5, -0.5]], dtype="float32")
reg_true = np.array([[1.5, -2.0, 0.3], [0.0, 4.0, 2.2], [-1.0, 0.5, 3.0], [2.5, 2.5, -0.7]], dtype="float32")
reg_pred = np.array([[1.0, -1.0, 0.5], [0.4, 3.0, 2.0], [-2.0, 1.5, 2.0], [2.0, 2.0, 0.1]], dtype="float32")
pos = np.abs(reg_true) + 0.1
pos_pred = np.abs(reg_pred) + 0.2
sw = np.array([0.5, 1.0, 2.0, 0.0], dtype="float32")

L = keras.losses
cases = {
    "MeanSquaredError": (L.MeanSquaredError, {}, reg_true, reg_pred),
    "MeanAbsoluteError": (L.MeanAbsoluteError, {}, reg_true, reg_pred),
    "MeanAbsolutePercentageError": (L.MeanAbsolutePercentageError, {}, reg_true, reg_pred),
    "MeanSquaredLogarithmicError": (L.MeanSquaredLogarithmicError, {}, pos, pos_pred),
    "CosineSimilarity": (L.CosineSimilarity, {}, reg_true, reg_pred),
    "Huber": (L.Huber, {"delta": 0.7}, reg_true, reg_pred),
    "LogCosh": (L.LogCosh, {}, reg_true, reg_pred),
    "Hinge": (L.Hinge, {}, onehot, logits),
    "SquaredHinge": (L.SquaredHinge, {}, onehot, logits),
    "CategoricalHinge": (L.CategoricalHinge, {}, onehot, logits),
    "KLDivergence": (L.KLDivergence, {}, onehot * 0.8 + 0.05, probs),
    "Poisson": (L.Poisson, {}, pos, pos_pred),
    "BinaryCrossentropy": (L.BinaryCrossentropy, {}, onehot, probs),
    "BinaryCrossentropy_logits_smoothing": (L.BinaryCrossentropy, {"from_logits": True, "label_smoothing": 0.2}, onehot, logits),
    "BinaryFocalCrossentropy": (L.BinaryFocalCrossentropy, {"apply_class_balancing": True, "alpha": 0.3, "gamma": 1.5}, onehot, probs),
    "CategoricalCrossentropy": (L.CategoricalCrossentropy, {"label_smoothing": 0.1}, onehot, probs),
    "CategoricalCrossentropy_logits": (L.CategoricalCrossentropy, {"from_logits": True}, onehot, logits),
    "CategoricalFocalCrossentropy": (L.CategoricalFocalCrossentropy, {"alpha": 0.4, "gamma": 1.0, "from_logits": True}, onehot, logits),
    "SparseCategoricalCrossentropy": (L.SparseCategoricalCrossentropy, {}, labels, probs),
    "SparseCategoricalCrossentropy_logits_ignore": (L.SparseCategoricalCrossentropy, {"from_logits": True, "ignore_class": 2}, labels, logits),
}
print("# losses: name, reduction -> unweighted, weighted")
for name, (cls, kw, t, p) in cases.items():
    for red in ["sum_over_batch_size", "sum", "mean_with_sample_weight", "none"]:
        loss = cls(reduction=red, **kw)
        a = np.asarray(loss(t, p), dtype=np.float64).ravel().tolist()
        b = np.asarray(loss(t, p, sample_weight=sw), dtype=np.float64).ravel().tolist()
        print(f'("{name}", "{red}", new[] {{ {", ".join(repr(x) for x in a)} }}, new[] {{ {", ".join(repr(x) for x in b)} }}),')

M = keras.metrics
mcases = {
    "Accuracy": (M.Accuracy, {}, labels, np.array([0, 1, 2, 1])),
    "BinaryAccuracy": (M.BinaryAccuracy, {"threshold": 0.3}, onehot, probs),
    "CategoricalAccuracy": (M.CategoricalAccuracy, {}, onehot, probs),
    "SparseCategoricalAccuracy": (M.SparseCategoricalAccuracy, {}, labels, probs),
    "TopKCategoricalAccuracy": (M.TopKCategoricalAccuracy, {"k": 2}, onehot, probs),
    "SparseTopKCategoricalAccuracy": (M.SparseTopKCategoricalAccuracy, {"k": 2}, labels, probs),
    "MeanSquaredError": (M.MeanSquaredError, {}, reg_true, reg_pred),
    "MeanAbsoluteError": (M.MeanAbsoluteError, {}, reg_true, reg_pred),
    "MeanAbsolutePercentageError": (M.MeanAbsolutePercentageError, {}, reg_true, reg_pred),
    "MeanSquaredLogarithmicError": (M.MeanSquaredLogarithmicError, {}, pos, pos_pred),
    "RootMeanSquaredError": (M.RootMeanSquaredError, {}, reg_true, reg_pred),
    "CosineSimilarity": (M.CosineSimilarity, {}, reg_true, reg_pred),
    "LogCoshError": (M.LogCoshError, {}, reg_true, reg_pred),
    "R2Score": (M.R2Score, {}, reg_true, reg_pred),
    "R2Score_variance_weighted": (M.R2Score, {"class_aggregation": "variance_weighted_average", "num_regressors": 1}, reg_true, reg_pred),
    "KLDivergence": (M.KLDivergence, {}, onehot * 0.8 + 0.05, probs),
    "Poisson": (M.Poisson, {}, pos, pos_pred),
    "BinaryCrossentropy": (M.BinaryCrossentropy, {"label_smoothing": 0.1}, onehot, probs),
    "CategoricalCrossentropy": (M.CategoricalCrossentropy, {"from_logits": True}, onehot, logits),
    "SparseCategoricalCrossentropy": (M.SparseCategoricalCrossentropy, {}, labels, probs),
    "Hinge": (M.Hinge, {}, onehot, logits),
    "SquaredHinge": (M.SquaredHinge, {}, onehot, logits),
    "CategoricalHinge": (M.CategoricalHinge, {}, onehot, logits),
    "AUC": (M.AUC, {"num_thresholds": 7}, onehot, probs),
    "AUC_PR": (M.AUC, {"curve": "PR"}, onehot, probs),
    "AUC_multi_label": (M.AUC, {"multi_label": True, "num_thresholds": 9}, onehot, probs),
    "Precision": (M.Precision, {"thresholds": [0.2, 0.5]}, onehot, probs),
    "Recall": (M.Recall, {}, onehot, probs),
    "TruePositives": (M.TruePositives, {}, onehot, probs),
    "FalsePositives": (M.FalsePositives, {"thresholds": [0.0, 0.5, 1.0]}, onehot, probs),
    "TrueNegatives": (M.TrueNegatives, {}, onehot, probs),
    "FalseNegatives": (M.FalseNegatives, {}, onehot, probs),
    "PrecisionAtRecall": (M.PrecisionAtRecall, {"recall": 0.5}, onehot, probs),
    "RecallAtPrecision": (M.RecallAtPrecision, {"precision": 0.5}, onehot, probs),
    "SensitivityAtSpecificity": (M.SensitivityAtSpecificity, {"specificity": 0.6}, onehot, probs),
    "SpecificityAtSensitivity": (M.SpecificityAtSensitivity, {"sensitivity": 0.6, "num_thresholds": 11}, onehot, probs),
    "F1Score_macro": (M.F1Score, {"average": "macro"}, onehot, probs),
    "FBetaScore_weighted": (M.FBetaScore, {"average": "weighted", "beta": 2.0, "threshold": 0.3}, onehot, probs),
}
print("# metrics: name -> after an unweighted then a weighted update of the same batch")
for name, (cls, kw, t, p) in mcases.items():
    m = cls(**kw)
    m.update_state(t, p)
    a = np.asarray(m.result(), dtype=np.float64).ravel().tolist()
    m.update_state(t, p, sample_weight=sw)
    b = np.asarray(m.result(), dtype=np.float64).ravel().tolist()
    print(f'("{name}", new[] {{ {", ".join(repr(x) for x in a)} }}, new[] {{ {", ".join(repr(x) for x in b)} }}),')
