using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// A user's subclass of keras.metrics.Metric: metric_test.py's ExampleMetric (Keras 3.15.1) and a
/// weighted metric with a state built at the first batch, written in C# as a user would. The
/// numbers are those of the same classes in Python fed the same fixed batches:
/// KerasOracle/custom_metric.py (run with kpython).
/// </summary>
public class CustomMetricTests
{
    sealed class ExampleMetric : Metric
    {
        readonly MetricVariable sum, total;

        public ExampleMetric(string name = "mean_square_error", string? dtype = null) : base(dtype, name)
        {
            sum = add_variable(Array.Empty<long>(), "zeros", name: "sum");
            total = add_variable(Array.Empty<long>(), "zeros", dtype: "int32", name: "total");
        }

        public MetricVariable Total => total;

        public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
        {
            y_true = y_true.to(float32);
            y_pred = y_pred.to(float32);
            sum.assign(sum + (y_true - y_pred).pow(2).sum());
            total.assign(total + y_true.shape[0]);
        }

        public override Tensor result() => sum.value.to(float32) / (total.value.to(float32) + 1e-7);

        public override void reset_state()
        {
            sum.assign(0);
            total.assign(0);
        }
    }

    sealed class WeightedPerColumnError : Metric
    {
        readonly MetricVariable count;
        MetricVariable? errors;

        public WeightedPerColumnError(string name = "per_column_error", string? dtype = null) : base(dtype, name)
        {
            count = add_weight(name: "count", initializer: "zeros");
        }

        public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
        {
            errors ??= add_variable(new[] { y_pred.shape[^1] }, "zeros", name: "errors");
            var w = sample_weight ?? torch.ones(y_true.shape[0]);
            errors.assign_add(((y_true - y_pred).abs() * w.unsqueeze(1)).sum(0L));
            count.assign_add(w.sum());
        }

        public override Tensor result() => errors! / count;
    }

    static Tensor YTrue => torch.arange(60, dtype: float32).reshape(20, 3).remainder(7) / 7.0;
    static Tensor YPred => torch.arange(60, dtype: float32).reshape(20, 3).remainder(5) / 5.0;

    /// <summary>metric_test.py test_end_to_end_flow, with fixed data instead of random.</summary>
    [Fact]
    public void ExampleMetric_update_result_reset_match_the_same_subclass_in_keras()
    {
        var m = new ExampleMetric(name: "mse");
        Assert.Equal("mse", m.name);
        Assert.Equal(new[] { "sum", "total" }, m.variables.Select(v => v.name));
        for (int b = 0; b < 3; b++)
        {
            long start = b * 8, len = Math.Min(8, 20 - start);
            m.update_state(YTrue.narrow(0, start, len), YPred.narrow(0, start, len));
        }
        Assert.Equal(20, m.Total.value.item<int>());
        AllClose(0.48000001907348633, m.result());
        m.reset_state();
        Assert.Equal(0.0, Values(m.result())[0]);
    }

    [Fact]
    public void Weighted_subclass_with_a_state_built_at_the_first_batch_matches_keras()
    {
        var m = new WeightedPerColumnError();
        m.update_state(YTrue.narrow(0, 0, 8), YPred.narrow(0, 0, 8), torch.linspace(0.5, 2.0, 8, dtype: float32));
        m.update_state(YTrue.narrow(0, 8, 12), YPred.narrow(0, 8, 12));
        Assert.Equal(new[] { "count", "errors" }, m.variables.Select(v => v.name));
        AllClose(new[] { 0.2477736473083496, 0.33265307545661926, 0.3840445280075073 }, m.result());
    }

    /// <summary>Python's m(y_true, y_pred) is Apply: update_state, then result.</summary>
    [Fact]
    public void Apply_updates_then_returns_the_result()
    {
        var m = new ExampleMetric();
        m.Apply(YTrue.narrow(0, 0, 8), YPred.narrow(0, 0, 8));
        m.Apply(YTrue.narrow(0, 8, 8), YPred.narrow(0, 8, 8));
        var r = m.Apply(YTrue.narrow(0, 16, 4), YPred.narrow(0, 16, 4));
        AllClose(0.48000001907348633, r);
    }

    /// <summary>The base Metric, as in Keras, has no update_state or result of its own.</summary>
    [Fact]
    public void A_subclass_that_does_not_override_update_state_says_so()
    {
        var m = new Bare();
        Assert.Throws<NotImplementedException>(() => m.update_state(YTrue, YPred));
    }

    sealed class Bare() : Metric(null, "bare");

    /// <summary>metric_test.py test_submetric_tracking: a metric's variables include those of the metrics it tracks.</summary>
    [Fact]
    public void Tracked_submetrics_add_their_variables()
    {
        var m = new WithSubmetrics();
        Assert.Equal(new[] { "sum", "total", "sum", "total", "sum", "total" }, m.variables.Select(v => v.name));
    }

    sealed class WithSubmetrics : Metric
    {
        public WithSubmetrics() : base(null, "mse")
        {
            add_variable(Array.Empty<long>(), name: "sum");
            add_variable(Array.Empty<long>(), name: "total");
            track(new ExampleMetric(name: "submse1"));
            track(new ExampleMetric(name: "submse2"));
        }
    }
}
