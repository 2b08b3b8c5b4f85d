using System.Text.Json;
using NumSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Reads KerasOracle/layers_oracle.json, written by KerasOracle/layers_oracle.py running the real
/// Keras 3.15.1 (<c>../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/layers_oracle.py</c>):
/// for each case the layer's Keras config, its inputs and weights, and what Keras computed; the
/// text of Keras's errors; and a few facts about Keras's behaviour.
/// </summary>
internal static class LayersOracle
{
    static readonly Lazy<JsonDocument> document = new(() => JsonDocument.Parse(File.ReadAllText(FindFile())));

    static string FindFile([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        const string relative = "tests/KerasSharp.Tests/KerasOracle/layers_oracle.json";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        var beside = Path.Combine(Path.GetDirectoryName(source) ?? ".", "KerasOracle", "layers_oracle.json");
        if (File.Exists(beside)) return beside;
        throw new FileNotFoundException($"The Keras oracle fixture {relative} was not found above {AppContext.BaseDirectory}.");
    }

    static JsonElement Root => document.Value.RootElement;

    /// <summary>The case's JSON.</summary>
    public static JsonElement Case(string name) =>
        Root.GetProperty("cases").TryGetProperty(name, out var c) ? c : throw new KeyNotFoundException($"No oracle case '{name}'.");

    /// <summary>The names of the cases whose name starts with <paramref name="prefix"/>.</summary>
    public static IEnumerable<object[]> CaseNames(string prefix) =>
        Root.GetProperty("cases").EnumerateObject().Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(p => new object[] { p.Name });

    /// <summary>A fact recorded by the oracle.</summary>
    public static JsonElement Fact(string name) => Root.GetProperty("facts").GetProperty(name);

    /// <summary>An array {shape, data} as a float32 tensor.</summary>
    public static Tensor ToTensor(JsonElement a)
    {
        var shape = a.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var data = a.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        return torch.tensor(data, shape);
    }

    /// <summary>An array {shape, data} as a float32 NDArray (for set_weights).</summary>
    public static NDArray ToNDArray(JsonElement a)
    {
        var shape = a.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var data = a.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        return new NDArray(data, new Shape(shape));
    }

    /// <summary>The case's i-th input.</summary>
    public static Tensor Input(string name, int i = 0) => ToTensor(Case(name).GetProperty("inputs")[i]);
    /// <summary>All the case's inputs.</summary>
    public static Tensor[] Inputs(string name) => Case(name).GetProperty("inputs").EnumerateArray().Select(ToTensor).ToArray();
    /// <summary>The case's weights (Keras's layout and order), or those after the call (<c>weights_after</c>).</summary>
    public static NDArray[] Weights(string name, string key = "weights") => Case(name).GetProperty(key).EnumerateArray().Select(ToNDArray).ToArray();
    /// <summary>The case's expected output (or another recorded array).</summary>
    public static JsonElement Expected(string name, string key = "output") => Case(name).GetProperty(key);
    /// <summary>The case's Keras tolerances.</summary>
    public static (double rtol, double atol) Tolerance(string name) => (Case(name).GetProperty("rtol").GetDouble(), Case(name).GetProperty("atol").GetDouble());

    /// <summary>
    /// Keras's assertAllClose (numpy's allclose): same shape and |actual − expected| ≤ atol + rtol·|expected|
    /// for every value.
    /// </summary>
    public static void AssertClose(JsonElement expected, Tensor actual, double rtol, double atol)
    {
        var shape = expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        Assert.Equal(shape, actual.shape);
        var want = expected.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        using var c = actual.detach().cpu().to(float64).contiguous();
        var got = c.data<double>().ToArray();
        for (int i = 0; i < want.Length; i++)
            if (!(Math.Abs(got[i] - want[i]) <= atol + rtol * Math.Abs(want[i])))
                Assert.Fail($"Value {i} (of {want.Length}, shape {Utils.Shapes.Format(shape)}): expected {want[i]:R}, got {got[i]:R} (rtol {rtol}, atol {atol}).");
    }

    /// <summary>Asserts the values equal the case's output with the case's tolerance.</summary>
    public static void AssertOutput(string name, Tensor actual, string key = "output")
    {
        var (rtol, atol) = Tolerance(name);
        AssertClose(Expected(name, key), actual, rtol, atol);
    }

    /// <summary>
    /// The text of Keras's error, as a KerasSharp error should read: where Keras wraps the error raised
    /// inside <c>call()</c> in its traceback decoration ("Exception encountered when calling ...", in
    /// bold), the inner message; and the allowed paddings in the order Keras's source lists them
    /// (Keras prints a Python set, whose order changes from run to run; the oracle already writes
    /// that order, and this keeps a fixture written by another run comparable).
    /// </summary>
    public static string ErrorText(string name)
    {
        var e = Root.GetProperty("errors").GetProperty(name);
        Assert.Equal("ValueError", e.GetProperty("type").GetString());
        var text = e.GetProperty("message").GetString()!;
        int start = text.IndexOf("\u001b[1m", StringComparison.Ordinal);
        if (start >= 0)
        {
            int end = text.IndexOf("\u001b[0m", start, StringComparison.Ordinal);
            text = text[(start + 4)..end];
        }
        return text.Replace("{'same', 'valid'}", "{'valid', 'same'}");
    }

    /// <summary>The names of all recorded errors.</summary>
    public static IEnumerable<object[]> ErrorNames() => Root.GetProperty("errors").EnumerateObject().Select(p => new object[] { p.Name });

    /// <summary>A Keras shape (batch first, null = None) from the JSON list.</summary>
    public static int?[] Shape(JsonElement list) => list.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (int?)null : d.GetInt32()).ToArray();
}
