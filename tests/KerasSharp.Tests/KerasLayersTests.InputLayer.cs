using KerasSharp.Layers;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>InputLayer and keras.Input against Keras 3: keras/src/layers/core/input_layer_test.py.</summary>
public class KerasLayersInputLayerTests
{
    [Fact]
    public void InputLayer_basic_matches_input_layer_test()
    {
        // test_input_basic (dense): shape (2, 3), batch_size 4, dtype float32.
        var values = keras.layers.InputLayer(shape: new int?[] { 2, 3 }, batch_size: 4);
        Assert.Equal(4, values.batch_shape[0]);
        Assert.Equal(new int?[] { 2, 3 }, values.batch_shape.Skip(1));
        Assert.True(values.trainable);
        Assert.IsType<KerasTensor>(values.output);
        Assert.Equal(3, values.output.shape.Length); // ndim
    }

    [Fact]
    public void InputLayer_errors_match_input_layer_test()
    {
        // test_input_error1, test_input_error2, test_input_error3 (exact texts are in KerasLayersErrorTests).
        Assert.Contains("cannot pass both `shape` and `batch_shape`",
            Assert.Throws<ArgumentException>(() => keras.layers.InputLayer(shape: new int?[] { 2, 3 }, batch_shape: new int?[] { 2, 3 })).Message);
        Assert.Contains("cannot pass both `batch_size` and `batch_shape`",
            Assert.Throws<ArgumentException>(() => keras.layers.InputLayer(batch_size: 4, batch_shape: new int?[] { 2, 3 })).Message);
        Assert.Contains("pass a `shape` argument.",
            Assert.Throws<ArgumentException>(() => keras.layers.InputLayer(shape: null, batch_shape: null)).Message);
    }

    [Fact]
    public void Input_with_None_dimensions_and_batch_shape_keeps_them()
    {
        Assert.Equal(new int?[] { null, null, 3 }, keras.Input(shape: new int?[] { null, 3 }).shape);
        Assert.Equal(new int?[] { 8, 5, null }, keras.Input(batch_shape: new int?[] { 8, 5, null }).shape);
        // Keras accepts a dimension of 0 (layers_oracle.py facts: keras.Input((0, 3)).shape).
        Assert.Equal(LayersOracle.Shape(LayersOracle.Fact("input_zero_dimension_batch_shape")), keras.Input(shape: new int?[] { 0, 3 }).shape);
    }
}
