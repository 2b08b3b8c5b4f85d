using KerasSharp;
using KerasSharp.Losses;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/losses/losses_test.py, ported: each test is named
/// <c>{Keras test class}_{Keras test}</c> and keeps Keras's inputs, expected numbers and
/// tolerances (assertAlmostEqual: 3 decimals unless Keras says otherwise; assertAllClose: atol and
/// rtol 1e-6 unless Keras says otherwise). Where the Keras test computes its expectation with
/// numpy, the number comes from running that same numpy code through kpython:
/// KerasOracle/losses_test_expected.py (its "test=" column).
/// </summary>
public class LossTests
{
    static readonly Tensor YT = I(new long[,] { { 1, 9, 2 }, { -5, -2, 6 } });
    static readonly Tensor YP = F(new double[,] { { 4, 8, 12 }, { 8, 1, 3 } });
    static Tensor TimestepTrue => I(new long[] { 1, 9, 2, -5, -2, 6 }).reshape(2, 3, 1);
    static Tensor TimestepPred => I(new long[] { 4, 8, 12, 8, 1, 3 }).reshape(2, 3, 1);
    static Tensor TimestepWeight => I(new long[] { 3, 6, 5, 0, 4, 2 }).reshape(2, 3);
    static Tensor SampleWeight => torch.tensor(new double[,] { { 1.2 }, { 3.4 } });

    static void ConfigRoundTrip(Loss loss, Func<Dictionary<string, object?>, Loss> fromConfig, Dictionary<string, object?> expected)
    {
        var config = loss.get_config();
        Assert.Equal(expected, config);
        var again = fromConfig(config);
        Assert.Equal(loss.GetType(), again.GetType());
        Assert.Equal(config, again.get_config());
    }

    // ----- MeanSquaredErrorTest -----

    [Fact]
    public void MeanSquaredErrorTest_test_config() => ConfigRoundTrip(new MeanSquaredError(name: "mymse"), c => MeanSquaredError.from_config(c),
        new() { ["name"] = "mymse", ["reduction"] = "sum_over_batch_size" });

    [Fact]
    public void MeanSquaredErrorTest_test_base_function_reduction()
    {
        var loss = keras.losses.mean_squared_error(I(4, 8, 12), I(new long[,] { { 3 }, { 0 }, { 1 } }));
        Assert.Equal(new long[] { 3 }, loss.shape);
    }

    [Fact]
    public void MeanSquaredErrorTest_test_all_correct_unweighted() =>
        AlmostEqual(0.0, new MeanSquaredError().Apply(I(new long[,] { { 4, 8, 12 }, { 8, 1, 3 } }), I(new long[,] { { 4, 8, 12 }, { 8, 1, 3 } })));
    [Fact] public void MeanSquaredErrorTest_test_unweighted() => AlmostEqual(49.5, new MeanSquaredError().Apply(YT, YP));
    [Fact] public void MeanSquaredErrorTest_test_scalar_weighted() => AlmostEqual(113.85, new MeanSquaredError().Apply(YT, YP, sample_weight: 2.3));
    [Fact] public void MeanSquaredErrorTest_test_sample_weighted() => AlmostEqual(767.8 / 6, new MeanSquaredError().Apply(YT, YP, SampleWeight));
    [Fact] public void MeanSquaredErrorTest_test_timestep_weighted() => AlmostEqual(97.833336, new MeanSquaredError().Apply(TimestepTrue, TimestepPred, TimestepWeight));
    [Fact] public void MeanSquaredErrorTest_test_zero_weighted() => AlmostEqual(0.0, new MeanSquaredError().Apply(YT, YP, sample_weight: 0));
    [Fact] public void MeanSquaredErrorTest_test_no_reduction() => AlmostEqual(new[] { 84.3333, 143.3666 }, new MeanSquaredError(reduction: null).Apply(YT, YP, sample_weight: 2.3));
    [Fact] public void MeanSquaredErrorTest_test_sum_reduction() => AlmostEqual(227.69998, new MeanSquaredError(reduction: "sum").Apply(YT, YP, sample_weight: 2.3));
    [Fact]
    public void MeanSquaredErrorTest_test_mean_with_sample_weight_reduction() =>
        AlmostEqual((110.0 / 3 * 1.2 + 187.0 / 3 * 3.4) / (1.2 + 3.4), new MeanSquaredError(reduction: "mean_with_sample_weight").Apply(YT, YP, SampleWeight));
    [Fact] public void MeanSquaredErrorTest_test_dtype_arg() => Assert.Equal(ScalarType.BFloat16, new MeanSquaredError(dtype: "bfloat16").Apply(YT, YP).dtype);

    // ----- MeanAbsoluteErrorTest -----

    [Fact]
    public void MeanAbsoluteErrorTest_test_config() => ConfigRoundTrip(new MeanAbsoluteError(name: "myname"), c => MeanAbsoluteError.from_config(c),
        new() { ["name"] = "myname", ["reduction"] = "sum_over_batch_size" });
    [Fact]
    public void MeanAbsoluteErrorTest_test_all_correct_unweighted() =>
        AlmostEqual(0.0, new MeanAbsoluteError().Apply(I(new long[,] { { 4, 8, 12 }, { 8, 1, 3 } }), I(new long[,] { { 4, 8, 12 }, { 8, 1, 3 } })));
    [Fact] public void MeanAbsoluteErrorTest_test_unweighted() => AlmostEqual(5.5, new MeanAbsoluteError().Apply(YT, YP));
    [Fact] public void MeanAbsoluteErrorTest_test_scalar_weighted() => AlmostEqual(12.65, new MeanAbsoluteError().Apply(YT, YP, sample_weight: 2.3));
    [Fact] public void MeanAbsoluteErrorTest_test_sample_weighted() => AlmostEqual(81.4 / 6, new MeanAbsoluteError().Apply(YT, YP, SampleWeight));
    [Fact] public void MeanAbsoluteErrorTest_test_timestep_weighted() => AlmostEqual(13.833333, new MeanAbsoluteError().Apply(TimestepTrue, TimestepPred, TimestepWeight));
    [Fact] public void MeanAbsoluteErrorTest_test_zero_weighted() => AlmostEqual(0.0, new MeanAbsoluteError().Apply(YT, YP, sample_weight: 0));
    [Fact] public void MeanAbsoluteErrorTest_test_no_reduction() => AlmostEqual(new[] { 10.7333, 14.5666 }, new MeanAbsoluteError(reduction: null).Apply(YT, YP, sample_weight: 2.3));
    [Fact] public void MeanAbsoluteErrorTest_test_sum_reduction() => AlmostEqual(25.29999, new MeanAbsoluteError(reduction: "sum").Apply(YT, YP, sample_weight: 2.3));
    [Fact]
    public void MeanAbsoluteErrorTest_test_mean_with_sample_weight_reduction() =>
        AlmostEqual((14.0 / 3 * 1.2 + 19.0 / 3 * 3.4) / (1.2 + 3.4), new MeanAbsoluteError(reduction: "mean_with_sample_weight").Apply(YT, YP, SampleWeight));
    [Fact] public void MeanAbsoluteErrorTest_test_dtype_arg() => Assert.Equal(ScalarType.BFloat16, new MeanAbsoluteError(dtype: "bfloat16").Apply(YT, YP).dtype);

    // ----- MeanAbsolutePercentageErrorTest -----

    [Fact]
    public void MeanAbsolutePercentageErrorTest_test_config() => ConfigRoundTrip(new MeanAbsolutePercentageError(name: "mymape"), c => MeanAbsolutePercentageError.from_config(c),
        new() { ["name"] = "mymape", ["reduction"] = "sum_over_batch_size" });
    [Fact]
    public void MeanAbsolutePercentageErrorTest_test_all_correct_unweighted() =>
        AlmostEqual(0.0, new MeanAbsolutePercentageError().Apply(I(new long[,] { { 4, 8, 12 }, { 8, 1, 3 } }), I(new long[,] { { 4, 8, 12 }, { 8, 1, 3 } })));
    [Fact] public void MeanAbsolutePercentageErrorTest_test_unweighted() => AlmostEqual(211.8518, new MeanAbsolutePercentageError().Apply(YT, YP), 3);
    [Fact] public void MeanAbsolutePercentageErrorTest_test_scalar_weighted() => AlmostEqual(487.259, new MeanAbsolutePercentageError().Apply(YT, YP, sample_weight: 2.3), 3);
    [Fact] public void MeanAbsolutePercentageErrorTest_test_sample_weighted() => AlmostEqual(422.8888, new MeanAbsolutePercentageError().Apply(YT, YP, SampleWeight), 3);
    [Fact]
    public void MeanAbsolutePercentageErrorTest_test_timestep_weighted() =>
        AlmostEqual(694.4444, new MeanAbsolutePercentageError().Apply(TimestepTrue, TimestepPred, TimestepWeight));
    [Fact] public void MeanAbsolutePercentageErrorTest_test_zero_weighted() => AlmostEqual(0.0, new MeanAbsolutePercentageError().Apply(YT, YP, sample_weight: 0), 3);
    [Fact]
    public void MeanAbsolutePercentageErrorTest_test_no_reduction() =>
        AlmostEqual(new[] { 621.8518, 352.6666 }, new MeanAbsolutePercentageError(reduction: null).Apply(YT, YP, sample_weight: 2.3));
    [Fact]
    public void MeanAbsolutePercentageErrorTest_test_mean_with_sample_weight_reduction() =>
        AlmostEqual(183.865, new MeanAbsolutePercentageError(reduction: "mean_with_sample_weight").Apply(YT, YP, SampleWeight));

    // ----- MeanSquaredLogarithmicErrorTest -----

    [Fact]
    public void MeanSquaredLogarithmicErrorTest_test_config() => ConfigRoundTrip(new MeanSquaredLogarithmicError(name: "mysloge"), c => MeanSquaredLogarithmicError.from_config(c),
        new() { ["name"] = "mysloge", ["reduction"] = "sum_over_batch_size" });
    [Fact] public void MeanSquaredLogarithmicErrorTest_test_unweighted() => AlmostEqual(1.4370, new MeanSquaredLogarithmicError().Apply(YT, YP), 3);
    [Fact] public void MeanSquaredLogarithmicErrorTest_test_scalar_weighted() => AlmostEqual(3.3051, new MeanSquaredLogarithmicError().Apply(YT, YP, sample_weight: 2.3), 3);
    [Fact] public void MeanSquaredLogarithmicErrorTest_test_sample_weighted() => AlmostEqual(3.7856, new MeanSquaredLogarithmicError().Apply(YT, YP, SampleWeight), 3);
    [Fact]
    public void MeanSquaredLogarithmicErrorTest_test_timestep_weighted() =>
        AlmostEqual(2.647374, new MeanSquaredLogarithmicError().Apply(TimestepTrue, TimestepPred, TimestepWeight));
    [Fact] public void MeanSquaredLogarithmicErrorTest_test_zero_weighted() => AlmostEqual(0.0, new MeanSquaredLogarithmicError().Apply(YT, YP, sample_weight: 0), 3);
    [Fact]
    public void MeanSquaredLogarithmicErrorTest_test_mean_with_sample_weight_reduction() =>
        AlmostEqual(1.646, new MeanSquaredLogarithmicError(reduction: "mean_with_sample_weight").Apply(YT, YP, SampleWeight));

    // ----- HingeTest, SquaredHingeTest, CategoricalHingeTest -----

    static Tensor HingeTrue => F(new double[,] { { 0, 1 }, { 0, 0 } });
    static Tensor HingePred => F(new double[,] { { 0.6, 0.4 }, { 0.4, 0.6 } });
    static Tensor HingeWeight => I(1, 0);

    [Fact]
    public void HingeTest_test_unweighted()
    {
        AlmostEqual(1.3, new Hinge(reduction: "sum_over_batch_size").Apply(HingeTrue, HingePred), 3);
        AlmostEqual(2.6, new Hinge(reduction: "sum").Apply(HingeTrue, HingePred), 3);
        AllClose(new[] { 1.1, 1.5 }, new Hinge(reduction: null).Apply(HingeTrue, HingePred));
        var e = Assert.Throws<ArgumentException>(() => new Hinge(reduction: "abc"));
        Assert.StartsWith("Invalid value for argument", e.Message);
    }

    [Fact]
    public void HingeTest_test_weighted()
    {
        AlmostEqual(0.55, new Hinge(reduction: "sum_over_batch_size").Apply(HingeTrue, HingePred, HingeWeight), 3);
        AlmostEqual(1.1, new Hinge(reduction: "sum").Apply(HingeTrue, HingePred, HingeWeight), 3);
        AlmostEqual(new[] { 1.1, 0.0 }, new Hinge(reduction: null).Apply(HingeTrue, HingePred, HingeWeight));
    }

    [Fact] public void HingeTest_test_zero_weighted() => Assert.Equal(0.0, Values(new Hinge().Apply(HingeTrue, HingePred, sample_weight: 0.0))[0]);

    [Fact]
    public void SquaredHingeTest_test_unweighted()
    {
        AlmostEqual(1.86, new SquaredHinge(reduction: "sum_over_batch_size").Apply(HingeTrue, HingePred), 3);
        AlmostEqual(3.72, new SquaredHinge(reduction: "sum").Apply(HingeTrue, HingePred), 3);
        AllClose(new[] { 1.46, 2.26 }, new SquaredHinge(reduction: null).Apply(HingeTrue, HingePred));
        Assert.StartsWith("Invalid value for argument", Assert.Throws<ArgumentException>(() => new SquaredHinge(reduction: "abc")).Message);
    }

    [Fact]
    public void SquaredHingeTest_test_weighted()
    {
        AlmostEqual(0.73, new SquaredHinge(reduction: "sum_over_batch_size").Apply(HingeTrue, HingePred, HingeWeight), 3);
        AlmostEqual(1.46, new SquaredHinge(reduction: "sum").Apply(HingeTrue, HingePred, HingeWeight), 3);
        AlmostEqual(new[] { 1.46, 0.0 }, new SquaredHinge(reduction: null).Apply(HingeTrue, HingePred, HingeWeight));
    }

    [Fact] public void SquaredHingeTest_test_zero_weighted() => Assert.Equal(0.0, Values(new SquaredHinge().Apply(HingeTrue, HingePred, sample_weight: 0.0))[0]);

    [Fact]
    public void CategoricalHingeTest_test_unweighted()
    {
        AlmostEqual(1.4, new CategoricalHinge(reduction: "sum_over_batch_size").Apply(HingeTrue, HingePred), 3);
        AlmostEqual(2.8, new CategoricalHinge(reduction: "sum").Apply(HingeTrue, HingePred), 3);
        AllClose(new[] { 1.2, 1.6 }, new CategoricalHinge(reduction: null).Apply(HingeTrue, HingePred));
        Assert.StartsWith("Invalid value for argument", Assert.Throws<ArgumentException>(() => new CategoricalHinge(reduction: "abc")).Message);
    }

    [Fact]
    public void CategoricalHingeTest_test_weighted()
    {
        AlmostEqual(0.6, new CategoricalHinge(reduction: "sum_over_batch_size").Apply(HingeTrue, HingePred, HingeWeight), 3);
        AlmostEqual(1.2, new CategoricalHinge(reduction: "sum").Apply(HingeTrue, HingePred, HingeWeight), 3);
        AlmostEqual(new[] { 1.2, 0.0 }, new CategoricalHinge(reduction: null).Apply(HingeTrue, HingePred, HingeWeight));
    }

    [Fact] public void CategoricalHingeTest_test_zero_weighted() => Assert.Equal(0.0, Values(new CategoricalHinge().Apply(HingeTrue, HingePred, sample_weight: 0.0))[0]);

    // ----- CosineSimilarityTest (expectations: KerasOracle/losses_test_expected.py) -----

    static Tensor CosTrue => F(new double[,] { { 1, 9, 2 }, { -5, -2, 6 } });

    [Fact]
    public void CosineSimilarityTest_test_config()
    {
        var cos = new CosineSimilarity(axis: 2, reduction: "sum", name: "cosine_loss");
        Assert.Equal("cosine_loss", cos.name);
        Assert.Equal("sum", cos.reduction);
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "cosine_loss", ["reduction"] = "sum" }, cos.get_config());
    }

    [Fact] public void CosineSimilarityTest_test_unweighted() => AlmostEqual(-0.1872190535068512, new CosineSimilarity().Apply(CosTrue, YP), 3);
    [Fact] public void CosineSimilarityTest_test_scalar_weighted() => AlmostEqual(-0.4306038022041321, new CosineSimilarity().Apply(CosTrue, YP, sample_weight: 2.3), 3);
    [Fact]
    public void CosineSimilarityTest_test_sample_weighted() =>
        AlmostEqual(0.15599203109741205, new CosineSimilarity().Apply(CosTrue, YP, torch.tensor(new[] { 1.2, 3.4 })), 3);
    [Fact]
    public void CosineSimilarityTest_test_timestep_weighted() =>
        AlmostEqual(-2.0, new CosineSimilarity().Apply(CosTrue.reshape(2, 3, 1), YP.reshape(2, 3, 1), TimestepWeight), 3);
    [Fact] public void CosineSimilarityTest_test_zero_weighted() => AlmostEqual(0.0, new CosineSimilarity().Apply(CosTrue, YP, sample_weight: 0), 3);
    [Fact] public void CosineSimilarityTest_test_axis() => AlmostEqual(-0.1872190535068512, new CosineSimilarity(axis: 1).Apply(CosTrue, YP), 3);

    // ----- HuberLossTest (expectations: KerasOracle/losses_test_expected.py) -----

    static Tensor HuberPred => F(new double[,] { { 0.9, 0.2, 0.2 }, { 0.8, 0.4, 0.6 } });
    static Tensor HuberTrue => F(new double[,] { { 1.0, 0.0, 1.0 }, { 1.0, 0.0, 0.0 } });

    [Fact]
    public void HuberLossTest_test_config()
    {
        var h = new Huber(reduction: "sum", name: "huber");
        Assert.Equal("huber", h.name);
        Assert.Equal("sum", h.reduction);
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "huber", ["reduction"] = "sum" }, h.get_config());
    }

    [Fact] public void HuberLossTest_test_all_correct() => AlmostEqual(0.0, new Huber().Apply(HuberTrue, HuberTrue), 3);
    [Fact] public void HuberLossTest_test_unweighted() => AlmostEqual(0.10416666666666669, new Huber().Apply(HuberTrue, HuberPred), 3);

    [Fact]
    public void HuberLossTest_test_scalar_weighted()
    {
        var h = new Huber();
        var first = h.Apply(HuberTrue, HuberPred, sample_weight: 2.3);
        AlmostEqual(0.23958333333333337, first, 3);
        AlmostEqual(Values(first)[0], h.Apply(HuberTrue, HuberPred, sample_weight: 2.3), 3);
    }

    [Fact] public void HuberLossTest_test_sample_weighted() => AlmostEqual(0.22766666666666668, new Huber().Apply(HuberTrue, HuberPred, SampleWeight), 3);
    [Fact]
    public void HuberLossTest_test_timestep_weighted() =>
        AlmostEqual(0.4025000000000001, new Huber().Apply(HuberTrue.reshape(2, 3, 1), HuberPred.reshape(2, 3, 1), TimestepWeight.reshape(2, 3, 1)), 3);
    [Fact] public void HuberLossTest_test_zero_weighted() => AlmostEqual(0.0, new Huber().Apply(HuberTrue, HuberPred, sample_weight: 0), 3);
    [Fact] public void HuberLossTest_test_non_default_delta() => AlmostEqual(0.23958333333333337, new Huber(delta: 0.8).Apply(HuberTrue, HuberPred, sample_weight: 2.3), 3);

    // ----- LogCoshTest (expectations: KerasOracle/losses_test_expected.py) -----

    [Fact]
    public void LogCoshTest_test_config()
    {
        var l = new LogCosh(reduction: "sum", name: "logcosh_loss");
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "logcosh_loss", ["reduction"] = "sum" }, l.get_config());
    }

    [Fact] public void LogCoshTest_test_unweighted() => AlmostEqual(4.829245249430339, new LogCosh().Apply(CosTrue, YP), 3);
    [Fact] public void LogCoshTest_test_scalar_weighted() => AlmostEqual(11.107264073689777, new LogCosh().Apply(CosTrue, YP, sample_weight: 2.3), 3);
    [Fact] public void LogCoshTest_test_sample_weighted() => AlmostEqual(12.001114563147226, new LogCosh().Apply(CosTrue, YP, torch.tensor(new[] { 1.2, 3.4 })), 3);
    [Fact]
    public void LogCoshTest_test_timestep_weighted() =>
        AlmostEqual(11.653484271934046, new LogCosh().Apply(TimestepTrue, TimestepPred, TimestepWeight.reshape(2, 3, 1)), 3);
    [Fact] public void LogCoshTest_test_zero_weighted() => AlmostEqual(0.0, new LogCosh().Apply(CosTrue, YP, sample_weight: 0), 3);

    // ----- KLDivergenceTest (expectations: KerasOracle/losses_test_expected.py) -----

    static Tensor KlPred => F(0.4, 0.9, 0.12, 0.36, 0.3, 0.4).reshape(2, 3);
    static Tensor KlTrue => F(0.5, 0.8, 0.12, 0.7, 0.43, 0.8).reshape(2, 3);

    [Fact]
    public void KLDivergenceTest_test_config()
    {
        var k = new KLDivergence(reduction: "sum", name: "kld");
        Assert.Equal("kld", k.name);
        Assert.Equal("sum", k.reduction);
    }

    [Fact] public void KLDivergenceTest_test_unweighted() => AlmostEqual(0.5960738658905029, new KLDivergence().Apply(KlTrue, KlPred), 3);
    [Fact] public void KLDivergenceTest_test_scalar_weighted() => AlmostEqual(1.3709698915481567, new KLDivergence().Apply(KlTrue, KlPred, sample_weight: 2.3), 3);
    [Fact] public void KLDivergenceTest_test_sample_weighted() => AlmostEqual(2.007571220397949, new KLDivergence().Apply(KlTrue, KlPred, F(1.2, 3.4).reshape(2, 1)), 3);
    [Fact]
    public void KLDivergenceTest_test_timestep_weighted() =>
        AlmostEqual(0.24959955116113028, new KLDivergence().Apply(KlTrue.reshape(2, 3, 1), KlPred.reshape(2, 3, 1), TimestepWeight), 3);
    [Fact] public void KLDivergenceTest_test_zero_weighted() => AlmostEqual(0.0, new KLDivergence().Apply(KlTrue, KlPred, sample_weight: 0), 3);

    // ----- PoissonTest (expectations: KerasOracle/losses_test_expected.py) -----

    static Tensor PoPred => F(1, 9, 2, 5, 2, 6).reshape(2, 3);
    static Tensor PoTrue => F(4, 8, 12, 8, 1, 3).reshape(2, 3);

    [Fact] public void PoissonTest_test_unweighted() => AlmostEqual(-3.3065821329752603, new Poisson().Apply(PoTrue, PoPred), 3);
    [Fact] public void PoissonTest_test_scalar_weighted() => AlmostEqual(-7.6051389058430985, new Poisson().Apply(PoTrue, PoPred, sample_weight: 2.3), 3);
    [Fact] public void PoissonTest_test_sample_weighted() => AlmostEqual(-6.147339169184367, new Poisson().Apply(PoTrue, PoPred, SampleWeight), 3);
    [Fact]
    public void PoissonTest_test_timestep_weighted() =>
        AlmostEqual(-12.263126373291016, new Poisson().Apply(PoTrue.reshape(2, 3, 1), PoPred.reshape(2, 3, 1), TimestepWeight), 3);
    [Fact] public void PoissonTest_test_zero_weighted() => AlmostEqual(0.0, new Poisson().Apply(PoTrue, PoPred, sample_weight: 0), 3);

    // ----- BinaryCrossentropyTest -----

    static Tensor Eye3 => F(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
    static Tensor BceTrue => I(1, 0, 1, 0).reshape(2, 2);
    static Tensor BcePred => F(1, 1, 1, 0).reshape(2, 2);
    static Tensor BceLogitTrue => I(new long[,] { { 1, 0, 1 }, { 0, 1, 1 } });
    static Tensor BceLogits => F(new double[,] { { 10, -10, 10 }, { 10, 10, -10 } });

    [Fact]
    public void BinaryCrossentropyTest_test_config() => ConfigRoundTrip(new BinaryCrossentropy(name: "bce", axis: -1), c => BinaryCrossentropy.from_config(c),
        new() { ["name"] = "bce", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["label_smoothing"] = 0.0, ["axis"] = -1 });

    [Fact]
    public void BinaryCrossentropyTest_test_all_correct_unweighted()
    {
        AlmostEqual(0.0, new BinaryCrossentropy().Apply(Eye3, Eye3));
        var logits = F(new double[,] { { 10, -10, -10 }, { -10, 10, -10 }, { -10, -10, 10 } });
        AlmostEqual(0.0, new BinaryCrossentropy(from_logits: true).Apply(Eye3, logits));
    }

    [Fact]
    public void BinaryCrossentropyTest_test_unweighted()
    {
        var yPred = F(new double[,] { { 0.9, 0.1, 0.2 }, { 0.3, 0.8, 0.1 }, { 0.1, 0.2, 0.7 } });
        AllClose(0.20046903, new BinaryCrossentropy().Apply(Eye3, yPred));
        AlmostEqual(3.98559, new BinaryCrossentropy().Apply(BceTrue, BcePred));
        AlmostEqual(3.3333, new BinaryCrossentropy(from_logits: true).Apply(BceLogitTrue, BceLogits));
    }

    [Fact]
    public void BinaryCrossentropyTest_test_scalar_weighted()
    {
        AlmostEqual(9.1668, new BinaryCrossentropy().Apply(BceTrue, BcePred, sample_weight: 2.3));
        AlmostEqual(7.666, new BinaryCrossentropy(from_logits: true).Apply(BceLogitTrue, BceLogits, sample_weight: 2.3));
    }

    [Fact]
    public void BinaryCrossentropyTest_test_sample_weighted()
    {
        AlmostEqual(4.7827, new BinaryCrossentropy().Apply(BceTrue, BcePred, torch.tensor(new[] { 1.2, 3.4 }).reshape(2, 1)));
        AlmostEqual(10.0, new BinaryCrossentropy(from_logits: true).Apply(BceLogitTrue, BceLogits, I(4, 3)));
    }

    [Fact]
    public void BinaryCrossentropyTest_test_no_reduction() =>
        AllClose(new[] { 0.0, 6.666 }, new BinaryCrossentropy(from_logits: true, reduction: null).Apply(BceLogitTrue, BceLogits), atol: 1e-3);

    [Fact]
    public void BinaryCrossentropyTest_test_label_smoothing() =>
        AlmostEqual((10.0 + 5.0 * 0.1) / 3.0, new BinaryCrossentropy(from_logits: true, label_smoothing: 0.1).Apply(I(new long[,] { { 1, 0, 1 } }), F(new double[,] { { 10, -10, -10 } })));

    [Fact]
    public void BinaryCrossentropyTest_test_shape_mismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy().Apply(I(new long[,] { { 0 }, { 1 }, { 2 } }),
            F(new double[,] { { 0.9, 0.05, 0.05 }, { 0.5, 0.89, 0.6 }, { 0.05, 0.01, 0.94 } })));
        Assert.Contains("must have the same shape", e.Message);
    }

    // ----- CategoricalCrossentropyTest -----

    static Tensor CceTrue => I(new long[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
    static Tensor CcePred => F(new double[,] { { 0.9, 0.05, 0.05 }, { 0.5, 0.89, 0.6 }, { 0.05, 0.01, 0.94 } });
    static Tensor CceLogits => F(new double[,] { { 8, 1, 1 }, { 0, 9, 1 }, { 2, 3, 5 } });
    static Tensor CceWeight => torch.tensor(new[] { 1.2, 3.4, 5.6 }).reshape(3, 1);

    [Fact]
    public void CategoricalCrossentropyTest_test_config() => ConfigRoundTrip(new CategoricalCrossentropy(name: "cce", axis: -1), c => CategoricalCrossentropy.from_config(c),
        new() { ["name"] = "cce", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["label_smoothing"] = 0.0, ["axis"] = -1 });

    [Fact]
    public void CategoricalCrossentropyTest_test_all_correct_unweighted()
    {
        AlmostEqual(0.0, new CategoricalCrossentropy().Apply(CceTrue, Eye3));
        AlmostEqual(0.0, new CategoricalCrossentropy(from_logits: true).Apply(CceTrue, F(new double[,] { { 10, 0, 0 }, { 0, 10, 0 }, { 0, 0, 10 } })));
    }

    [Fact]
    public void CategoricalCrossentropyTest_test_unweighted()
    {
        AlmostEqual(0.3239, new CategoricalCrossentropy().Apply(CceTrue, CcePred));
        AlmostEqual(0.0573, new CategoricalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits));
    }

    [Fact]
    public void CategoricalCrossentropyTest_test_scalar_weighted()
    {
        AlmostEqual(0.7449, new CategoricalCrossentropy().Apply(CceTrue, CcePred, sample_weight: 2.3));
        AlmostEqual(0.1317, new CategoricalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits, sample_weight: 2.3));
    }

    [Fact]
    public void CategoricalCrossentropyTest_test_sample_weighted()
    {
        AlmostEqual(1.0696, new CategoricalCrossentropy().Apply(CceTrue, CcePred, CceWeight));
        AlmostEqual(0.31829, new CategoricalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits, CceWeight));
    }

    [Fact]
    public void CategoricalCrossentropyTest_test_no_reduction() =>
        AllClose(new[] { 0.001822, 0.000459, 0.169846 }, new CategoricalCrossentropy(from_logits: true, reduction: null).Apply(CceTrue, CceLogits));

    [Fact]
    public void CategoricalCrossentropyTest_test_label_smoothing() =>
        AlmostEqual(400.0 * 0.1 / 3.0, new CategoricalCrossentropy(from_logits: true, label_smoothing: 0.1).Apply(I(new long[,] { { 1, 0, 0 } }), F(new double[,] { { 100, -100, -100 } })));

    /// <summary>keras/src/losses/losses_test.py CategoricalCrossentropyTest.test_shape_mismatch, with Keras's full text (kpython, numpy backend).</summary>
    [Fact]
    public void CategoricalCrossentropyTest_test_shape_mismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy().Apply(I(new long[,] { { 0 }, { 1 }, { 2 } }), CcePred));
        Assert.Equal("Arguments `target` and `output` must have the same shape. Received: target.shape=(3, 1), output.shape=(3, 3)", e.Message);
    }

    [Fact] public void CategoricalCrossentropyTest_test_dtype_arg() => Assert.Equal(ScalarType.BFloat16, new CategoricalCrossentropy(dtype: "bfloat16").Apply(CceTrue, Eye3).dtype);

    // ----- SparseCategoricalCrossentropyTest -----

    static Tensor Col(params long[] v) => I(v).reshape(-1, 1);

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_config() => ConfigRoundTrip(new SparseCategoricalCrossentropy(name: "scce"), c => SparseCategoricalCrossentropy.from_config(c),
        new() { ["name"] = "scce", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["ignore_class"] = null });

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_all_correct_unweighted()
    {
        AlmostEqual(0.0, new SparseCategoricalCrossentropy().Apply(Col(0, 1, 2), Eye3), 3);
        AlmostEqual(0.0, new SparseCategoricalCrossentropy(from_logits: true).Apply(Col(0, 1, 2), F(new double[,] { { 10, 0, 0 }, { 0, 10, 0 }, { 0, 0, 10 } })), 3);
    }

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_unweighted()
    {
        AlmostEqual(0.3239, new SparseCategoricalCrossentropy().Apply(I(0, 1, 2), CcePred), 3);
        AlmostEqual(0.0573, new SparseCategoricalCrossentropy(from_logits: true).Apply(I(0, 1, 2), CceLogits), 3);
    }

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_scalar_weighted()
    {
        AlmostEqual(0.7449, new SparseCategoricalCrossentropy().Apply(Col(0, 1, 2), CcePred, sample_weight: 2.3), 3);
        AlmostEqual(0.1317, new SparseCategoricalCrossentropy(from_logits: true).Apply(Col(0, 1, 2), CceLogits, sample_weight: 2.3), 3);
    }

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_sample_weighted()
    {
        AlmostEqual(1.0696, new SparseCategoricalCrossentropy().Apply(Col(0, 1, 2), CcePred, CceWeight), 3);
        AlmostEqual(0.31829, new SparseCategoricalCrossentropy(from_logits: true).Apply(Col(0, 1, 2), CceLogits, CceWeight), 3);
    }

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_no_reduction() =>
        AllClose(new[] { 0.001822, 0.000459, 0.169846 }, new SparseCategoricalCrossentropy(from_logits: true, reduction: null).Apply(Col(0, 1, 2), CceLogits));

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_ignore_class()
    {
        var logits = F(new double[,,] { { { 0.854, 0.698, 0.598 }, { 0.088, 0.86, 0.018 } } });
        var loss = new SparseCategoricalCrossentropy(from_logits: true, ignore_class: -1, reduction: null);
        var a = loss.Apply(I(new long[,] { { -1, 2 } }), logits);
        Assert.Equal(new long[] { 1, 2 }, a.shape);
        AllClose(new[] { 0.0, 1.480129 }, a);
        var b = loss.Apply(I(-1, 2).reshape(1, 2, 1), logits);
        Assert.Equal(new long[] { 1, 2 }, b.shape);
        AllClose(new[] { 0.0, 1.480129 }, b);
    }

    static Tensor SegTrue => I(new long[,] { { 0, 1, 1, 0 }, { 1, 0, 1, 0 }, { 0, 0, 1, 1 }, { 1, 1, 0, 1 } });
    static Tensor SegPerfect => F(new double[,,]
    {
        { { 1, 0 }, { 0, 1 }, { 0, 1 }, { 1, 0 } }, { { 0, 1 }, { 1, 0 }, { 0, 1 }, { 1, 0 } },
        { { 1, 0 }, { 1, 0 }, { 0, 1 }, { 0, 1 } }, { { 0, 1 }, { 0, 1 }, { 1, 0 }, { 0, 1 } },
    });
    static Tensor SegImperfect => F(new double[,,]
    {
        { { 1, 0 }, { 0, 1 }, { 0, 1 }, { 0.2, 0.8 } }, { { 0, 1 }, { 1, 0 }, { 0, 1 }, { 1, 0 } },
        { { 1, 0 }, { 1, 0 }, { 0, 1 }, { 0, 1 } }, { { 0, 1 }, { 0, 1 }, { 1, 0 }, { 0.6, 0.4 } },
    });

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_binary_segmentation()
    {
        AllClose(0.0, new SparseCategoricalCrossentropy().Apply(SegTrue, SegPerfect));
        AllClose((-Math.Log(0.2) - Math.Log(0.4)) / 16.0, new SparseCategoricalCrossentropy().Apply(SegTrue, SegImperfect));
    }

    /// <summary>The torch-backend branch of the Keras test (the class axis first, then second).</summary>
    [Fact]
    public void SparseCategoricalCrossentropyTest_test_binary_segmentation_different_axis()
    {
        AllClose(0.0, new SparseCategoricalCrossentropy(axis: 0).Apply(SegTrue, SegPerfect.movedim(new long[] { 2 }, new long[] { 0 })));
        double expected = (-Math.Log(0.2) - Math.Log(0.4)) / 16.0;
        var moved = SegImperfect.movedim(new long[] { 2 }, new long[] { 0 });
        AllClose(expected, new SparseCategoricalCrossentropy(axis: 0).Apply(SegTrue, moved));
        AllClose(expected, new SparseCategoricalCrossentropy(axis: 1).Apply(torch.stack(new[] { SegTrue, SegTrue, SegTrue }), torch.stack(new[] { moved, moved, moved })));
    }

    static Tensor MultiSegTrue => I(new long[,] { { 0, 1, 2, 0 }, { 1, 0, 1, 0 }, { 0, 0, 1, 1 }, { 1, 1, 0, 1 } });
    static Tensor MultiSegPerfect => F(new double[,,]
    {
        { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } }, { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 1, 0, 0 } },
        { { 1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 1, 0 } }, { { 0, 1, 0 }, { 0, 1, 0 }, { 1, 0, 0 }, { 0, 1, 0 } },
    });
    static Tensor MultiSegImperfect => F(new double[,,]
    {
        { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0.2, 0, 0.8 } }, { { 0.7, 0.3, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 1, 0, 0 } },
        { { 1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 1, 0 } }, { { 0, 1, 0 }, { 0, 1, 0 }, { 0.5, 0.5, 0 }, { 0, 1, 0 } },
    });

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_multi_class_segmentation()
    {
        AllClose(0.0, new SparseCategoricalCrossentropy().Apply(MultiSegTrue, MultiSegPerfect));
        AllClose((-Math.Log(0.2) - Math.Log(0.3) - Math.Log(0.5)) / 16.0, new SparseCategoricalCrossentropy().Apply(MultiSegTrue, MultiSegImperfect));
    }

    /// <summary>The torch-backend branch of the Keras test.</summary>
    [Fact]
    public void SparseCategoricalCrossentropyTest_test_multi_class_segmentation_different_axis()
    {
        AllClose(0.0, new SparseCategoricalCrossentropy(axis: 0).Apply(MultiSegTrue, MultiSegPerfect.movedim(new long[] { 2 }, new long[] { 0 })));
        double expected = (-Math.Log(0.2) - Math.Log(0.3) - Math.Log(0.5)) / 16.0;
        var moved = MultiSegImperfect.movedim(new long[] { 2 }, new long[] { 0 });
        AllClose(expected, new SparseCategoricalCrossentropy(axis: 0).Apply(MultiSegTrue, moved));
        AllClose(expected, new SparseCategoricalCrossentropy(axis: 1).Apply(torch.stack(new[] { MultiSegTrue, MultiSegTrue, MultiSegTrue }), torch.stack(new[] { moved, moved, moved })));
    }

    [Fact]
    public void SparseCategoricalCrossentropyTest_test_squeezes_singleton_class_dim_on_user_axis()
    {
        var loss = keras.losses.sparse_categorical_crossentropy(torch.zeros(2, 1, 4, 4), torch.ones(2, 2, 4, 4), axis: 1);
        Assert.Equal(new long[] { 2, 4, 4 }, loss.shape);
    }

    // ----- BinaryFocalCrossentropyTest -----

    static Tensor FocalTrue => I(1, 0, 1, 0).reshape(2, 2);
    static Tensor FocalPred => F(0.9, 0.8, 0.7, 0.2).reshape(2, 2);
    static Tensor FocalLogitTrue => F(new double[,] { { 1, 1, 0 }, { 0, 1, 0 } });
    static Tensor FocalLogits => F(new double[,] { { 1.5, -2.7, 2.9 }, { -3.8, 1.2, -4.5 } });

    [Fact]
    public void BinaryFocalCrossentropyTest_test_config() => ConfigRoundTrip(new BinaryFocalCrossentropy(name: "bfce"), c => BinaryFocalCrossentropy.from_config(c),
        new()
        {
            ["name"] = "bfce", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["label_smoothing"] = 0.0, ["axis"] = -1,
            ["apply_class_balancing"] = false, ["alpha"] = 0.25, ["gamma"] = 2.0,
        });

    [Fact]
    public void BinaryFocalCrossentropyTest_test_all_correct_unweighted()
    {
        AlmostEqual(0.0, new BinaryFocalCrossentropy(gamma: 1.5).Apply(Eye3, Eye3), 3);
        var logits = F(new double[,] { { 100, -100, -100 }, { -100, 100, -100 }, { -100, -100, 100 } });
        AlmostEqual(0.0, new BinaryFocalCrossentropy(gamma: 2.0, from_logits: true).Apply(Eye3, logits), 3);
    }

    [Fact]
    public void BinaryFocalCrossentropyTest_test_unweighted()
    {
        AlmostEqual(0.268, new BinaryFocalCrossentropy(gamma: 2.0).Apply(FocalTrue, FocalPred), 3);
        AlmostEqual(0.799, new BinaryFocalCrossentropy(gamma: 3.0, from_logits: true).Apply(FocalLogitTrue, FocalLogits), 3);
    }

    [Fact]
    public void BinaryFocalCrossentropyTest_test_scalar_weighted()
    {
        AlmostEqual(0.3296, new BinaryFocalCrossentropy(gamma: 2.0).Apply(FocalTrue, FocalPred, sample_weight: 1.23), 3);
        AlmostEqual(2.565, new BinaryFocalCrossentropy(gamma: 3.0, from_logits: true).Apply(FocalLogitTrue, FocalLogits, sample_weight: 3.21), 3);
    }

    [Fact]
    public void BinaryFocalCrossentropyTest_test_sample_weighted()
    {
        var sw = torch.tensor(new[] { 1.2, 3.4 }).reshape(2, 1);
        AlmostEqual(0.34415, new BinaryFocalCrossentropy(gamma: 2.0).Apply(FocalTrue, FocalPred, sw), 3);
        AlmostEqual(0.95977, new BinaryFocalCrossentropy(gamma: 3.0, from_logits: true).Apply(FocalLogitTrue, FocalLogits, sw), 3);
    }

    [Fact]
    public void BinaryFocalCrossentropyTest_test_no_reduction() =>
        AllClose(new[] { 0.515547, 0.020513 }, new BinaryFocalCrossentropy(gamma: 2.0, reduction: null).Apply(FocalTrue, FocalPred));

    // ----- CategoricalFocalCrossentropyTest -----

    [Fact]
    public void CategoricalFocalCrossentropyTest_test_config() => ConfigRoundTrip(new CategoricalFocalCrossentropy(name: "cfce"), c => CategoricalFocalCrossentropy.from_config(c),
        new()
        {
            ["name"] = "cfce", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["label_smoothing"] = 0.0, ["axis"] = -1,
            ["alpha"] = 0.25, ["gamma"] = 2.0,
        });

    [Fact]
    public void CategoricalFocalCrossentropyTest_test_all_correct_unweighted()
    {
        AlmostEqual(0.0, new CategoricalFocalCrossentropy(alpha: 0.25, gamma: 2.0).Apply(CceTrue, Eye3), 3);
        AlmostEqual(0.0, new CategoricalFocalCrossentropy(from_logits: true).Apply(CceTrue, F(new double[,] { { 10, 0, 0 }, { 0, 10, 0 }, { 0, 0, 10 } })), 3);
    }

    [Fact]
    public void CategoricalFocalCrossentropyTest_test_unweighted()
    {
        AlmostEqual(0.02059, new CategoricalFocalCrossentropy().Apply(CceTrue, CcePred), 3);
        AlmostEqual(0.000345, new CategoricalFocalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits), 3);
    }

    [Fact]
    public void CategoricalFocalCrossentropyTest_test_scalar_weighted()
    {
        AlmostEqual(0.047368, new CategoricalFocalCrossentropy().Apply(CceTrue, CcePred, sample_weight: 2.3), 3);
        AlmostEqual(0.000794, new CategoricalFocalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits, sample_weight: 2.3), 4);
    }

    [Fact]
    public void CategoricalFocalCrossentropyTest_test_sample_weighted()
    {
        AlmostEqual(0.06987, new CategoricalFocalCrossentropy().Apply(CceTrue, CcePred, CceWeight), 3);
        AlmostEqual(0.001933, new CategoricalFocalCrossentropy(from_logits: true).Apply(CceTrue, CceLogits, CceWeight), 3);
    }

    [Fact]
    public void CategoricalFocalCrossentropyTest_test_no_reduction() =>
        AllClose(new[] { 1.5096224e-09, 2.4136547e-11, 1.0360638e-03 }, new CategoricalFocalCrossentropy(from_logits: true, reduction: null).Apply(CceTrue, CceLogits));

    [Fact]
    public void CategoricalFocalCrossentropyTest_test_label_smoothing() =>
        AlmostEqual(0.06685, new CategoricalFocalCrossentropy(from_logits: true, label_smoothing: 0.1).Apply(I(new long[,] { { 1, 0, 0 } }), F(new double[,] { { 4.9, -0.5, 2.05 } })), 3);
}
