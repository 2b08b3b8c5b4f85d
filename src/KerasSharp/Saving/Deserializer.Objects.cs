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

    /// <summary>An initializer from a name or a serialized object: the class reads its own config (unknown keys refused).</summary>
    public static Initializer? Initializer(JsonElement? e) =>
        e is null || e.Value.ValueKind == JsonValueKind.Null ? null : InitializersApi.Instance.deserialize(e.Value);

    /// <summary>A regularizer from a name or a serialized object: the class reads its own config (unknown keys refused).</summary>
    public static Regularizer? Regularizer(JsonElement? e) =>
        e is null || e.Value.ValueKind == JsonValueKind.Null ? null : RegularizersApi.Deserialize(e.Value);
}
