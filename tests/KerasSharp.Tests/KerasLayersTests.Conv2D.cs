using KerasSharp.Layers;
using Xunit;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Conv2D against Keras 3: the shapes of keras/src/layers/convolutional/conv_test.py, and its
/// correctness cases with the numbers the real Keras computes for the same inputs and weights
/// (KerasOracle/layers_oracle.py, which also checks them against the test file's np_conv2d).
/// </summary>
public class KerasLayersConv2DTests
{
    /// <summary>Keras's layer.build(shape): here through a symbolic input of that batch shape.</summary>
    internal static void Build(Layer layer, params long[] shape) =>
        layer.Apply(keras.Input(batch_shape: shape.Select(d => (int?)(int)d).ToArray()));

    static int?[] KerasShape(Tensor t) => t.shape.Select(d => (int?)(int)d).ToArray();

    // conv_test.py ConvBasicTest.test_conv2d_basic: (filters, kernel_size, strides, padding, data_format, dilation_rate, groups, input_shape, output_shape).
    [Theory]
    [InlineData(5, 2, 2, 1, 1, "valid", "channels_last", 1, 1, 1, new[] { 3, 5, 5, 4 }, new[] { 3, 4, 4, 5 })]
    [InlineData(6, 2, 2, 1, 1, "same", "channels_last", 2, 2, 2, new[] { 3, 4, 4, 4 }, new[] { 3, 4, 4, 6 })]
    [InlineData(6, 2, 2, 2, 1, "valid", "channels_last", 1, 1, 2, new[] { 3, 5, 5, 4 }, new[] { 3, 2, 4, 6 })]
    public void Conv2D_basic_shapes_and_weights_match_conv_test(int filters, int kh, int kw, int sh, int sw, string padding, string data_format,
        int dh, int dw, int groups, int[] input_shape, int[] output_shape)
    {
        var layer = keras.layers.Conv2D(filters: filters, kernel_size: (kh, kw), strides: (sh, sw), padding: padding, data_format: data_format,
            dilation_rate: (dh, dw), groups: groups);
        var y = layer.Apply(torch.randn(input_shape.Select(d => (long)d).ToArray()));
        Assert.Equal(output_shape.Select(d => (long)d).ToArray(), y.shape);
        var symbolic = layer.Apply(keras.Input(shape: input_shape.Skip(1).Select(d => (int?)d).ToArray()));
        Assert.Equal(new int?[] { null }.Concat(output_shape.Skip(1).Select(d => (int?)d)), symbolic.shape);
        Assert.Equal(2, layer.trainable_weights.Count());   // expected_num_trainable_weights=2
        Assert.Empty(layer.non_trainable_weights);          // expected_num_non_trainable_weights=0
    }

    /// <summary>
    /// conv_test.py ConvCorrectnessTest.test_conv2d, its six parameter sets, each written as a C# user
    /// would write the Python call; inputs [2, 8, 8, 4], kernel and bias assigned, rtol=5e-4 (the
    /// test's) and atol=1e-6 (assertAllClose's default).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Conv2D_correctness_matches_keras_conv_test(int set)
    {
        Conv2D layer = set switch
        {
            0 => keras.layers.Conv2D(filters: 5, kernel_size: 2, strides: 1, padding: "valid", data_format: "channels_last", dilation_rate: 1, groups: 1),
            1 => keras.layers.Conv2D(filters: 4, kernel_size: 3, strides: 2, padding: "same", data_format: "channels_last", dilation_rate: 1, groups: 1),
            2 => keras.layers.Conv2D(filters: 6, kernel_size: 2, strides: 1, padding: "same", data_format: "channels_last", dilation_rate: (2, 2), groups: 2),
            3 => keras.layers.Conv2D(filters: 6, kernel_size: 2, strides: 1, padding: "same", data_format: "channels_last", dilation_rate: (2, 3), groups: 2),
            4 => keras.layers.Conv2D(filters: 6, kernel_size: (4, 3), strides: (2, 1), padding: "valid", data_format: "channels_last", dilation_rate: (1, 1), groups: 2),
            _ => keras.layers.Conv2D(filters: 6, kernel_size: (4, 3), strides: (2, 1), padding: "valid", data_format: "channels_first", dilation_rate: (1, 1), groups: 2),
        };
        string name = $"conv2d_correctness_{set}";
        var inputs = LayersOracle.Input(name);
        Build(layer, inputs.shape);
        var weights = LayersOracle.Weights(name);
        Assert.Equal(weights[0].shape.Select(d => (long)d).ToArray(), layer.kernel!.shape);
        layer.kernel.assign(Utils.Arrays.ToTensor(weights[0]));
        layer.bias!.assign(Utils.Arrays.ToTensor(weights[1]));
        var outputs = layer.Apply(inputs);
        LayersOracle.AssertClose(LayersOracle.Expected(name), outputs, rtol: 5e-4, atol: 1e-6);
    }

    /// <summary>
    /// KerasSharp's own Conv2D cases through the real Keras: "same" with stride 2 on odd and
    /// rectangular images (TensorFlow's asymmetric padding), dilation, groups, channels_first, no bias.
    /// </summary>
    [Theory]
    [InlineData("conv2d_same_stride2_odd")]
    [InlineData("conv2d_same_stride2_rect")]
    [InlineData("conv2d_dilated_same")]
    [InlineData("conv2d_dilated_valid")]
    [InlineData("conv2d_grouped")]
    [InlineData("conv2d_channels_first_same_stride2")]
    [InlineData("conv2d_no_bias")]
    public void Conv2D_padding_dilation_groups_and_channels_first_match_keras(string name)
    {
        Conv2D layer = name switch
        {
            "conv2d_same_stride2_odd" => keras.layers.Conv2D(3, 4, strides: 2, padding: "same"),
            "conv2d_same_stride2_rect" => keras.layers.Conv2D(2, (3, 4), strides: 2, padding: "same", activation: "relu"),
            "conv2d_dilated_same" => keras.layers.Conv2D(4, 3, dilation_rate: 2, padding: "same"),
            "conv2d_dilated_valid" => keras.layers.Conv2D(2, (2, 3), dilation_rate: (3, 2), padding: "valid"),
            "conv2d_grouped" => keras.layers.Conv2D(6, (3, 2), groups: 3, padding: "valid", activation: "tanh"),
            "conv2d_channels_first_same_stride2" => keras.layers.Conv2D(4, 3, strides: 2, padding: "same", data_format: "channels_first"),
            _ => keras.layers.Conv2D(3, (1, 2), use_bias: false),
        };
        var x = LayersOracle.Input(name);
        Build(layer, x.shape);
        layer.set_weights(LayersOracle.Weights(name));
        LayersOracle.AssertOutput(name, layer.Apply(x));
    }

    [Fact]
    public void Conv2D_takes_another_image_size_after_build_as_keras_does()
    {
        // Keras (layers_oracle.py facts): Conv2D(2, 2) on (1, 5, 5, 3), then on (1, 7, 6, 3).
        var expected = LayersOracle.Fact("conv2d_other_image_size");
        var layer = keras.layers.Conv2D(2, 2);
        Assert.Equal(LayersOracle.Shape(expected[0]), KerasShape(layer.Apply(torch.ones(1, 5, 5, 3))));
        Assert.Equal(LayersOracle.Shape(expected[1]), KerasShape(layer.Apply(torch.ones(1, 7, 6, 3))));
    }

    [Fact]
    public void Conv2D_same_padding_is_recomputed_for_each_image_size()
    {
        // The oracle's asymmetric case (7x9 → pad 1 before, 2 after) run after a call on another size.
        var layer = keras.layers.Conv2D(3, 4, strides: 2, padding: "same");
        layer.Apply(torch.ones(1, 8, 8, 2));
        layer.set_weights(LayersOracle.Weights("conv2d_same_stride2_odd"));
        LayersOracle.AssertOutput("conv2d_same_stride2_odd", layer.Apply(LayersOracle.Input("conv2d_same_stride2_odd")));
    }

    [Fact]
    public void Conv2D_raises_on_a_kernel_larger_than_the_image_as_conv_test_zero_dims()
    {
        // conv_test.py test_conv_raises_exception_on_zero_dims: Conv2D(6, [5, 5], 1, "valid") on rand(3, 4, 4, 4) raises.
        var layer = keras.layers.Conv2D(6, (5, 5), 1, "valid");
        var e = Assert.Throws<ArgumentException>(() => layer.Apply(torch.rand(3, 4, 4, 4)));
        Assert.StartsWith("Computed output size would be zero or negative.", e.Message);
    }

    [Fact]
    public void Conv2D_symbolic_invalid_dilation_raises_as_conv_test()
    {
        // conv_test.py test_conv_symbolic_invalid_configuration (Conv2D): kernel (2, 2), dilation (10, 10) on (10, 10, 3).
        var inputs = keras.Input(shape: new int?[] { 10, 10, 3 });
        var layer = keras.layers.Conv2D(filters: 1, kernel_size: (2, 2), dilation_rate: (10, 10));
        Assert.Throws<ArgumentException>(() => layer.Apply(inputs));
    }
}
