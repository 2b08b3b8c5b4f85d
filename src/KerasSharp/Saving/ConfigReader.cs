using System.Text.Json;
using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp.Saving;

/// <summary>
/// Reads one object's Keras config strictly: every key the class knows is read through this
/// reader, and <see cref="Done"/> refuses any key left unread, so a config value is either honoured
/// or rejected with an error that names the object, the key and the value. Nothing is defaulted in
/// silence: a required key that is missing is an error too.
/// </summary>
public sealed class ConfigReader
{
    readonly JsonElement config;
    readonly HashSet<string> read = new(StringComparer.Ordinal);

    /// <summary>The class name being read ("Dense").</summary>
    public string ClassName { get; }

    /// <summary>Reads <paramref name="config"/> (a JSON object) of class <paramref name="className"/>.</summary>
    public ConfigReader(string className, JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The config of a {className} must be a JSON object, received {config.ValueKind}.");
        ClassName = className;
        this.config = config;
    }

    /// <summary>The object's name from its config, if any ("dense_1").</summary>
    public string? Name => config.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

    string Owner => Name is { } n ? $"{ClassName} '{n}'" : ClassName;

    InvalidDataException Bad(string key, JsonElement v, string expected) =>
        new($"{Owner}: config key '{key}' has value {Show(v)}; expected {expected}.");

    static string Show(JsonElement v)
    {
        var s = v.GetRawText();
        return s.Length > 80 ? s[..77] + "..." : s;
    }

    /// <summary>True when the key is present and not null.</summary>
    public bool Has(string key) => config.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>The raw value (marked read), or null when missing or JSON null.</summary>
    public JsonElement? Raw(string key)
    {
        read.Add(key);
        return config.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
    }

    JsonElement Required(string key) => Raw(key) ?? throw new InvalidDataException($"{Owner}: config has no '{key}', which this class needs.");

    /// <summary>A required integer.</summary>
    public int Int(string key) => AsInt(key, Required(key));

    /// <summary>An integer, or <paramref name="fallback"/> when missing (Keras's default).</summary>
    public int Int(string key, int fallback) => Raw(key) is { } v ? AsInt(key, v) : fallback;

    /// <summary>An optional integer (null when missing or null).</summary>
    public int? IntOrNull(string key) => Raw(key) is { } v ? AsInt(key, v) : null;

    int AsInt(string key, JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue ? (int)d
        : throw Bad(key, v, "an integer");

    /// <summary>A required number.</summary>
    public double Num(string key) => AsNum(key, Required(key));

    /// <summary>A number, or <paramref name="fallback"/> when missing.</summary>
    public double Num(string key, double fallback) => Raw(key) is { } v ? AsNum(key, v) : fallback;

    /// <summary>An optional number.</summary>
    public double? NumOrNull(string key) => Raw(key) is { } v ? AsNum(key, v) : null;

    double AsNum(string key, JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw Bad(key, v, "a finite number");

    /// <summary>A boolean, or <paramref name="fallback"/> when missing.</summary>
    public bool Bool(string key, bool fallback) => Raw(key) switch
    {
        null => fallback,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } v => throw Bad(key, v, "true or false"),
    };

    /// <summary>A string, or <paramref name="fallback"/> when missing.</summary>
    public string? Str(string key, string? fallback = null) => Raw(key) switch
    {
        null => fallback,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => throw Bad(key, v, "a string"),
    };

    /// <summary>A pair (kernel_size, strides) from a number or a list of 2; <paramref name="fallback"/> when missing.</summary>
    public Int2? Pair(string key, Int2? fallback = null)
    {
        var v = Raw(key);
        if (v is null) return fallback;
        var e = v.Value;
        if (e.ValueKind == JsonValueKind.Number) { int n = AsInt(key, e); return new Int2(n, n); }
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2) return new Int2(AsInt(key, e[0]), AsInt(key, e[1]));
        throw Bad(key, e, "an integer or a list of 2 integers");
    }

    /// <summary>A list of integers, or null when missing.</summary>
    public int[]? Ints(string key)
    {
        var v = Raw(key);
        if (v is null) return null;
        if (v.Value.ValueKind != JsonValueKind.Array) throw Bad(key, v.Value, "a list of integers");
        return v.Value.EnumerateArray().Select(e => AsInt(key, e)).ToArray();
    }

    /// <summary>A shape (a list of integers or null for unknown dimensions), or null when missing.</summary>
    public int?[]? Shape(string key)
    {
        var v = Raw(key);
        if (v is null) return null;
        if (v.Value.ValueKind != JsonValueKind.Array) throw Bad(key, v.Value, "a list of integers or nulls");
        return v.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (int?)null : AsInt(key, e)).ToArray();
    }

    /// <summary>An activation (name or serialized), linear when missing.</summary>
    public ActivationFunction Activation(string key = "activation") => Deserializer.Activation(Raw(key));

    /// <summary>An initializer (name or serialized), or <paramref name="fallback"/> when missing.</summary>
    public Initializer? Initializer(string key, string? fallback = null) =>
        Deserializer.Initializer(Raw(key)) ?? (fallback is null ? null : InitializersApi.Get(fallback));

    /// <summary>A regularizer, or null.</summary>
    public Regularizer? Regularizer(string key) => Deserializer.Regularizer(Raw(key));

    /// <summary>Marks keys whose value KerasSharp may ignore (they do not change what the object computes).</summary>
    public void Ignore(params string[] keys) { foreach (var k in keys) read.Add(k); }

    /// <summary>Accepts keys only with their given value (a constraint of null, a dtype of float32); anything else is refused.</summary>
    public void Expect(string key, Func<JsonElement?, bool> accepted, string expected)
    {
        var v = Raw(key);
        if (!accepted(v)) throw new NotSupportedException($"{Owner}: config key '{key}' = {(v is { } e ? Show(e) : "null")} is not supported by KerasSharp (supported: {expected}).");
    }

    /// <summary>Accepts the keys only when null or missing (constraints, quantization, LoRA).</summary>
    public void ExpectNull(params string[] keys)
    {
        foreach (var k in keys) Expect(k, v => v is null, "null");
    }

    /// <summary>Reads the keys every layer has (name, trainable, dtype), checking dtype is float32.</summary>
    public void LayerBase(Layer? layer = null)
    {
        Ignore("name");
        Expect("dtype", v => v is null || IsFloat32(v.Value), "float32");
        Ignore("trainable");
    }

    static bool IsFloat32(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() == "float32",
        JsonValueKind.Object => v.TryGetProperty("config", out var c) && c.TryGetProperty("name", out var n) && n.GetString() == "float32",
        _ => false,
    };

    /// <summary>Throws when a key was never read: the class does not know it.</summary>
    public void Done()
    {
        foreach (var p in config.EnumerateObject())
            if (!read.Contains(p.Name))
                throw new NotSupportedException($"{Owner}: config key '{p.Name}' = {Show(p.Value)} is not supported by KerasSharp.");
    }
}
