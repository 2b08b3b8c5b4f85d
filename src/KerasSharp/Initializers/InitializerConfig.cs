using System.Globalization;
using System.Text.Json;

namespace KerasSharp.Initializers;

/// <summary>
/// Reads the values of an initializer's config, whether they come from <c>get_config</c> (CLR
/// numbers, strings, arrays) or from a parsed JSON file (<see cref="JsonElement"/>).
/// </summary>
internal static class InitializerConfig
{
    static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    /// <summary>The config, or an empty one for null.</summary>
    public static IReadOnlyDictionary<string, object?> OrEmpty(IReadOnlyDictionary<string, object?>? c) => c ?? Empty;

    /// <summary>Rejects keys the class does not take, as Keras's <c>cls(**config)</c> does.</summary>
    public static void CheckKeys(IReadOnlyDictionary<string, object?> c, string className, params string[] allowed)
    {
        foreach (var k in c.Keys)
            if (Array.IndexOf(allowed, k) < 0)
                throw new ArgumentException($"{className}.__init__() got an unexpected keyword argument '{k}'. " +
                    $"{className} takes: {(allowed.Length == 0 ? "no arguments" : string.Join(", ", allowed))}.");
    }

    /// <summary>The value for a key, JSON converted to CLR values; null when absent.</summary>
    public static object? Get(IReadOnlyDictionary<string, object?> c, string key) =>
        c.TryGetValue(key, out var v) ? Normalize(v) : null;

    /// <summary>A number, or the default when the key is absent or null.</summary>
    public static double Double(IReadOnlyDictionary<string, object?> c, string key, double dflt, string className) =>
        Get(c, key) switch
        {
            null => dflt,
            var v when IsNumber(v) => Convert.ToDouble(v, CultureInfo.InvariantCulture),
            var v => throw new ArgumentException($"{className}: '{key}' must be a number. Received: {key}={v}"),
        };

    /// <summary>A string, or the default when absent.</summary>
    public static string String(IReadOnlyDictionary<string, object?> c, string key, string dflt, string className) =>
        Get(c, key) switch
        {
            null => dflt,
            string s => s,
            var v => throw new ArgumentException($"{className}: '{key}' must be a string. Received: {key}={v}"),
        };

    /// <summary>The seed: an integer or null.</summary>
    public static int? Seed(IReadOnlyDictionary<string, object?> c, string className)
    {
        var v = Get(c, "seed");
        if (v is null) return null;
        if (IsNumber(v))
        {
            double d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
            if (d == Math.Floor(d) && d >= int.MinValue && d <= uint.MaxValue) return unchecked((int)(uint)(long)d);
        }
        throw new ArgumentException($"{className}: `seed` argument should be an integer (KerasSharp has no SeedGenerator). Received: seed={Describe(v)}");
    }

    /// <summary>A list of integers, or null.</summary>
    public static int[]? Ints(IReadOnlyDictionary<string, object?> c, string key, string className) =>
        Get(c, key) switch
        {
            null => null,
            IEnumerable<object?> list => list.Select(x => IsNumber(x) ? Convert.ToInt32(x, CultureInfo.InvariantCulture)
                : throw new ArgumentException($"{className}: '{key}' must be a list of integers.")).ToArray(),
            var v => throw new ArgumentException($"{className}: '{key}' must be a list of integers. Received: {key}={Describe(v)}"),
        };

    /// <summary>JSON values as CLR values: numbers as long or double, arrays as lists, objects as dictionaries.</summary>
    public static object? Normalize(object? v) => v switch
    {
        JsonElement e => FromJson(e),
        int[] a => a.Cast<object?>().ToList(),
        long[] a => a.Cast<object?>().ToList(),
        _ => v,
    };

    /// <summary>A parsed JSON value as CLR values.</summary>
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        _ => throw new InvalidDataException($"Unexpected JSON value {e}."),
    };

    /// <summary>True for any CLR number.</summary>
    public static bool IsNumber(object? v) => v is byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal;

    /// <summary>A float as Python prints it (2.0, 0.05, -1.0).</summary>
    public static string PyFloat(double d) =>
        double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf"
        : d == Math.Floor(d) && Math.Abs(d) < 1e16 ? d.ToString("0.0", CultureInfo.InvariantCulture)
        : d.ToString("R", CultureInfo.InvariantCulture);

    static string Describe(object? v) => v switch
    {
        null => "None",
        IDictionary<string, object?> d => "{" + string.Join(", ", d.Select(p => $"'{p.Key}': {Describe(p.Value)}")) + "}",
        string s => $"'{s}'",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
