using System.Text.Json;
using KerasSharp.Utils;

namespace KerasSharp.Regularizers;

/// <summary>
/// <c>keras.regularizers</c>: the classes and their aliases, <c>get</c>, <c>serialize</c> and
/// <c>deserialize</c>. As in Keras, <c>get</c> knows the class names and their snake_case forms
/// ("L1", "l1", "L2", "l2", "L1L2", "l1l2", "OrthogonalRegularizer", "orthogonal_regularizer");
/// "l1_l2" is the name of a Python attribute, not one that <c>get</c> resolves.
/// </summary>
public sealed class RegularizersApi
{
    internal static readonly RegularizersApi Instance = new();

    static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>, Regularizer>> byName = new(StringComparer.Ordinal)
    {
        ["L1"] = global::KerasSharp.Regularizers.L1.from_config, ["l1"] = global::KerasSharp.Regularizers.L1.from_config,
        ["L2"] = global::KerasSharp.Regularizers.L2.from_config, ["l2"] = global::KerasSharp.Regularizers.L2.from_config,
        ["L1L2"] = global::KerasSharp.Regularizers.L1L2.from_config, ["l1l2"] = global::KerasSharp.Regularizers.L1L2.from_config,
        ["OrthogonalRegularizer"] = global::KerasSharp.Regularizers.OrthogonalRegularizer.from_config, ["orthogonal_regularizer"] = global::KerasSharp.Regularizers.OrthogonalRegularizer.from_config,
    };

    static string Known => string.Join(", ", byName.Keys.OrderBy(k => k, StringComparer.Ordinal));

    /// <summary>Registers a regularizer class (your own subclass) under its class name, for deserialize.</summary>
    public static void Register(string className, Func<IReadOnlyDictionary<string, object?>, Regularizer> fromConfig)
    {
        lock (byName) byName[className] = fromConfig;
    }

    /// <summary>The regularizer for a name with Keras's default factors, or an error that lists the known names.</summary>
    public static Regularizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Func<IReadOnlyDictionary<string, object?>, Regularizer>? f;
        lock (byName) byName.TryGetValue(name, out f);
        return f is not null ? f(new Dictionary<string, object?>())
            : throw new ArgumentException($"Could not interpret regularizer identifier: {name}. Known regularizer names: {Known}.");
    }

    /// <summary>Rebuilds a regularizer from Keras's serialized form (dictionary or JSON) or a name; unknown classes and keys are refused.</summary>
    public static Regularizer Deserialize(object config)
    {
        var (cls, cfg) = ConfigReader.Serialized(config is JsonElement e ? ConfigReader.Normalize(e) : config, "regularizer");
        Func<IReadOnlyDictionary<string, object?>, Regularizer>? f;
        lock (byName) byName.TryGetValue(cls, out f);
        return f is not null ? f(cfg) : throw new ArgumentException($"Could not interpret regularizer identifier: {cls}. Known regularizer names: {Known}.");
    }

    /// <summary>keras.regularizers.get: null gives null, a name or a serialized config gives a regularizer, a regularizer is returned as is.</summary>
    public Regularizer? get(object? identifier) => identifier switch
    {
        null => null,
        Regularizer r => r,
        string s => Get(s),
        _ => Deserialize(identifier),
    };

    /// <summary>keras.regularizers.get for a name.</summary>
    public Regularizer get(string identifier) => Get(identifier);
    /// <summary>keras.regularizers.serialize.</summary>
    public Dictionary<string, object?> serialize(Regularizer regularizer) => regularizer.serialize();
    /// <summary>keras.regularizers.deserialize.</summary>
    public Regularizer deserialize(object config) => Deserialize(config);

    /// <summary>Keras L1.</summary>
    public L1 L1(double l1 = 0.01) => new(l1);
    /// <summary>Keras L2.</summary>
    public L2 L2(double l2 = 0.01) => new(l2);
    /// <summary>Keras L1L2.</summary>
    public L1L2 L1L2(double l1 = 0.0, double l2 = 0.0) => new(l1, l2);
    /// <summary>Keras OrthogonalRegularizer.</summary>
    public OrthogonalRegularizer OrthogonalRegularizer(double factor = 0.01, string mode = "rows") => new(factor, mode);
    /// <summary>Keras alias l1.</summary>
    public L1 l1(double l1 = 0.01) => new(l1);
    /// <summary>Keras alias l2.</summary>
    public L2 l2(double l2 = 0.01) => new(l2);
    /// <summary>Keras alias l1_l2: the class L1L2 itself, so both factors default to 0 (Keras 2's function defaulted them to 0.01).</summary>
    public L1L2 l1_l2(double l1 = 0.0, double l2 = 0.0) => new(l1, l2);
    /// <summary>Keras alias orthogonal_regularizer.</summary>
    public OrthogonalRegularizer orthogonal_regularizer(double factor = 0.01, string mode = "rows") => new(factor, mode);
}
