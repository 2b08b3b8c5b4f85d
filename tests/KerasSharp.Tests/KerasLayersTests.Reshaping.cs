using KerasSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>Flatten and Reshape against Keras 3: keras/src/layers/reshaping/flatten_test.py and reshape_test.py.</summary>
public class KerasLayersReshapingTests
{
    [Theory]
    [InlineData(null, "flatten_channels_last")]
    [InlineData("channels_last", "flatten_channels_last")]
    [InlineData("channels_first", "flatten_channels_first")]
    public void Flatten_matches_flatten_test(string? data_format, string oracle)
    {
        // test_flatten (dense): inputs (10, 3, 5, 5); channels_first moves the channels last before flattening.
        var inputs = LayersOracle.Input(oracle);
        LayersOracle.AssertOutput(oracle, keras.layers.Flatten(data_format: data_format).Apply(inputs));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("channels_last")]
    [InlineData("channels_first")]
    public void Flatten_with_scalar_channels_matches_flatten_test(string? data_format)
    {
        // test_flatten_with_scalar_channels: inputs (10,), expected np.expand_dims(inputs, -1).
        var inputs = torch.rand(10);
        var outputs = keras.layers.Flatten(data_format: data_format).Apply(inputs);
        Assert.Equal(new long[] { 10, 1 }, outputs.shape);
        Assert.True(outputs.eq(inputs.unsqueeze(-1)).all().item<bool>());
    }

    [Fact]
    public void Flatten_symbolic_shapes_match_flatten_test()
    {
        // test_flatten_symbolic_with_dynamic_batch_size and test_flatten_symbolic_with_dynamic_dimension.
        var flattened = keras.layers.Flatten().Apply(keras.Input(batch_shape: new int?[] { null, 2, 3 }));
        Assert.Equal(new int?[] { null, 6 }, flattened.shape);
        flattened = keras.layers.Flatten().Apply(keras.Input(batch_shape: new int?[] { 5, 2, null }));
        Assert.Equal(new int?[] { 5, null }, flattened.shape);
    }

    [Fact]
    public void Flatten_takes_other_shapes_call_after_call_as_flatten_test()
    {
        // test_flatten_with_dynamic_batch_size_and_dynamic_dimenstions: (3, 5, 7) then (2, 7, 5), one layer.
        var layer = keras.layers.Flatten();
        Assert.Equal(new long[] { 3, 35 }, layer.Apply(torch.ones(3, 5, 7)).shape);
        Assert.Equal(new long[] { 2, 35 }, layer.Apply(torch.ones(2, 7, 5)).shape);
    }

    // reshape_test.py test_reshape (dense): (target_shape, input_shape, expected_output_shape).
    [Theory]
    [InlineData(new[] { 8, 1 }, new[] { 3, 2, 4 }, new[] { 3, 8, 1 })]
    [InlineData(new[] { 8 }, new[] { 3, 2, 4 }, new[] { 3, 8 })]
    [InlineData(new[] { 2, 4 }, new[] { 3, 8 }, new[] { 3, 2, 4 })]
    [InlineData(new[] { -1, 1 }, new[] { 3, 2, 4 }, new[] { 3, 8, 1 })]
    [InlineData(new[] { 1, -1 }, new[] { 3, 2, 4 }, new[] { 3, 1, 8 })]
    [InlineData(new[] { -1 }, new[] { 3, 2, 4 }, new[] { 3, 8 })]
    [InlineData(new[] { 2, -1 }, new[] { 3, 2, 4 }, new[] { 3, 2, 4 })]
    public void Reshape_shapes_match_reshape_test(int[] target_shape, int[] input_shape, int[] output_shape)
    {
        var layer = keras.layers.Reshape(target_shape);
        var x = torch.randn(input_shape.Select(d => (long)d).ToArray());
        var y = layer.Apply(x);
        Assert.Equal(output_shape.Select(d => (long)d), y.shape);
        Assert.True(y.flatten().eq(x.flatten()).all().item<bool>()); // a reshape keeps the values in order
        var symbolic = keras.layers.Reshape(target_shape).Apply(keras.Input(shape: input_shape.Skip(1).Select(d => (int?)d).ToArray()));
        Assert.Equal(new int?[] { null }.Concat(output_shape.Skip(1).Select(d => (int?)d)), symbolic.shape);
    }

    [Fact]
    public void Reshape_symbolic_shapes_match_reshape_test()
    {
        // test_reshape_with_dynamic_batch_size.
        Assert.Equal(new int?[] { null, 8 }, keras.layers.Reshape(new[] { 8 }).Apply(keras.Input(shape: new int?[] { 2, 4 })).shape);
        // test_reshape_with_dynamic_batch_size_and_minus_one: (None, 6, 4) → (None, 3, 8).
        Assert.Equal(new int?[] { null, 3, 8 }, keras.layers.Reshape(new[] { -1, 8 }).Apply(keras.Input(batch_shape: new int?[] { null, 6, 4 })).shape);
        // test_reshape_with_dynamic_dim_and_minus_one: (4, 6, None, 3) → (4, None, 3).
        Assert.Equal(new int?[] { 4, null, 3 }, keras.layers.Reshape(new[] { -1, 3 }).Apply(keras.Input(batch_shape: new int?[] { 4, 6, null, 3 })).shape);
        // test_reshape_sets_static_shape: (2, None) → (2, 3, 5).
        Assert.Equal(new int?[] { 2, 3, 5 }, keras.layers.Reshape(new[] { 3, 5 }).Apply(keras.Input(batch_shape: new int?[] { 2, null })).shape);
    }

    [Fact]
    public void Reshape_layer_with_varying_input_size_and_minus_one_matches_reshape_test()
    {
        var layer = keras.layers.Reshape(new[] { -1, 8 });
        Assert.Equal(new long[] { 1, 3, 8 }, layer.Apply(torch.ones(1, 6, 4)).shape);
        Assert.Equal(new long[] { 1, 5, 8 }, layer.Apply(torch.ones(1, 10, 4)).shape);
    }

    [Fact]
    public void Reshape_rejects_invalid_target_shape_as_reshape_test()
    {
        // test_reshape_rejects_invalid_target_shape (the exact texts are in KerasLayersErrorTests).
        var e = Assert.Throws<ArgumentException>(() => keras.layers.Reshape(new[] { -2, 5 }));
        Assert.Matches("non-negative integer.*-1.*target_shape=\\(-2, 5\\)", e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.Reshape(new[] { -1, -1, 5 }));
        Assert.Matches("at most one unknown dimension.*target_shape=\\(-1, -1, 5\\)", e.Message);
    }

    [Fact]
    public void Reshape_model_with_varying_input_size_and_minus_one_matches_reshape_test()
    {
        // test_reshape_model_fit_with_varying_input_size_and_minus_one: Sequential([Reshape((-1, 8))])
        // on (1, seq_len, 2) gives (1, seq_len * 2 / 8, 8).
        var model = keras.Sequential(keras.layers.Reshape(new[] { -1, 8 }));
        foreach (var (seq_len, expected_first_dim) in new[] { (12, 3), (20, 5), (24, 6) })
        {
            var output = model.call(torch.randn(1, seq_len, 2))[0];
            Assert.Equal(expected_first_dim, output.shape[1]);
            Assert.Equal(8, output.shape[2]);
        }
        // Its fit part: a generator of batches of growing length, and a model that fits them all.
        static IEnumerable<(Tensor, Tensor)> Batches()
        {
            foreach (var seq_len in new[] { 12, 20, 24 })
                yield return (torch.randn(2, seq_len, 2), torch.randn(2, seq_len * 2 / 8, 8));
        }
        var fitModel = keras.Sequential(keras.layers.Reshape(new[] { -1, 8 }), keras.layers.Dense(8));
        fitModel.compile(optimizer: "sgd", loss: "mse");
        var h = fitModel.fit(Batches(), epochs: 2, verbose: 0);
        Assert.Equal(2, h.history["loss"].Count);
    }
}
