using KerasSharp;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Every loss (with each reduction, with and without sample weights) and every metric (an
/// unweighted then a weighted update) on the same fixed batches, against the real Keras 3.15.1:
/// the tables are the output of KerasOracle/matrix.py (run with kpython). Keras's tests give no
/// tolerance for these; float32 kernels of two engines are compared at rtol 1e-4, atol 1e-5.
/// </summary>
public class LossMetricMatrixTests
{
    static Tensor Probs => F(new double[,] { { 0.7, 0.2, 0.1 }, { 0.1, 0.6, 0.3 }, { 0.25, 0.25, 0.5 }, { 0.05, 0.05, 0.9 } });
    static Tensor OneHot => F(new double[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 0, 0, 1 }, { 0, 1, 0 } });
    static Tensor Labels => I(0, 2, 2, 1);
    static Tensor Logits => F(new double[,] { { 2.0, -1.0, 0.5 }, { -0.3, 1.2, 0.8 }, { 0.0, 0.4, -2.0 }, { 1.5, 1.5, -0.5 } });
    static Tensor RegTrue => F(new double[,] { { 1.5, -2.0, 0.3 }, { 0.0, 4.0, 2.2 }, { -1.0, 0.5, 3.0 }, { 2.5, 2.5, -0.7 } });
    static Tensor RegPred => F(new double[,] { { 1.0, -1.0, 0.5 }, { 0.4, 3.0, 2.0 }, { -2.0, 1.5, 2.0 }, { 2.0, 2.0, 0.1 } });
    static Tensor Pos => RegTrue.abs() + 0.1;
    static Tensor PosPred => RegPred.abs() + 0.2;
    static Tensor Sw => F(0.5, 1.0, 2.0, 0.0);

    static (Loss loss, Tensor t, Tensor p) LossCase(string name, string reduction) => name switch
    {
        "MeanSquaredError" => (new KerasSharp.Losses.MeanSquaredError(reduction: reduction), RegTrue, RegPred),
        "MeanAbsoluteError" => (new KerasSharp.Losses.MeanAbsoluteError(reduction: reduction), RegTrue, RegPred),
        "MeanAbsolutePercentageError" => (new KerasSharp.Losses.MeanAbsolutePercentageError(reduction: reduction), RegTrue, RegPred),
        "MeanSquaredLogarithmicError" => (new KerasSharp.Losses.MeanSquaredLogarithmicError(reduction: reduction), Pos, PosPred),
        "CosineSimilarity" => (new KerasSharp.Losses.CosineSimilarity(reduction: reduction), RegTrue, RegPred),
        "Huber" => (new Huber(delta: 0.7, reduction: reduction), RegTrue, RegPred),
        "LogCosh" => (new LogCosh(reduction: reduction), RegTrue, RegPred),
        "Hinge" => (new KerasSharp.Losses.Hinge(reduction: reduction), OneHot, Logits),
        "SquaredHinge" => (new KerasSharp.Losses.SquaredHinge(reduction: reduction), OneHot, Logits),
        "CategoricalHinge" => (new KerasSharp.Losses.CategoricalHinge(reduction: reduction), OneHot, Logits),
        "KLDivergence" => (new KerasSharp.Losses.KLDivergence(reduction: reduction), OneHot * 0.8 + 0.05, Probs),
        "Poisson" => (new KerasSharp.Losses.Poisson(reduction: reduction), Pos, PosPred),
        "BinaryCrossentropy" => (new KerasSharp.Losses.BinaryCrossentropy(reduction: reduction), OneHot, Probs),
        "BinaryCrossentropy_logits_smoothing" => (new KerasSharp.Losses.BinaryCrossentropy(from_logits: true, label_smoothing: 0.2, reduction: reduction), OneHot, Logits),
        "BinaryFocalCrossentropy" => (new BinaryFocalCrossentropy(apply_class_balancing: true, alpha: 0.3, gamma: 1.5, reduction: reduction), OneHot, Probs),
        "CategoricalCrossentropy" => (new KerasSharp.Losses.CategoricalCrossentropy(label_smoothing: 0.1, reduction: reduction), OneHot, Probs),
        "CategoricalCrossentropy_logits" => (new KerasSharp.Losses.CategoricalCrossentropy(from_logits: true, reduction: reduction), OneHot, Logits),
        "CategoricalFocalCrossentropy" => (new CategoricalFocalCrossentropy(alpha: 0.4, gamma: 1.0, from_logits: true, reduction: reduction), OneHot, Logits),
        "SparseCategoricalCrossentropy" => (new KerasSharp.Losses.SparseCategoricalCrossentropy(reduction: reduction), Labels, Probs),
        "SparseCategoricalCrossentropy_logits_ignore" => (new KerasSharp.Losses.SparseCategoricalCrossentropy(from_logits: true, ignore_class: 2, reduction: reduction), Labels, Logits),
        _ => throw new ArgumentException(name),
    };

    static readonly (string name, string reduction, double[] unweighted, double[] weighted)[] Losses =
    {
        ("MeanSquaredError", "sum_over_batch_size", new[] { 0.5525000095367432 }, new[] { 0.6537500023841858 }),
        ("MeanSquaredError", "sum", new[] { 2.2100000381469727 }, new[] { 2.615000009536743 }),
        ("MeanSquaredError", "mean_with_sample_weight", new[] { 0.5525000095367432 }, new[] { 0.7471428513526917 }),
        ("MeanSquaredError", "none", new[] { 0.429999977350235, 0.3999999761581421, 1.0, 0.3800000250339508 }, new[] { 0.2149999886751175, 0.3999999761581421, 2.0, 0.0 }),
        ("MeanAbsoluteError", "sum_over_batch_size", new[] { 0.6749999523162842 }, new[] { 0.7041666507720947 }),
        ("MeanAbsoluteError", "sum", new[] { 2.6999998092651367 }, new[] { 2.816666603088379 }),
        ("MeanAbsoluteError", "mean_with_sample_weight", new[] { 0.6749999523162842 }, new[] { 0.8047618865966797 }),
        ("MeanAbsoluteError", "none", new[] { 0.5666666626930237, 0.5333333611488342, 1.0, 0.5999999642372131 }, new[] { 0.28333333134651184, 0.5333333611488342, 2.0, 0.0 }),
        ("MeanAbsolutePercentageError", "sum_over_batch_size", new[] { 33333386.0 }, new[] { 33333396.0 }),
        ("MeanAbsolutePercentageError", "sum", new[] { 133333544.0 }, new[] { 133333584.0 }),
        ("MeanAbsolutePercentageError", "mean_with_sample_weight", new[] { 33333386.0 }, new[] { 38095308.0 }),
        ("MeanAbsolutePercentageError", "none", new[] { 50.0, 133333336.0, 111.1111068725586, 51.42857360839844 }, new[] { 25.0, 133333336.0, 222.2222137451172, 0.0 }),
        ("MeanSquaredLogarithmicError", "sum_over_batch_size", new[] { 0.08404424041509628 }, new[] { 0.10799252986907959 }),
        ("MeanSquaredLogarithmicError", "sum", new[] { 0.33617696166038513 }, new[] { 0.43197011947631836 }),
        ("MeanSquaredLogarithmicError", "mean_with_sample_weight", new[] { 0.08404424041509628 }, new[] { 0.12342003732919693 }),
        ("MeanSquaredLogarithmicError", "none", new[] { 0.06107153370976448, 0.0596795491874218, 0.1708773970603943, 0.044548481702804565 }, new[] { 0.03053576685488224, 0.0596795491874218, 0.3417547941207886, 0.0 }),
        ("CosineSimilarity", "sum_over_batch_size", new[] { -0.9459605813026428 }, new[] { -0.7952044010162354 }),
        ("CosineSimilarity", "sum", new[] { -3.7838423252105713 }, new[] { -3.1808176040649414 }),
        ("CosineSimilarity", "mean_with_sample_weight", new[] { -0.9459605813026428 }, new[] { -0.9088050127029419 }),
        ("CosineSimilarity", "none", new[] { -0.966400146484375, -0.9903005361557007, -0.8536585569381714, -0.9734830856323242 }, new[] { -0.4832000732421875, -0.9903005361557007, -1.7073171138763428, -0.0 }),
        ("Huber", "sum_over_batch_size", new[] { 0.25708335638046265 }, new[] { 0.29874998331069946 }),
        ("Huber", "sum", new[] { 1.0283334255218506 }, new[] { 1.1949999332427979 }),
        ("Huber", "mean_with_sample_weight", new[] { 0.25708335638046265 }, new[] { 0.3414285480976105 }),
        ("Huber", "none", new[] { 0.19999998807907104, 0.1849999874830246, 0.45500001311302185, 0.18833333253860474 }, new[] { 0.09999999403953552, 0.1849999874830246, 0.9100000262260437, 0.0 }),
        ("LogCosh", "sum_over_batch_size", new[] { 0.24480761587619781 }, new[] { 0.2850974500179291 }),
        ("LogCosh", "sum", new[] { 0.9792304635047913 }, new[] { 1.1403898000717163 }),
        ("LogCosh", "mean_with_sample_weight", new[] { 0.24480761587619781 }, new[] { 0.32582566142082214 }),
        ("LogCosh", "none", new[] { 0.19125448167324066, 0.1772008091211319, 0.43378087878227234, 0.17699424922466278 }, new[] { 0.09562724083662033, 0.1772008091211319, 0.8675617575645447, 0.0 }),
        ("Hinge", "sum_over_batch_size", new[] { 1.0833333730697632 }, new[] { 1.220833420753479 }),
        ("Hinge", "sum", new[] { 4.333333492279053 }, new[] { 4.883333683013916 }),
        ("Hinge", "mean_with_sample_weight", new[] { 1.0833333730697632 }, new[] { 1.3952381610870361 }),
        ("Hinge", "none", new[] { 0.5, 1.033333420753479, 1.8000000715255737, 1.0 }, new[] { 0.25, 1.033333420753479, 3.6000001430511475, 0.0 }),
        ("SquaredHinge", "sum_over_batch_size", new[] { 2.1733334064483643 }, new[] { 2.534583330154419 }),
        ("SquaredHinge", "sum", new[] { 8.693333625793457 }, new[] { 10.138333320617676 }),
        ("SquaredHinge", "mean_with_sample_weight", new[] { 2.1733334064483643 }, new[] { 2.8966667652130127 }),
        ("SquaredHinge", "none", new[] { 0.75, 1.7899999618530273, 3.986666679382324, 2.1666667461395264 }, new[] { 0.375, 1.7899999618530273, 7.973333358764648, 0.0 }),
        ("CategoricalHinge", "sum_over_batch_size", new[] { 1.4500000476837158 }, new[] { 2.0500001907348633 }),
        ("CategoricalHinge", "sum", new[] { 5.800000190734863 }, new[] { 8.200000762939453 }),
        ("CategoricalHinge", "mean_with_sample_weight", new[] { 1.4500000476837158 }, new[] { 2.3428573608398438 }),
        ("CategoricalHinge", "none", new[] { 0.0, 1.4000000953674316, 3.4000000953674316, 1.0 }, new[] { 0.0, 1.4000000953674316, 6.800000190734863, 0.0 }),
        ("KLDivergence", "sum_over_batch_size", new[] { 0.8352991938591003 }, new[] { 0.3342609703540802 }),
        ("KLDivergence", "sum", new[] { 3.3411967754364014 }, new[] { 1.3370438814163208 }),
        ("KLDivergence", "mean_with_sample_weight", new[] { 0.8352991938591003 }, new[] { 0.3820125460624695 }),
        ("KLDivergence", "none", new[] { 0.06106056272983551, 0.7263330817222595, 0.29009026288986206, 2.2637128829956055 }, new[] { 0.030530281364917755, 0.7263330817222595, 0.5801805257797241, 0.0 }),
        ("Poisson", "sum_over_batch_size", new[] { 0.5058411359786987 }, new[] { 0.47441303730010986 }),
        ("Poisson", "sum", new[] { 2.023364543914795 }, new[] { 1.8976521492004395 }),
        ("Poisson", "mean_with_sample_weight", new[] { 0.5058411359786987 }, new[] { 0.5421863198280334 }),
        ("Poisson", "none", new[] { 0.8560265898704529, -0.17709578573703766, 0.8233673572540283, 0.5210665464401245 }, new[] { 0.42801329493522644, -0.17709578573703766, 1.6467347145080566, 0.0 }),
        ("BinaryCrossentropy", "sum_over_batch_size", new[] { 0.7940770387649536 }, new[] { 0.4254363775253296 }),
        ("BinaryCrossentropy", "sum", new[] { 3.1763081550598145 }, new[] { 1.7017455101013184 }),
        ("BinaryCrossentropy", "mean_with_sample_weight", new[] { 0.7940770387649536 }, new[] { 0.48621299862861633 }),
        ("BinaryCrossentropy", "none", new[] { 0.22839301824569702, 0.7418746948242188, 0.42283710837364197, 1.7832034826278687 }, new[] { 0.11419650912284851, 0.7418746948242188, 0.8456742167472839, 0.0 }),
        ("BinaryCrossentropy_logits_smoothing", "sum_over_batch_size", new[] { 0.8302498459815979 }, new[] { 0.8497543334960938 }),
        ("BinaryCrossentropy_logits_smoothing", "sum", new[] { 3.3209993839263916 }, new[] { 3.399017333984375 }),
        ("BinaryCrossentropy_logits_smoothing", "mean_with_sample_weight", new[] { 0.8302498459815979 }, new[] { 0.9711478352546692 }),
        ("BinaryCrossentropy_logits_smoothing", "none", new[] { 0.5547555088996887, 0.7929127812385559, 1.1643633842468262, 0.8089678883552551 }, new[] { 0.27737775444984436, 0.7929127812385559, 2.3287267684936523, 0.0 }),
        ("BinaryFocalCrossentropy", "sum_over_batch_size", new[] { 0.23987244069576263 }, new[] { 0.06471969187259674 }),
        ("BinaryFocalCrossentropy", "sum", new[] { 0.9594897627830505 }, new[] { 0.25887876749038696 }),
        ("BinaryFocalCrossentropy", "mean_with_sample_weight", new[] { 0.23987244069576263 }, new[] { 0.07396536320447922 }),
        ("BinaryFocalCrossentropy", "none", new[] { 0.01129518449306488, 0.17065535485744476, 0.04128791019320488, 0.7362512946128845 }, new[] { 0.00564759224653244, 0.17065535485744476, 0.08257582038640976, 0.0 }),
        ("CategoricalCrossentropy", "sum_over_batch_size", new[] { 1.3298823833465576 }, new[] { 0.7319628000259399 }),
        ("CategoricalCrossentropy", "sum", new[] { 5.3195295333862305 }, new[] { 2.9278512001037598 }),
        ("CategoricalCrossentropy", "mean_with_sample_weight", new[] { 1.3298823833465576 }, new[] { 0.8365288972854614 }),
        ("CategoricalCrossentropy", "none", new[] { 0.46329739689826965, 1.217488408088684, 0.7393569946289062, 2.8993866443634033 }, new[] { 0.23164869844913483, 1.217488408088684, 1.4787139892578125, 0.0 }),
        ("CategoricalCrossentropy_logits", "sum_over_batch_size", new[] { 1.2510597705841064 }, new[] { 1.7727158069610596 }),
        ("CategoricalCrossentropy_logits", "sum", new[] { 5.004239082336426 }, new[] { 7.090863227844238 }),
        ("CategoricalCrossentropy_logits", "mean_with_sample_weight", new[] { 1.2510597705841064 }, new[] { 2.025960922241211 }),
        ("CategoricalCrossentropy_logits", "none", new[] { 0.2413112372159958, 1.038400650024414, 2.9659035205841064, 0.7586236596107483 }, new[] { 0.1206556186079979, 1.038400650024414, 5.931807041168213, 0.0 }),
        ("CategoricalFocalCrossentropy", "sum_over_batch_size", new[] { 0.3938993811607361 }, new[] { 0.6322891116142273 }),
        ("CategoricalFocalCrossentropy", "sum", new[] { 1.5755975246429443 }, new[] { 2.529156446456909 }),
        ("CategoricalFocalCrossentropy", "mean_with_sample_weight", new[] { 0.3938993811607361 }, new[] { 0.7226161360740662 }),
        ("CategoricalFocalCrossentropy", "none", new[] { 0.02069513127207756, 0.2683142423629761, 1.1252473592758179, 0.1613408923149109 }, new[] { 0.01034756563603878, 0.2683142423629761, 2.2504947185516357, 0.0 }),
        ("SparseCategoricalCrossentropy", "sum_over_batch_size", new[] { 1.3123817443847656 }, new[] { 0.6921511888504028 }),
        ("SparseCategoricalCrossentropy", "sum", new[] { 5.2495269775390625 }, new[] { 2.7686047554016113 }),
        ("SparseCategoricalCrossentropy", "mean_with_sample_weight", new[] { 1.3123817443847656 }, new[] { 0.7910299301147461 }),
        ("SparseCategoricalCrossentropy", "none", new[] { 0.3566749393939972, 1.2039728164672852, 0.6931471824645996, 2.995732307434082 }, new[] { 0.1783374696969986, 1.2039728164672852, 1.3862943649291992, 0.0 }),
        ("SparseCategoricalCrossentropy_logits_ignore", "sum_over_batch_size", new[] { 0.49996745586395264 }, new[] { 0.06032780930399895 }),
        ("SparseCategoricalCrossentropy_logits_ignore", "sum", new[] { 0.9999349117279053 }, new[] { 0.1206556186079979 }),
        ("SparseCategoricalCrossentropy_logits_ignore", "mean_with_sample_weight", new[] { 0.49996745586395264 }, new[] { 0.2413112372159958 }),
        ("SparseCategoricalCrossentropy_logits_ignore", "none", new[] { 0.2413112372159958, 0.0, 0.0, 0.7586236596107483 }, new[] { 0.1206556186079979, 0.0, 0.0, 0.0 }),
    };

    [Fact]
    public void Every_loss_with_every_reduction_matches_keras()
    {
        foreach (var (name, reduction, unweighted, weighted) in Losses)
        {
            var (loss, t, p) = LossCase(name, reduction);
            AllClose(unweighted, loss.Apply(t, p).reshape(-1), atol: 1e-5, rtol: 1e-4, what: $"{name} {reduction}");
            AllClose(weighted, loss.Apply(t, p, Sw).reshape(-1), atol: 1e-5, rtol: 1e-4, what: $"{name} {reduction} weighted");
        }
    }

    static (Metric metric, Tensor t, Tensor p) MetricCase(string name) => name switch
    {
        "Accuracy" => (new Accuracy(), Labels, I(0, 1, 2, 1)),
        "BinaryAccuracy" => (new BinaryAccuracy(threshold: 0.3), OneHot, Probs),
        "CategoricalAccuracy" => (new CategoricalAccuracy(), OneHot, Probs),
        "SparseCategoricalAccuracy" => (new SparseCategoricalAccuracy(), Labels, Probs),
        "TopKCategoricalAccuracy" => (new TopKCategoricalAccuracy(k: 2), OneHot, Probs),
        "SparseTopKCategoricalAccuracy" => (new SparseTopKCategoricalAccuracy(k: 2), Labels, Probs),
        "MeanSquaredError" => (new KerasSharp.Metrics.MeanSquaredError(), RegTrue, RegPred),
        "MeanAbsoluteError" => (new KerasSharp.Metrics.MeanAbsoluteError(), RegTrue, RegPred),
        "MeanAbsolutePercentageError" => (new KerasSharp.Metrics.MeanAbsolutePercentageError(), RegTrue, RegPred),
        "MeanSquaredLogarithmicError" => (new KerasSharp.Metrics.MeanSquaredLogarithmicError(), Pos, PosPred),
        "RootMeanSquaredError" => (new RootMeanSquaredError(), RegTrue, RegPred),
        "CosineSimilarity" => (new KerasSharp.Metrics.CosineSimilarity(), RegTrue, RegPred),
        "LogCoshError" => (new LogCoshError(), RegTrue, RegPred),
        "R2Score" => (new R2Score(), RegTrue, RegPred),
        "R2Score_variance_weighted" => (new R2Score(class_aggregation: "variance_weighted_average", num_regressors: 1), RegTrue, RegPred),
        "KLDivergence" => (new KerasSharp.Metrics.KLDivergence(), OneHot * 0.8 + 0.05, Probs),
        "Poisson" => (new KerasSharp.Metrics.Poisson(), Pos, PosPred),
        "BinaryCrossentropy" => (new KerasSharp.Metrics.BinaryCrossentropy(label_smoothing: 0.1), OneHot, Probs),
        "CategoricalCrossentropy" => (new KerasSharp.Metrics.CategoricalCrossentropy(from_logits: true), OneHot, Logits),
        "SparseCategoricalCrossentropy" => (new KerasSharp.Metrics.SparseCategoricalCrossentropy(), Labels, Probs),
        "Hinge" => (new KerasSharp.Metrics.Hinge(), OneHot, Logits),
        "SquaredHinge" => (new KerasSharp.Metrics.SquaredHinge(), OneHot, Logits),
        "CategoricalHinge" => (new KerasSharp.Metrics.CategoricalHinge(), OneHot, Logits),
        "AUC" => (new AUC(num_thresholds: 7), OneHot, Probs),
        "AUC_PR" => (new AUC(curve: "PR"), OneHot, Probs),
        "AUC_multi_label" => (new AUC(multi_label: true, num_thresholds: 9), OneHot, Probs),
        "Precision" => (new Precision(thresholds: new[] { 0.2, 0.5 }), OneHot, Probs),
        "Recall" => (new Recall(), OneHot, Probs),
        "TruePositives" => (new TruePositives(), OneHot, Probs),
        "FalsePositives" => (new FalsePositives(thresholds: new[] { 0.0, 0.5, 1.0 }), OneHot, Probs),
        "TrueNegatives" => (new TrueNegatives(), OneHot, Probs),
        "FalseNegatives" => (new FalseNegatives(), OneHot, Probs),
        "PrecisionAtRecall" => (new PrecisionAtRecall(recall: 0.5), OneHot, Probs),
        "RecallAtPrecision" => (new RecallAtPrecision(precision: 0.5), OneHot, Probs),
        "SensitivityAtSpecificity" => (new SensitivityAtSpecificity(specificity: 0.6), OneHot, Probs),
        "SpecificityAtSensitivity" => (new SpecificityAtSensitivity(sensitivity: 0.6, num_thresholds: 11), OneHot, Probs),
        "F1Score_macro" => (new F1Score(average: "macro"), OneHot, Probs),
        "FBetaScore_weighted" => (new FBetaScore(average: "weighted", beta: 2.0, threshold: 0.3), OneHot, Probs),
        _ => throw new ArgumentException(name),
    };

    static readonly (string name, double[] afterUnweighted, double[] afterWeighted)[] Metrics =
    {
        ("Accuracy", new[] { 0.75 }, new[] { 0.7333333492279053 }),
        ("BinaryAccuracy", new[] { 0.6666666865348816 }, new[] { 0.7333333492279053 }),
        ("CategoricalAccuracy", new[] { 0.5 }, new[] { 0.6000000238418579 }),
        ("SparseCategoricalAccuracy", new[] { 0.5 }, new[] { 0.6000000238418579 }),
        ("TopKCategoricalAccuracy", new[] { 1.0 }, new[] { 1.0 }),
        ("SparseTopKCategoricalAccuracy", new[] { 1.0 }, new[] { 1.0 }),
        ("MeanSquaredError", new[] { 0.5525000095367432 }, new[] { 0.6433333158493042 }),
        ("MeanAbsoluteError", new[] { 0.6749999523162842 }, new[] { 0.7355555295944214 }),
        ("MeanAbsolutePercentageError", new[] { 33333386.0 }, new[] { 35555620.0 }),
        ("MeanSquaredLogarithmicError", new[] { 0.08404424041509628 }, new[] { 0.10241961479187012 }),
        ("RootMeanSquaredError", new[] { 0.7433034181594849 }, new[] { 0.8020806312561035 }),
        ("CosineSimilarity", new[] { 0.9459605813026428 }, new[] { 0.9286212921142578 }),
        ("LogCoshError", new[] { 0.24480761587619781 }, new[] { 0.2826160490512848 }),
        ("R2Score", new[] { 0.8039754033088684 }, new[] { 0.7381413578987122 }),
        ("R2Score_variance_weighted", new[] { 0.7983130216598511 }, new[] { 0.7505502104759216 }),
        ("KLDivergence", new[] { 0.8352991938591003 }, new[] { 0.6237654089927673 }),
        ("Poisson", new[] { 0.5058411359786987 }, new[] { 0.5228022336959839 }),
        ("BinaryCrossentropy", new[] { 0.8164740800857544 }, new[] { 0.6791395545005798 }),
        ("CategoricalCrossentropy", new[] { 1.2510597705841064 }, new[] { 1.6126803159713745 }),
        ("SparseCategoricalCrossentropy", new[] { 1.3123817443847656 }, new[] { 1.0690841674804688 }),
        ("Hinge", new[] { 1.0833333730697632 }, new[] { 1.228888988494873 }),
        ("SquaredHinge", new[] { 2.1733334064483643 }, new[] { 2.5108888149261475 }),
        ("CategoricalHinge", new[] { 1.4500000476837158 }, new[] { 1.8666667938232422 }),
        ("AUC", new[] { 0.59375 }, new[] { 0.6733332872390747 }),
        ("AUC_PR", new[] { 0.4007199704647064 }, new[] { 0.48900288343429565 }),
        ("AUC_multi_label", new[] { 0.5 }, new[] { 0.5333333611488342 }),
        ("Precision", new[] { 0.4285714328289032, 0.3333333432674408 }, new[] { 0.4193548262119293, 0.3333333432674408 }),
        ("Recall", new[] { 0.25 }, new[] { 0.20000000298023224 }),
        ("TruePositives", new[] { 1.0 }, new[] { 1.5 }),
        ("FalsePositives", new[] { 8.0, 2.0, 0.0 }, new[] { 15.0, 3.0, 0.0 }),
        ("TrueNegatives", new[] { 6.0 }, new[] { 12.0 }),
        ("FalseNegatives", new[] { 3.0 }, new[] { 6.0 }),
        ("PrecisionAtRecall", new[] { 0.6000000238418579 }, new[] { 0.6842105388641357 }),
        ("RecallAtPrecision", new[] { 0.75 }, new[] { 0.8666666746139526 }),
        ("SensitivityAtSpecificity", new[] { 0.75 }, new[] { 0.8666666746139526 }),
        ("SpecificityAtSensitivity", new[] { 0.5 }, new[] { 0.800000011920929 }),
        ("F1Score_macro", new[] { 0.49999991059303284 }, new[] { 0.555555522441864 }),
        ("FBetaScore_weighted", new[] { 0.4999999701976776 }, new[] { 0.6166666746139526 }),
    };

    [Fact]
    public void Every_metric_unweighted_then_weighted_matches_keras()
    {
        foreach (var (name, afterUnweighted, afterWeighted) in Metrics)
        {
            var (metric, t, p) = MetricCase(name);
            metric.update_state(t, p);
            AllClose(afterUnweighted, metric.result().reshape(-1), atol: 1e-5, rtol: 1e-4, what: name);
            metric.update_state(t, p, Sw);
            AllClose(afterWeighted, metric.result().reshape(-1), atol: 1e-5, rtol: 1e-4, what: name + " weighted");
        }
    }
}
