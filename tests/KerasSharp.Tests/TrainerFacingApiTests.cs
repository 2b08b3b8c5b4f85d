using KerasSharp;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// The members the trainer, the saving code and the TFLearn facade use (AutoAccuracy.Resolve,
/// the per-sample and reduced loss, the function-backed Metric), and the per-batch / per-epoch
/// protocol the trainer follows: update_state with sample weights each batch, result and
/// reset_state each epoch. Expected numbers: Keras's own (losses_test.py, accuracy_metrics_test.py)
/// or equalities between two ways of computing the same thing.
/// </summary>
public class TrainerFacingApiTests
{
    [Theory]
    [InlineData(new long[] { 4, 1 }, new long[] { 4, 1 }, "BinaryAccuracy")]
    [InlineData(new long[] { 4 }, new long[] { 4, 3 }, "SparseCategoricalAccuracy")]
    [InlineData(new long[] { 4, 1 }, new long[] { 4, 3 }, "SparseCategoricalAccuracy")]
    [InlineData(new long[] { 4, 3 }, new long[] { 4, 3 }, "CategoricalAccuracy")]
    public void Accuracy_resolves_by_the_shapes_as_compile_utils_does_and_keeps_the_users_name(long[] trueShape, long[] predShape, string cls)
    {
        Metric acc = "acc";
        var resolved = acc.Resolve(keras.losses.MeanSquaredError(), trueShape, predShape);
        Assert.Equal(cls, resolved.class_name);
        Assert.Equal("acc", resolved.name);
        Assert.Equal(2, resolved.variables.Count);
    }

    [Fact]
    public void Accuracy_with_binary_crossentropy_is_binary_accuracy() =>
        Assert.Equal("BinaryAccuracy", MetricsApi.Get("accuracy").Resolve(LossesApi.Get("binary_crossentropy"), new long[] { 4, 3 }, new long[] { 4, 3 }).class_name);

    [Fact]
    public void Compile_names_a_metric_by_the_string_it_was_given()
    {
        Metric mae = "mae";
        Assert.Equal("mae", mae.name);
        Assert.Equal("MeanAbsoluteError", mae.class_name);
        Assert.Equal("Unknown metric 'maee'. Known metric names: ", Assert.Throws<ArgumentException>(() => MetricsApi.Get("maee")).Message[..43]);
    }

    /// <summary>Batches with sample weights accumulated then read once equal one update with all the data (Keras's Mean semantics).</summary>
    [Fact]
    public void Per_batch_updates_with_sample_weights_then_result_and_reset_per_epoch()
    {
        var yTrue = F(new double[,] { { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 }, { 0, 1, 0 } });
        var yPred = F(new double[,] { { 0.1, 0.2, 0.7 }, { 0.5, 0.3, 0.2 }, { 0.6, 0.2, 0.2 }, { 0.1, 0.8, 0.1 } });
        var w = F(0.5, 2.0, 1.0, 3.0);
        var whole = new CategoricalAccuracy();
        whole.update_state(yTrue, yPred, w);
        var batched = new CategoricalAccuracy();
        batched.update_state(yTrue.narrow(0, 0, 2), yPred.narrow(0, 0, 2), w.narrow(0, 0, 2));
        batched.update_state(yTrue.narrow(0, 2, 2), yPred.narrow(0, 2, 2), w.narrow(0, 2, 2));
        AllClose(Values(whole.result()), batched.result());
        AllClose((0.5 + 1.0 + 3.0) / 6.5, batched.result());
        batched.reset_state();
        batched.update_state(yTrue.narrow(0, 1, 1), yPred.narrow(0, 1, 1));
        AllClose(0.0, batched.result());
    }

    /// <summary>The loss tracker: Mean weighted by the batch size, as Keras's compile loss tracks it.</summary>
    [Fact]
    public void Loss_tracker_mean_weighted_by_batch_size()
    {
        var tracker = new Mean(name: "loss");
        tracker.update_state(torch.tensor(2.0f), sample_weight: 3);
        tracker.update_state(torch.tensor(4.0f), sample_weight: 1);
        AllClose(2.5, tracker.result());
    }

    [Fact]
    public void Function_backed_metric_is_a_running_mean_of_its_per_sample_values()
    {
        var m = new Metric("binary_acc", "BinaryAccuracy", (t, p) => (t.reshape(-1) == (p.reshape(-1) > 0).to(t.dtype)).to(p.dtype));
        Assert.Equal("BinaryAccuracy", m.class_name);
        Assert.Equal("binary_acc", m.name);
        m.update_state(F(1, 0, 1, 1), F(1, -1, -1, 1));
        m.update_state(F(0, 0), F(-2, 3));
        AllClose(4.0 / 6.0, m.result());
        AllClose(new[] { 1.0, 1.0, 0.0, 1.0 }, m.PerSample(F(1, 0, 1, 1), F(1, -1, -1, 1)));
    }

    [Fact]
    public void Per_sample_values_of_a_wrapped_metric_average_to_its_result()
    {
        var m = keras.metrics.MeanSquaredError();
        var t = F(new double[,] { { 0, 1, 0, 1, 0 }, { 0, 0, 1, 1, 1 }, { 1, 1, 1, 1, 0 }, { 0, 0, 0, 0, 1 } });
        var p = F(new double[,] { { 0, 0, 1, 1, 0 }, { 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 0 }, { 1, 1, 1, 1, 1 } });
        Assert.Equal(new long[] { 4 }, m.PerSample(t, p).shape);
        AllClose(0.5, m.PerSample(t, p).mean(), atol: 1e-5);
        Assert.Throws<InvalidOperationException>(() => new AUC().PerSample(t, p));
    }

    /// <summary>losses_test.py MeanSquaredErrorTest.test_unweighted through the trainer's entry points.</summary>
    [Fact]
    public void Loss_per_sample_and_reduced_entry_points()
    {
        var yt = F(new double[,] { { 1, 9, 2 }, { -5, -2, 6 } });
        var yp = F(new double[,] { { 4, 8, 12 }, { 8, 1, 3 } });
        Loss mse = "mse";
        Assert.Equal("MeanSquaredError", mse.class_name);
        Assert.False(mse.IsSparse);
        Assert.True(LossesApi.Get("sparse_categorical_crossentropy").IsSparse);
        Assert.True(keras.losses.get("sparse_categorical_crossentropy").IsSparse);
        AlmostEqual(49.5, mse.CallAligned(yt, yp));
        AlmostEqual(new[] { 110.0 / 3, 187.0 / 3 }, mse.PerSample(yt, yp));
        AlmostEqual(new[] { 110.0 / 3, 187.0 / 3 }, mse.call(yt, yp));
        // A loss with reduction "none" still gives the trainer one number (Keras's compile loss reduces it again).
        AlmostEqual(49.5, keras.losses.MeanSquaredError(reduction: "none").CallAligned(yt, yp));
    }

    /// <summary>The function-backed loss of the TFLearn facade: call is per sample, Apply reduces, CallAligned uses the fast path.</summary>
    [Fact]
    public void Function_loss_is_per_sample_and_reduces_like_any_loss()
    {
        var l = new FunctionLoss("mean_square", "MeanSquare", (t, p) => (p - t).square().mean(new long[] { 1 }), reduced: (t, p) => nn.functional.mse_loss(p, t));
        var yt = F(new double[,] { { 1, 9, 2 }, { -5, -2, 6 } });
        var yp = F(new double[,] { { 4, 8, 12 }, { 8, 1, 3 } });
        AlmostEqual(new[] { 110.0 / 3, 187.0 / 3 }, l.call(yt, yp));
        AlmostEqual(49.5, l.Apply(yt, yp));
        AlmostEqual(49.5, l.CallAligned(yt, yp));
        AlmostEqual(113.85, l.Apply(yt, yp, 2.3));
    }

    /// <summary>Metric state stays out of autograd and out of the caller's dispose scope.</summary>
    [Fact]
    public void Metric_state_survives_the_batch_dispose_scope_and_holds_no_graph()
    {
        var m = keras.metrics.MeanAbsoluteError();
        var p = F(1, 2, 3).requires_grad_();
        using (var scope = torch.NewDisposeScope())
        {
            m.update_state(F(1, 1, 1), p * 2);
        }
        Assert.False(m.variables[0].value.requires_grad);
        AllClose(3.0, m.result());
    }
}
