using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>Dropout against Keras 3: keras/src/layers/regularization/dropout_test.py, and its edge cases through the real Keras (layers_oracle.py facts).</summary>
public class KerasLayersDropoutTests
{
    [Fact]
    public void Dropout_basics_match_dropout_test()
    {
        var layer = keras.layers.Dropout(rate: 0.2);
        Assert.Equal(new long[] { 2, 3 }, layer.Apply(torch.randn(2, 3), training: true).shape);
        Assert.Empty(layer.variables);
    }

    [Fact]
    public void Dropout_rescaling_matches_dropout_test()
    {
        var inputs = torch.ones(20, 500);
        var layer = keras.layers.Dropout(0.5, seed: 1337);
        var outputs = layer.Apply(inputs, training: true);
        Assert.True(Math.Abs(outputs.mean().item<float>() - 1.0) <= 0.02 + 1e-6, $"mean {outputs.mean().item<float>()}");
        Assert.True(Math.Abs(outputs.max().item<float>() - 2.0) <= 1e-6 + 2e-6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dropout_partial_noise_shape_shares_the_mask_as_dropout_test(bool dynamic)
    {
        // test_dropout_partial_noise_shape_dynamic (None, 1, None) and _static (20, 1, 10).
        var inputs = torch.ones(20, 5, 10);
        var layer = keras.layers.Dropout(0.5, noise_shape: dynamic ? new int?[] { null, 1, null } : new int?[] { 20, 1, 10 });
        var outputs = layer.Apply(inputs, training: true);
        for (int j = 1; j < 5; j++)
            Assert.True(outputs[.., 0, ..].eq(outputs[.., j, ..]).all().item<bool>());
        Assert.True(outputs.eq(0).any().item<bool>() && outputs.eq(2).any().item<bool>());
    }

    [Fact]
    public void Dropout_noise_shape_is_kept_as_given_as_dropout_test()
    {
        // test_validate_noise_shape_none, _integer_tuple, _none_values.
        Assert.Null(keras.layers.Dropout(0.5, noise_shape: null).noise_shape);
        Assert.Equal(new int?[] { 20, 1, 10 }, keras.layers.Dropout(0.5, noise_shape: new int?[] { 20, 1, 10 }).noise_shape);
        Assert.Equal(new int?[] { null, 1, null }, keras.layers.Dropout(0.5, noise_shape: new int?[] { null, 1, null }).noise_shape);
    }

    [Fact]
    public void Dropout_rate_0_and_rate_1_in_training_match_keras()
    {
        // layers_oracle.py facts: Dropout(0.0) keeps arange(6) as is; Dropout(1.0) gives zeros.
        var x = torch.arange(6, dtype: float32).reshape(2, 3);
        LayersOracle.AssertClose(LayersOracle.Fact("dropout_rate_0_training"), keras.layers.Dropout(0.0).Apply(x, training: true), 0, 0);
        LayersOracle.AssertClose(LayersOracle.Fact("dropout_rate_1_training"), keras.layers.Dropout(1.0).Apply(torch.ones(2, 3), training: true), 0, 0);
    }

    [Fact]
    public void Dropout_in_inference_is_the_identity()
    {
        var x = torch.randn(4, 7);
        Assert.True(keras.layers.Dropout(0.5).Apply(x).eq(x).all().item<bool>());
        Assert.True(keras.layers.Dropout(0.5, noise_shape: new int?[] { null, 1 }, seed: 3).Apply(x, training: false).eq(x).all().item<bool>());
    }

    [Fact]
    public void Dropout_layers_with_one_seed_drop_the_same_units_as_keras()
    {
        // layers_oracle.py facts: two Dropout(0.5, seed=1337) layers give equal outputs on ones((4, 50)).
        Assert.True(LayersOracle.Fact("dropout_same_seed_same_mask").GetBoolean());
        var a = keras.layers.Dropout(0.5, seed: 1337).Apply(torch.ones(4, 50), training: true);
        var b = keras.layers.Dropout(0.5, seed: 1337).Apply(torch.ones(4, 50), training: true);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.True(a.eq(0).any().item<bool>());
    }

    [Fact]
    public void Dropout_noise_shape_that_does_not_broadcast_is_refused()
    {
        // Keras fails inside numpy ("operands could not be broadcast together"); KerasSharp names the problem.
        var e = Assert.Throws<ArgumentException>(() => keras.layers.Dropout(0.5, noise_shape: new int?[] { 20, 3, 10 }, name: "drop").Apply(torch.ones(20, 5, 10), training: true));
        Assert.Equal("Layer \"drop\" (Dropout): noise_shape=(20, 3, 10) does not broadcast to the input shape (None, 5, 10): it needs the input's rank, and each dimension must be None, 1 or the input's.", e.Message);
    }
}
