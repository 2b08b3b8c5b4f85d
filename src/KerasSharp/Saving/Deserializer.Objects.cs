using System.Text.Json;
using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Saving;

// Activations, initializers and regularizers inside layer configs. Each serialized object is read
// with a ConfigReader, so that an unknown or unsupported key is an error naming it.
public static partial class Deserializer
{
    /// <summary>
    /// The {module, class_name, config, registered_name} wrapper of a serialized object (or tf.keras
    /// 2's {class_name, config}), checked: the class name and its config.
    /// </summary>
    static (string cls, JsonElement config) Wrapped(JsonElement v, string kind)
    {
        var w = new ConfigReader($"serialized {kind}", v);
        w.Ignore("module", "registered_name", "shared_object_id");
        string cls = w.Str("class_name") ?? throw new InvalidDataException($"A serialized {kind} has no class_name: {Show(v)}.");
        var c = w.Raw("config");
        w.Done();
        if (c is { } cc && cc.ValueKind != JsonValueKind.Object && !(kind == "activation" && cc.ValueKind == JsonValueKind.String))
            throw new InvalidDataException($"The {kind} {cls} has config {Show(cc)}; expected a JSON object.");
        using var empty = JsonDocument.Parse("{}");
        return (cls, c ?? empty.RootElement.Clone());
    }

    /// <summary>An activation from a name, or a serialized function ({"class_name": "function", "config": "relu"}).</summary>
    public static ActivationFunction Activation(JsonElement? e)
    {
        if (e is null) return ActivationsApi.Get("linear");
        var v = e.Value;
        if (v.ValueKind == JsonValueKind.String) return ActivationsApi.Get(v.GetString());
        if (v.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"An activation must be a name or a serialized function; received {Show(v)}.");
        var (cls, c) = Wrapped(v, "activation");
        if (c.ValueKind == JsonValueKind.String) return ActivationsApi.Get(c.GetString());
        throw new NotSupportedException($"The activation {Show(v)} is a {cls} object; KerasSharp reads activations given by name (\"relu\") or as a serialized function.");
    }

    /// <summary>An initializer from a name or a serialized object; every config key is honoured or refused.</summary>
    public static Initializer? Initializer(JsonElement? e)
    {
        if (e is null) return null;
        var v = e.Value;
        if (v.ValueKind == JsonValueKind.String) return InitializersApi.Get(v.GetString()!);
        var (cls, config) = Wrapped(v, "initializer");
        Func<JsonElement, Initializer>? registered;
        lock (initializers) initializers.TryGetValue(cls, out registered);
        if (registered is not null) return registered(config);
        var c = new ConfigReader(cls, config);
        int? seed = cls is "Zeros" or "Ones" or "Constant" ? null : c.IntOrNull("seed");
        var api = InitializersApi.Instance;
        Initializer result;
        switch (cls)
        {
            case "GlorotUniform": case "GlorotNormal": case "HeUniform": case "HeNormal": case "LecunUniform": case "LecunNormal":
                // Keras 3.15 writes the axes of its einsum fan computation; only the default (null) is supported.
                c.ExpectNull("input_axes", "output_axes");
                result = cls switch
                {
                    "GlorotUniform" => api.GlorotUniform(seed),
                    "GlorotNormal" => api.GlorotNormal(seed),
                    "HeUniform" => api.HeUniform(seed),
                    "HeNormal" => api.HeNormal(seed),
                    "LecunUniform" => api.LecunUniform(seed),
                    _ => api.LecunNormal(seed),
                };
                break;
            case "VarianceScaling":
                c.ExpectNull("input_axes", "output_axes");
                result = api.VarianceScaling(c.Num("scale", 1.0), c.Str("mode", "fan_in")!, c.Str("distribution", "truncated_normal")!, seed);
                break;
            case "RandomNormal": result = api.RandomNormal(c.Num("mean", 0), c.Num("stddev", 0.05), seed); break;
            case "RandomUniform": result = api.RandomUniform(c.Num("minval", -0.05), c.Num("maxval", 0.05), seed); break;
            case "TruncatedNormal": result = api.TruncatedNormal(c.Num("mean", 0), c.Num("stddev", 0.05), seed); break;
            case "Zeros": result = api.Zeros(); break;
            case "Ones": result = api.Ones(); break;
            case "Constant": result = api.Constant(c.Num("value", 0)); break;
            default:
                throw Unsupported("initializer", cls, new[] { "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal", "VarianceScaling", "RandomNormal", "RandomUniform", "TruncatedNormal", "Zeros", "Ones", "Constant" }.Concat(initializers.Keys));
        }
        c.Done();
        return result;
    }

    /// <summary>A regularizer from a name or a serialized object; every config key is honoured or refused.</summary>
    public static Regularizer? Regularizer(JsonElement? e)
    {
        if (e is null) return null;
        var v = e.Value;
        if (v.ValueKind == JsonValueKind.String) return RegularizersApi.Get(v.GetString()!);
        var (cls, config) = Wrapped(v, "regularizer");
        var c = new ConfigReader(cls, config);
        Regularizer r = cls switch
        {
            "L1" => new L1(c.Num("l1", 0.01)),
            "L2" => new L2(c.Num("l2", 0.01)),
            "L1L2" => new L1L2(c.Num("l1", 0), c.Num("l2", 0)),
            _ => throw Unsupported("regularizer", cls, new[] { "L1", "L2", "L1L2" }),
        };
        c.Done();
        return r;
    }
}
