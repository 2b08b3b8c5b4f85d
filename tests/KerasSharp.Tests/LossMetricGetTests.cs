using System.Text.Json;
using KerasSharp;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// keras.losses.get / keras.metrics.get with every Keras 3.15.1 name that KerasSharp implements,
/// and the get_config of every class built with its defaults, against what the real Keras returns:
/// the tables are the output of KerasOracle/get_and_config.py (run with kpython).
/// </summary>
public class LossMetricGetTests
{
    /// <summary>keras.losses.get: "fn:name" for a function (its __name__), "class:Name" for a class instance.</summary>
    static readonly Dictionary<string, string> LossGet = new()
    {
        ["BCE"] = "fn:binary_crossentropy",
        ["BinaryCrossentropy"] = "class:BinaryCrossentropy",
        ["BinaryFocalCrossentropy"] = "class:BinaryFocalCrossentropy",
        ["CategoricalCrossentropy"] = "class:CategoricalCrossentropy",
        ["CategoricalFocalCrossentropy"] = "class:CategoricalFocalCrossentropy",
        ["CategoricalHinge"] = "class:CategoricalHinge",
        ["CosineSimilarity"] = "class:CosineSimilarity",
        ["Hinge"] = "class:Hinge",
        ["Huber"] = "class:Huber",
        ["KLD"] = "fn:kl_divergence",
        ["KLDivergence"] = "class:KLDivergence",
        ["LogCosh"] = "class:LogCosh",
        ["MAE"] = "fn:mean_absolute_error",
        ["MAPE"] = "fn:mean_absolute_percentage_error",
        ["MSE"] = "fn:mean_squared_error",
        ["MSLE"] = "fn:mean_squared_logarithmic_error",
        ["MeanAbsoluteError"] = "class:MeanAbsoluteError",
        ["MeanAbsolutePercentageError"] = "class:MeanAbsolutePercentageError",
        ["MeanSquaredError"] = "class:MeanSquaredError",
        ["MeanSquaredLogarithmicError"] = "class:MeanSquaredLogarithmicError",
        ["Poisson"] = "class:Poisson",
        ["SparseCategoricalCrossentropy"] = "class:SparseCategoricalCrossentropy",
        ["SquaredHinge"] = "class:SquaredHinge",
        ["bce"] = "fn:binary_crossentropy",
        ["binary_crossentropy"] = "fn:binary_crossentropy",
        ["binary_focal_crossentropy"] = "fn:binary_focal_crossentropy",
        ["categorical_crossentropy"] = "fn:categorical_crossentropy",
        ["categorical_focal_crossentropy"] = "fn:categorical_focal_crossentropy",
        ["categorical_hinge"] = "fn:categorical_hinge",
        ["cosine_similarity"] = "fn:cosine_similarity",
        ["hinge"] = "fn:hinge",
        ["huber"] = "fn:huber",
        ["kl_divergence"] = "fn:kl_divergence",
        ["kld"] = "fn:kl_divergence",
        ["log_cosh"] = "fn:log_cosh",
        ["mae"] = "fn:mean_absolute_error",
        ["mape"] = "fn:mean_absolute_percentage_error",
        ["mean_absolute_error"] = "fn:mean_absolute_error",
        ["mean_absolute_percentage_error"] = "fn:mean_absolute_percentage_error",
        ["mean_squared_error"] = "fn:mean_squared_error",
        ["mean_squared_logarithmic_error"] = "fn:mean_squared_logarithmic_error",
        ["mse"] = "fn:mean_squared_error",
        ["msle"] = "fn:mean_squared_logarithmic_error",
        ["poisson"] = "fn:poisson",
        ["sparse_categorical_crossentropy"] = "fn:sparse_categorical_crossentropy",
        ["squared_hinge"] = "fn:squared_hinge",
    };

    /// <summary>keras.metrics.get: the class of the instance returned.</summary>
    static readonly Dictionary<string, string> MetricGet = new()
    {
        ["AUC"] = "AUC",
        ["Accuracy"] = "Accuracy",
        ["BCE"] = "BinaryCrossentropy",
        ["BinaryAccuracy"] = "BinaryAccuracy",
        ["BinaryCrossentropy"] = "BinaryCrossentropy",
        ["CategoricalAccuracy"] = "CategoricalAccuracy",
        ["CategoricalCrossentropy"] = "CategoricalCrossentropy",
        ["CategoricalHinge"] = "CategoricalHinge",
        ["CosineSimilarity"] = "CosineSimilarity",
        ["F1Score"] = "F1Score",
        ["FBetaScore"] = "FBetaScore",
        ["FalseNegatives"] = "FalseNegatives",
        ["FalsePositives"] = "FalsePositives",
        ["Hinge"] = "Hinge",
        ["KLDivergence"] = "KLDivergence",
        ["LogCoshError"] = "LogCoshError",
        ["MAE"] = "MeanAbsoluteError",
        ["MAPE"] = "MeanAbsolutePercentageError",
        ["MSE"] = "MeanSquaredError",
        ["MSLE"] = "MeanSquaredLogarithmicError",
        ["Mean"] = "Mean",
        ["MeanAbsoluteError"] = "MeanAbsoluteError",
        ["MeanAbsolutePercentageError"] = "MeanAbsolutePercentageError",
        ["MeanSquaredError"] = "MeanSquaredError",
        ["MeanSquaredLogarithmicError"] = "MeanSquaredLogarithmicError",
        ["Poisson"] = "Poisson",
        ["Precision"] = "Precision",
        ["R2Score"] = "R2Score",
        ["Recall"] = "Recall",
        ["RootMeanSquaredError"] = "RootMeanSquaredError",
        ["SparseCategoricalAccuracy"] = "SparseCategoricalAccuracy",
        ["SparseCategoricalCrossentropy"] = "SparseCategoricalCrossentropy",
        ["SparseTopKCategoricalAccuracy"] = "SparseTopKCategoricalAccuracy",
        ["SquaredHinge"] = "SquaredHinge",
        ["Sum"] = "Sum",
        ["TopKCategoricalAccuracy"] = "TopKCategoricalAccuracy",
        ["TrueNegatives"] = "TrueNegatives",
        ["TruePositives"] = "TruePositives",
        ["accuracy"] = "Accuracy",
        ["auc"] = "AUC",
        ["bce"] = "BinaryCrossentropy",
        ["binary_accuracy"] = "BinaryAccuracy",
        ["binary_crossentropy"] = "BinaryCrossentropy",
        ["categorical_accuracy"] = "CategoricalAccuracy",
        ["categorical_crossentropy"] = "CategoricalCrossentropy",
        ["categorical_hinge"] = "CategoricalHinge",
        ["cosine_similarity"] = "CosineSimilarity",
        ["f1_score"] = "F1Score",
        ["f_beta_score"] = "FBetaScore",
        ["false_negatives"] = "FalseNegatives",
        ["false_positives"] = "FalsePositives",
        ["hinge"] = "Hinge",
        ["kl_divergence"] = "KLDivergence",
        ["log_cosh_error"] = "LogCoshError",
        ["mae"] = "MeanAbsoluteError",
        ["mape"] = "MeanAbsolutePercentageError",
        ["mean"] = "Mean",
        ["mean_absolute_error"] = "MeanAbsoluteError",
        ["mean_absolute_percentage_error"] = "MeanAbsolutePercentageError",
        ["mean_squared_error"] = "MeanSquaredError",
        ["mean_squared_logarithmic_error"] = "MeanSquaredLogarithmicError",
        ["mse"] = "MeanSquaredError",
        ["msle"] = "MeanSquaredLogarithmicError",
        ["poisson"] = "Poisson",
        ["precision"] = "Precision",
        ["r2_score"] = "R2Score",
        ["recall"] = "Recall",
        ["root_mean_squared_error"] = "RootMeanSquaredError",
        ["sparse_categorical_accuracy"] = "SparseCategoricalAccuracy",
        ["sparse_categorical_crossentropy"] = "SparseCategoricalCrossentropy",
        ["sparse_top_k_categorical_accuracy"] = "SparseTopKCategoricalAccuracy",
        ["squared_hinge"] = "SquaredHinge",
        ["sum"] = "Sum",
        ["top_k_categorical_accuracy"] = "TopKCategoricalAccuracy",
        ["true_negatives"] = "TrueNegatives",
        ["true_positives"] = "TruePositives",
    };

    static readonly Dictionary<string, string> LossConfigs = new()
    {
        ["MeanSquaredError"] = "{\"name\": \"mean_squared_error\", \"reduction\": \"sum_over_batch_size\"}",
        ["MeanAbsoluteError"] = "{\"name\": \"mean_absolute_error\", \"reduction\": \"sum_over_batch_size\"}",
        ["MeanAbsolutePercentageError"] = "{\"name\": \"mean_absolute_percentage_error\", \"reduction\": \"sum_over_batch_size\"}",
        ["MeanSquaredLogarithmicError"] = "{\"name\": \"mean_squared_logarithmic_error\", \"reduction\": \"sum_over_batch_size\"}",
        ["CosineSimilarity"] = "{\"name\": \"cosine_similarity\", \"reduction\": \"sum_over_batch_size\"}",
        ["Huber"] = "{\"name\": \"huber_loss\", \"reduction\": \"sum_over_batch_size\"}",
        ["LogCosh"] = "{\"name\": \"log_cosh\", \"reduction\": \"sum_over_batch_size\"}",
        ["Hinge"] = "{\"name\": \"hinge\", \"reduction\": \"sum_over_batch_size\"}",
        ["SquaredHinge"] = "{\"name\": \"squared_hinge\", \"reduction\": \"sum_over_batch_size\"}",
        ["CategoricalHinge"] = "{\"name\": \"categorical_hinge\", \"reduction\": \"sum_over_batch_size\"}",
        ["KLDivergence"] = "{\"name\": \"kl_divergence\", \"reduction\": \"sum_over_batch_size\"}",
        ["Poisson"] = "{\"name\": \"poisson\", \"reduction\": \"sum_over_batch_size\"}",
        ["BinaryCrossentropy"] = "{\"axis\": -1, \"from_logits\": false, \"label_smoothing\": 0.0, \"name\": \"binary_crossentropy\", \"reduction\": \"sum_over_batch_size\"}",
        ["BinaryFocalCrossentropy"] = "{\"alpha\": 0.25, \"apply_class_balancing\": false, \"axis\": -1, \"from_logits\": false, \"gamma\": 2.0, \"label_smoothing\": 0.0, \"name\": \"binary_focal_crossentropy\", \"reduction\": \"sum_over_batch_size\"}",
        ["CategoricalCrossentropy"] = "{\"axis\": -1, \"from_logits\": false, \"label_smoothing\": 0.0, \"name\": \"categorical_crossentropy\", \"reduction\": \"sum_over_batch_size\"}",
        ["CategoricalFocalCrossentropy"] = "{\"alpha\": 0.25, \"axis\": -1, \"from_logits\": false, \"gamma\": 2.0, \"label_smoothing\": 0.0, \"name\": \"categorical_focal_crossentropy\", \"reduction\": \"sum_over_batch_size\"}",
        ["SparseCategoricalCrossentropy"] = "{\"from_logits\": false, \"ignore_class\": null, \"name\": \"sparse_categorical_crossentropy\", \"reduction\": \"sum_over_batch_size\"}",
    };

    static readonly Dictionary<string, string> MetricConfigs = new()
    {
        ["Mean"] = "{\"dtype\": \"float32\", \"name\": \"mean\"}",
        ["Sum"] = "{\"dtype\": \"float32\", \"name\": \"sum\"}",
        ["Accuracy"] = "{\"dtype\": \"float32\", \"name\": \"accuracy\"}",
        ["BinaryAccuracy"] = "{\"dtype\": \"float32\", \"name\": \"binary_accuracy\", \"threshold\": 0.5}",
        ["CategoricalAccuracy"] = "{\"dtype\": \"float32\", \"name\": \"categorical_accuracy\"}",
        ["SparseCategoricalAccuracy"] = "{\"dtype\": \"float32\", \"name\": \"sparse_categorical_accuracy\"}",
        ["TopKCategoricalAccuracy"] = "{\"dtype\": \"float32\", \"k\": 5, \"name\": \"top_k_categorical_accuracy\"}",
        ["SparseTopKCategoricalAccuracy"] = "{\"dtype\": \"float32\", \"k\": 5, \"name\": \"sparse_top_k_categorical_accuracy\"}",
        ["MeanSquaredError"] = "{\"dtype\": \"float32\", \"name\": \"mean_squared_error\"}",
        ["MeanAbsoluteError"] = "{\"dtype\": \"float32\", \"name\": \"mean_absolute_error\"}",
        ["MeanAbsolutePercentageError"] = "{\"dtype\": \"float32\", \"name\": \"mean_absolute_percentage_error\"}",
        ["MeanSquaredLogarithmicError"] = "{\"dtype\": \"float32\", \"name\": \"mean_squared_logarithmic_error\"}",
        ["RootMeanSquaredError"] = "{\"dtype\": \"float32\", \"name\": \"root_mean_squared_error\"}",
        ["CosineSimilarity"] = "{\"dtype\": \"float32\", \"name\": \"cosine_similarity\"}",
        ["LogCoshError"] = "{\"dtype\": \"float32\", \"name\": \"logcosh\"}",
        ["R2Score"] = "{\"class_aggregation\": \"uniform_average\", \"dtype\": \"float32\", \"name\": \"r2_score\", \"num_regressors\": 0}",
        ["KLDivergence"] = "{\"dtype\": \"float32\", \"name\": \"kl_divergence\"}",
        ["Poisson"] = "{\"dtype\": \"float32\", \"name\": \"poisson\"}",
        ["BinaryCrossentropy"] = "{\"dtype\": \"float32\", \"from_logits\": false, \"label_smoothing\": 0, \"name\": \"binary_crossentropy\"}",
        ["CategoricalCrossentropy"] = "{\"axis\": -1, \"dtype\": \"float32\", \"from_logits\": false, \"label_smoothing\": 0, \"name\": \"categorical_crossentropy\"}",
        ["SparseCategoricalCrossentropy"] = "{\"axis\": -1, \"dtype\": \"float32\", \"from_logits\": false, \"ignore_class\": null, \"name\": \"sparse_categorical_crossentropy\"}",
        ["Hinge"] = "{\"dtype\": \"float32\", \"name\": \"hinge\"}",
        ["SquaredHinge"] = "{\"dtype\": \"float32\", \"name\": \"squared_hinge\"}",
        ["CategoricalHinge"] = "{\"dtype\": \"float32\", \"name\": \"categorical_hinge\"}",
        ["F1Score"] = "{\"average\": null, \"dtype\": \"float32\", \"name\": \"f1_score\", \"threshold\": null}",
        ["FBetaScore"] = "{\"average\": null, \"beta\": 1.0, \"dtype\": \"float32\", \"name\": \"fbeta_score\", \"threshold\": null}",
        ["AUC"] = "{\"curve\": \"ROC\", \"dtype\": \"float32\", \"from_logits\": false, \"label_weights\": null, \"multi_label\": false, \"name\": \"m\", \"num_labels\": null, \"num_thresholds\": 200, \"summation_method\": \"interpolation\"}",
        ["Precision"] = "{\"class_id\": null, \"dtype\": \"float32\", \"name\": \"m\", \"thresholds\": null, \"top_k\": null}",
        ["Recall"] = "{\"class_id\": null, \"dtype\": \"float32\", \"name\": \"m\", \"thresholds\": null, \"top_k\": null}",
        ["TruePositives"] = "{\"dtype\": \"float32\", \"name\": \"m\", \"thresholds\": null}",
        ["FalsePositives"] = "{\"dtype\": \"float32\", \"name\": \"m\", \"thresholds\": null}",
        ["TrueNegatives"] = "{\"dtype\": \"float32\", \"name\": \"m\", \"thresholds\": null}",
        ["FalseNegatives"] = "{\"dtype\": \"float32\", \"name\": \"m\", \"thresholds\": null}",
        ["SensitivityAtSpecificity"] = "{\"class_id\": null, \"dtype\": \"float32\", \"name\": \"m\", \"num_thresholds\": 200, \"specificity\": 0.5}",
        ["SpecificityAtSensitivity"] = "{\"class_id\": null, \"dtype\": \"float32\", \"name\": \"m\", \"num_thresholds\": 200, \"sensitivity\": 0.5}",
        ["PrecisionAtRecall"] = "{\"class_id\": null, \"dtype\": \"float32\", \"name\": \"m\", \"num_thresholds\": 200, \"recall\": 0.5}",
        ["RecallAtPrecision"] = "{\"class_id\": null, \"dtype\": \"float32\", \"name\": \"m\", \"num_thresholds\": 200, \"precision\": 0.5}",
    };

    static readonly Dictionary<string, string> Directions = new()
    {
        ["Accuracy"] = "up",
        ["BinaryAccuracy"] = "up",
        ["MeanSquaredError"] = "down",
        ["KLDivergence"] = "down",
        ["Poisson"] = "down",
        ["BinaryCrossentropy"] = "down",
        ["CosineSimilarity"] = "up",
        ["LogCoshError"] = "down",
        ["RootMeanSquaredError"] = "down",
        ["R2Score"] = "up",
        ["AUC"] = "up",
        ["Precision"] = "up",
        ["Recall"] = "up",
        ["TruePositives"] = "None",
        ["F1Score"] = "up",
        ["Mean"] = "None",
        ["Sum"] = "None",
        ["Hinge"] = "down",
    };

    [Fact]
    public void Losses_get_returns_what_keras_returns_for_each_name()
    {
        foreach (var (name, expected) in LossGet)
        {
            var loss = keras.losses.get(name);
            string actual = loss.GetType() == typeof(LossFunctionWrapper) ? "fn:" + ((LossFunctionWrapper)loss).fn_name : "class:" + loss.class_name;
            Assert.True(expected == actual, $"keras.losses.get(\"{name}\"): expected {expected}, got {actual}");
            if (expected.StartsWith("fn:", StringComparison.Ordinal)) Assert.Equal(expected[3..], loss.name);
        }
    }

    [Fact]
    public void Metrics_get_returns_the_class_keras_returns_for_each_name()
    {
        foreach (var (name, expected) in MetricGet)
            Assert.True(expected == keras.metrics.get(name).class_name, $"keras.metrics.get(\"{name}\"): expected {expected}, got {keras.metrics.get(name).class_name}");
    }

    [Fact]
    public void Get_with_a_name_keras_does_not_know_raises_keras_error_with_the_known_names()
    {
        Assert.StartsWith("Could not interpret loss identifier: typo. Known loss names: BCE, ", Assert.Throws<ArgumentException>(() => keras.losses.get("typo")).Message);
        Assert.StartsWith("Could not interpret metric identifier: acc. Known metric names: ", Assert.Throws<ArgumentException>(() => keras.metrics.get("acc")).Message);
    }

    static void SameConfig(string expectedJson, Dictionary<string, object?> actual, string what)
    {
        using var doc = JsonDocument.Parse(expectedJson);
        var expected = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        Assert.True(expected.Keys.OrderBy(k => k).SequenceEqual(actual.Keys.OrderBy(k => k)),
            $"{what}: keys [{string.Join(", ", actual.Keys.OrderBy(k => k))}], Keras has [{string.Join(", ", expected.Keys.OrderBy(k => k))}]");
        foreach (var (key, e) in expected)
        {
            var a = actual[key];
            bool same = e.ValueKind switch
            {
                JsonValueKind.Null => a is null,
                JsonValueKind.String => a is string s && s == e.GetString(),
                JsonValueKind.True => a is true,
                JsonValueKind.False => a is false,
                JsonValueKind.Number => a is not null and not bool and not string && Convert.ToDouble(a) == e.GetDouble(),
                _ => false,
            };
            Assert.True(same, $"{what}: '{key}' is {a ?? "null"}, Keras has {e}");
        }
    }

    [Fact]
    public void Loss_configs_are_keras_configs()
    {
        foreach (var (cls, json) in LossConfigs)
        {
            var loss = keras.losses.get(cls);
            SameConfig(json, loss.get_config(), cls);
            var again = keras.losses.deserialize(keras.losses.serialize(loss));
            Assert.Equal(loss.GetType(), again.GetType());
            SameConfig(json, again.get_config(), cls + " after serialize/deserialize");
        }
    }

    [Fact]
    public void Metric_configs_are_keras_configs()
    {
        foreach (var (cls, json) in MetricConfigs)
        {
            using var doc = JsonDocument.Parse(json);
            var config = new Dictionary<string, object?>();
            if (doc.RootElement.GetProperty("name").GetString() == "m") config["name"] = "m";
            foreach (var arg in new[] { "specificity", "sensitivity", "recall", "precision" })
                if (doc.RootElement.TryGetProperty(arg, out var v)) config[arg] = v.GetDouble();
            var metric = keras.metrics.deserialize(new Dictionary<string, object?> { ["class_name"] = cls, ["config"] = config });
            Assert.Equal(cls, metric.class_name);
            SameConfig(json, metric.get_config(), cls);
            var again = keras.metrics.deserialize(keras.metrics.serialize(metric));
            SameConfig(json, again.get_config(), cls + " after serialize/deserialize");
        }
    }

    [Fact]
    public void Metric_directions_are_keras_directions()
    {
        foreach (var (cls, direction) in Directions)
            Assert.True((direction == "None" ? null : direction) == keras.metrics.get(cls).Direction, $"{cls}: expected {direction}, got {keras.metrics.get(cls).Direction ?? "None"}");
    }

    /// <summary>Keras serializes a loss object in a model's compile config as module/class_name/config; deserialize reads that JSON back.</summary>
    [Fact]
    public void A_serialized_loss_in_keras_json_form_deserializes()
    {
        using var doc = JsonDocument.Parse("{\"module\": \"keras.losses\", \"class_name\": \"BinaryCrossentropy\", \"config\": {\"name\": \"bce\", " +
            "\"reduction\": \"sum\", \"from_logits\": true, \"label_smoothing\": 0.1, \"axis\": -1}, \"registered_name\": null}");
        var loss = (KerasSharp.Losses.BinaryCrossentropy)keras.losses.deserialize(doc.RootElement);
        Assert.Equal("bce", loss.name);
        Assert.Equal("sum", loss.reduction);
        Assert.True(loss.from_logits);
        Assert.Equal(0.1, loss.label_smoothing);
        using var fn = JsonDocument.Parse("{\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"mean_squared_error\", \"registered_name\": \"function\"}");
        Assert.Equal("mean_squared_error", ((LossFunctionWrapper)keras.losses.deserialize(fn.RootElement)).fn_name);
    }
}
