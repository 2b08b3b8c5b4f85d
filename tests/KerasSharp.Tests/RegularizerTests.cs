using System.Text.Json;
using KerasSharp;
using KerasSharp.Regularizers;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/regularizers/regularizers_test.py, ported. Keras draws random weights;
/// these tests use a fixed matrix, and the expected values are the Keras test's expressions on it,
/// evaluated by KerasOracle/regularizers_oracle.py (Keras's regularizers agree to float32).
/// </summary>
public class RegularizerTests
{
    static readonly float[,] Value =
    {
        { -0.699999988079071f, -0.5999999642372131f, -0.5f, -0.3999999761581421f },
        { -0.29999998211860657f, -0.19999998807907104f, -0.09999996423721313f, 0.0f },
        { 0.10000002384185791f, 0.19999998807907104f, 0.30000001192092896f, 0.40000003576278687f },
        { 0.5000000596046448f, 0.5999999642372131f, 0.699999988079071f, 0.800000011920929f },
    };

    static double Of(Regularizer r, float[,]? v = null) => r.call(torch.tensor(v ?? Value)).to(torch.float64).item<double>();

    static void Close(double expected, double actual) => OptimizerStepTests.AllClose(new[] { expected }, new[] { actual });

    [Fact]
    public void L1_l2_l1l2_and_orthogonal_penalties_match_keras()
    {
        // test_l1, test_l2, test_l1_l2, test_orthogonal_regularizer (assertAllClose defaults: 1e-6)
        Close(0.6399999618530274, Of(new L1(0.1)));
        Close(0.3440000057220459, Of(new L2(0.1)));
        Close(1.3279999732971193, Of(new L1L2(l1: 0.1, l2: 0.2)));
        Close(0.07992846071720124, Of(new OrthogonalRegularizer(factor: 0.1, mode: "rows")));
        Close(0.09251957734425863, Of(new OrthogonalRegularizer(factor: 0.1, mode: "columns")));
    }

    [Fact]
    public void Zero_weights_zero_factors_and_signs_behave_as_in_keras()
    {
        // test_l1_with_zero_weights, test_l1_with_negative_weights, test_l1_zero_coefficient, test_l2_with_zero_weights,
        // test_l2_zero_coefficient, test_l2_is_larger/smaller_than_l1, test_l1l2_zero_coefficients, test_l1l2_only_l1/l2, test_l1l2_with_zero_weights
        var zeros = new float[4, 4];
        float[,] Fill(float v) { var a = new float[4, 4]; for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) a[i, j] = v; return a; }
        Close(0.0, Of(new L1(0.1), zeros));
        Close(Of(new L1(0.1), Fill(1)), Of(new L1(0.1), Fill(-1)));
        Close(0.0, Of(new L1(0.0)));
        Close(0.0, Of(new L2(0.1), zeros));
        Close(0.0, Of(new L2(0.0)));
        Assert.True(Of(new L2(1.0), Fill(10)) > Of(new L1(1.0), Fill(10)));
        Assert.True(Of(new L2(1.0), Fill(0.1f)) < Of(new L1(1.0), Fill(0.1f)));
        Close(0.0, Of(new L1L2(0.0, 0.0)));
        Close(Of(new L1(0.1)), Of(new L1L2(l1: 0.1, l2: 0.0)));
        Close(Of(new L2(0.1)), Of(new L1L2(l1: 0.0, l2: 0.1)));
        Close(0.0, Of(new L1L2(0.1, 0.2), zeros));
    }

    [Fact]
    public void Get_method_knows_keras_names()
    {
        // test_get_method; "l1_l2" is a Python attribute that Keras's get does not resolve (regularizers_oracle.py was run beside it).
        Assert.IsType<L1L2>(keras.regularizers.get("l1l2"));
        Assert.IsType<L1L2>(keras.regularizers.get("L1L2"));
        Assert.IsType<L1>(keras.regularizers.get("l1"));
        Assert.IsType<L2>(keras.regularizers.get("l2"));
        Assert.IsType<OrthogonalRegularizer>(keras.regularizers.get("orthogonal_regularizer"));
        Assert.IsType<OrthogonalRegularizer>(keras.regularizers.get("OrthogonalRegularizer"));
        Assert.Null(keras.regularizers.get((object?)null));
        Assert.StartsWith("Could not interpret regularizer identifier: typo.", Assert.Throws<ArgumentException>(() => keras.regularizers.get("typo")).Message);
        Assert.StartsWith("Could not interpret regularizer identifier: l1_l2.", Assert.Throws<ArgumentException>(() => keras.regularizers.get("l1_l2")).Message);
        // The Python attribute keras.regularizers.l1_l2 is the class L1L2 itself: both factors default to 0.
        var r = keras.regularizers.l1_l2();
        Assert.Equal((0.0, 0.0), (r.l1, r.l2));
        Regularizer implicitName = "l2";
        Assert.Equal(0.01, ((L2)implicitName).l2);
    }

    [Fact]
    public void Configs_equal_keras_and_round_trip()
    {
        // test_config, test_l1l2_get_config, test_orthogonal_regularizer_get_config; Keras's configs from regularizers_oracle.py
        // (L1 and OrthogonalRegularizer hold their factor as float32).
        Assert.Equal(0.10000000149011612, new L1(0.1).get_config()["l1"]);
        Assert.Equal(0.1, new L2(0.1).get_config()["l2"]);
        Assert.Equal((0.1, 0.2), ((double)new L1L2(0.1, 0.2).get_config()["l1"]!, (double)new L1L2(0.1, 0.2).get_config()["l2"]!));
        Assert.Equal(0.10000000149011612, new OrthogonalRegularizer(0.1, "rows").get_config()["factor"]);
        foreach (var reg in new Regularizer[] { new L1(0.1), new L2(0.1), new L1L2(l1: 0.1, l2: 0.2), new OrthogonalRegularizer(factor: 0.1, mode: "rows"), new OrthogonalRegularizer(0.01, "columns") })
        {
            string json = JsonSerializer.Serialize(reg.get_config());
            var viaJson = JsonDocument.Parse(JsonSerializer.Serialize(keras.regularizers.serialize(reg))).RootElement;
            var revived = keras.regularizers.deserialize(viaJson);
            Assert.Equal(reg.GetType(), revived.GetType());
            Assert.Equal(json, JsonSerializer.Serialize(revived.get_config()));
        }
        var l1l2 = L1L2.from_config(new L1L2(l1: 0.01, l2: 0.02).get_config());
        Assert.Equal((0.01, 0.02), (l1l2.l1, l1l2.l2));
        Assert.Equal("columns", OrthogonalRegularizer.from_config(new OrthogonalRegularizer(0.01, "columns").get_config()).mode);
        Assert.StartsWith("L2: argument(s) not recognized: {'l1': 0.1}.", Assert.Throws<ArgumentException>(() => L2.from_config(new Dictionary<string, object?> { ["l2"] = 0.1, ["l1"] = 0.1 })).Message);
    }

    [Fact]
    public void Invalid_arguments_are_refused_with_keras_text()
    {
        // test_orthogonal_regularizer_mode_validation, test_orthogonal_regularizer_input_rank_validation, ValidateFloatArgTest
        Assert.Equal("Invalid value for argument `mode`. Expected one of {\"rows\", \"columns\"}. Received: mode=invalid_mode",
            Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(factor: 0.01, mode: "invalid_mode")).Message);
        Assert.Equal("Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=(4, 4, 4)",
            Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(factor: 0.1).call(torch.zeros(4, 4, 4))).Message);
        Assert.Equal("Invalid value for argument l1: expected a non-negative float.Received: l1=-0.5", Assert.Throws<ArgumentException>(() => new L1(-0.5)).Message);
        Assert.Equal("Invalid value for argument l2: expected a non-negative float.Received: l2=nan", Assert.Throws<ArgumentException>(() => new L2(double.NaN)).Message);
        Assert.Contains("expected a non-negative float", Assert.Throws<ArgumentException>(() => new L1L2(l2: double.PositiveInfinity)).Message);
        Assert.Contains("expected a non-negative float", Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(double.NegativeInfinity)).Message);
        Assert.Equal(1e-10, new L1(1e-10).l1);
        Assert.Equal(1e6, new L2(1e6).l2);
        Assert.Equal(0.0, new L1L2(0, 0).l1);
    }
}
