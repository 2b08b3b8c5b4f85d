using System.Globalization;
using System.Text.Json;

namespace KerasSharp.Utils;

/// <summary>
/// Reads a Keras config (the dictionary that <c>get_config</c> returns, or its JSON) strictly:
/// each value is checked for its type, and <see cref="Done"/> refuses every key that no reader
/// asked for, naming the key and its value. Nothing is defaulted in silence: a missing key takes
/// the default of Keras's constructor, exactly as Python's <c>cls(**config)</c> does.
/// </summary>
public sealed class ConfigReader
{
    readonly Dictionary<string, object?> values;
    readonly HashSet<string> read = new(StringComparer.Ordinal);
    readonly string owner;

    /// <summary>Wraps a config for the class <paramref name="owner"/> (named in errors).</summary>
    public ConfigReader(IReadOnlyDictionary<string, object?>? config, string owner)
    {
        this.owner = owner;
        values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (config is not null) foreach (var (k, v) in config) values[k] = Normalize(v);
    }

    /// <summary>Wraps a JSON config object.</summary>
    public ConfigReader(JsonElement config, string owner)
        : this(config.ValueKind == JsonValueKind.Object ? (IReadOnlyDictionary<string, object?>)ToDictionary(config)
              : config.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null
              : throw new ArgumentException($"{owner}: a config must be a JSON object, received {config.ValueKind}."), owner) { }

    /// <summary>True when the config holds the key.</summary>
    public bool Has(string key) => values.ContainsKey(key);

    /// <summary>The raw value (numbers as double or long, lists, nested dictionaries), marked as read.</summary>
    public object? Raw(string key) { read.Add(key); return values.TryGetValue(key, out var v) ? v : null; }

    /// <summary>A number (int or float in Python).</summary>
    public double Number(string key, double @default)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var v)) return @default;
        return v switch { double d => d, long l => l, _ => throw Bad(key, v, "a number") };
    }

    /// <summary>A number or None.</summary>
    public double? NumberOrNull(string key, double? @default = null)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var v)) return @default;
        return v switch
        {
            null => null,
            double d => d,
            long l => l,
            _ => throw Bad(key, v, "a number or None"),
        };
    }

    /// <summary>An integer (a float with a fractional part is refused).</summary>
    public long Integer(string key, long @default)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var v)) return @default;
        return v switch
        {
            long l => l,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            _ => throw Bad(key, v, "an integer"),
        };
    }

    /// <summary>An integer or None.</summary>
    public long? IntegerOrNull(string key, long? @default = null)
    {
        if (!values.TryGetValue(key, out var v)) { read.Add(key); return @default; }
        return v is null ? Mark(key, (long?)null) : Integer(key, 0);
    }

    /// <summary>A boolean.</summary>
    public bool Boolean(string key, bool @default)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var v)) return @default;
        return v is bool b ? b : throw Bad(key, v, "True or False");
    }

    /// <summary>A string.</summary>
    public string String(string key, string @default)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var v)) return @default;
        return v is string s ? s : throw Bad(key, v, "a string");
    }

    /// <summary>A string or None.</summary>
    public string? StringOrNull(string key, string? @default = null)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var v)) return @default;
        return v switch { null => null, string s => s, _ => throw Bad(key, v, "a string or None") };
    }

    /// <summary>A list of numbers.</summary>
    public double[] Numbers(string key)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var v)) throw new ArgumentException($"{owner}: the config has no '{key}', which is required.");
        if (v is not List<object?> list) throw Bad(key, v, "a list of numbers");
        return list.Select(x => x switch { double d => d, long l => (double)l, _ => throw Bad(key, v, "a list of numbers") }).ToArray();
    }

    /// <summary>A required value: an error names the key when the config lacks it.</summary>
    public void Require(string key)
    {
        if (!values.ContainsKey(key)) throw new ArgumentException($"{owner}: the config has no '{key}', which is required.");
    }

    /// <summary>Refuses a key whose value KerasSharp cannot honour (for example use_ema=True).</summary>
    public void RefuseUnless(string key, Func<object?, bool> supported, string why)
    {
        read.Add(key);
        if (values.TryGetValue(key, out var v) && !supported(v))
            throw new NotSupportedException($"{owner}: {key}={PyRepr.Value(v)} is not supported: {why}");
    }

    /// <summary>Throws for every key that no reader asked for, naming the key and its value.</summary>
    public void Done()
    {
        var unknown = values.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{owner}: argument(s) not recognized: {{{string.Join(", ", unknown.Select(k => $"'{k}': {PyRepr.Value(values[k])}"))}}}. " +
                $"Known arguments: {string.Join(", ", read.OrderBy(k => k, StringComparer.Ordinal))}.");
    }

    T Mark<T>(string key, T value) { read.Add(key); return value; }

    Exception Bad(string key, object? v, string expected) =>
        new ArgumentException($"{owner}: '{key}' must be {expected}, received {key}={PyRepr.Value(v)}.");

    /// <summary>Brings a value to the reader's types: double, long, bool, string, null, List, Dictionary.</summary>
    public static object? Normalize(object? v) => v switch
    {
        null => null,
        JsonElement e => FromJson(e),
        double or long or bool or string => v,
        float f => (double)f,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value)),
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value)),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => v,
    };

    static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out long l) && !e.GetRawText().Contains('.') && !e.GetRawText().Contains('e') && !e.GetRawText().Contains('E')
            ? l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => ToDictionary(e),
        _ => throw new ArgumentException($"Cannot read the JSON value {e.GetRawText()}."),
    };

    /// <summary>A JSON object as a dictionary of reader types.</summary>
    public static Dictionary<string, object?> ToDictionary(JsonElement e)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) d[p.Name] = FromJson(p.Value);
        return d;
    }

    /// <summary>
    /// Splits Keras's serialized form {"class_name", "config", "module", "registered_name"} (or a bare
    /// class name) into the class name and its config.
    /// </summary>
    public static (string className, IReadOnlyDictionary<string, object?> config) Serialized(object? identifier, string kind)
    {
        switch (Normalize(identifier))
        {
            case string s: return (s, new Dictionary<string, object?>());
            case Dictionary<string, object?> d:
                if (d.GetValueOrDefault("class_name") is not string cls)
                    throw new ArgumentException($"Could not interpret {kind} identifier: {PyRepr.Value(d)} (it has no 'class_name').");
                var cfg = d.GetValueOrDefault("config") switch
                {
                    null => new Dictionary<string, object?>(),
                    Dictionary<string, object?> c => c,
                    var other => throw new ArgumentException($"Could not interpret {kind} identifier: its 'config' must be a dict, received {PyRepr.Value(other)}."),
                };
                return (cls, cfg);
            default:
                throw new ArgumentException($"Could not interpret {kind} identifier: {PyRepr.Value(identifier)}.");
        }
    }

    /// <summary>Keras's serialized form of an object: {module, class_name, config, registered_name: None}.</summary>
    public static Dictionary<string, object?> Serialize(string module, string className, Dictionary<string, object?> config) => new()
    {
        ["module"] = module,
        ["class_name"] = className,
        ["config"] = config,
        ["registered_name"] = null,
    };

    /// <summary>An integral double as long (Python writes 10, not 10.0, for an int argument); other values unchanged.</summary>
    public static object IntIfWhole(double v) => v == Math.Floor(v) && Math.Abs(v) < 9e15 ? (object)(long)v : v;

    /// <summary>A float32 value as Python's float() of it (what Keras writes for a float32 variable).</summary>
    public static double Float32(double v) => (double)(float)v;

    internal static string Inv(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
