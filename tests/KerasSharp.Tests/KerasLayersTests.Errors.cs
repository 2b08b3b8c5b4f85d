using KerasSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Invalid arguments and inputs give Keras's error text (an ArgumentException where Keras raises
/// ValueError), never a crash. The texts are the real Keras's (layers_oracle.py "errors"; layers are
/// named and called on symbolic inputs there, so the texts carry no automatic names or batch sizes).
/// </summary>
public class KerasLayersErrorTests
{
    static KerasTensor I(params int?[] shape) => keras.Input(shape: shape);

    static void Twice(Layer layer, int?[] s1, int?[] s2)
    {
        layer.Apply(keras.Input(shape: s1));
        layer.Apply(keras.Input(shape: s2));
    }

    /// <summary>Each case as a C# user would write the Python call the oracle made.</summary>
    static readonly Dictionary<string, Action> calls = new()
    {
        ["conv_kernel_size_0"] = () => keras.layers.Conv2D(2, 0),
        ["conv_kernel_size_1_0"] = () => keras.layers.Conv2D(2, (1, 0)),
        ["conv_kernel_size_negative"] = () => keras.layers.Conv2D(2, -1),
        ["conv_strides_0"] = () => keras.layers.Conv2D(2, 2, strides: 0),
        ["conv_strides_1_negative"] = () => keras.layers.Conv2D(2, 2, strides: (1, -2)),
        ["conv_dilation_0"] = () => keras.layers.Conv2D(2, 2, dilation_rate: 0),
        ["conv_filters_0"] = () => keras.layers.Conv2D(0, 2),
        ["conv_filters_negative"] = () => keras.layers.Conv2D(-3, 2),
        ["conv_groups_0"] = () => keras.layers.Conv2D(5, 2, groups: 0),
        ["conv_groups_filters"] = () => keras.layers.Conv2D(5, (2, 2), groups: 2),
        ["conv_strides_and_dilation"] = () => keras.layers.Conv2D(2, (2, 2), strides: 2, dilation_rate: (2, 1)),
        ["conv_padding"] = () => keras.layers.Conv2D(2, 2, padding: "full"),
        ["conv_data_format"] = () => keras.layers.Conv2D(2, 2, data_format: "nhwc"),
        ["conv_groups_input_channels"] = () => keras.layers.Conv2D(4, 2, groups: 2, name: "conv").Apply(I(5, 5, 3)),
        ["conv_kernel_larger_than_image"] = () => keras.layers.Conv2D(6, (5, 5), 1, "valid", name: "conv").Apply(I(4, 4, 4)),
        ["conv_dilated_kernel_larger_than_image"] = () => keras.layers.Conv2D(1, (2, 2), dilation_rate: (10, 10), name: "conv").Apply(I(10, 10, 3)),
        ["conv_rank3"] = () => keras.layers.Conv2D(2, 2, name: "conv").Apply(I(5, 5)),
        ["conv_rank5"] = () => keras.layers.Conv2D(2, 2, name: "conv").Apply(I(5, 5, 3, 1)),
        ["conv_channels_changed"] = () => Twice(keras.layers.Conv2D(2, 2, name: "conv"), new int?[] { 5, 5, 3 }, new int?[] { 5, 5, 4 }),
        ["conv_channels_first_channels_changed"] = () => Twice(keras.layers.Conv2D(2, 2, data_format: "channels_first", name: "conv"), new int?[] { 3, 5, 5 }, new int?[] { 4, 5, 5 }),
        ["max_pool_size_0"] = () => keras.layers.MaxPooling2D(0),
        ["max_pool_size_negative"] = () => keras.layers.MaxPooling2D((2, -1)),
        ["max_pool_data_format"] = () => keras.layers.MaxPooling2D(2, data_format: "x"),
        ["max_pool_rank3"] = () => keras.layers.MaxPooling2D(name: "pool").Apply(I(5, 5)),
        ["max_pool_larger_than_image"] = () => keras.layers.MaxPooling2D(3, name: "pool").Apply(I(2, 2, 1)),
        ["average_pool_larger_than_image"] = () => keras.layers.AveragePooling2D(3, name: "pool").Apply(I(2, 2, 1)),
        ["global_average_pool_rank3"] = () => keras.layers.GlobalAveragePooling2D(name: "gap").Apply(I(5, 5)),
        ["global_max_pool_rank3"] = () => keras.layers.GlobalMaxPooling2D(name: "gmp").Apply(I(5, 5)),
        ["reshape_minus_2"] = () => keras.layers.Reshape(new[] { -2, 5 }),
        ["reshape_two_unknowns"] = () => keras.layers.Reshape(new[] { -1, -1, 5 }),
        ["reshape_size"] = () => keras.layers.Reshape(new[] { 3, 5 }, name: "reshape").Apply(I(2, 4)),
        ["reshape_size_unknown"] = () => keras.layers.Reshape(new[] { -1, 3 }, name: "reshape").Apply(I(2, 4)),
        ["dense_units_0"] = () => keras.layers.Dense(0),
        ["dense_units_negative"] = () => keras.layers.Dense(-3),
        ["dense_last_axis_changed"] = () => Twice(keras.layers.Dense(2, name: "dense"), new int?[] { 2 }, new int?[] { 3 }),
        ["dense_rank1"] = () => keras.layers.Dense(2, name: "dense").Apply(keras.Input(shape: Array.Empty<int?>())),
        ["dense_unknown_last_axis"] = () => keras.layers.Dense(2, name: "dense").Apply(I(new int?[] { null })),
        ["dropout_rate_negative"] = () => keras.layers.Dropout(-0.5),
        ["dropout_rate_above_1"] = () => keras.layers.Dropout(1.5),
        ["dropout_noise_shape_negative"] = () => keras.layers.Dropout(0.5, noise_shape: new int?[] { 20, -1, 10 }),
        ["dropout_noise_shape_0"] = () => keras.layers.Dropout(0.5, noise_shape: new int?[] { 20, 0, 10 }),
        ["batch_normalization_channels_changed"] = () => Twice(keras.layers.BatchNormalization(name: "bn"), new int?[] { 3 }, new int?[] { 4 }),
        ["batch_normalization_rank_changed"] = () => Twice(keras.layers.BatchNormalization(name: "bn"), new int?[] { 3 }, new int?[] { 2, 3 }),
        ["batch_normalization_unknown_axis"] = () => keras.layers.BatchNormalization(name: "bn").Apply(I(new int?[] { null })),
        ["concatenate_mismatch"] = () => keras.layers.Concatenate(axis: -1).Apply(I(2, 5), I(3, 4)),
        ["concatenate_rank_mismatch"] = () => keras.layers.Concatenate().Apply(I(2, 5), I(5)),
        ["add_mismatch"] = () => keras.layers.Add().Apply(I(2, 5), I(3, 5)),
        ["multiply_mismatch"] = () => keras.layers.Multiply().Apply(I(2, 5), I(3, 5)),
        ["input_negative"] = () => keras.Input(shape: new int?[] { -1, 3 }),
        ["input_shape_and_batch_shape"] = () => keras.layers.InputLayer(shape: new int?[] { 2, 3 }, batch_shape: new int?[] { 2, 3 }),
        ["input_batch_size_and_batch_shape"] = () => keras.layers.InputLayer(batch_size: 4, batch_shape: new int?[] { 2, 3 }),
        ["input_no_shape"] = () => keras.layers.InputLayer(shape: null, batch_shape: null),
        ["flatten_data_format"] = () => keras.layers.Flatten(data_format: "x"),
    };

    public static IEnumerable<object[]> Names() => LayersOracle.ErrorNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Invalid_argument_gives_keras_error_text(string name)
    {
        Assert.True(calls.TryGetValue(name, out var call), $"No C# call for the oracle's error case '{name}'.");
        var e = Assert.Throws<ArgumentException>(call);
        Assert.Equal(LayersOracle.ErrorText(name), e.Message);
    }

    [Fact]
    public void Every_error_case_has_an_oracle_text() =>
        Assert.Equal(calls.Keys.OrderBy(k => k, StringComparer.Ordinal), Names().Select(n => (string)n[0]).OrderBy(k => k, StringComparer.Ordinal));

    [Fact]
    public void Eager_calls_fail_with_the_same_texts_without_a_crash()
    {
        // The same mistakes on real tensors (Keras's eager texts show the batch size; KerasSharp's show None, as for symbolic inputs).
        var e = Assert.Throws<ArgumentException>(() => keras.layers.Conv2D(6, (5, 5), 1, "valid", name: "conv").Apply(torch.rand(3, 4, 4, 4)));
        Assert.Equal(LayersOracle.ErrorText("conv_kernel_larger_than_image"), e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.Conv2D(2, 2, name: "conv").Apply(torch.rand(1, 5, 5)));
        Assert.Equal(LayersOracle.ErrorText("conv_rank3"), e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.MaxPooling2D(3, name: "pool").Apply(torch.rand(1, 2, 2, 1)));
        Assert.Equal(LayersOracle.ErrorText("max_pool_larger_than_image"), e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.Reshape(new[] { 3, 5 }, name: "reshape").Apply(torch.rand(1, 2, 4)));
        Assert.Equal(LayersOracle.ErrorText("reshape_size"), e.Message);
        var dense = keras.layers.Dense(2, name: "dense");
        dense.Apply(torch.rand(1, 2));
        e = Assert.Throws<ArgumentException>(() => dense.Apply(torch.rand(1, 3)));
        Assert.Equal(LayersOracle.ErrorText("dense_last_axis_changed"), e.Message);
    }

    [Fact]
    public void Where_keras_crashes_or_accepts_a_broken_value_KerasSharp_names_the_problem()
    {
        // Keras: TypeError (None % int) for an unknown channel dimension.
        var e = Assert.Throws<ArgumentException>(() => keras.layers.Conv2D(2, 2, name: "conv").Apply(I(5, 5, null)));
        Assert.Equal("Layer \"conv\" (Conv2D): the channel dimension of the input (axis -1) must be known to create the kernel, but received input with shape (None, 5, 5, None).", e.Message);
        // Keras: IndexError for an axis out of range.
        e = Assert.Throws<ArgumentException>(() => keras.layers.BatchNormalization(axis: 5, name: "bn").Apply(I(3)));
        Assert.Equal("Layer \"bn\" (BatchNormalization): axis 5 is not a feature axis of the input (batch excluded), received input with shape (None, 3).", e.Message);
        // Keras accepts pooling strides of 0 and any padding string, then fails when called.
        e = Assert.Throws<ArgumentException>(() => keras.layers.MaxPooling2D(2, strides: 0));
        Assert.Equal("The `strides` argument must be a tuple of 2 integers. Received strides=0, including values {0} that do not satisfy `value > 0`", e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.AveragePooling2D(2, padding: "full"));
        Assert.Equal("Argument `padding` must be either 'valid' or 'same'. Received: padding=full", e.Message);
    }
}
