using KerasSharp;
using KerasSharp.Losses;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/losses/loss_test.py (the Loss base class: reductions, masks, sample
/// weights, rank adjustment, get) with a user-defined subclass, ported. Where the Keras test
/// computes its expectation with numpy, the number comes from
/// KerasOracle/losses_test_expected.py ("example.*" lines, "test=" column).
/// </summary>
public class LossBaseTests
{
    /// <summary>loss_test.py's ExampleLoss: a user subclass overriding call.</summary>
    sealed class ExampleLoss(string? reduction = "sum_over_batch_size", string? dtype = null) : Loss(reduction: reduction, dtype: dtype)
    {
        public override Tensor call(Tensor y_true, Tensor y_pred) => (y_true - y_pred).pow(2);
    }

    static Tensor YTrue => torch.tensor(new[] { 1.0, 0.0, 1.0, 0.0 });
    static Tensor YPred => torch.tensor(new[] { 0.1, 0.2, 0.3, 0.4 });
    static Tensor Weight => torch.tensor(new[] { 0.4, 0.3, 0.2, 0.1 });
    static Tensor Mask => torch.tensor(new[] { true, false, true, true });

    [Fact]
    public void LossTest_test_squeeze_or_expand()
    {
        var (a, b) = RankAlignmentProbe(torch.ones(3), torch.ones(3, 1));
        Assert.Equal(new long[] { 3, 1 }, a.shape);
        Assert.Equal(new long[] { 3, 1 }, b.shape);
        (a, b) = RankAlignmentProbe(torch.ones(3, 2), torch.ones(3, 2, 1));
        Assert.Equal(new long[] { 3, 2 }, a.shape);
        Assert.Equal(new long[] { 3, 2 }, b.shape);
    }

    /// <summary>The rank alignment seen through a wrapped function that reports the shapes it receives.</summary>
    static (Tensor, Tensor) RankAlignmentProbe(Tensor x1, Tensor x2)
    {
        Tensor? seenTrue = null, seenPred = null;
        var probe = new LossFunctionWrapper((t, p) => { seenTrue = t; seenPred = p; return torch.zeros(1); }, reduction: null);
        probe.call(x1, x2);
        return (seenTrue!, seenPred!);
    }

    [Fact]
    public void LossTest_test_reduction()
    {
        var none = new ExampleLoss(reduction: null).Apply(YTrue, YPred);
        Assert.Equal(ScalarType.Float32, none.dtype);
        AllClose(new[] { 0.81, 0.04000000000000001, 0.48999999999999994, 0.16000000000000003 }, none);
        AllClose(1.5, new ExampleLoss(reduction: "sum").Apply(YTrue, YPred));
        AllClose(0.375, new ExampleLoss(reduction: "sum_over_batch_size").Apply(YTrue, YPred));
        var e = Assert.Throws<ArgumentException>(() => new ExampleLoss(reduction: "abc"));
        Assert.Equal("Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'sum', None, 'none', 'mean', " +
            "'mean_with_sample_weight'}. Received: reduction=abc", e.Message);
    }

    [Fact]
    public void LossTest_test_mask()
    {
        var yPred = YPred;
        KerasMask.set_keras_mask(yPred, Mask);
        var loss = new ExampleLoss().Apply(YTrue, yPred);
        Assert.Equal(ScalarType.Float32, loss.dtype);
        AllClose(0.48666666666666664, loss);
        KerasMask.set_keras_mask(yPred, torch.tensor(new[] { false, false, false, false }));
        AllClose(0.0, new ExampleLoss().Apply(YTrue, yPred));
    }

    [Fact]
    public void LossTest_test_sample_weight()
    {
        AllClose(0.11250000000000002, new ExampleLoss().Apply(YTrue, YPred, Weight));
        AllClose(0.0, new ExampleLoss().Apply(YTrue, YPred, torch.zeros(4)));
    }

    [Fact]
    public void LossTest_test_mask_and_sample_weight()
    {
        var yPred = YPred;
        KerasMask.set_keras_mask(yPred, Mask);
        AllClose(0.14600000000000002, new ExampleLoss().Apply(YTrue, yPred, Weight));
    }

    [Fact]
    public void LossTest_test_mask_and_sample_weight_rank2()
    {
        var yPred = YPred;
        KerasMask.set_keras_mask(yPred, Mask);
        var rank1 = new ExampleLoss().Apply(YTrue, yPred, Weight);
        var yPred2 = YPred.unsqueeze(0).tile(new long[] { 2, 1 });
        KerasMask.set_keras_mask(yPred2, Mask.unsqueeze(0).tile(new long[] { 2, 1 }));
        var rank2 = new ExampleLoss().Apply(YTrue.unsqueeze(0).tile(new long[] { 2, 1 }), yPred2, Weight.unsqueeze(0).tile(new long[] { 2, 1 }));
        AllClose(Values(rank1), rank2);
    }

    [Theory]
    [InlineData("mask")]
    [InlineData("sample_weight")]
    [InlineData("ys")]
    public void LossTest_test_rank_adjustment(string uprank)
    {
        Tensor yTrue = YTrue, yPred = YPred, weight = Weight, mask = Mask;
        if (uprank == "mask") mask = mask.unsqueeze(-1);
        else if (uprank == "sample_weight") weight = weight.unsqueeze(-1);
        else { yTrue = yTrue.unsqueeze(-1); yPred = yPred.unsqueeze(-1); }
        KerasMask.set_keras_mask(yPred, mask);
        var loss = new ExampleLoss().Apply(yTrue, yPred, weight);
        Assert.Equal(ScalarType.Float32, loss.dtype);
        AllClose(0.14600000000000002, loss);
    }

    [Fact]
    public void LossTest_test_mixed_dtypes()
    {
        var loss = new ExampleLoss().Apply(torch.tensor(new[] { 1, 0, 1, 0 }), torch.tensor(new[] { 0.1f, 0.2f, 0.3f, 0.4f }), Weight);
        Assert.Equal(ScalarType.Float32, loss.dtype);
        AllClose(0.11250000000000002, loss);
    }

    /// <summary>loss_test.py test_get_method: "mse" is the function mean_squared_error; a typo raises. C# returns the function wrapped (see LossesApi.get).</summary>
    [Fact]
    public void LossTest_test_get_method()
    {
        var loss = keras.losses.get("mse");
        Assert.IsType<LossFunctionWrapper>(loss);
        Assert.Equal("mean_squared_error", ((LossFunctionWrapper)loss).fn_name);
        Assert.Equal("mean_squared_error", loss.name);
        var e = Assert.Throws<ArgumentException>(() => keras.losses.get("typo"));
        Assert.StartsWith("Could not interpret loss identifier: typo. Known loss names: ", e.Message);
    }

    sealed class DoubledMse() : MeanSquaredError
    {
        public override Tensor call(Tensor y_true, Tensor y_pred) => 2 * base.call(y_true, y_pred);
    }

    /// <summary>A subclass of a built-in loss that overrides call is used as written (losses_test.py MeanSquaredErrorTest.test_unweighted: 49.5, doubled).</summary>
    [Fact]
    public void A_subclass_overriding_call_of_a_builtin_loss_uses_its_call()
    {
        var yt = torch.tensor(new long[,] { { 1, 9, 2 }, { -5, -2, 6 } });
        var yp = torch.tensor(new float[,] { { 4, 8, 12 }, { 8, 1, 3 } });
        AlmostEqual(99.0, new DoubledMse().Apply(yt, yp));
    }

    [Fact]
    public void LossTest_test_dtype_arg() => Assert.Equal(ScalarType.Float16, new ExampleLoss(dtype: "float16").Apply(YTrue.to(float32), YPred.to(float32)).dtype);

    [Fact]
    public void LossTest_test_default_dtype() => Assert.Equal(ScalarType.Float32, new ExampleLoss().Apply(YTrue.to(float32), YPred.to(float32)).dtype);
}
