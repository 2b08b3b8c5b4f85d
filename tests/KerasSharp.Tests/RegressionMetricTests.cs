using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/metrics/regression_metrics_test.py (MeanSquaredError,
/// CosineSimilarity, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
/// RootMeanSquaredError, LogCoshError, R2Score), ported with Keras's numbers and tolerances.
/// Expectations the Keras tests compute with numpy come from KerasOracle/metrics_test_expected.py.
/// </summary>
public class RegressionMetricTests
{
    static Tensor BinTrue => I(new long[,] { { 0, 1, 0, 1, 0 }, { 0, 0, 1, 1, 1 }, { 1, 1, 1, 1, 0 }, { 0, 0, 0, 0, 1 } });
    static Tensor BinPred => I(new long[,] { { 0, 0, 1, 1, 0 }, { 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 0 }, { 1, 1, 1, 1, 1 } });
    static Tensor BinWeight => torch.tensor(new[] { 1.0, 1.5, 2.0, 2.5 });
    static Tensor YT => F(new double[,] { { 1, 9, 2 }, { -5, -2, 6 } });
    static Tensor YP => F(new double[,] { { 4, 8, 12 }, { 8, 1, 3 } });

    static void NameDtypeRoundTrip<T>(T m, Func<Dictionary<string, object?>, T> fromConfig, string name, string dtype) where T : Metric
    {
        Assert.Equal(name, m.name);
        Assert.Equal(dtype, m.dtype);
        var m2 = fromConfig(m.get_config());
        Assert.Equal(name, m2.name);
        Assert.Equal(dtype, m2.dtype);
    }

    [Fact] public void MeanSquaredErrorTest_test_unweighted() { var m = new MeanSquaredError(); m.update_state(BinTrue, BinPred); AllClose(0.5, m.result(), atol: 1e-5); }
    [Fact] public void MeanSquaredErrorTest_test_weighted() => AllClose(0.54285, new MeanSquaredError().Apply(BinTrue, BinPred, BinWeight), atol: 1e-5);

    [Fact]
    public void CosineSimilarityTest_test_config() =>
        NameDtypeRoundTrip(new CosineSimilarity(axis: 2, name: "my_cos", dtype: "int32"), c => CosineSimilarity.from_config(c), "my_cos", "int32");
    [Fact] public void CosineSimilarityTest_test_unweighted() => AlmostEqual(0.1872190535068512, new CosineSimilarity().Apply(YT, YP), 3);
    [Fact] public void CosineSimilarityTest_test_weighted() => AlmostEqual(-0.06782262221626612, new CosineSimilarity().Apply(YT, YP, torch.tensor(new[] { 1.2, 3.4 })), 3);
    [Fact] public void CosineSimilarityTest_test_axis() => AlmostEqual(0.1872190535068512, new CosineSimilarity(axis: 1).Apply(YT, YP), 3);

    [Fact]
    public void MeanAbsoluteErrorTest_test_config() =>
        NameDtypeRoundTrip(new MeanAbsoluteError(name: "my_mae", dtype: "int32"), c => MeanAbsoluteError.from_config(c), "my_mae", "int32");
    [Fact] public void MeanAbsoluteErrorTest_test_unweighted() { var m = new MeanAbsoluteError(); m.update_state(BinTrue, BinPred); AllClose(0.5, m.result(), atol: 1e-5); }
    [Fact] public void MeanAbsoluteErrorTest_test_weighted() => AllClose(0.54285, new MeanAbsoluteError().Apply(BinTrue, BinPred, BinWeight), atol: 1e-5);

    [Fact]
    public void MeanAbsolutePercentageErrorTest_test_config() =>
        NameDtypeRoundTrip(new MeanAbsolutePercentageError(name: "my_mape", dtype: "int32"), c => MeanAbsolutePercentageError.from_config(c), "my_mape", "int32");
    [Fact] public void MeanAbsolutePercentageErrorTest_test_unweighted() => AllClose(35e7, new MeanAbsolutePercentageError().Apply(BinTrue, BinPred.to(float32)), atol: 1e-5);
    [Fact] public void MeanAbsolutePercentageErrorTest_test_weighted() => AllClose(40e7, new MeanAbsolutePercentageError().Apply(BinTrue, BinPred.to(float32), BinWeight), atol: 1e-5);

    [Fact]
    public void MeanSquaredLogarithmicErrorTest_test_config() =>
        NameDtypeRoundTrip(new MeanSquaredLogarithmicError(name: "my_msle", dtype: "int32"), c => MeanSquaredLogarithmicError.from_config(c), "my_msle", "int32");
    [Fact] public void MeanSquaredLogarithmicErrorTest_test_unweighted() { var m = new MeanSquaredLogarithmicError(); m.update_state(BinTrue, BinPred); AllClose(0.24022, m.result(), atol: 1e-5); }
    [Fact] public void MeanSquaredLogarithmicErrorTest_test_weighted() => AllClose(0.26082, new MeanSquaredLogarithmicError().Apply(BinTrue, BinPred, BinWeight), atol: 1e-5);

    [Fact]
    public void RootMeanSquaredErrorTest_test_config() =>
        NameDtypeRoundTrip(new RootMeanSquaredError(name: "rmse", dtype: "int32"), c => RootMeanSquaredError.from_config(c), "rmse", "int32");
    [Fact] public void RootMeanSquaredErrorTest_test_unweighted() { var m = new RootMeanSquaredError(); m.update_state(I(2, 4, 6), I(1, 3, 2)); AllClose(Math.Sqrt(6), m.result(), atol: 1e-3); }
    [Fact] public void RootMeanSquaredErrorTest_test_weighted() => AllClose(Math.Sqrt(13), new RootMeanSquaredError().Apply(I(2, 4, 6, 8), I(1, 3, 2, 3), I(0, 1, 0, 1)), atol: 1e-3);

    [Fact]
    public void LogCoshErrorTest_test_config()
    {
        var m = new LogCoshError(name: "logcosh", dtype: "int32");
        Assert.Equal("logcosh", m.name);
        Assert.Equal("int32", m.dtype);
    }

    [Fact] public void LogCoshErrorTest_test_unweighted() { var m = new LogCoshError(); m.update_state(YT, YP); AllClose(4.829245249430339, m.result(), atol: 1e-3); }
    [Fact]
    public void LogCoshErrorTest_test_weighted() =>
        AllClose(5.217875897020533, new LogCoshError(dtype: "float32").Apply(YT, YP, torch.tensor(new[,] { { 1.2 }, { 3.4 } })), atol: 1e-3);

    static void R2(double[,] yTrue, double[,] yPred, double[]? sampleWeights, string? classAggregation, int numRegressors, double[] reference)
    {
        var r2 = new R2Score(classAggregation, numRegressors, dtype: "float32");
        r2.update_state(F(yTrue), F(yPred), sampleWeights is null ? null : F(sampleWeights));
        AllClose(reference, r2.result(), atol: 1e-6);
    }

    [Fact]
    public void R2ScoreTest_test_config()
    {
        var r = new R2Score(class_aggregation: null, num_regressors: 2, dtype: "float32");
        Assert.Null(r.class_aggregation);
        Assert.Equal(2, r.num_regressors);
        Assert.Equal("float32", r.dtype);
        var r2 = R2Score.from_config(r.get_config());
        Assert.Null(r2.class_aggregation);
        Assert.Equal(2, r2.num_regressors);
        Assert.Equal("float32", r2.dtype);
    }

    static readonly double[,] SkTrue = { { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 } };

    [Theory]
    [InlineData(null, 0, new[] { 0.37, -1.295, 0.565 })]
    [InlineData("uniform_average", 0, new[] { -0.12 })]
    [InlineData("variance_weighted_average", 0, new[] { -0.12 })]
    public void R2ScoreTest_test_r2_sklearn_comparison(string? classAggregation, int numRegressors, double[] result) =>
        R2(SkTrue, new[,] { { 0.4, 0.5, 0.6 }, { 0.1, 0.2, 0.3 }, { 0.5, 0.8, 0.2 } }, null, classAggregation, numRegressors, result);

    [Theory]
    [InlineData(null, 0, new[] { 0.17305559, -8.836666, -0.521 })]
    [InlineData(null, 1, new[] { 0.054920673, -10.241904, -0.7382858 })]
    [InlineData(null, 2, new[] { -0.10259259, -12.115555, -1.0280001 })]
    [InlineData("uniform_average", 0, new[] { -3.0615367889404297 })]
    [InlineData("uniform_average", 1, new[] { -3.641756534576416 })]
    [InlineData("uniform_average", 2, new[] { -4.415382385253906 })]
    [InlineData("variance_weighted_average", 0, new[] { -1.3710224628448486 })]
    [InlineData("variance_weighted_average", 1, new[] { -1.7097399234771729 })]
    [InlineData("variance_weighted_average", 2, new[] { -2.161363363265991 })]
    public void R2ScoreTest_test_r2_tfa_comparison(string? classAggregation, int numRegressors, double[] result) =>
        R2(SkTrue, new[,] { { 0.4, 0.9, 1.6 }, { 0.1, 1.2, 0.6 }, { 1.5, 0.8, 0.6 } }, new[] { 0.8, 0.1, 0.4 }, classAggregation, numRegressors, result);

    [Fact]
    public void R2ScoreTest_test_errors()
    {
        Assert.StartsWith("Invalid value for argument `class_aggregation`", Assert.Throws<ArgumentException>(() => new R2Score(class_aggregation: "wrong")).Message);
        Assert.StartsWith("Invalid value for argument `num_regressors`", Assert.Throws<ArgumentException>(() => new R2Score(num_regressors: -1)).Message);
        var e = Assert.Throws<ArgumentException>(() => new R2Score().update_state(F(0.0, 1.0), F(0.0, 1.0)));
        Assert.Contains("expects 2D inputs with shape", e.Message);
    }
}
