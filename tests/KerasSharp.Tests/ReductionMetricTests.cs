using KerasSharp;
using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/metrics/reduction_metrics_test.py (Sum, Mean, MeanMetricWrapper),
/// ported with Keras's numbers and tolerances; test names are <c>{Keras test class}_{Keras test}</c>.
/// </summary>
public class ReductionMetricTests
{
    static Tensor F1357 => F(1, 3, 5, 7);
    static Tensor Nd => F(new double[,] { { 1, 3 }, { 5, 7 } });

    [Fact]
    public void SumTest_test_config()
    {
        var s = new Sum(name: "sum", dtype: "float32");
        Assert.Equal("sum", s.name);
        Assert.Single(s.variables);
        Assert.Equal("float32", s.dtype);
        var s2 = Sum.from_config(s.get_config());
        Assert.Equal("sum", s2.name);
        Assert.Single(s2.variables);
        Assert.Equal("float32", s2.dtype);
    }

    [Fact]
    public void SumTest_test_unweighted()
    {
        var s = new Sum(name: "sum", dtype: "float32");
        s.update_state(F1357);
        AllClose(16.0, s.result(), atol: 1e-3);
    }

    [Fact]
    public void SumTest_test_weighted()
    {
        var s = new Sum(name: "sum", dtype: "float32");
        s.update_state(F1357, sample_weight: I(1, 1, 0, 0));
        AllClose(4.0, s.result(), atol: 1e-3);
    }

    [Fact]
    public void SumTest_test_weighted_nd()
    {
        var s = new Sum(name: "sum", dtype: "float32");
        s.update_state(Nd, sample_weight: I(new long[,] { { 1, 1 }, { 1, 0 } }));
        AllClose(9.0, s.result(), atol: 1e-3);
    }

    [Fact]
    public void SumTest_test_weighted_nd_broadcast()
    {
        var s = new Sum(name: "sum", dtype: "float32");
        s.update_state(Nd, sample_weight: I(new long[,] { { 1, 0 } }));
        AllClose(6.0, s.result(), atol: 1e-3);
    }

    [Fact]
    public void MeanTest_test_config()
    {
        var m = new Mean(name: "mean", dtype: "float32");
        Assert.Equal("mean", m.name);
        Assert.Equal(2, m.variables.Count);
        Assert.Equal("float32", m.dtype);
        var m2 = Mean.from_config(m.get_config());
        Assert.Equal("mean", m2.name);
        Assert.Equal(2, m2.variables.Count);
        Assert.Equal("float32", m2.dtype);
    }

    [Fact]
    public void MeanTest_test_unweighted()
    {
        var m = new Mean(name: "mean", dtype: "float32");
        m.update_state(F1357);
        AllClose(4.0, m.result(), atol: 1e-3);
    }

    [Fact]
    public void MeanTest_test_weighted()
    {
        var m = new Mean(name: "mean", dtype: "float32");
        m.update_state(F1357, sample_weight: I(1, 1, 0, 0));
        AllClose(2.0, m.result(), atol: 1e-3);
    }

    [Fact]
    public void MeanTest_test_weighted_negative_weights()
    {
        var m = new Mean(name: "mean", dtype: "float32");
        m.update_state(F1357, sample_weight: I(-1, -1, 0, 0));
        AllClose(2.0, m.result(), atol: 1e-3);
    }

    [Fact]
    public void MeanTest_test_weighted_nd()
    {
        var m = new Mean(name: "mean", dtype: "float32");
        m.update_state(Nd, sample_weight: I(new long[,] { { 1, 1 }, { 1, 0 } }));
        AllClose(3.0, m.result(), atol: 1e-3);
    }

    [Fact]
    public void MeanTest_test_weighted_nd_broadcast()
    {
        var m = new Mean(name: "mean", dtype: "float32");
        m.update_state(Nd, sample_weight: I(new long[,] { { 1, 0 } }));
        AllClose(3.0, m.result(), atol: 1e-3);
    }

    /// <summary>reduction_metrics_test.py's registered "mse" function: (y_true − y_pred)².</summary>
    static Tensor Mse(Tensor y_true, Tensor y_pred) => (y_true - y_pred).pow(2);

    static Tensor WrapTrue => I(new long[,] { { 0, 1, 0, 1, 0 }, { 0, 0, 1, 1, 1 }, { 1, 1, 1, 1, 0 }, { 0, 0, 0, 0, 1 } });
    static Tensor WrapPred => I(new long[,] { { 0, 0, 1, 1, 0 }, { 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 0 }, { 1, 1, 1, 1, 1 } });

    [Fact]
    public void MetricWrapperTest_test_config()
    {
        var m = new MeanMetricWrapper(Mse, name: "mse", dtype: "float32");
        Assert.Equal("mse", m.name);
        Assert.Equal(2, m.variables.Count);
        Assert.Equal("float32", m.dtype);
        // A Keras function registered by name survives the round trip (a C# lambda has no registered name).
        var k = new MeanMetricWrapper(keras.metrics.mean_squared_error, name: "mse", dtype: "float32", fn_name: "mean_squared_error");
        var k2 = MeanMetricWrapper.from_config(k.get_config());
        Assert.Equal("mse", k2.name);
        Assert.Equal(2, k2.variables.Count);
        Assert.Equal("float32", k2.dtype);
        Assert.True(k2.get_config().ContainsKey("fn"));
    }

    [Fact]
    public void MetricWrapperTest_test_unweighted()
    {
        var m = new MeanMetricWrapper(Mse, name: "mse", dtype: "float32");
        m.update_state(WrapTrue, WrapPred);
        AllClose(0.5, m.result(), atol: 1e-5);
    }

    [Fact]
    public void MetricWrapperTest_test_weighted()
    {
        var m = new MeanMetricWrapper(Mse, name: "mse", dtype: "float32");
        AllClose(0.54285, m.Apply(WrapTrue, WrapPred, sample_weight: torch.tensor(new[] { 1.0, 1.5, 2.0, 2.5 })), atol: 1e-5);
    }

    [Fact]
    public void MetricWrapperTest_test_weighted_broadcast()
    {
        var m = new MeanMetricWrapper(Mse, name: "mse", dtype: "float32");
        AllClose(0.45, m.Apply(WrapTrue, WrapPred, sample_weight: torch.tensor(new[,] { { 1.0, 0.0, 0.5, 0.0, 1.0 } })), atol: 1e-5);
    }

    [Fact]
    public void MetricWrapperTest_test_binary_accuracy_with_boolean_inputs()
    {
        var x = torch.linspace(0.01, 0.99, 32, dtype: float32).reshape(32, 1);
        var y = x > 0.5;
        var metric = new BinaryAccuracy();
        metric.update_state(y, y);
        Assert.Equal(1.0, Values(metric.result())[0]);
    }

    /// <summary>Reset empties the state and a later batch starts afresh (Keras's Metric.reset_state zeroes every variable).</summary>
    [Fact]
    public void Mean_reset_state_starts_afresh()
    {
        var m = new Mean();
        m.update_state(F1357);
        m.reset_state();
        AllClose(0.0, m.result());
        m.update_state(F(2, 4));
        AllClose(3.0, m.result(), atol: 1e-3);
    }
}
