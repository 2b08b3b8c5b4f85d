using System.Text.RegularExpressions;
using Xunit;

namespace KerasSharp.Tests.Hostile;

/// <summary>
/// Issue 15's user mistakes in layer and training arguments, each run in a child process (a mistake
/// that reached libtorch used to end in SIGSEGV, SIGABRT or a DivideByZeroException): the child must
/// exit normally and report an error naming the argument, the value and what was expected, in
/// Keras's words where Keras has them (keras/src/utils/argument_validation.py, the layers' own checks).
/// </summary>
public class HostileArgsChildTests
{
    static string Tuple(string arg, int n, string received, int bad) =>
        $"System.ArgumentException|The `{arg}` argument must be a tuple of {n} integers. Received {arg}={received}, including values {{{bad}}} that do not satisfy `value > 0`";

    [Fact]
    public void Sizes_strides_and_dilations_below_1_and_a_missing_padding_are_refused_where_they_enter()
    {
        var expected = new (string name, string result)[]
        {
            ("dense_units_0", "System.ArgumentException|Received an invalid value for `units`, expected a positive integer. Received: units=0"),
            ("conv_kernel_negative", Tuple("kernel_size", 2, "-3", -3)),
            ("conv_kernel_0", Tuple("kernel_size", 2, "0", 0)),
            ("conv_strides_0", Tuple("strides", 2, "0", 0)),
            ("conv_dilation_0", Tuple("dilation_rate", 2, "0", 0)),
            ("conv1d_kernel_negative", Tuple("kernel_size", 1, "(-2,)", -2) + "."),
            ("conv1d_dilation_0", Tuple("dilation_rate", 1, "(0,)", 0) + "."),
            ("pool_size_0", Tuple("pool_size", 2, "0", 0)),
            ("pool_strides_0", Tuple("strides", 2, "0", 0)),
            ("conv_padding_null", "System.ArgumentException|The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: None"),
            ("pool_padding_null", "System.ArgumentException|Argument `padding` must be either 'valid' or 'same'. Received: padding=None"),
            ("tflearn_conv_2d_filter_0", "System.ArgumentException|tflearn.conv_2d: `filter_size` must be a positive integer. Received: filter_size=0 (Parameter 'filter_size')"),
            ("tflearn_max_pool_2d_kernel_0", "System.ArgumentException|tflearn.max_pool_2d: `kernel_size` must be a positive integer. Received: kernel_size=0 (Parameter 'kernel_size')"),
        };
        var (_, res) = HostileChildTests.Run(expected.Select(e => e.name).ToArray());
        foreach (var (name, result) in expected) Assert.Equal((name, result), (name, res[name + "#0"]));
    }

    [Fact]
    public void A_kernel_or_pool_larger_than_the_image_with_valid_padding_is_Keras_s_output_size_error()
    {
        var (_, res) = HostileChildTests.Run("conv_kernel_larger_than_image", "pool_larger_than_image");
        Assert.Equal("System.ArgumentException|Layer \"conv2d\" (Conv2D) cannot take input of shape (None, 3, 3, 1): Computed output size would be zero or negative. " +
            "Received `inputs shape=(None, 3, 3, 1)`, `kernel shape=(5, 5, 1, 4)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.", res["conv_kernel_larger_than_image#0"]);
        Assert.Equal("System.ArgumentException|Layer \"max_pooling2d\" (MaxPooling2D) cannot take input of shape (None, 3, 3, 1): Computed output size would be zero or negative. " +
            "Received: `inputs.shape=[None 3 3 1]`, `pool_size=[5 5]`, `strides=(5, 5)`, `padding=valid`.", res["pool_larger_than_image#0"]);
    }

    [Fact]
    public void A_batch_size_of_0_is_refused_by_fit_evaluate_and_predict()
    {
        var (_, res) = HostileChildTests.Run("fit_batch_size_0", "evaluate_batch_size_0", "predict_batch_size_0");
        foreach (var c in new[] { "fit_batch_size_0", "evaluate_batch_size_0", "predict_batch_size_0" })
            Assert.Equal((c, "System.ArgumentException|batch_size must be a positive integer, received 0."), (c, res[c + "#0"]));
    }

    [Fact]
    public void A_weight_too_large_for_memory_is_an_OutOfMemoryException_naming_the_layer_the_weight_and_the_shape()
    {
        var (_, res) = HostileChildTests.Run("dense_units_1e9", "dense_units_int_max", "dense_units_int_max_small_input", "embedding_input_dim_int_max");
        // Each case builds a model in the same process, so the default names count up. The bytes the system has free differ from run to run; the rest is exact.
        static string Expect(string layer, string cls, string weight, string shape, long bytes) =>
            "^" + Regex.Escape($"System.OutOfMemoryException|Layer \"{layer}\" ({cls}) cannot create its weight '{weight}' of shape {shape}: " +
                $"keras.random.uniform: could not allocate a float32 tensor of shape {shape} ({bytes} bytes): ") +
            "(the system has [0-9]+ bytes of memory available\\.|.*can't allocate memory.*)$";
        Assert.Matches(Expect("dense", "Dense", "kernel", "(100000, 1000000000)", 400_000_000_000_000), res["dense_units_1e9#0"]);
        Assert.Matches(Expect("dense_1", "Dense", "kernel", "(100000, 2147483647)", 858_993_458_800_000), res["dense_units_int_max#0"]);
        Assert.Matches(Expect("embedding", "Embedding", "embeddings", "(2147483647, 100000)", 858_993_458_800_000), res["embedding_input_dim_int_max#0"]);
        // 32 GiB: refused on a machine with less memory available, created on one with more.
        string small = res["dense_units_int_max_small_input#0"];
        if (small != "none|") Assert.Matches(Expect("dense_2", "Dense", "kernel", "(4, 2147483647)", 34_359_738_352), small);
    }
}
