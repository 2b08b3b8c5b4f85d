using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace KerasSharp.Losses;

/// <summary>
/// Reads the values of a Keras config (the dictionary that get_config returns, or the same read
/// back from JSON), for the from_config methods of losses and metrics.
/// </summary>
internal static class ConfigValues
{
    /// <summary>Throws when the config holds a key the class does not take, as Python's cls(**config) does.</summary>
    public static void Check(IDictionary<string, object?> config, string className, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var k in config.Keys)
            if (Array.IndexOf(keys, k) < 0)
                throw new ArgumentException($"{className}.from_config: unexpected config key '{k}'. Accepted keys: {string.Join(", ", keys)}.");
    }

    /// <summary>The value for a key, with JSON values unwrapped to .NET values; <paramref name="present"/> says whether the key exists.</summary>
    public static object? Raw(IDictionary<string, object?> c, string key, out bool present)
    {
        present = c.TryGetValue(key, out var v);
        return present ? Unwrap(v) : null;
    }

    static object? Unwrap(object? v) => v is JsonElement e ? e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Array => e.EnumerateArray().Select(x => Unwrap(x)).ToList(),
        _ => e,
    } : v;

    /// <summary>A string (or null when the config says null); <paramref name="def"/> when absent.</summary>
    public static string? Str(IDictionary<string, object?> c, string key, string? def)
    {
        var v = Raw(c, key, out bool present);
        if (!present || v is null) return present ? null : def;
        return v as string ?? throw Bad(key, v, "a string");
    }

    /// <summary>A number; <paramref name="def"/> when absent.</summary>
    public static double Num(IDictionary<string, object?> c, string key, double def) => NumOrNull(c, key, def) ?? throw Bad(key, null, "a number");

    /// <summary>A number or null; <paramref name="def"/> when absent.</summary>
    public static double? NumOrNull(IDictionary<string, object?> c, string key, double? def)
    {
        var v = Raw(c, key, out bool present);
        if (!present) return def;
        return v is null ? null : ToDouble(key, v);
    }

    /// <summary>An integer; <paramref name="def"/> when absent.</summary>
    public static int Int(IDictionary<string, object?> c, string key, int def) => IntOrNull(c, key, def) ?? throw Bad(key, null, "an integer");

    /// <summary>An integer or null; <paramref name="def"/> when absent.</summary>
    public static int? IntOrNull(IDictionary<string, object?> c, string key, int? def)
    {
        var v = Raw(c, key, out bool present);
        if (!present) return def;
        if (v is null) return null;
        double d = ToDouble(key, v);
        if (d != Math.Floor(d)) throw Bad(key, v, "an integer");
        return (int)d;
    }

    /// <summary>A boolean; <paramref name="def"/> when absent.</summary>
    public static bool Bool(IDictionary<string, object?> c, string key, bool def)
    {
        var v = Raw(c, key, out bool present);
        if (!present) return def;
        return v is bool b ? b : throw Bad(key, v, "true or false");
    }

    /// <summary>A list of numbers (a single number counts as a list of one) or null; <paramref name="def"/> when absent.</summary>
    public static double[]? Nums(IDictionary<string, object?> c, string key, double[]? def)
    {
        var v = Raw(c, key, out bool present);
        if (!present) return def;
        if (v is null) return null;
        if (v is string) throw Bad(key, v, "a list of numbers");
        if (v is IEnumerable list) return list.Cast<object?>().Select(x => ToDouble(key, Unwrap(x))).ToArray();
        return new[] { ToDouble(key, v) };
    }

    static double ToDouble(string key, object? v) => v switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        short s => s,
        decimal m => (double)m,
        _ => throw Bad(key, v, "a number"),
    };

    static ArgumentException Bad(string key, object? v, string expected) =>
        new($"Config value '{key}' must be {expected}, received {(v is null ? "None" : Convert.ToString(v, CultureInfo.InvariantCulture))}.");
}
