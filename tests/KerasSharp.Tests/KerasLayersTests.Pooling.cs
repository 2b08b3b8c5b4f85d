using KerasSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// MaxPooling2D, AveragePooling2D and the global poolings against Keras 3: the shapes of
/// keras/src/layers/pooling/*_pooling_test.py, and their correctness cases with the numbers the real
/// Keras computes (KerasOracle/layers_oracle.py, checked there against np_maxpool2d/np_avgpool2d).
/// </summary>
public class KerasLayersPoolingTests
{
    static long[] L(int[] s) => s.Select(d => (long)d).ToArray();

    static void AssertShapes(Layer layer, int[] input_shape, int[] output_shape)
    {
        Assert.Equal(L(output_shape), layer.Apply(torch.randn(L(input_shape))).shape);
        var symbolic = layer.Apply(keras.Input(shape: input_shape.Skip(1).Select(d => (int?)d).ToArray()));
        Assert.Equal(new int?[] { null }.Concat(output_shape.Skip(1).Select(d => (int?)d)), symbolic.shape);
        Assert.Empty(layer.variables); // expected_num_trainable_weights=0, expected_num_non_trainable_weights=0
    }

    // max_pooling_test.py MaxPoolingBasicTest.test_max_pooling2d.
    [Theory]
    [InlineData(2, 2, 1, 1, "valid", "channels_last", new[] { 3, 5, 5, 4 }, new[] { 3, 4, 4, 4 })]
    [InlineData(2, 2, 1, 1, "same", "channels_first", new[] { 3, 5, 5, 4 }, new[] { 3, 5, 5, 4 })]
    [InlineData(2, 3, 2, 2, "valid", "channels_last", new[] { 3, 5, 5, 4 }, new[] { 3, 2, 2, 4 })]
    public void MaxPooling2D_shapes_match_max_pooling_test(int ph, int pw, int sh, int sw, string padding, string data_format, int[] input_shape, int[] output_shape) =>
        AssertShapes(keras.layers.MaxPooling2D(pool_size: (ph, pw), strides: (sh, sw), padding: padding, data_format: data_format), input_shape, output_shape);

    // average_pooling_test.py AveragePoolingBasicTest.test_average_pooling2d.
    [Theory]
    [InlineData(2, 2, 1, 1, "valid", "channels_last", new[] { 3, 5, 5, 4 }, new[] { 3, 4, 4, 4 })]
    [InlineData(2, 2, 1, 1, "same", "channels_last", new[] { 3, 5, 5, 4 }, new[] { 3, 5, 5, 4 })]
    [InlineData(2, 2, 1, 1, "valid", "channels_first", new[] { 3, 5, 5, 4 }, new[] { 3, 5, 4, 3 })]
    [InlineData(2, 2, 1, 1, "same", "channels_first", new[] { 3, 5, 5, 4 }, new[] { 3, 5, 5, 4 })]
    [InlineData(2, 3, 2, 2, "valid", "channels_last", new[] { 3, 5, 5, 4 }, new[] { 3, 2, 2, 4 })]
    [InlineData(2, 3, 2, 2, "same", "channels_last", new[] { 3, 5, 5, 4 }, new[] { 3, 3, 3, 4 })]
    [InlineData(2, 3, 3, 3, "same", "channels_first", new[] { 3, 5, 5, 4 }, new[] { 3, 5, 2, 2 })]
    public void AveragePooling2D_shapes_match_average_pooling_test(int ph, int pw, int sh, int sw, string padding, string data_format, int[] input_shape, int[] output_shape) =>
        AssertShapes(keras.layers.AveragePooling2D(pool_size: (ph, pw), strides: (sh, sw), padding: padding, data_format: data_format), input_shape, output_shape);

    // global_{average,max}_pooling_test.py Global*PoolingBasicTest.test_global_*_pooling2d.
    [Theory]
    [InlineData("channels_last", false, new[] { 3, 5, 6, 4 }, new[] { 3, 4 })]
    [InlineData("channels_last", true, new[] { 3, 5, 6, 4 }, new[] { 3, 1, 1, 4 })]
    [InlineData("channels_first", false, new[] { 3, 5, 6, 4 }, new[] { 3, 5 })]
    public void Global_pooling_shapes_match_global_pooling_tests(string data_format, bool keepdims, int[] input_shape, int[] output_shape)
    {
        AssertShapes(keras.layers.GlobalAveragePooling2D(data_format: data_format, keepdims: keepdims), input_shape, output_shape);
        AssertShapes(keras.layers.GlobalMaxPooling2D(data_format: data_format, keepdims: keepdims), input_shape, output_shape);
    }

    /// <summary>max_pooling_test.py MaxPoolingCorrectnessTest.test_max_pooling2d on np.arange(100).reshape((1, 5, 5, 4)); assertAllClose defaults.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void MaxPooling2D_correctness_matches_keras(int set)
    {
        var layer = set switch
        {
            0 => keras.layers.MaxPooling2D(pool_size: 2, strides: 1, padding: "valid", data_format: "channels_last"),
            1 => keras.layers.MaxPooling2D(pool_size: 2, strides: 1, padding: "valid", data_format: "channels_first"),
            2 => keras.layers.MaxPooling2D(pool_size: (2, 2), strides: (2, 2), padding: "same", data_format: "channels_last"),
            3 => keras.layers.MaxPooling2D(pool_size: (2, 2), strides: (2, 2), padding: "same", data_format: "channels_first"),
            _ => keras.layers.MaxPooling2D(pool_size: (2, 3), strides: (3, 3), padding: "same", data_format: "channels_last"),
        };
        var inputs = torch.arange(100, dtype: float32).reshape(1, 5, 5, 4);
        LayersOracle.AssertClose(LayersOracle.Expected($"max_pooling2d_correctness_{set}"), layer.Apply(inputs), 1e-6, 1e-6);
    }

    /// <summary>
    /// average_pooling_test.py test_average_pooling2d (sets 0–1) and test_average_pooling2d_same_padding
    /// (sets 2–5, which Keras skips on torch: KerasSharp follows TensorFlow's "same", which counts only
    /// real cells) on np.arange(16).reshape((1, 4, 4, 1)).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AveragePooling2D_correctness_matches_keras(int set)
    {
        var layer = set switch
        {
            0 => keras.layers.AveragePooling2D(pool_size: 2, strides: 1, padding: "valid", data_format: "channels_last"),
            1 => keras.layers.AveragePooling2D(pool_size: (2, 3), strides: (2, 2), padding: "valid", data_format: "channels_last"),
            2 => keras.layers.AveragePooling2D(pool_size: 2, strides: (2, 1), padding: "same", data_format: "channels_last"),
            3 => keras.layers.AveragePooling2D(pool_size: 2, strides: (2, 1), padding: "same", data_format: "channels_first"),
            4 => keras.layers.AveragePooling2D(pool_size: (2, 2), strides: (2, 2), padding: "same", data_format: "channels_last"),
            _ => keras.layers.AveragePooling2D(pool_size: (2, 2), strides: (2, 2), padding: "same", data_format: "channels_first"),
        };
        var inputs = torch.arange(16, dtype: float32).reshape(1, 4, 4, 1);
        LayersOracle.AssertClose(LayersOracle.Expected($"average_pooling2d_correctness_{set}"), layer.Apply(inputs), 1e-6, 1e-6);
    }

    /// <summary>KerasSharp's own cases through the real Keras: asymmetric "same" padding (8x7, pool 3, stride 2), channels_first, rectangular windows.</summary>
    [Theory]
    [InlineData("max_pooling2d_same_3x3_stride2")]
    [InlineData("average_pooling2d_same_3x3_stride2")]
    [InlineData("average_pooling2d_same_channels_first")]
    [InlineData("max_pooling2d_valid_2x3_stride_1x2")]
    public void Pooling_asymmetric_same_padding_matches_keras(string name)
    {
        Layer layer = name switch
        {
            "max_pooling2d_same_3x3_stride2" => keras.layers.MaxPooling2D(pool_size: 3, strides: 2, padding: "same"),
            "average_pooling2d_same_3x3_stride2" => keras.layers.AveragePooling2D(pool_size: 3, strides: 2, padding: "same"),
            "average_pooling2d_same_channels_first" => keras.layers.AveragePooling2D(pool_size: (2, 3), strides: (1, 2), padding: "same", data_format: "channels_first"),
            _ => keras.layers.MaxPooling2D(pool_size: (2, 3), strides: (1, 2)),
        };
        LayersOracle.AssertOutput(name, layer.Apply(LayersOracle.Input(name)));
    }

    /// <summary>global_{average,max}_pooling_test.py test_global_*_pooling2d (correctness) on np.arange(96).reshape((2, 3, 4, 4)).</summary>
    [Theory]
    [InlineData("channels_last", false)]
    [InlineData("channels_last", true)]
    [InlineData("channels_first", false)]
    [InlineData("channels_first", true)]
    public void Global_pooling_correctness_matches_keras(string data_format, bool keepdims)
    {
        var inputs = torch.arange(96, dtype: float32).reshape(2, 3, 4, 4);
        string suffix = $"{data_format}_{(keepdims ? "keepdims" : "squeezed")}";
        LayersOracle.AssertClose(LayersOracle.Expected($"global_average_pooling2d_{suffix}"),
            keras.layers.GlobalAveragePooling2D(data_format: data_format, keepdims: keepdims).Apply(inputs), 1e-6, 1e-6);
        LayersOracle.AssertClose(LayersOracle.Expected($"global_max_pooling2d_{suffix}"),
            keras.layers.GlobalMaxPooling2D(data_format: data_format, keepdims: keepdims).Apply(inputs), 1e-6, 1e-6);
    }

    [Fact]
    public void Pooling_takes_another_image_size_after_build_as_keras_does()
    {
        // Keras (layers_oracle.py facts): MaxPooling2D() on (1, 4, 4, 1) then (1, 6, 8, 1); GlobalAveragePooling2D() on (1, 4, 4, 3) then (1, 6, 8, 3).
        var max = LayersOracle.Fact("max_pooling2d_other_image_size");
        var pool = keras.layers.MaxPooling2D();
        Assert.Equal(LayersOracle.Shape(max[0]).Select(d => (long)d!.Value), pool.Apply(torch.ones(1, 4, 4, 1)).shape);
        Assert.Equal(LayersOracle.Shape(max[1]).Select(d => (long)d!.Value), pool.Apply(torch.ones(1, 6, 8, 1)).shape);
        var gap = LayersOracle.Fact("global_average_pooling2d_other_image_size");
        var global = keras.layers.GlobalAveragePooling2D();
        Assert.Equal(LayersOracle.Shape(gap[0]).Select(d => (long)d!.Value), global.Apply(torch.ones(1, 4, 4, 3)).shape);
        Assert.Equal(LayersOracle.Shape(gap[1]).Select(d => (long)d!.Value), global.Apply(torch.ones(1, 6, 8, 3)).shape);
    }
}
