using KerasSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// BatchNormalization against Keras 3: keras/src/layers/normalization/batch_normalization_test.py
/// (basics, correctness in training and inference, trainable behaviour), and one training call
/// through the real Keras (KerasOracle/layers_oracle.py): output, moving statistics, then inference.
/// </summary>
public class KerasLayersBatchNormalizationTests
{
    /// <summary>np.random.normal(loc, scale, size), seeded (Keras's test draws unseeded data; any data fits its assertions).</summary>
    static Tensor Normal(double loc, double scale, long[] shape, ulong seed)
    {
        using var g = new torch.Generator(seed);
        return torch.randn(shape, generator: g) * scale + loc;
    }

    static void AssertAllClose(Tensor expected, Tensor actual, double atol, double rtol = 1e-6)
    {
        Assert.Equal(expected.shape, actual.shape);
        var ok = (actual - expected).abs() <= atol + rtol * expected.abs();
        Assert.True(ok.all().item<bool>(), $"max |difference| {(actual - expected).abs().max().item<float>()} (atol {atol}, rtol {rtol})");
    }

    [Fact]
    public void BatchNormalization_basics_match_batch_normalization_test()
    {
        // test_bn_basics: vector case; center/scale false; image case with regularizers (training=True).
        var bn = keras.layers.BatchNormalization(center: true, scale: true);
        Assert.Equal(new long[] { 2, 3 }, bn.Apply(torch.randn(2, 3), training: true).shape);
        Assert.Equal(2, bn.trainable_weights.Count());
        Assert.Equal(2, bn.non_trainable_weights.Count());

        bn = keras.layers.BatchNormalization(center: false, scale: false);
        Assert.Equal(new long[] { 2, 3 }, bn.Apply(torch.randn(2, 3), training: true).shape);
        Assert.Empty(bn.trainable_weights);
        Assert.Equal(2, bn.non_trainable_weights.Count());

        bn = keras.layers.BatchNormalization(center: true, scale: true, beta_regularizer: "l2", gamma_regularizer: "l2");
        Assert.Equal(new long[] { 2, 4, 4, 3 }, bn.Apply(torch.randn(2, 4, 4, 3), training: true).shape);
        Assert.Equal(2, bn.trainable_weights.Count());
        Assert.Equal(2, bn.non_trainable_weights.Count());
        // expected_num_losses=2 is not observable here: KerasSharp's Layer has no public `losses` yet.
        Assert.NotNull(bn.beta_regularizer);
        Assert.NotNull(bn.gamma_regularizer);
    }

    public static IEnumerable<object[]> CorrectnessProduct()
    {
        // test_correctness: parameterized.product(axis=(-1, 1), input_shape=((5, 2, 3), (5, 3, 3, 2)),
        // moving_mean_initializer=("zeros", "ones"), moving_variance_initializer=("zeros", "ones")).
        foreach (var axis in new[] { -1, 1 })
            foreach (var shape in new[] { new long[] { 5, 2, 3 }, new long[] { 5, 3, 3, 2 } })
                foreach (var mm in new[] { "zeros", "ones" })
                    foreach (var mv in new[] { "zeros", "ones" })
                        yield return new object[] { axis, shape, mm, mv };
    }

    [Theory]
    [MemberData(nameof(CorrectnessProduct))]
    public void BatchNormalization_correctness_matches_batch_normalization_test(int axis, long[] input_shape, string moving_mean_initializer, string moving_variance_initializer)
    {
        var layer = keras.layers.BatchNormalization(axis: axis, momentum: 0, moving_mean_initializer: moving_mean_initializer,
            moving_variance_initializer: moving_variance_initializer);
        // Random data centered on 5.0, variance 10.0 (the test's words; scale 10).
        var x = Normal(5.0, 10.0, input_shape, 1234);
        var output = x;
        for (int i = 0; i < 3; i++) output = layer.Apply(output, training: true);

        var broadcast = Enumerable.Repeat(1L, input_shape.Length).ToArray();
        int a = axis < 0 ? axis + input_shape.Length : axis;
        broadcast[a] = input_shape[a];
        output = (output - layer.beta!.Value.detach().reshape(broadcast)) / layer.gamma!.Value.detach().reshape(broadcast);
        var reduction = Enumerable.Range(0, input_shape.Length).Where(d => d != a).Select(d => (long)d).ToArray();
        AssertAllClose(torch.zeros(input_shape[a]), output.mean(reduction), atol: 1e-3);
        AssertAllClose(torch.ones(input_shape[a]), output.std(reduction, unbiased: false), atol: 1e-3);
        AssertAllClose(torch.zeros(input_shape[a]), layer.moving_mean!.Value.detach(), atol: 1e-3);
        AssertAllClose(torch.ones(input_shape[a]), layer.moving_variance!.Value.detach(), atol: 1e-3);

        // Inference done before training shouldn't match.
        var inference_out = layer.Apply(x, training: false);
        var training_out = layer.Apply(x, training: true);
        Assert.False(((inference_out - training_out).abs() <= 1e-6 + 1e-6 * training_out.abs()).all().item<bool>());
        // Since momentum is zero, inference after training should match.
        training_out = layer.Apply(x, training: true);
        inference_out = layer.Apply(x, training: false);
        AssertAllClose(training_out, inference_out, atol: 1e-6);
    }

    [Fact]
    public void BatchNormalization_trainable_behavior_matches_batch_normalization_test()
    {
        var layer = keras.layers.BatchNormalization(axis: -1, momentum: 0.8, epsilon: 1e-7);
        KerasLayersConv2DTests.Build(layer, 1, 4, 4, 3);
        layer.trainable = false;
        Assert.Equal(4, layer.variables.Count);
        Assert.Empty(layer.trainable_weights);
        Assert.Equal(4, layer.non_trainable_weights.Count());

        var x = Normal(5.0, 10.0, new long[] { 200, 4, 4, 3 }, 99);
        var output = layer.Apply(x, training: true);
        AssertAllClose(x, output, atol: 1e-6);

        layer.trainable = true;
        Assert.Equal(4, layer.variables.Count);
        Assert.Equal(2, layer.trainable_weights.Count());
        Assert.Equal(2, layer.non_trainable_weights.Count());
        for (int i = 0; i < 10; i++) output = layer.Apply(x, training: true);
        output = (output - layer.beta!.Value.detach().reshape(1, 1, 1, 3)) / layer.gamma!.Value.detach().reshape(1, 1, 1, 3);
        AssertAllClose(torch.zeros(3), output.mean(new long[] { 0, 1, 2 }), atol: 1e-3);
        AssertAllClose(torch.ones(3), output.std(new long[] { 0, 1, 2 }, unbiased: false), atol: 1e-3);
    }

    /// <summary>
    /// One training call through the real Keras (layers_oracle.py): the output, the weights after it
    /// (moving = moving·momentum + batch·(1 − momentum), Keras's biased batch variance), then an
    /// inference call with the updated statistics.
    /// </summary>
    [Theory]
    [InlineData("batch_normalization_image_training")]
    [InlineData("batch_normalization_axis1_training")]
    [InlineData("batch_normalization_no_center_no_scale")]
    [InlineData("batch_normalization_default_weights")]
    public void BatchNormalization_training_call_and_moving_statistics_match_keras(string name)
    {
        var layer = name switch
        {
            "batch_normalization_axis1_training" => keras.layers.BatchNormalization(axis: 1, momentum: 0.9, epsilon: 1e-2),
            "batch_normalization_no_center_no_scale" => keras.layers.BatchNormalization(center: false, scale: false, momentum: 0.5),
            _ => keras.layers.BatchNormalization(),
        };
        var x = LayersOracle.Input(name);
        KerasLayersConv2DTests.Build(layer, x.shape);
        layer.set_weights(LayersOracle.Weights(name));
        LayersOracle.AssertOutput(name, layer.Apply(x, training: true));
        var (rtol, atol) = LayersOracle.Tolerance(name);
        var after = LayersOracle.Case(name).GetProperty("weights_after").EnumerateArray().ToArray();
        var weights = layer.get_weights();
        Assert.Equal(after.Length, weights.Length);
        for (int i = 0; i < after.Length; i++) LayersOracle.AssertClose(after[i], Utils.Arrays.ToTensor(weights[i]), rtol, atol);
        LayersOracle.AssertOutput(name, layer.Apply(x, training: false), "inference_after");
    }

    [Fact]
    public void BatchNormalization_takes_another_image_size_after_build_as_keras_does()
    {
        // Keras (layers_oracle.py facts): BatchNormalization() on (2, 4, 4, 3), then (2, 5, 6, 3).
        var expected = LayersOracle.Fact("batch_normalization_other_image_size");
        var layer = keras.layers.BatchNormalization();
        Assert.Equal(LayersOracle.Shape(expected[0]).Select(d => (long)d!.Value), layer.Apply(torch.ones(2, 4, 4, 3)).shape);
        Assert.Equal(LayersOracle.Shape(expected[1]).Select(d => (long)d!.Value), layer.Apply(torch.ones(2, 5, 6, 3)).shape);
    }
}
