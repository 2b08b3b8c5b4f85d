using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Saving;

/// <summary>Keras 3's serialized form of nested objects: {module, class_name, config, registered_name}.</summary>
public static class ConfigSerializer
{
    /// <summary>The serialized form of an initializer or regularizer, or null.</summary>
    public static Dictionary<string, object?>? Object(object? o) => o switch
    {
        null => null,
        Initializer i => new() { ["module"] = "keras.initializers", ["class_name"] = i.class_name, ["config"] = i.get_config(), ["registered_name"] = null },
        Regularizer r => new() { ["module"] = "keras.regularizers", ["class_name"] = r.class_name, ["config"] = r.get_config(), ["registered_name"] = null },
        _ => throw new ArgumentException($"Cannot serialize an object of type {o.GetType().Name}."),
    };
}
