# What keras.losses.get / keras.metrics.get return for each name KerasSharp implements, and the
# get_config of each class built with its defaults (Keras 3.15.1). LossMetricGetTests.cs embeds
# this output. Run from the repository root:
#   ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/get_and_config.py
import inspect, json
import keras
from keras.src.losses import ALL_OBJECTS_DICT as LOSSES
from keras.src.metrics import ALL_OBJECTS_DICT as METRICS

NOT_IMPLEMENTED = {"CTC", "ctc", "Dice", "dice", "Tversky", "tversky", "Circle", "circle", "Loss", "LossFunctionWrapper",
                   "CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy",
                   "BinaryIoU", "binary_io_u", "IoU", "io_u", "MeanIoU", "mean_io_u", "OneHotIoU", "one_hot_io_u",
                   "OneHotMeanIoU", "one_hot_mean_io_u", "ConcordanceCorrelation", "concordance_correlation",
                   "PearsonCorrelation", "pearson_correlation", "Metric", "metric", "MeanMetricWrapper", "mean_metric_wrapper",
                   "SensitivityAtSpecificity", "sensitivity_at_specificity", "SpecificityAtSensitivity", "specificity_at_sensitivity",
                   "PrecisionAtRecall", "precision_at_recall", "RecallAtPrecision", "recall_at_precision"}

print("# losses.get: name -> function name or class name")
for name in sorted(LOSSES):
    if name in NOT_IMPLEMENTED:
        continue
    obj = keras.losses.get(name)
    print(f'["{name}"] = "{("fn:" + obj.__name__) if inspect.isfunction(obj) else ("class:" + type(obj).__name__)}",')

print("# metrics.get: name -> class name")
for name in sorted(METRICS):
    if name in NOT_IMPLEMENTED:
        continue
    print(f'["{name}"] = "{type(keras.metrics.get(name)).__name__}",')

def cfg(obj):
    c = obj.get_config()
    return json.dumps(c, sort_keys=True)

print("# loss configs (defaults)")
for cls in ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError", "CosineSimilarity",
            "Huber", "LogCosh", "Hinge", "SquaredHinge", "CategoricalHinge", "KLDivergence", "Poisson", "BinaryCrossentropy",
            "BinaryFocalCrossentropy", "CategoricalCrossentropy", "CategoricalFocalCrossentropy", "SparseCategoricalCrossentropy"]:
    print(f'["{cls}"] = {json.dumps(cfg(getattr(keras.losses, cls)()))},')

print("# metric configs (defaults; auto-named ones given the name 'm')")
for cls in ["Mean", "Sum", "Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
            "SparseTopKCategoricalAccuracy", "MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
            "MeanSquaredLogarithmicError", "RootMeanSquaredError", "CosineSimilarity", "LogCoshError", "R2Score", "KLDivergence", "Poisson",
            "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "Hinge", "SquaredHinge", "CategoricalHinge",
            "F1Score", "FBetaScore"]:
    print(f'["{cls}"] = {json.dumps(cfg(getattr(keras.metrics, cls)()))},')
for cls in ["AUC", "Precision", "Recall", "TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives"]:
    print(f'["{cls}"] = {json.dumps(cfg(getattr(keras.metrics, cls)(name="m")))},')
for cls, arg in [("SensitivityAtSpecificity", "specificity"), ("SpecificityAtSensitivity", "sensitivity"), ("PrecisionAtRecall", "recall"),
                 ("RecallAtPrecision", "precision")]:
    print(f'["{cls}"] = {json.dumps(cfg(getattr(keras.metrics, cls)(0.5, name="m")))},')

print("# directions (_direction) of the metrics built with their defaults")
for cls in ["Accuracy", "BinaryAccuracy", "MeanSquaredError", "KLDivergence", "Poisson", "BinaryCrossentropy", "CosineSimilarity",
            "LogCoshError", "RootMeanSquaredError", "R2Score", "AUC", "Precision", "Recall", "TruePositives", "F1Score", "Mean", "Sum", "Hinge"]:
    print(f'["{cls}"] = "{getattr(getattr(keras.metrics, cls)(), "_direction", None)}",')
