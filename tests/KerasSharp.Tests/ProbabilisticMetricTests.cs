using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/metrics/probabilistic_metrics_test.py and hinge_metrics_test.py,
/// ported with Keras's numbers and tolerances. Expectations the Keras tests compute with numpy
/// come from KerasOracle/metrics_test_expected.py.
/// </summary>
public class ProbabilisticMetricTests
{
    static Tensor KlPred => F(0.4, 0.9, 0.12, 0.36, 0.3, 0.4).reshape(2, 3);
    static Tensor KlTrue => F(0.5, 0.8, 0.12, 0.7, 0.43, 0.8).reshape(2, 3);
    static Tensor W2x1 => F(1.2, 3.4).reshape(2, 1);

    static void RoundTrip<T>(T m, Func<Dictionary<string, object?>, T> fromConfig, string name, string dtype) where T : Metric
    {
        Assert.Equal(name, m.name);
        Assert.Equal(dtype, m.dtype);
        var config = m.get_config();
        var m2 = fromConfig(config);
        Assert.Equal(name, m2.name);
        Assert.Equal(dtype, m2.dtype);
        Assert.Equal(2, m2.variables.Count);
        Assert.Equal(config, m2.get_config());
    }

    [Fact] public void KLDivergenceTest_test_config() => RoundTrip(new KLDivergence(name: "kld", dtype: "int32"), c => KLDivergence.from_config(c), "kld", "int32");
    [Fact] public void KLDivergenceTest_test_unweighted() { var m = new KLDivergence(); m.update_state(KlTrue, KlPred); AllClose(0.5960738658905029, m.result(), atol: 1e-3); }
    [Fact] public void KLDivergenceTest_test_weighted() => AllClose(0.8728570523469346, new KLDivergence().Apply(KlTrue, KlPred, W2x1), atol: 1e-3);

    static Tensor PoPred => F(1, 9, 2, 5, 2, 6).reshape(2, 3);
    static Tensor PoTrue => F(4, 8, 12, 8, 1, 3).reshape(2, 3);

    [Fact] public void PoissonTest_test_config() => RoundTrip(new Poisson(name: "poisson"), c => Poisson.from_config(c), "poisson", "float32");
    [Fact] public void PoissonTest_test_unweighted() { var m = new Poisson(); m.update_state(PoTrue, PoPred); AllClose(-3.3065821329752603, m.result(), atol: 1e-3); }
    [Fact] public void PoissonTest_test_weighted() => AllClose(-2.6727564334869385, new Poisson().Apply(PoTrue, PoPred, W2x1), atol: 1e-3);

    static Tensor BceTrue => I(1, 0, 1, 0).reshape(2, 2);
    static Tensor BcePred => F(1, 1, 1, 0).reshape(2, 2);
    static Tensor LogitTrue => I(new long[,] { { 1, 0, 1 }, { 0, 1, 1 } });
    static Tensor Logits => F(new double[,] { { 10, -10, 10 }, { 10, 10, -10 } });

    [Fact]
    public void BinaryCrossentropyTest_test_config() =>
        RoundTrip(new BinaryCrossentropy(name: "bce", dtype: "int32", label_smoothing: 0.2), c => BinaryCrossentropy.from_config(c), "bce", "int32");
    [Fact] public void BinaryCrossentropyTest_test_unweighted() => AllClose(3.9855, new BinaryCrossentropy().Apply(BceTrue, BcePred), atol: 1e-3);
    [Fact] public void BinaryCrossentropyTest_test_unweighted_with_logits() => AllClose(3.333, new BinaryCrossentropy(from_logits: true).Apply(LogitTrue, Logits), atol: 1e-3);
    [Fact] public void BinaryCrossentropyTest_test_weighted() => AllClose(3.4162, new BinaryCrossentropy().Apply(BceTrue, BcePred, F(1.5, 2.0)), atol: 1e-3);
    [Fact] public void BinaryCrossentropyTest_test_weighted_from_logits() => AllClose(3.7037, new BinaryCrossentropy(from_logits: true).Apply(LogitTrue, Logits, F(2.0, 2.5)), atol: 1e-3);
    [Fact]
    public void BinaryCrossentropyTest_test_label_smoothing() =>
        AllClose((10.0 + 5.0 * 0.1) / 3.0, new BinaryCrossentropy(from_logits: true, label_smoothing: 0.1).Apply(I(1, 0, 1), F(10, -10, -10)), atol: 1e-3);

    static Tensor CceTrue => I(new long[,] { { 0, 1, 0 }, { 0, 0, 1 } });
    static Tensor CcePred => F(new double[,] { { 0.05, 0.95, 0 }, { 0.1, 0.8, 0.1 } });
    static Tensor CceLogits => F(new double[,] { { 1, 9, 0 }, { 1, 8, 1 } });

    [Fact]
    public void CategoricalCrossentropyTest_test_config() =>
        RoundTrip(new CategoricalCrossentropy(name: "cce", dtype: "int32", label_smoothing: 0.2), c => CategoricalCrossentropy.from_config(c), "cce", "int32");
    [Fact] public void CategoricalCrossentropyTest_test_unweighted() => AllClose(1.176, new CategoricalCrossentropy().Apply(CceTrue, CcePred), atol: 1e-3);
    [Fact] public void CategoricalCrossentropyTest_test_unweighted_from_logits() => AllClose(3.5011, new CategoricalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits), atol: 1e-3);
    [Fact] public void CategoricalCrossentropyTest_test_weighted() => AllClose(1.338, new CategoricalCrossentropy().Apply(CceTrue, CcePred, F(1.5, 2.0)), atol: 1e-3);
    [Fact]
    public void CategoricalCrossentropyTest_test_weighted_from_logits() =>
        AllClose(4.0012, new CategoricalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits, F(1.5, 2.0)), atol: 1e-3);
    [Fact]
    public void CategoricalCrossentropyTest_test_label_smoothing() =>
        AllClose(3.667, new CategoricalCrossentropy(from_logits: true, label_smoothing: 0.1).Apply(CceTrue, CceLogits), atol: 1e-3);

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_config() =>
        RoundTrip(new SparseCategoricalCrossentropy(name: "scce", dtype: "int32"), c => SparseCategoricalCrossentropy.from_config(c), "scce", "int32");
    [Fact] public void SparseCategoricalCrossentropyTest_test_unweighted() => AllClose(1.176, new SparseCategoricalCrossentropy().Apply(I(1, 2), CcePred), atol: 1e-3);
    [Fact]
    public void SparseCategoricalCrossentropyTest_test_unweighted_from_logits() =>
        AllClose(3.5011, new SparseCategoricalCrossentropy(from_logits: true).Apply(I(1, 2), CceLogits), atol: 1e-3);
    [Fact] public void SparseCategoricalCrossentropyTest_test_weighted() => AllClose(1.338, new SparseCategoricalCrossentropy().Apply(I(1, 2), CcePred, F(1.5, 2.0)), atol: 1e-3);
    [Fact]
    public void SparseCategoricalCrossentropyTest_test_weighted_from_logits() =>
        AllClose(4.0012, new SparseCategoricalCrossentropy(from_logits: true).Apply(I(1, 2), CceLogits, F(1.5, 2.0)), atol: 1e-3);

    static Tensor IgnorePred => F(new double[,] { { 0.8, 0.1, 0.1 }, { 0.05, 0.95, 0 }, { 0.1, 0.8, 0.1 } });

    [Fact] public void SparseCategoricalCrossentropyTest_test_ignore_class() => AllClose(0.78462, new SparseCategoricalCrossentropy(ignore_class: 0).Apply(I(0, 1, 2), IgnorePred), atol: 1e-3);
    [Fact]
    public void SparseCategoricalCrossentropyTest_test_ignore_class_weighted() =>
        AllClose(1.33774646, new SparseCategoricalCrossentropy(ignore_class: 0).Apply(I(0, 1, 2), IgnorePred, F(0.5, 1.5, 2.0)), atol: 1e-3);
    [Fact]
    public void SparseCategoricalCrossentropyTest_test_ignore_class_from_logits() =>
        AllClose(2.33409, new SparseCategoricalCrossentropy(from_logits: true, ignore_class: 0).Apply(I(0, 1, 2), F(new double[,] { { 10, 1, 1 }, { 1, 9, 0 }, { 1, 8, 1 } })), atol: 1e-3);

    // ----- hinge_metrics_test.py -----

    static Tensor HPred => F(new double[,] { { -0.3, 0.2, -0.1, 1.6 }, { -0.25, -1.0, 0.5, 0.6 } });

    [Fact] public void HingeTest_test_config() => RoundTrip(new Hinge(name: "hinge", dtype: "int32"), c => Hinge.from_config(c), "hinge", "int32");
    [Fact] public void HingeTest_test_unweighted() { var m = new Hinge(); m.update_state(F(new double[,] { { 0, 1, 0, 1 }, { 0, 0, 1, 1 } }), HPred); AllClose(0.506, m.result(), atol: 1e-3); }
    [Fact] public void HingeTest_test_weighted() => AllClose(0.493, new Hinge().Apply(F(new double[,] { { -1, 1, -1, 1 }, { -1, -1, 1, 1 } }), HPred, F(1.5, 2.0)), atol: 1e-3);

    [Fact] public void SquaredHingeTest_test_config() => RoundTrip(new SquaredHinge(name: "squared_hinge", dtype: "int32"), c => SquaredHinge.from_config(c), "squared_hinge", "int32");
    [Fact] public void SquaredHingeTest_test_unweighted() { var m = new SquaredHinge(); m.update_state(F(new double[,] { { 0, 1, 0, 1 }, { 0, 0, 1, 1 } }), HPred); AllClose(0.364, m.result(), atol: 1e-3); }
    [Fact] public void SquaredHingeTest_test_weighted() => AllClose(0.347, new SquaredHinge().Apply(F(new double[,] { { -1, 1, -1, 1 }, { -1, -1, 1, 1 } }), HPred, F(1.5, 2.0)), atol: 1e-3);

    static Tensor CatHingeTrue => F(new double[,] { { 0, 1, 0, 1, 0 }, { 0, 0, 1, 1, 1 }, { 1, 1, 1, 1, 0 }, { 0, 0, 0, 0, 1 } });
    static Tensor CatHingePred => F(new double[,] { { 0, 0, 1, 1, 0 }, { 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 0 }, { 1, 1, 1, 1, 1 } });

    [Fact] public void CategoricalHingeTest_test_config() => RoundTrip(new CategoricalHinge(name: "cat_hinge", dtype: "int32"), c => CategoricalHinge.from_config(c), "cat_hinge", "int32");
    [Fact] public void CategoricalHingeTest_test_unweighted() { var m = new CategoricalHinge(); m.update_state(CatHingeTrue, CatHingePred); AllClose(0.5, m.result(), atol: 1e-5); }
    [Fact] public void CategoricalHingeTest_test_weighted() => AllClose(0.5, new CategoricalHinge().Apply(CatHingeTrue, CatHingePred, F(1.0, 1.5, 2.0, 2.5)), atol: 1e-5);
}
