using KerasSharp.Activations;
using KerasSharp.Tests.KerasOracle;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Ports of keras/src/activations/activations_test.py (Keras 3.15.1), ActivationsTest: each test
/// here has the name of the Keras test it ports. Where Keras compares with a numpy formula of its
/// own on random inputs, the inputs are fixed and the expected values are Keras's own outputs for
/// them (KerasOracle/activations_oracle.py, run with kpython), compared with the rtol of Keras's
/// test and the atol of Keras's assertAllClose (1e-6). Where Keras's test states numbers, they are
/// Keras's numbers. Tests whose names do not start with "test_" are additions, named for what they show.
/// </summary>
public class KerasActivationsTests
{
    static ActivationsApi A => keras.activations;

    /// <summary>Runs every oracle case of a Keras test through the function given for it (one function: all cases).</summary>
    static void Check(string test, params (string Case, Func<Tensor, Tensor> Fn)[] fns)
    {
        var cases = KerasActivationsOracle.Cases.Where(c => c.Test == test).ToList();
        Assert.True(cases.Count > 0, $"no oracle cases for {test}");
        foreach (var f in fns.Where(f => f.Case != "*"))
            Assert.Contains(cases, c => c.Case == f.Case);
        foreach (var c in cases)
        {
            var fn = fns.FirstOrDefault(f => f.Case == c.Case).Fn ?? fns.Single(f => f.Case == "*").Fn;
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(c.X, c.Shape);
            var y = fn(x);
            Assert.Equal(ScalarType.Float32, y.dtype);
            AssertAllClose(c.Expected, c.OutShape, y, c.Rtol, c.Atol, $"{test}[{c.Case}]");
        }
    }

    static void Check(string test, Func<Tensor, Tensor> fn) => Check(test, ("*", fn));

    /// <summary>numpy.testing.assert_allclose: |actual − desired| ≤ atol + rtol·|desired|, infinities equal.</summary>
    internal static void AssertAllClose(float[] expected, long[] shape, Tensor actual, double rtol, double atol, string what)
    {
        Assert.Equal(shape, actual.shape);
        var a = actual.to(float32).contiguous().data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], v = a[i];
            if (double.IsInfinity(e)) { Assert.True(e == v, $"{what}: element {i} is {v}, expected {e}"); continue; }
            Assert.True(Math.Abs(v - e) <= atol + rtol * Math.Abs(e), $"{what}: element {i} is {v:R}, expected {e:R} (rtol {rtol}, atol {atol})");
        }
    }

    static Tensor T(params double[] v) => torch.tensor(v, float32);

    static void AssertClose(double[] expected, Tensor actual, double rtol = 1e-5, double atol = 1e-6) =>
        AssertAllClose(expected.Select(v => (float)v).ToArray(), new long[] { expected.Length }, actual, rtol, atol, "result");

    // ----- softmax and log_softmax -----

    [Fact] public void test_softmax() => Check("test_softmax", x => A.softmax(x));
    [Fact] public void test_softmax_2d_axis_0() => Check("test_softmax_2d_axis_0", x => A.softmax(x, axis: 1));
    [Fact] public void test_softmax_3d_axis_tuple() => Check("test_softmax_3d_axis_tuple", x => A.softmax(x, 1, 2));
    [Fact] public void test_softmax_1d() => Check("test_softmax_1d", x => A.softmax(x));
    [Fact] public void test_softmax_higher_dim() => Check("test_softmax_higher_dim", x => A.softmax(x, 2, 3));
    [Fact] public void test_softmax_higher_dim_multiple_axes() => Check("test_softmax_higher_dim_multiple_axes", x => A.softmax(x, 2, 3, 4));
    [Fact] public void test_softmax_negative_axis() => Check("test_softmax_negative_axis", x => A.softmax(x, axis: -1));
    [Fact] public void test_temporal_softmax() => Check("test_temporal_softmax", x => A.softmax(x));
    [Fact] public void test_log_softmax_2d_axis_0() => Check("test_log_softmax_2d_axis_0", x => A.log_softmax(x, axis: 1));
    [Fact] public void test_log_softmax_3d_axis_tuple() => Check("test_log_softmax_3d_axis_tuple", x => A.log_softmax(x, 1, 2));
    [Fact] public void test_log_softmax_1d() => Check("test_log_softmax_1d", x => A.log_softmax(x));
    [Fact] public void test_log_softmax_higher_dim() => Check("test_log_softmax_higher_dim", x => A.log_softmax(x, 2, 3));
    [Fact] public void test_log_softmax_higher_dim_multiple_axes() => Check("test_log_softmax_higher_dim_multiple_axes", x => A.log_softmax(x, 2, 3, 4));
    [Fact] public void test_log_softmax_negative_axis() => Check("test_log_softmax_negative_axis", x => A.log_softmax(x, axis: -1));
    [Fact] public void test_temporal_log_softmax() => Check("test_temporal_log_softmax", x => A.log_softmax(x));

    [Fact]
    public void Softmax_of_an_image_shaped_tensor_normalizes_the_last_axis_as_keras_does()
    {
        Check("image_shaped_softmax", x => A.softmax(x));
        // The same through the name a layer uses, and each row along the last axis sums to 1.
        var c = KerasActivationsOracle.Cases.Single(k => k.Test == "image_shaped_softmax");
        var y = ((ActivationFunction)"softmax").call(torch.tensor(c.X, c.Shape));
        var sums = y.sum(-1).data<float>().ToArray();
        Assert.Equal(2 * 3 * 4, sums.Length);
        Assert.All(sums, s => Assert.Equal(1.0, s, 1e-6));
    }

    [Fact]
    public void Softmax_axis_out_of_range_names_the_axis_and_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => A.softmax(torch.zeros(2, 5), axis: 2));
        Assert.StartsWith("softmax: axis 2 is out of bounds for an input of rank 2 (shape (2, 5)).", e.Message);
    }

    // ----- elementwise -----

    [Fact] public void test_selu() => Check("test_selu", x => A.selu(x));
    [Fact] public void test_softplus() => Check("test_softplus", x => A.softplus(x));
    [Fact] public void test_softsign() => Check("test_softsign", x => A.softsign(x));
    [Fact] public void test_sigmoid() => Check("test_sigmoid", x => A.sigmoid(x));
    [Fact] public void test_hard_sigmoid() => Check("test_hard_sigmoid", x => A.hard_sigmoid(x));
    [Fact] public void test_sparse_sigmoid() => Check("test_sparse_sigmoid", x => A.sparse_sigmoid(x));
    [Fact] public void test_log_sigmoid() => Check("test_log_sigmoid", x => A.log_sigmoid(x));
    [Fact] public void test_hard_silu() => Check("test_hard_silu", x => A.hard_silu(x));
    [Fact] public void test_relu() => Check("test_relu", x => A.relu(x));
    [Fact] public void test_relu6() => Check("test_relu6", x => A.relu6(x));
    [Fact] public void test_silu() => Check("test_silu", x => A.silu(x));
    [Fact] public void test_tanh_shrink() => Check("test_tanh_shrink", x => A.tanh_shrink(x));
    [Fact] public void test_hard_tanh() => Check("test_hard_tanh", x => A.hard_tanh(x));
    [Fact] public void test_hard_shrink() => Check("test_hard_shrink", x => A.hard_shrink(x));
    [Fact] public void test_threshold() => Check("test_threshold", x => A.threshold(x, 0, 0));
    [Fact] public void test_squareplus() => Check("test_squareplus", x => A.squareplus(x));
    [Fact] public void test_soft_shrink() => Check("test_soft_shrink", x => A.soft_shrink(x));
    [Fact] public void test_sparse_plus() => Check("test_sparse_plus", x => A.sparse_plus(x));
    [Fact] public void test_elu() => Check("test_elu", x => A.elu(x));
    [Fact] public void test_tanh() => Check("test_tanh", x => A.tanh(x));
    [Fact] public void test_exponential() => Check("test_exponential", x => A.exponential(x));
    [Fact] public void test_mish() => Check("test_mish", x => A.mish(x));
    [Fact] public void test_linear() => Check("test_linear", x => A.linear(x));

    [Fact]
    public void test_leaky_relu() => Check("test_leaky_relu",
        ("slope0.01_positive", x => A.leaky_relu(x, negative_slope: 0.01)), ("slope0.01_negative", x => A.leaky_relu(x, negative_slope: 0.01)),
        ("slope0.3_positive", x => A.leaky_relu(x, negative_slope: 0.3)), ("slope0.3_negative", x => A.leaky_relu(x, negative_slope: 0.3)));

    [Fact] public void Leaky_relu_default_slope_is_keras_3s_0_2() => Check("leaky_relu_default", x => A.leaky_relu(x));

    [Fact]
    public void test_gelu() => Check("test_gelu", ("exact", x => A.gelu(x)), ("approximate", x => A.gelu(x, approximate: true)));

    [Fact]
    public void Gelu_default_is_the_exact_erf_form_on_negative_inputs_too() =>
        Check("gelu_wide", ("exact", x => A.gelu(x)), ("approximate", x => A.gelu(x, approximate: true)));

    [Fact] public void test_celu() => Check("test_celu", ("alpha1", x => A.celu(x)), ("alpha0.5", x => A.celu(x, alpha: 0.5)));
    [Fact] public void Celu_with_alpha_on_negative_inputs() => Check("celu_negative", x => A.celu(x, alpha: 0.5));
    [Fact] public void Elu_with_alpha() => Check("elu_alpha", x => A.elu(x, alpha: 0.5));
    [Fact] public void test_glu() => Check("test_glu", ("axis-1", x => A.glu(x)), ("axis-2", x => A.glu(x, axis: -2)));
    [Fact] public void Hard_tanh_clips_both_sides() => Check("hard_tanh_wide", x => A.hard_tanh(x));
    [Fact] public void Hard_shrink_with_threshold() => Check("hard_shrink_wide", x => A.hard_shrink(x, threshold: 1.0));
    [Fact] public void Soft_shrink_with_threshold() => Check("soft_shrink_wide", x => A.soft_shrink(x, threshold: 1.0));
    [Fact] public void Threshold_with_a_default_value() => Check("threshold_wide", x => A.threshold(x, threshold: 0.5, default_value: -1));
    [Fact] public void Squareplus_with_b() => Check("squareplus_wide", x => A.squareplus(x, b: 1));
    [Fact] public void Sparse_plus_on_both_sides() => Check("sparse_plus_wide", x => A.sparse_plus(x));

    /// <summary>
    /// Every name keras.activations.get accepts (threshold and sparsemax aside), called as a layer calls
    /// it, on an image-shaped (NHWC) tensor: Keras's defaults (leaky_relu 0.2, exact gelu, softmax and glu
    /// on the last axis) give Keras's values.
    /// </summary>
    [Fact]
    public void Every_activation_by_name_with_its_defaults_on_an_image_shaped_tensor_matches_keras()
    {
        var cases = KerasActivationsOracle.Cases.Where(k => k.Test == "by_name_image_shaped").ToList();
        Assert.Equal(ActivationsApi.Names.Count - 2, cases.Count);
        foreach (var c in cases)
        {
            var y = ((ActivationFunction)c.Case).call(torch.tensor(c.X, c.Shape));
            AssertAllClose(c.Expected, c.OutShape, y, c.Rtol, c.Atol, c.Case);
        }
    }

    [Fact]
    public void Glu_with_an_odd_axis_gives_keras_error()
    {
        var e = Assert.Throws<ArgumentException>(() => A.glu(torch.zeros(2, 3)));
        Assert.StartsWith("axis size must be divisible by 2. Received: x.shape=(2, 3) with axis=-1", e.Message);
    }

    // ----- relu's arguments: Keras's own numbers -----

    [Fact]
    public void test_relu_negative_slope() =>
        AssertClose(new[] { -5.0, -2.5, 0.0, 5.0, 10.0 }, A.relu(T(-10, -5, 0.0, 5, 10), negative_slope: 0.5));

    [Fact]
    public void test_relu_max_value() =>
        AssertClose(new[] { 0.0, 0.0, 0.0, 5.0, 5.0 }, A.relu(T(-10, -5, 0.0, 5, 10), max_value: 5.0));

    [Fact]
    public void test_relu_threshold() =>
        AssertClose(new[] { -0.0, -0.0, 0.0, 0.0, 10.0 }, A.relu(T(-10, -5, 0.0, 5, 10), threshold: 5.0));

    [Fact]
    public void test_relu_combined_threshold_and_max_value() =>
        AssertClose(new[] { 0.0, 0.0, 0.0, 0.0, 5.0 }, A.relu(T(-10, -5, 0.0, 5, 10), threshold: 5.0, max_value: 5.0));

    [Fact]
    public void test_relu_combined_all_parameters() =>
        AssertClose(new[] { -7.5, -5.0, -2.5, 0.0, 5.0 }, A.relu(T(-10, -5, 0.0, 5, 10), negative_slope: 0.5, max_value: 5.0, threshold: 5.0));

    [Fact]
    public void test_relu_to_trigger_relu6() =>
        AssertClose(new[] { 0.0, 0.0, 0.0, 5.0, 6.0, 6.0 }, A.relu(T(-10, -5, 0.0, 5, 10, 12), max_value: 6.0));

    [Fact]
    public void test_relu_to_trigger_leaky() =>
        AssertClose(new[] { -5.0, -2.5, 0.0, 5.0, 10.0 }, A.relu(T(-10, -5, 0.0, 5, 10), negative_slope: 0.5));

    // ----- sparsemax: Keras's own numbers -----

    static Tensor Linspace12(params long[] shape) => torch.linspace(1, 12, 12, dtype: float32).reshape(shape);

    static void AssertEqualValues(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        AssertAllClose(expected.contiguous().data<float>().ToArray(), expected.shape, actual, 1e-6, 1e-6, "sparsemax");
    }

    [Fact]
    public void test_sparsemax()
    {
        var e1 = torch.zeros(12); e1[-1] = 1;
        AssertEqualValues(e1, A.sparsemax(Linspace12(12)));
        var e2 = torch.zeros(6, 2); e2[.., -1] = 1;
        AssertEqualValues(e2, A.sparsemax(Linspace12(-1, 2)));
        var e3 = torch.zeros(4, 1, 3); e3[.., .., -1] = 1;
        AssertEqualValues(e3, A.sparsemax(Linspace12(-1, 1, 3)));
        var e4 = torch.zeros(6, 2); e4[-1, ..] = 1;
        AssertEqualValues(e4, A.sparsemax(Linspace12(-1, 2), axis: -2));
        AssertEqualValues(torch.ones(4, 1, 3), A.sparsemax(Linspace12(-1, 1, 3), axis: -2));
        var e6 = torch.zeros(4, 1, 3); e6[-1, .., ..] = 1;
        AssertEqualValues(e6, A.sparsemax(Linspace12(-1, 1, 3), axis: -3));
        AssertEqualValues(torch.ones(6, 1, 1, 2), A.sparsemax(Linspace12(-1, 1, 1, 2), axis: -3));
    }

    /// <summary>keras/src/ops/nn_test.py::NNOpsCorrectnessTest::test_sparsemax.</summary>
    [Fact]
    public void Sparsemax_ops_test_numbers() =>
        AssertClose(new[] { 0.0, 0.0, 0.0, 0.0, 1.0 }, A.sparsemax(T(-0.5, 0, 1, 2, 3)));

    /// <summary>
    /// Where more than one value survives, KerasSharp's sparsemax is the projection onto the simplex of
    /// the paper Keras cites (sum 1, one common shift τ on the support), and Keras 3.15.1's is not:
    /// for [0.5, 0.4] Keras returns [0.3, 0.2] (kpython: keras.activations.sparsemax(np.array([0.5, 0.4], "float32"))).
    /// </summary>
    [Fact]
    public void Sparsemax_with_a_support_of_several_values_sums_to_one_unlike_keras_3_15_1()
    {
        var x = T(0.5, 0.4, -1.0, 0.45);
        var p = A.sparsemax(x).data<float>().ToArray();
        Assert.Equal(1.0, p.Sum(), 1e-6);
        Assert.Equal(0f, p[2]);
        // One shift τ for every value on the support: x_i − p_i equal.
        Assert.Equal(0.5 - p[0], 0.4 - p[1], 1e-6);
        Assert.Equal(0.5 - p[0], 0.45 - p[3], 1e-6);
        // On the support, x_i − τ > 0; off it, x_i ≤ τ.
        Assert.True(-1.0 <= 0.5 - p[0]);
        var keras2 = new[] { 0.30000001f, 0.20000002f }; // Keras 3.15.1's output for [0.5, 0.4]
        Assert.NotEqual(keras2[0], A.sparsemax(T(0.5, 0.4)).data<float>()[0], 3);
    }

    // ----- get / names / serialization -----

    [Fact]
    public void test_get_method()
    {
        Assert.Same(A.relu, A.get("relu").function);
        Assert.Same(A.linear, A.get((string?)null).function);
        var e = Assert.Throws<ArgumentException>(() => A.get("typo"));
        Assert.StartsWith("Unknown activation 'typo'. Known activation names: celu, elu, exponential, gelu, glu, hard_shrink, hard_sigmoid, hard_silu, hard_swish, hard_tanh, leaky_relu, linear, log_sigmoid, log_softmax, mish, relu, relu6, selu, sigmoid, silu, soft_shrink, softmax, softplus, softsign, sparse_plus, sparse_sigmoid, sparsemax, squareplus, swish, tanh, tanh_shrink, threshold.", e.Message);
    }

    /// <summary>
    /// The names keras.activations.get accepts in Keras 3.15.1 (ALL_OBJECTS_DICT of
    /// keras/src/activations/__init__.py: every function's name, and "swish", "hard_swish"), and the
    /// name each serializes under (kpython: keras.activations.serialize(keras.activations.get(n))).
    /// </summary>
    [Fact]
    public void Every_keras_activation_name_is_known_and_serializes_as_keras_does()
    {
        var keras3 = new Dictionary<string, string>
        {
            ["celu"] = "celu", ["elu"] = "elu", ["exponential"] = "exponential", ["gelu"] = "gelu", ["glu"] = "glu",
            ["hard_shrink"] = "hard_shrink", ["hard_sigmoid"] = "hard_sigmoid", ["hard_silu"] = "hard_silu", ["hard_swish"] = "hard_silu",
            ["hard_tanh"] = "hard_tanh", ["leaky_relu"] = "leaky_relu", ["linear"] = "linear", ["log_sigmoid"] = "log_sigmoid",
            ["log_softmax"] = "log_softmax", ["mish"] = "mish", ["relu"] = "relu", ["relu6"] = "relu6", ["selu"] = "selu",
            ["sigmoid"] = "sigmoid", ["silu"] = "silu", ["soft_shrink"] = "soft_shrink", ["softmax"] = "softmax", ["softplus"] = "softplus",
            ["softsign"] = "softsign", ["sparse_plus"] = "sparse_plus", ["sparse_sigmoid"] = "sparse_sigmoid", ["sparsemax"] = "sparsemax",
            ["squareplus"] = "squareplus", ["swish"] = "silu", ["tanh"] = "tanh", ["tanh_shrink"] = "tanh_shrink", ["threshold"] = "threshold",
        };
        Assert.Equal(keras3.Keys.OrderBy(k => k, StringComparer.Ordinal), ActivationsApi.Names);
        foreach (var (name, serialized) in keras3)
            Assert.Equal(serialized, ActivationsApi.serialize(A.get(name)));
        Assert.Same(A.silu, A.swish);
        Assert.Same(A.hard_silu, A.hard_swish);
    }

    [Fact]
    public void A_keras_function_passed_as_a_layer_activation_keeps_its_keras_name()
    {
        Assert.Equal("gelu", keras.layers.Dense(2, activation: A.gelu).activation.name);
        Assert.Equal("relu", keras.layers.Dense(2, activation: A.relu).activation.name);
        Assert.Equal("silu", keras.layers.Dense(2, activation: A.swish).activation.name);
        Assert.Equal("silu", keras.layers.Dense(2, activation: "swish").get_config()["activation"]);
        Assert.Equal("hard_silu", keras.layers.Dense(2, activation: "hard_swish").get_config()["activation"]);
        Assert.Equal("softmax", keras.layers.Dense(2, activation: A.softmax).activation.name);
        // A function of the user's own is used as given.
        Func<Tensor, Tensor> twice = x => x * 2;
        Assert.Equal(new[] { 2f, -4f }, ((ActivationFunction)twice).call(T(1, -2)).data<float>().ToArray());
    }

    [Fact]
    public void Gelu_by_name_is_the_exact_form()
    {
        // keras.activations.get("gelu") is gelu(x, approximate=False) in Keras 3; the forms differ at x = −2 in the 4th digit.
        var c = KerasActivationsOracle.Cases.Single(k => k.Test == "gelu_wide" && k.Case == "exact");
        AssertAllClose(c.Expected, c.OutShape, ((ActivationFunction)"gelu").call(torch.tensor(c.X, c.Shape)), c.Rtol, c.Atol, "gelu");
    }

    [Fact]
    public void Threshold_by_name_needs_its_arguments_as_in_keras()
    {
        var e = Assert.Throws<ArgumentException>(() => ((ActivationFunction)"threshold").call(T(1)));
        Assert.StartsWith("threshold() missing 2 required positional arguments: 'threshold' and 'default_value'.", e.Message);
    }

    [Fact]
    public void Serializing_a_function_keras_does_not_know_fails_as_in_keras()
    {
        Func<Tensor, Tensor> mine = x => x;
        var e = Assert.Throws<ArgumentException>(() => ActivationsApi.serialize(mine));
        Assert.StartsWith("Unknown activation function '", e.Message);
    }

    [Fact]
    public void Deserialize_reads_a_name_and_keras_function_config()
    {
        Assert.Same(A.relu, A.deserialize("relu").function);
        Assert.Same(A.gelu, A.deserialize(new Dictionary<string, object?> { ["module"] = "keras.activations", ["class_name"] = "function", ["config"] = "gelu", ["registered_name"] = "function" }).function);
    }
}
