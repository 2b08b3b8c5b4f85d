using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/metrics/f_score_metrics_test.py (FBetaScore, F1Score), ported with
/// Keras's numbers and tolerance (atol 1e-6). Keras's type checks on beta and threshold (a Python
/// int or str is refused) have no C# counterpart: the parameters are doubles.
/// </summary>
public class FScoreMetricTests
{
    static void Run(double[,] yTrue, double[,] yPred, double[]? sampleWeights, string? average, double beta, double? threshold, double[] reference)
    {
        var fbeta = new FBetaScore(average, beta, threshold, dtype: "float32");
        fbeta.update_state(F(yTrue), F(yPred), sampleWeights is null ? null : F(sampleWeights));
        AllClose(reference, fbeta.result(), atol: 1e-6);
    }

    [Fact]
    public void FBetaScoreTest_test_config()
    {
        var f = new FBetaScore(beta: 0.5, threshold: 0.3, average: null, dtype: "float32");
        Assert.Equal(0.5, f.beta);
        Assert.Null(f.average);
        Assert.Equal(0.3, f.threshold);
        Assert.Equal("float32", f.dtype);
        var f2 = FBetaScore.from_config(f.get_config());
        Assert.Equal(0.5, f2.beta);
        Assert.Null(f2.average);
        Assert.Equal(0.3, f2.threshold);
        Assert.Equal("float32", f2.dtype);
    }

    static readonly double[,] Pred3 = { { 0.7, 0.7, 0.7 }, { 1, 0, 0 }, { 0.9, 0.8, 0 } };

    [Theory]
    [InlineData("micro", 0.5)] [InlineData("micro", 1.0)] [InlineData("micro", 2.0)]
    [InlineData("macro", 0.5)] [InlineData("macro", 1.0)] [InlineData("macro", 2.0)]
    [InlineData("weighted", 0.5)] [InlineData("weighted", 1.0)] [InlineData("weighted", 2.0)]
    public void FBetaScoreTest_test_fbeta_perfect_score(string average, double beta) =>
        Run(new double[,] { { 1, 1, 1 }, { 1, 0, 0 }, { 1, 1, 0 } }, Pred3, null, average, beta, 0.66, new[] { 1.0 });

    [Theory]
    [InlineData("micro", 0.5)] [InlineData("micro", 1.0)] [InlineData("micro", 2.0)]
    [InlineData("macro", 0.5)] [InlineData("macro", 1.0)] [InlineData("macro", 2.0)]
    [InlineData("weighted", 0.5)] [InlineData("weighted", 1.0)] [InlineData("weighted", 2.0)]
    public void FBetaScoreTest_test_fbeta_worst_score(string average, double beta) =>
        Run(new double[,] { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, Pred3, null, average, beta, 0.66, new[] { 0.0 });

    [Theory]
    [InlineData(null, 0.5, new[] { 0.71428573, 0.5, 0.833334 })]
    [InlineData(null, 1.0, new[] { 0.8, 0.5, 0.6666667 })]
    [InlineData(null, 2.0, new[] { 0.9090904, 0.5, 0.555556 })]
    [InlineData("micro", 0.5, new[] { 0.6666667 })]
    [InlineData("micro", 1.0, new[] { 0.6666667 })]
    [InlineData("micro", 2.0, new[] { 0.6666667 })]
    [InlineData("macro", 0.5, new[] { 0.6825397 })]
    [InlineData("macro", 1.0, new[] { 0.6555555 })]
    [InlineData("macro", 2.0, new[] { 0.6548822 })]
    [InlineData("weighted", 0.5, new[] { 0.6825397 })]
    [InlineData("weighted", 1.0, new[] { 0.6555555 })]
    [InlineData("weighted", 2.0, new[] { 0.6548822 })]
    public void FBetaScoreTest_test_fbeta_random_score(string? average, double beta, double[] result) =>
        Run(new double[,] { { 0, 0, 1 }, { 1, 1, 0 }, { 1, 1, 1 } }, Pred3, null, average, beta, 0.66, result);

    static readonly double[,] NoneTrue = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 }, { 1, 0, 0 }, { 0, 0, 1 } };
    static readonly double[,] NonePred = { { 0.9, 0.1, 0 }, { 0.2, 0.6, 0.2 }, { 0, 0, 1 }, { 0.4, 0.3, 0.3 }, { 0, 0.9, 0.1 }, { 0, 0, 1 } };

    [Theory]
    [InlineData(null, 0.5, new[] { 0.9090904, 0.555556, 1.0 })]
    [InlineData(null, 1.0, new[] { 0.8, 0.6666667, 1.0 })]
    [InlineData(null, 2.0, new[] { 0.71428573, 0.833334, 1.0 })]
    [InlineData("micro", 0.5, new[] { 0.833334 })]
    [InlineData("micro", 1.0, new[] { 0.833334 })]
    [InlineData("micro", 2.0, new[] { 0.833334 })]
    [InlineData("macro", 0.5, new[] { 0.821549 })]
    [InlineData("macro", 1.0, new[] { 0.822222 })]
    [InlineData("macro", 2.0, new[] { 0.849206 })]
    [InlineData("weighted", 0.5, new[] { 0.880471 })]
    [InlineData("weighted", 1.0, new[] { 0.844445 })]
    [InlineData("weighted", 2.0, new[] { 0.829365 })]
    public void FBetaScoreTest_test_fbeta_random_score_none(string? average, double beta, double[] result) =>
        Run(NoneTrue, NonePred, null, average, beta, null, result);

    [Theory]
    [InlineData(null, 0.5, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.909091, 0.555556, 1.0 })]
    [InlineData(null, 0.5, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0, 0.0, 1.0 })]
    [InlineData(null, 0.5, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.9375, 0.714286, 1.0 })]
    [InlineData(null, 1.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.8, 0.666667, 1.0 })]
    [InlineData(null, 1.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0, 0.0, 1.0 })]
    [InlineData(null, 1.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.857143, 0.8, 1.0 })]
    [InlineData(null, 2.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.714286, 0.833333, 1.0 })]
    [InlineData(null, 2.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0, 0.0, 1.0 })]
    [InlineData(null, 2.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.789474, 0.909091, 1.0 })]
    [InlineData("micro", 0.5, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.833333 })]
    [InlineData("micro", 0.5, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0 })]
    [InlineData("micro", 0.5, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.9 })]
    [InlineData("micro", 1.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.833333 })]
    [InlineData("micro", 1.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0 })]
    [InlineData("micro", 1.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.9 })]
    [InlineData("micro", 2.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.833333 })]
    [InlineData("micro", 2.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0 })]
    [InlineData("micro", 2.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.9 })]
    [InlineData("macro", 0.5, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.821549 })]
    [InlineData("macro", 0.5, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 0.666667 })]
    [InlineData("macro", 0.5, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.883929 })]
    [InlineData("macro", 1.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.822222 })]
    [InlineData("macro", 1.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 0.666667 })]
    [InlineData("macro", 1.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.885714 })]
    [InlineData("macro", 2.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.849206 })]
    [InlineData("macro", 2.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 0.666667 })]
    [InlineData("macro", 2.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.899522 })]
    [InlineData("weighted", 0.5, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.880471 })]
    [InlineData("weighted", 0.5, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0 })]
    [InlineData("weighted", 0.5, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.917857 })]
    [InlineData("weighted", 1.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.844444 })]
    [InlineData("weighted", 1.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0 })]
    [InlineData("weighted", 1.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.902857 })]
    [InlineData("weighted", 2.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.829365 })]
    [InlineData("weighted", 2.0, new[] { 1.0, 0.0, 1.0, 1.0, 0.0, 1.0 }, new[] { 1.0 })]
    [InlineData("weighted", 2.0, new[] { 0.5, 1.0, 1.0, 1.0, 0.5, 1.0 }, new[] { 0.897608 })]
    public void FBetaScoreTest_test_fbeta_weighted_random_score_none(string? average, double beta, double[] sampleWeights, double[] result) =>
        Run(NoneTrue, NonePred, sampleWeights, average, beta, null, result);

    [Fact]
    public void FBetaScoreTest_test_invalid_average_raises_value_error() =>
        Assert.Equal("Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. Received: average=invalid_average",
            Assert.Throws<ArgumentException>(() => new FBetaScore(average: "invalid_average", beta: 1.0, threshold: null, dtype: "float32")).Message);

    [Theory]
    [InlineData(0.0, "Invalid `beta` argument value. It should be > 0. Received: beta=0.0")]
    [InlineData(-1.0, "Invalid `beta` argument value. It should be > 0. Received: beta=-1.0")]
    [InlineData(-0.5, "Invalid `beta` argument value. It should be > 0. Received: beta=-0.5")]
    public void FBetaScoreTest_test_beta_zero_and_negative_raise_value_error(double beta, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => new FBetaScore(average: "macro", beta: beta, threshold: null, dtype: "float32")).Message);

    [Theory]
    [InlineData(1.1, "Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold=1.1")]
    [InlineData(0.0, "Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold=0.0")]
    [InlineData(-0.5, "Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold=-0.5")]
    public void FBetaScoreTest_test_threshold_out_of_range_raises_value_error(double threshold, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => new FBetaScore(average: "macro", beta: 1.0, threshold: threshold, dtype: "float32")).Message);

    [Fact]
    public void FBetaScoreTest_test_non_2d_input_shapes_raises_value_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new FBetaScore(beta: 1.0, dtype: "float32").update_state(torch.zeros(2, 3, 4), torch.zeros(2, 3, 4)));
        Assert.StartsWith("FBetaScore expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=(2, 3, 4) and y_true.shape=(2, 3, 4).", e.Message);
    }

    [Fact]
    public void F1ScoreTest_test_config()
    {
        var config = new F1Score(dtype: "float32").get_config();
        Assert.False(config.ContainsKey("beta"));
        var f1 = F1Score.from_config(config);
        Assert.Null(f1.average);
        Assert.Equal("float32", f1.dtype);
    }

    [Fact]
    public void F1ScoreTest_test_correctness()
    {
        var f1 = new F1Score();
        var fbeta = new FBetaScore(beta: 1.0);
        fbeta.update_state(F(NoneTrue), F(NonePred));
        f1.update_state(F(NoneTrue), F(NonePred));
        AllClose(Values(fbeta.result()), f1.result(), atol: 1e-6);
    }
}
