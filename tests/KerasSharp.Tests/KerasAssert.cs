using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras's test assertions with Keras's tolerances (keras/src/testing/test_case.py):
/// assertAllClose is numpy's assert_allclose (|a − d| ≤ atol + rtol·|d|, both 1e-6 by default);
/// assertAlmostEqual is numpy's assert_almost_equal (|a − d| &lt; 1.5·10^−decimal, decimal 3 by default).
/// Expected scalars broadcast against actual arrays, as in numpy. Plus small tensor builders.
/// </summary>
internal static class KerasAssert
{
    public static double[] Values(Tensor t) => t.detach().cpu().to(float64).contiguous().data<double>().ToArray();

    public static void AllClose(double expected, Tensor actual, double atol = 1e-6, double rtol = 1e-6) => AllClose(new[] { expected }, actual, atol, rtol);

    public static void AllClose(double[] expected, Tensor actual, double atol = 1e-6, double rtol = 1e-6, string what = "")
    {
        var a = Values(actual);
        var e = expected.Length == 1 && a.Length != 1 ? Enumerable.Repeat(expected[0], a.Length).ToArray() : expected;
        Assert.True(a.Length == e.Length, $"{what}: expected {e.Length} values, got {a.Length}: [{string.Join(", ", a)}]");
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - e[i]) <= atol + rtol * Math.Abs(e[i]),
                $"{what} value {i}: expected {e[i]:R}, got {a[i]:R} (atol {atol}, rtol {rtol}); all: [{string.Join(", ", a)}]");
    }

    public static void AlmostEqual(double expected, Tensor actual, int decimals = 3) => AlmostEqual(new[] { expected }, actual, decimals);

    public static void AlmostEqual(double[] expected, Tensor actual, int decimals = 3)
    {
        var a = Values(actual);
        var e = expected.Length == 1 && a.Length != 1 ? Enumerable.Repeat(expected[0], a.Length).ToArray() : expected;
        Assert.True(a.Length == e.Length, $"expected {e.Length} values, got {a.Length}: [{string.Join(", ", a)}]");
        double tol = 1.5 * Math.Pow(10, -decimals);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - e[i]) < tol, $"value {i}: expected {e[i]:R}, got {a[i]:R} (decimal {decimals}); all: [{string.Join(", ", a)}]");
    }

    /// <summary>A float32 tensor (numpy float arrays in Keras's tests become float32 in a loss).</summary>
    public static Tensor F(params double[] v) => torch.tensor(v.Select(x => (float)x).ToArray());
    public static Tensor F(double[,] v)
    {
        var r = new float[v.GetLength(0), v.GetLength(1)];
        for (int i = 0; i < v.GetLength(0); i++) for (int j = 0; j < v.GetLength(1); j++) r[i, j] = (float)v[i, j];
        return torch.tensor(r);
    }
    public static Tensor F(double[,,] v)
    {
        var r = new float[v.GetLength(0), v.GetLength(1), v.GetLength(2)];
        for (int i = 0; i < v.GetLength(0); i++) for (int j = 0; j < v.GetLength(1); j++) for (int k = 0; k < v.GetLength(2); k++) r[i, j, k] = (float)v[i, j, k];
        return torch.tensor(r);
    }
    /// <summary>An int64 tensor (numpy integer arrays).</summary>
    public static Tensor I(params long[] v) => torch.tensor(v);
    public static Tensor I(long[,] v) => torch.tensor(v);
    /// <summary>A float32 scalar tensor.</summary>
    public static Tensor S(double v) => torch.tensor((float)v);
}
