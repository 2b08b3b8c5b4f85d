using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/metrics/confusion_metrics_test.py (TruePositives, FalsePositives,
/// TrueNegatives, FalseNegatives, Precision, Recall, SensitivityAtSpecificity,
/// SpecificityAtSensitivity, PrecisionAtRecall, RecallAtPrecision, AUC), ported with Keras's
/// numbers and tolerances; test names are <c>{Keras test class}_{Keras test}</c>. Keras's
/// <c>assertAllClose(x, y, 1e-3)</c> passes 1e-3 as atol. Where Keras draws random 0/1 inputs, a
/// fixed 0/1 pattern stands in (the property tested does not depend on the values).
/// </summary>
public class ConfusionMetricTests
{
    static Tensor BinTrue => I(new long[,] { { 0, 1, 0, 1, 0 }, { 0, 0, 1, 1, 1 }, { 1, 1, 1, 1, 0 }, { 0, 0, 0, 0, 1 } });
    static Tensor BinPred => I(new long[,] { { 0, 0, 1, 1, 0 }, { 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 0 }, { 1, 1, 1, 1, 1 } });
    static Tensor BinWeight => torch.tensor(new[] { 1.0, 1.5, 2.0, 2.5 });
    static Tensor ThrPred => F(new double[,] { { 0.9, 0.2, 0.8, 0.1 }, { 0.2, 0.9, 0.7, 0.6 }, { 0.1, 0.2, 0.4, 0.3 }, { 0, 1, 0.7, 0.3 } });
    static Tensor ThrTrue => I(new long[,] { { 0, 1, 1, 0 }, { 1, 0, 0, 0 }, { 0, 0, 0, 0 }, { 1, 1, 1, 1 } });
    static readonly double[] Thr3 = { 0.15, 0.5, 0.85 };
    static Tensor Random01 => (torch.arange(100).remainder(3) == 0).to(int64).reshape(100, 1);

    static void CountConfig<T>(Func<double[], string, T> make, Func<Dictionary<string, object?>, T> fromConfig, string name) where T : ConfusionMatrixConditionCount
    {
        var m = make(new[] { 0.4, 0.9 }, name);
        Assert.Equal(name, m.name);
        Assert.Single(m.variables);
        Assert.Equal(new[] { 0.4, 0.9 }, m.thresholds);
        var m2 = fromConfig(m.get_config());
        Assert.Equal(name, m2.name);
        Assert.Single(m2.variables);
        Assert.Equal(new[] { 0.4, 0.9 }, m2.thresholds);
    }

    static void ThresholdLimit(Func<double[], Metric> make)
    {
        var e = Assert.Throws<ArgumentException>(() => make(new[] { -1, 0.5, 2 }));
        Assert.Equal("Threshold values must be in [0, 1]. Received: [-1, 2]", e.Message);
    }

    // ----- FalsePositivesTest -----

    [Fact] public void FalsePositivesTest_test_config() => CountConfig((t, n) => new FalsePositives(thresholds: t, name: n), c => FalsePositives.from_config(c), "my_fp");
    [Fact] public void FalsePositivesTest_test_unweighted() { var m = new FalsePositives(); m.update_state(BinTrue, BinPred); AllClose(7.0, m.result()); }
    [Fact] public void FalsePositivesTest_test_weighted() => AllClose(14.0, new FalsePositives().Apply(BinTrue, BinPred, BinWeight));
    [Fact] public void FalsePositivesTest_test_unweighted_with_thresholds() { var m = new FalsePositives(thresholds: Thr3); m.update_state(ThrTrue, ThrPred); AllClose(new[] { 7.0, 4.0, 2.0 }, m.result()); }
    [Fact]
    public void FalsePositivesTest_test_weighted_with_thresholds() => AllClose(new[] { 125.0, 42.0, 12.0 }, new FalsePositives(thresholds: Thr3).Apply(ThrTrue, ThrPred,
        torch.tensor(new[,] { { 1.0, 2.0, 3.0, 5.0 }, { 7.0, 11.0, 13.0, 17.0 }, { 19.0, 23.0, 29.0, 31.0 }, { 5.0, 15.0, 10.0, 0 } })));
    [Fact] public void FalsePositivesTest_test_threshold_limit() => ThresholdLimit(t => new FalsePositives(thresholds: t));

    // ----- FalseNegativesTest -----

    [Fact] public void FalseNegativesTest_test_config() => CountConfig((t, n) => new FalseNegatives(thresholds: t, name: n), c => FalseNegatives.from_config(c), "my_fn");
    [Fact] public void FalseNegativesTest_test_unweighted() { var m = new FalseNegatives(); m.update_state(BinTrue, BinPred); AllClose(3.0, m.result()); }
    [Fact] public void FalseNegativesTest_test_weighted() => AllClose(5.0, new FalseNegatives().Apply(BinTrue, BinPred, BinWeight));
    [Fact] public void FalseNegativesTest_test_unweighted_with_thresholds() { var m = new FalseNegatives(thresholds: Thr3); m.update_state(ThrTrue, ThrPred); AllClose(new[] { 1.0, 4.0, 6.0 }, m.result()); }
    [Fact]
    public void FalseNegativesTest_test_weighted_with_thresholds() =>
        AllClose(new[] { 4.0, 16.0, 23.0 }, new FalseNegatives(thresholds: Thr3).Apply(ThrTrue, ThrPred, torch.tensor(new[,] { { 3.0 }, { 5.0 }, { 7.0 }, { 4.0 } })));
    [Fact] public void FalseNegativesTest_test_threshold_limit() => ThresholdLimit(t => new FalseNegatives(thresholds: t));

    // ----- TrueNegativesTest -----

    [Fact] public void TrueNegativesTest_test_config() => CountConfig((t, n) => new TrueNegatives(thresholds: t, name: n), c => TrueNegatives.from_config(c), "my_tn");
    [Fact] public void TrueNegativesTest_test_unweighted() { var m = new TrueNegatives(); m.update_state(BinTrue, BinPred); AllClose(3.0, m.result()); }
    [Fact] public void TrueNegativesTest_test_weighted() => AllClose(4.0, new TrueNegatives().Apply(BinTrue, BinPred, BinWeight));
    [Fact] public void TrueNegativesTest_test_unweighted_with_thresholds() { var m = new TrueNegatives(thresholds: Thr3); m.update_state(ThrTrue, ThrPred); AllClose(new[] { 2.0, 5.0, 7.0 }, m.result()); }
    [Fact]
    public void TrueNegativesTest_test_weighted_with_thresholds() =>
        AllClose(new[] { 5.0, 15.0, 23.0 }, new TrueNegatives(thresholds: Thr3).Apply(ThrTrue, ThrPred, torch.tensor(new[,] { { 0.0, 2.0, 3.0, 5.0 } })));
    [Fact] public void TrueNegativesTest_test_threshold_limit() => ThresholdLimit(t => new TrueNegatives(thresholds: t));

    // ----- TruePositiveTest -----

    [Fact] public void TruePositiveTest_test_config() => CountConfig((t, n) => new TruePositives(thresholds: t, name: n), c => TruePositives.from_config(c), "my_tp");
    [Fact] public void TruePositiveTest_test_unweighted() { var m = new TruePositives(); m.update_state(BinTrue, BinPred); AllClose(7.0, m.result()); }
    [Fact] public void TruePositiveTest_test_weighted() => AllClose(12.0, new TruePositives().Apply(BinTrue, BinPred, BinWeight));
    [Fact] public void TruePositiveTest_test_unweighted_with_thresholds() { var m = new TruePositives(thresholds: Thr3); m.update_state(ThrTrue, ThrPred); AllClose(new[] { 6.0, 3.0, 1.0 }, m.result()); }
    [Fact]
    public void TruePositiveTest_test_weighted_with_thresholds() =>
        AllClose(new[] { 222.0, 111.0, 37.0 }, new TruePositives(thresholds: Thr3).Apply(ThrTrue, ThrPred, torch.tensor(37.0)));
    [Fact] public void TruePositiveTest_test_threshold_limit() => ThresholdLimit(t => new TruePositives(thresholds: t));

    // ----- PrecisionTest -----

    [Fact]
    public void PrecisionTest_test_config()
    {
        var p = new Precision(name: "my_precision", thresholds: new[] { 0.4, 0.9 }, top_k: 15, class_id: 12);
        Assert.Equal("my_precision", p.name);
        Assert.Equal(new[] { "true_positives", "false_positives" }, p.variables.Select(v => v.name));
        Assert.Equal(new[] { 0.4, 0.9 }, p.thresholds);
        Assert.Equal(15, p.top_k);
        Assert.Equal(12, p.class_id);
        var p2 = Precision.from_config(p.get_config());
        Assert.Equal("my_precision", p2.name);
        Assert.Equal(2, p2.variables.Count);
        Assert.Equal(new[] { 0.4, 0.9 }, p2.thresholds);
        Assert.Equal(15, p2.top_k);
        Assert.Equal(12, p2.class_id);
    }

    [Fact] public void PrecisionTest_test_unweighted() => AlmostEqual(0.5, new Precision().Apply(I(0, 1, 1, 0), I(1, 0, 1, 0)));
    [Fact] public void PrecisionTest_test_unweighted_all_incorrect() => AlmostEqual(0, new Precision(thresholds: new[] { 0.5 }).Apply(1 - Random01, Random01));

    [Fact]
    public void PrecisionTest_test_weighted() =>
        AlmostEqual((3.0 + 4.0) / ((1.0 + 3.0) + (4.0 + 2.0)), new Precision().Apply(I(new long[,] { { 0, 1, 1, 0 }, { 1, 0, 0, 1 } }),
            I(new long[,] { { 1, 0, 1, 0 }, { 1, 0, 1, 0 } }), I(new long[,] { { 1, 2, 3, 4 }, { 4, 3, 2, 1 } })));

    [Fact] public void PrecisionTest_test_div_by_zero() => Assert.Equal(0.0, Values(new Precision().Apply(I(0, 0, 0, 0), I(0, 0, 0, 0)))[0]);
    [Fact] public void PrecisionTest_test_unweighted_with_threshold() => AlmostEqual(new[] { 0.5, 0.0 }, new Precision(thresholds: new[] { 0.5, 0.7 }).Apply(I(0, 1, 1, 0), F(1, 0, 0.6, 0)), 0);

    static Tensor PwTrue => I(new long[,] { { 0, 1 }, { 1, 0 } });
    static Tensor PwPred => F(new double[,] { { 1, 0 }, { 0.6, 0 } });

    [Fact]
    public void PrecisionTest_test_weighted_with_threshold() =>
        AlmostEqual(new[] { 3.0 / 7.0, 0 }, new Precision(thresholds: new[] { 0.5, 1.0 }).Apply(PwTrue, PwPred, F(new double[,] { { 4, 0 }, { 3, 1 } })));

    [Fact]
    public void PrecisionTest_test_multiple_updates()
    {
        var p = new Precision(thresholds: new[] { 0.5, 1.0 });
        for (int i = 0; i < 2; i++) p.update_state(PwTrue, PwPred, F(new double[,] { { 4, 0 }, { 3, 1 } }));
        AlmostEqual(new[] { 6.0 / 14.0, 0 }, p.result());
    }

    [Fact] public void PrecisionTest_test_unweighted_top_k() => AlmostEqual(1.0 / 3, new Precision(top_k: 3).Apply(I(0, 1, 1, 0, 0), F(0.2, 0.1, 0.5, 0, 0.2)));

    [Fact]
    public void PrecisionTest_test_weighted_top_k()
    {
        var p = new Precision(top_k: 3);
        p.Apply(I(new long[,] { { 0, 1, 1, 0, 1 } }), F(new double[,] { { 0.2, 0.1, 0.4, 0, 0.2 } }), I(new long[,] { { 1, 4, 2, 3, 5 } }));
        var r = p.Apply(I(1, 0, 1, 1, 1), F(0.2, 0.6, 0.4, 0.2, 0.2), torch.tensor(3L));
        AlmostEqual((double)((2 + 5) + (3 + 3)) / ((1 + 2 + 5) + (3 + 3 + 3)), r);
    }

    [Fact]
    public void PrecisionTest_test_unweighted_class_id_should_throw_error_1d()
    {
        var e = Assert.Throws<ArgumentException>(() => new Precision(class_id: 2).Apply(I(0, 1, 1, 0, 0), F(0.2, 0.1, 0.6, 0, 0.2)));
        Assert.StartsWith("When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape:", e.Message);
    }

    static Tensor ClsPred => F(new double[,] { { 0.1, 0.2, 0.7 }, { 0.5, 0.3, 0.2 }, { 0.2, 0.6, 0.2 }, { 0.7, 0.2, 0.1 }, { 0.1, 0.1, 0.8 } });
    static Tensor ClsTrue => F(new double[,] { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } });

    [Fact]
    public void PrecisionTest_test_unweighted_class_id_multiclass()
    {
        var p = new Precision(class_id: 1);
        AlmostEqual(1.0, p.Apply(ClsTrue, ClsPred));
        AlmostEqual(1.0, p.true_positives);
        AlmostEqual(0.0, p.false_positives);
    }

    [Fact]
    public void PrecisionTest_test_unweighted_top_k_and_threshold()
    {
        var p = new Precision(thresholds: new[] { 0.7 }, top_k: 2);
        AlmostEqual(1, p.Apply(I(0, 1, 1, 0, 1), F(0.2, 0.8, 0.6, 0, 0.2)));
        AlmostEqual(1, p.true_positives);
        AlmostEqual(0, p.false_positives);
    }

    // ----- RecallTest -----

    [Fact]
    public void RecallTest_test_config()
    {
        var r = new Recall(name: "my_recall", thresholds: new[] { 0.4, 0.9 }, top_k: 15, class_id: 12);
        Assert.Equal("my_recall", r.name);
        Assert.Equal(new[] { "true_positives", "false_negatives" }, r.variables.Select(v => v.name));
        Assert.Equal(new[] { 0.4, 0.9 }, r.thresholds);
        var r2 = Recall.from_config(r.get_config());
        Assert.Equal("my_recall", r2.name);
        Assert.Equal(2, r2.variables.Count);
        Assert.Equal(new[] { 0.4, 0.9 }, r2.thresholds);
        Assert.Equal(15, r2.top_k);
        Assert.Equal(12, r2.class_id);
    }

    [Fact] public void RecallTest_test_unweighted() => AlmostEqual(0.5, new Recall().Apply(I(0, 1, 1, 0), I(1, 0, 1, 0)));
    [Fact] public void RecallTest_test_unweighted_all_incorrect() => AlmostEqual(0, new Recall(thresholds: new[] { 0.5 }).Apply(1 - Random01, Random01));

    [Fact]
    public void RecallTest_test_weighted() =>
        AlmostEqual((3.0 + 1.0) / ((2.0 + 3.0) + (4.0 + 1.0)), new Recall().Apply(I(new long[,] { { 0, 1, 1, 0 }, { 1, 0, 0, 1 } }),
            I(new long[,] { { 1, 0, 1, 0 }, { 0, 1, 0, 1 } }), I(new long[,] { { 1, 2, 3, 4 }, { 4, 3, 2, 1 } })));

    [Fact] public void RecallTest_test_div_by_zero() => Assert.Equal(0.0, Values(new Recall().Apply(I(0, 0, 0, 0), I(0, 0, 0, 0)))[0]);
    [Fact] public void RecallTest_test_unweighted_with_threshold() => AllClose(new[] { 0.5, 0.0 }, new Recall(thresholds: new[] { 0.5, 0.7 }).Apply(I(0, 1, 1, 0), F(1, 0, 0.6, 0)), 0);

    [Fact]
    public void RecallTest_test_weighted_with_threshold() =>
        AllClose(new[] { 3.0 / 7.0, 0 }, new Recall(thresholds: new[] { 0.5, 1.0 }).Apply(PwTrue, PwPred, F(new double[,] { { 1, 4 }, { 3, 2 } })), 1e-3);

    [Fact]
    public void RecallTest_test_multiple_updates()
    {
        var r = new Recall(thresholds: new[] { 0.5, 1.0 });
        for (int i = 0; i < 2; i++) r.update_state(PwTrue, PwPred, F(new double[,] { { 1, 4 }, { 3, 2 } }));
        AllClose(new[] { 6.0 / 14.0, 0 }, r.result(), 1e-3);
    }

    [Fact] public void RecallTest_test_unweighted_top_k() => AlmostEqual(0.5, new Recall(top_k: 3).Apply(I(0, 1, 1, 0, 0), F(0.2, 0.1, 0.5, 0, 0.2)));

    [Fact]
    public void RecallTest_test_weighted_top_k()
    {
        var r = new Recall(top_k: 3);
        r.Apply(I(new long[,] { { 0, 1, 1, 0, 1 } }), F(new double[,] { { 0.2, 0.1, 0.4, 0, 0.2 } }), I(new long[,] { { 1, 4, 2, 3, 5 } }));
        var result = r.Apply(I(1, 0, 1, 1, 1), F(0.2, 0.6, 0.4, 0.2, 0.2), torch.tensor(3L));
        AlmostEqual((double)((2 + 5) + (3 + 3)) / ((4 + 2 + 5) + (3 + 3 + 3 + 3)), result);
    }

    [Fact]
    public void RecallTest_test_unweighted_class_id_should_throw_error_1d()
    {
        var e = Assert.Throws<ArgumentException>(() => new Recall(class_id: 2).Apply(I(0, 1, 1, 0, 0), F(0.2, 0.1, 0.6, 0, 0.2)));
        Assert.StartsWith("When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape:", e.Message);
    }

    [Fact]
    public void RecallTest_test_unweighted_class_id_multiclass()
    {
        var r = new Recall(class_id: 1);
        AlmostEqual(1.0, r.Apply(ClsTrue, ClsPred));
        AlmostEqual(1.0, r.true_positives);
        AlmostEqual(0.0, r.false_negatives);
    }

    [Fact]
    public void RecallTest_test_unweighted_top_k_and_threshold()
    {
        var r = new Recall(thresholds: new[] { 0.7 }, top_k: 2);
        AlmostEqual(0.25, r.Apply(I(1, 1, 1, 0, 1), F(0.2, 0.8, 0.6, 0, 0.2)));
        AlmostEqual(1, r.true_positives);
        AlmostEqual(3, r.false_negatives);
    }

    // ----- SensitivityAtSpecificityTest, SpecificityAtSensitivityTest -----

    static Tensor SsPred => F(0.0, 0.1, 0.2, 0.3, 0.4, 0.01, 0.02, 0.25, 0.26, 0.26);
    static Tensor SsLabels => I(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
    static Tensor SsWeights => I(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    static Tensor SsClassPred => SsPred.unsqueeze(1).expand(10, 3);
    static Tensor SsClassTrue => nn.functional.one_hot(I(0, 0, 0, 0, 0, 2, 2, 2, 2, 2), 3);

    [Fact]
    public void SensitivityAtSpecificityTest_test_config()
    {
        var s = new SensitivityAtSpecificity(0.4, num_thresholds: 100, class_id: 12, name: "sensitivity_at_specificity_1");
        Assert.Equal("sensitivity_at_specificity_1", s.name);
        Assert.Equal(4, s.variables.Count);
        Assert.Equal(0.4, s.specificity);
        Assert.Equal(100, s.num_thresholds);
        Assert.Equal(12, s.class_id);
        var s2 = SensitivityAtSpecificity.from_config(s.get_config());
        Assert.Equal("sensitivity_at_specificity_1", s2.name);
        Assert.Equal(4, s2.variables.Count);
        Assert.Equal(0.4, s2.specificity);
        Assert.Equal(100, s2.num_thresholds);
        Assert.Equal(12, s2.class_id);
    }

    [Fact] public void SensitivityAtSpecificityTest_test_unweighted_all_correct() => AlmostEqual(1, new SensitivityAtSpecificity(0.7).Apply(Random01, Random01.to(float32)));
    [Fact]
    public void SensitivityAtSpecificityTest_test_unweighted_high_specificity() =>
        AlmostEqual(0.8, new SensitivityAtSpecificity(0.8).Apply(SsLabels, F(0.0, 0.1, 0.2, 0.3, 0.4, 0.1, 0.45, 0.5, 0.8, 0.9)));
    [Fact] public void SensitivityAtSpecificityTest_test_unweighted_low_specificity() => AlmostEqual(0.6, new SensitivityAtSpecificity(0.4).Apply(SsLabels, SsPred));
    [Fact] public void SensitivityAtSpecificityTest_test_unweighted_class_id() => AlmostEqual(0.6, new SpecificityAtSensitivity(0.4, class_id: 2).Apply(SsClassTrue, SsClassPred));

    [Theory]
    [InlineData("bool")]
    [InlineData("int32")]
    [InlineData("float32")]
    public void SensitivityAtSpecificityTest_test_weighted(string labelDtype) =>
        AlmostEqual(0.675, new SensitivityAtSpecificity(0.4).Apply(Cast(SsLabels, labelDtype), SsPred, SsWeights));

    static Tensor Cast(Tensor t, string dtype) => dtype switch { "bool" => t.to(ScalarType.Bool), "int32" => t.to(int32), _ => t.to(float32) };

    [Fact]
    public void SensitivityAtSpecificityTest_test_invalid_specificity() =>
        Assert.StartsWith("Argument `specificity` must be in the range [0, 1].", Assert.Throws<ArgumentException>(() => new SensitivityAtSpecificity(-1)).Message);
    [Fact]
    public void SensitivityAtSpecificityTest_test_invalid_num_thresholds() =>
        Assert.StartsWith("Argument `num_thresholds` must be an integer > 0", Assert.Throws<ArgumentException>(() => new SensitivityAtSpecificity(0.4, num_thresholds: -1)).Message);

    [Fact]
    public void SpecificityAtSensitivityTest_test_config()
    {
        var s = new SpecificityAtSensitivity(0.4, num_thresholds: 100, class_id: 12, name: "specificity_at_sensitivity_1");
        var s2 = SpecificityAtSensitivity.from_config(s.get_config());
        Assert.Equal("specificity_at_sensitivity_1", s2.name);
        Assert.Equal(4, s2.variables.Count);
        Assert.Equal(0.4, s2.sensitivity);
        Assert.Equal(100, s2.num_thresholds);
        Assert.Equal(12, s2.class_id);
    }

    [Fact] public void SpecificityAtSensitivityTest_test_unweighted_all_correct() => AlmostEqual(1, new SpecificityAtSensitivity(0.7).Apply(Random01, Random01.to(float32)));
    [Fact] public void SpecificityAtSensitivityTest_test_unweighted_high_sensitivity() => AlmostEqual(0.2, new SpecificityAtSensitivity(1.0).Apply(SsLabels, SsPred));
    [Fact] public void SpecificityAtSensitivityTest_test_unweighted_low_sensitivity() => AlmostEqual(0.6, new SpecificityAtSensitivity(0.4).Apply(SsLabels, SsPred));
    [Fact] public void SpecificityAtSensitivityTest_test_unweighted_class_id() => AlmostEqual(0.6, new SpecificityAtSensitivity(0.4, class_id: 2).Apply(SsClassTrue, SsClassPred));

    [Theory]
    [InlineData("bool")]
    [InlineData("int32")]
    [InlineData("float32")]
    public void SpecificityAtSensitivityTest_test_weighted(string labelDtype) =>
        AlmostEqual(0.4, new SpecificityAtSensitivity(0.4).Apply(Cast(SsLabels, labelDtype), SsPred, SsWeights));

    [Fact]
    public void SpecificityAtSensitivityTest_test_invalid_sensitivity() =>
        Assert.StartsWith("Argument `sensitivity` must be in the range [0, 1].", Assert.Throws<ArgumentException>(() => new SpecificityAtSensitivity(-1)).Message);

    // ----- PrecisionAtRecallTest, RecallAtPrecisionTest -----

    static Tensor PrPred => F(0.0, 0.1, 0.2, 0.5, 0.6, 0.2, 0.5, 0.6, 0.8, 0.9);

    [Fact]
    public void PrecisionAtRecallTest_test_config()
    {
        var s = PrecisionAtRecall.from_config(new PrecisionAtRecall(0.4, num_thresholds: 100, class_id: 12, name: "precision_at_recall_1").get_config());
        Assert.Equal("precision_at_recall_1", s.name);
        Assert.Equal(4, s.variables.Count);
        Assert.Equal(0.4, s.recall);
        Assert.Equal(100, s.num_thresholds);
        Assert.Equal(12, s.class_id);
    }

    [Fact] public void PrecisionAtRecallTest_test_unweighted_all_correct() => AlmostEqual(1, new PrecisionAtRecall(0.7).Apply(Random01, Random01.to(float32)));
    [Fact] public void PrecisionAtRecallTest_test_unweighted_high_recall() => AlmostEqual(2.0 / 3, new PrecisionAtRecall(0.8).Apply(SsLabels, PrPred));
    [Fact] public void PrecisionAtRecallTest_test_unweighted_low_recall() => AlmostEqual(0.75, new PrecisionAtRecall(0.6).Apply(SsLabels, PrPred));
    [Fact]
    public void PrecisionAtRecallTest_test_unweighted_class_id() =>
        AlmostEqual(0.75, new PrecisionAtRecall(0.6, class_id: 2).Apply(SsClassTrue, PrPred.unsqueeze(1).expand(10, 3)));

    [Theory]
    [InlineData("bool")]
    [InlineData("int32")]
    [InlineData("float32")]
    public void PrecisionAtRecallTest_test_weighted(string labelDtype) =>
        AlmostEqual(0.7, new PrecisionAtRecall(7.0 / 8).Apply(Cast(SsLabels, labelDtype), PrPred, I(2, 1, 2, 1, 2, 1, 2, 2, 1, 2)));

    [Fact]
    public void PrecisionAtRecallTest_test_invalid_sensitivity() =>
        Assert.StartsWith("Argument `recall` must be in the range [0, 1].", Assert.Throws<ArgumentException>(() => new PrecisionAtRecall(-1)).Message);

    static Tensor RpPred => F(0.05, 0.1, 0.2, 0.3, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.9, 0.95);
    static Tensor RpLabels => I(0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1);

    [Fact]
    public void RecallAtPrecisionTest_test_config()
    {
        var s = RecallAtPrecision.from_config(new RecallAtPrecision(0.4, num_thresholds: 100, class_id: 12, name: "recall_at_precision_1").get_config());
        Assert.Equal("recall_at_precision_1", s.name);
        Assert.Equal(4, s.variables.Count);
        Assert.Equal(0.4, s.precision);
        Assert.Equal(100, s.num_thresholds);
        Assert.Equal(12, s.class_id);
    }

    [Fact] public void RecallAtPrecisionTest_test_unweighted_all_correct() => AlmostEqual(1, new RecallAtPrecision(0.7).Apply(Random01, Random01.to(float32)));
    [Fact] public void RecallAtPrecisionTest_test_unweighted_high_precision() => AlmostEqual(0.5, new RecallAtPrecision(0.75).Apply(RpLabels, RpPred));
    [Fact] public void RecallAtPrecisionTest_test_unweighted_low_precision() => AlmostEqual(5.0 / 6, new RecallAtPrecision(2.0 / 3).Apply(RpLabels, RpPred));
    [Fact]
    public void RecallAtPrecisionTest_test_unweighted_class_id() =>
        AlmostEqual(5.0 / 6, new RecallAtPrecision(2.0 / 3, class_id: 2).Apply(nn.functional.one_hot(RpLabels * 2, 3), RpPred.unsqueeze(1).expand(12, 3)));

    [Theory]
    [InlineData("bool")]
    [InlineData("int32")]
    [InlineData("float32")]
    public void RecallAtPrecisionTest_test_weighted(string labelDtype) =>
        AlmostEqual(0.6, new RecallAtPrecision(0.75).Apply(Cast(I(0, 1, 0, 0, 0, 1, 1), labelDtype), F(0.1, 0.2, 0.3, 0.5, 0.6, 0.9, 0.9), I(1, 2, 1, 2, 1, 2, 1)));

    [Fact] public void RecallAtPrecisionTest_test_unachievable_precision() => AlmostEqual(0, new RecallAtPrecision(2.0 / 3).Apply(I(1, 1, 0, 0), F(0.1, 0.2, 0.3, 0.9)));

    [Fact]
    public void RecallAtPrecisionTest_test_invalid_num_thresholds() =>
        Assert.StartsWith("Argument `num_thresholds` must be an integer > 0", Assert.Throws<ArgumentException>(() => new RecallAtPrecision(0.4, num_thresholds: -1)).Message);

    // ----- AUCTest -----

    static Tensor AucPred => F(0, 0.5, 0.3, 0.9);
    static Tensor AucTrue => I(0, 0, 1, 1);
    static Tensor AucWeight => I(1, 2, 3, 4);
    static Tensor AucMultiPred => F(new double[,] { { 0.0, 0.4 }, { 0.5, 0.7 }, { 0.3, 0.2 }, { 0.9, 0.3 } });
    static Tensor AucMultiTrue => I(new long[,] { { 0, 0 }, { 1, 1 }, { 1, 1 }, { 1, 0 } });
    static Tensor Logits(Tensor p) => -torch.log(1.0 / (p + 1e-12) - 1.0);

    [Fact]
    public void AUCTest_test_config()
    {
        var auc = new AUC(num_thresholds: 100, curve: "PR", summation_method: "majoring", name: "auc_1", dtype: "float64", multi_label: true, num_labels: 2, from_logits: true);
        auc.update_state(AucMultiTrue, AucMultiPred);
        Assert.Equal("auc_1", auc.name);
        Assert.Equal("float64", auc.dtype);
        Assert.Equal(4, auc.variables.Count);
        Assert.Equal(100, auc.num_thresholds);
        Assert.Equal("PR", auc.curve);
        Assert.Equal("majoring", auc.summation_method);
        Assert.True(auc.multi_label);
        Assert.Equal(2, auc.num_labels);
        Assert.True(auc.from_logits);
        var old = auc.get_config();
        Assert.False(old.ContainsKey("thresholds"));
        var auc2 = AUC.from_config(old);
        auc2.update_state(AucMultiTrue, AucMultiPred);
        Assert.Equal("auc_1", auc2.name);
        Assert.Equal(4, auc2.variables.Count);
        Assert.Equal(old, auc2.get_config());
        Assert.Equal(auc.thresholds, auc2.thresholds);
    }

    [Fact]
    public void AUCTest_test_config_manual_thresholds()
    {
        var auc = new AUC(num_thresholds: null, curve: "PR", summation_method: "majoring", name: "auc_1", thresholds: new[] { 0.3, 0.5 });
        auc.update_state(AucTrue, AucPred);
        Assert.Equal(4, auc.variables.Count);
        Assert.Equal(4, auc.num_thresholds);
        AllClose(new[] { 0.0, 0.3, 0.5, 1.0 }, torch.tensor(auc.thresholds.ToArray()));
        var old = auc.get_config();
        var auc2 = AUC.from_config(old);
        auc2.update_state(AucTrue, AucPred);
        Assert.Equal(4, auc2.num_thresholds);
        Assert.Equal(old, auc2.get_config());
    }

    [Fact] public void AUCTest_test_unweighted_all_correct() => Assert.Equal(1.0, Values(new AUC().Apply(AucTrue, AucTrue))[0]);
    [Fact] public void AUCTest_test_unweighted() => AllClose(0.75 * 1 + 0.25 * 0, new AUC(num_thresholds: 3).Apply(AucTrue, AucPred), 1e-3);
    [Fact] public void AUCTest_test_unweighted_from_logits() => AllClose(0.75, new AUC(num_thresholds: 3, from_logits: true).Apply(AucTrue, Logits(AucPred)), 1e-3);

    [Fact]
    public void AUCTest_test_manual_thresholds()
    {
        var auc = new AUC(num_thresholds: 2, thresholds: new[] { 0.5 });
        Assert.Equal(3, auc.num_thresholds);
        AllClose(new[] { 0.0, 0.5, 1.0 }, torch.tensor(auc.thresholds.ToArray()));
        AllClose(0.75, auc.Apply(AucTrue, AucPred), 1e-3);
    }

    [Fact] public void AUCTest_test_weighted_roc_interpolation() => AllClose(0.7855 * 1 + 0.2855 * 0, new AUC(num_thresholds: 3).Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact] public void AUCTest_test_weighted_roc_majoring() => AllClose(1 * 1 + 0.571 * 0, new AUC(num_thresholds: 3, summation_method: "majoring").Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact] public void AUCTest_test_weighted_roc_minoring() => AllClose(0.571 * 1 + 0 * 0, new AUC(num_thresholds: 3, summation_method: "minoring").Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact]
    public void AUCTest_test_weighted_pr_majoring() =>
        AllClose(1 * 0.429 + 1 * 0.571, new AUC(num_thresholds: 3, curve: "PR", summation_method: "majoring").Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact]
    public void AUCTest_test_weighted_pr_minoring() =>
        AllClose(0.7 * 0.429 + 0 * 0.571, new AUC(num_thresholds: 3, curve: "PR", summation_method: "minoring").Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact] public void AUCTest_test_weighted_pr_interpolation() => AllClose(2.416 / 7 + 4.0 / 7, new AUC(num_thresholds: 3, curve: "PR").Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact]
    public void AUCTest_test_weighted_pr_interpolation_negative_weights() =>
        AllClose(0.0, new AUC(num_thresholds: 3, curve: "PR").Apply(AucTrue, AucPred, I(-1, -2, -3, -4)), 1e-3);
    [Fact]
    public void AUCTest_test_weighted_prgain_majoring() =>
        AllClose(1 * 1 + 0 * 1, new AUC(num_thresholds: 3, curve: "PRGAIN", summation_method: "majoring").Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact]
    public void AUCTest_test_weighted_prgain_minoring() =>
        AllClose(1 * 0 + 0 * 1, new AUC(num_thresholds: 3, curve: "PRGAIN", summation_method: "minoring").Apply(AucTrue, AucPred, AucWeight), 1e-3);
    [Fact] public void AUCTest_test_weighted_prgain_interpolation() => AllClose(1 * 0.5 + 0 * 1, new AUC(num_thresholds: 3, curve: "PRGAIN").Apply(AucTrue, AucPred, AucWeight), 1e-3);

    [Fact]
    public void AUCTest_test_prgain_interpolation() =>
        AllClose(0.666666 * 0.333333 + 0.333333 * 0.833333, new AUC(num_thresholds: 3, curve: "PRGAIN").Apply(I(0, 0, 0, 1, 0, 1, 0, 1, 1, 1),
            F(0.1, 0.2, 0.3, 0.3, 0.4, 0.4, 0.6, 0.6, 0.8, 0.9)), 1e-3);

    [Fact]
    public void AUCTest_test_invalid_num_thresholds()
    {
        Assert.StartsWith("Argument `num_thresholds` must be an integer > 1", Assert.Throws<ArgumentException>(() => new AUC(num_thresholds: -1)).Message);
        Assert.StartsWith("Argument `num_thresholds` must be an integer > 1.", Assert.Throws<ArgumentException>(() => new AUC(num_thresholds: 1)).Message);
    }

    [Fact] public void AUCTest_test_invalid_curve() => Assert.StartsWith("Invalid AUC curve value: \"Invalid\".", Assert.Throws<ArgumentException>(() => new AUC(curve: "Invalid")).Message);
    [Fact]
    public void AUCTest_test_invalid_summation_method() =>
        Assert.StartsWith("Invalid AUC summation method value: \"Invalid\".", Assert.Throws<ArgumentException>(() => new AUC(summation_method: "Invalid")).Message);

    [Fact]
    public void AUCTest_test_extra_dims()
    {
        var logits = torch.sigmoid(-F(new double[,,] { { { -10, 10, -10 }, { 10, -10, 10 } }, { { -12, 12, -12 }, { 12, -12, 12 } } }));
        var labels = I(1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1).reshape(2, 2, 3);
        Assert.Equal(0.5, Values(new AUC().Apply(labels, logits))[0]);
    }

    // ----- MultiAUCTest -----

    static Tensor MPred => F(new double[,] { { 0, 0.5, 0.3, 0.9 }, { 0.1, 0.2, 0.3, 0.4 } }).t();
    static Tensor MGood => I(new long[,] { { 0, 0, 1, 1 }, { 0, 0, 1, 1 } }).t();
    static Tensor MBad => I(new long[,] { { 0, 0, 1, 1 }, { 1, 1, 0, 0 } }).t();

    [Fact] public void MultiAUCTest_test_unweighted_all_correct() => Assert.Equal(1.0, Values(new AUC(multi_label: true).Apply(MGood, MGood))[0]);
    [Fact] public void MultiAUCTest_test_unweighted_all_correct_flat() => Assert.Equal(1.0, Values(new AUC(multi_label: false).Apply(MGood, MGood))[0]);
    [Fact] public void MultiAUCTest_test_unweighted() => AllClose((0.875 + 1.0) / 2.0, new AUC(num_thresholds: 5, multi_label: true).Apply(MGood, MPred), 1e-3);
    [Fact]
    public void MultiAUCTest_test_unweighted_from_logits() =>
        AllClose((0.875 + 1.0) / 2.0, new AUC(num_thresholds: 5, multi_label: true, from_logits: true).Apply(MGood, Logits(MPred)), 1e-3);
    [Fact]
    public void MultiAUCTest_test_sample_weight_flat() =>
        AllClose(1.0 - (0.3333 * (1.0 - 0.2857) / 2.0), new AUC(num_thresholds: 5, multi_label: false).Apply(MGood, MPred, I(1, 2, 3, 4)), 1e-3);
    [Fact]
    public void MultiAUCTest_test_full_sample_weight_flat() =>
        AllClose(1.0 - (0.3333 * (1.0 - 0.2727) / 2.0), new AUC(num_thresholds: 5, multi_label: false).Apply(MGood, MPred, torch.arange(8).reshape(4, 2)), 1e-3);
    [Fact]
    public void MultiAUCTest_test_label_weights() =>
        AllClose((0.875 * 0.75 + 1.0 * 0.25) / (0.75 + 0.25), new AUC(num_thresholds: 5, multi_label: true, label_weights: new[] { 0.75, 0.25 }).Apply(MGood, MPred), 1e-3);
    [Fact]
    public void MultiAUCTest_test_label_weights_flat() =>
        AllClose(1.0 - ((1.0 - 0.375) * 0.375 / 2.0), new AUC(num_thresholds: 5, multi_label: false, label_weights: new[] { 0.75, 0.25 }).Apply(MGood, MPred), 1e-2);
    [Fact] public void MultiAUCTest_test_unweighted_flat() => AllClose(1.0 - (3.0 / 32.0), new AUC(num_thresholds: 5, multi_label: false).Apply(MGood, MPred), 1e-3);
    [Fact]
    public void MultiAUCTest_test_unweighted_flat_from_logits() =>
        AllClose(1.0 - (3.0 / 32.0), new AUC(num_thresholds: 5, multi_label: false, from_logits: true).Apply(MGood, Logits(MPred)), 1e-3);

    [Fact]
    public void MultiAUCTest_test_manual_thresholds()
    {
        var auc = new AUC(num_thresholds: 2, thresholds: new[] { 0.5 }, multi_label: true);
        Assert.Equal(3, auc.num_thresholds);
        AllClose(new[] { 0.0, 0.5, 1.0 }, torch.tensor(auc.thresholds.ToArray()));
        AllClose((0.75 + 0.5) / 2.0, auc.Apply(MGood, MPred), 1e-3);
    }

    [Fact]
    public void MultiAUCTest_test_weighted_roc_interpolation() =>
        AllClose(1.0 - 0.5 * 0.43 * 0.67, new AUC(num_thresholds: 5, multi_label: true).Apply(MGood, MPred, I(1, 2, 3, 4)), 1e-1);

    [Fact]
    public void MultiAUCTest_test_pr_interpolation_unweighted()
    {
        var auc = new AUC(num_thresholds: 5, curve: "PR", multi_label: true);
        AllClose((0.91667 + 1.0) / 2.0, auc.Apply(MGood, MPred), 1e-1);
        AllClose((0.91667 + 0.5) / 2.0, auc.Apply(MBad, MPred), 1e-1);
    }

    [Fact]
    public void MultiAUCTest_test_pr_interpolation() =>
        AllClose((0.939 + 1.0) / 2.0, new AUC(num_thresholds: 5, curve: "PR", multi_label: true).Apply(MGood, MPred, I(1, 2, 3, 4)), 1e-1);

    [Fact]
    public void MultiAUCTest_test_reset_state()
    {
        var auc = new AUC(num_thresholds: 5, multi_label: true);
        auc.Apply(MGood, MPred);
        auc.reset_state();
        AllClose(new double[10], auc.true_positives!.value);
        Assert.Equal(new long[] { 5, 2 }, auc.true_positives.shape);
    }
}
