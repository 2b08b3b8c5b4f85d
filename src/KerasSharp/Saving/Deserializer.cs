using System.Text.Json;
using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;

namespace KerasSharp.Saving;

/// <summary>
/// Rebuilds models from Keras 3 configs. Like Keras's safe_mode, it creates only classes from
/// KerasSharp's own registry (extended with <see cref="RegisterLayer"/>), and runs no code from the
/// file. An unknown class is an error that names it.
/// </summary>
public static class Deserializer
{
    static readonly Dictionary<string, Func<JsonElement, Layer>> layers = new(StringComparer.Ordinal);

    /// <summary>Adds a layer class that configs may name (the facade registers its own).</summary>
    public static void RegisterLayer(string className, Func<JsonElement, Layer> factory) { lock (layers) layers[className] = factory; }
    /// <summary>Adds an initializer class that configs may name.</summary>
    public static void RegisterInitializer(string className, Func<IReadOnlyDictionary<string, object?>, Initializer> factory) => InitializersApi.Register(className, factory);

    // ----- JSON helpers -----
    /// <summary>A member, or null when missing or JSON null.</summary>
    public static JsonElement? Get(JsonElement c, string key) =>
        c.ValueKind == JsonValueKind.Object && c.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
    /// <summary>A string member.</summary>
    public static string? Str(JsonElement c, string key) => Get(c, key) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
    /// <summary>A number member.</summary>
    public static double Num(JsonElement c, string key, double fallback) => Get(c, key) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : fallback;
    /// <summary>An optional number member.</summary>
    public static double? NumOrNull(JsonElement c, string key) => Get(c, key) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;
    /// <summary>A boolean member.</summary>
    public static bool Bool(JsonElement c, string key, bool fallback) => Get(c, key) is { } v && (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False) ? v.GetBoolean() : fallback;
    /// <summary>An int member, or the first of a list.</summary>
    public static int Int(JsonElement c, string key, int fallback) => Get(c, key) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetInt32(),
        { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() > 0 => a[0].GetInt32(),
        _ => fallback,
    };
    /// <summary>A pair member (kernel_size, strides), from a list or a single number.</summary>
    public static (int, int)? Pair(JsonElement c, string key) => Get(c, key) switch
    {
        { ValueKind: JsonValueKind.Number } v => (v.GetInt32(), v.GetInt32()),
        { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() == 2 => (a[0].GetInt32(), a[1].GetInt32()),
        _ => null,
    };
    /// <summary>An int list member (null entries become -1).</summary>
    public static int[] Ints(JsonElement c, string key) =>
        Get(c, key) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? -1 : e.GetInt32()).ToArray() : Array.Empty<int>();

    static Exception Unsupported(string kind, string name, IEnumerable<string> known) =>
        new NotSupportedException($"Unsupported {kind} class '{name}': KerasSharp cannot create it. Supported {kind} classes: {string.Join(", ", known.OrderBy(k => k, StringComparer.Ordinal))}.");

    // ----- objects -----

    /// <summary>An activation from a name or a serialized function.</summary>
    public static ActivationFunction Activation(JsonElement? e) => e switch
    {
        null => ActivationsApi.Get("linear"),
        { ValueKind: JsonValueKind.String } s => ActivationsApi.Get(s.GetString()),
        { ValueKind: JsonValueKind.Object } o when Str(o, "config") is string n => ActivationsApi.Get(n),
        { ValueKind: JsonValueKind.Object } o => ActivationsApi.Get(Str(o, "class_name")?.ToLowerInvariant()),
        _ => throw new InvalidDataException($"Cannot read activation {e}."),
    };

    /// <summary>An initializer from a name or a serialized object (each class reads its own config).</summary>
    public static Initializer? Initializer(JsonElement? e) =>
        e is null || e.Value.ValueKind == JsonValueKind.Null ? null : InitializersApi.Instance.deserialize(e.Value);

    /// <summary>A regularizer from a name or a serialized object (each class reads its own config).</summary>
    public static Regularizer? Regularizer(JsonElement? e) =>
        e is null || e.Value.ValueKind == JsonValueKind.Null ? null : RegularizersApi.Deserialize(e.Value);

    // KerasSharp's own layer classes, each read by its own static FromConfig(ConfigReader), found once by reflection.
    static readonly Lazy<Dictionary<string, Func<ConfigReader, Layer>>> builtinLayers = new(() =>
    {
        var d = new Dictionary<string, Func<ConfigReader, Layer>>(StringComparer.Ordinal);
        foreach (var t in typeof(Layer).Assembly.GetTypes())
        {
            if (!typeof(Layer).IsAssignableFrom(t) || t.IsAbstract) continue;
            var m = t.GetMethod("FromConfig", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public,
                new[] { typeof(ConfigReader) });
            if (m is null || !typeof(Layer).IsAssignableFrom(m.ReturnType)) continue;
            d[t.Name] = (Func<ConfigReader, Layer>)Delegate.CreateDelegate(typeof(Func<ConfigReader, Layer>), m);
        }
        return d;
    });

    /// <summary>The layer class names a config may name.</summary>
    public static IReadOnlyList<string> LayerClassNames
    {
        get
        {
            lock (layers) return builtinLayers.Value.Keys.Concat(layers.Keys).OrderBy(k => k, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>A layer from {class_name, config}: every config key is honoured or refused.</summary>
    public static Layer Layer(JsonElement layer)
    {
        string cls = Str(layer, "class_name") ?? throw new InvalidDataException("A layer config has no class_name.");
        var c = Get(layer, "config") ?? throw new InvalidDataException($"Layer class '{cls}' has no config.");
        Layer l;
        if (builtinLayers.Value.TryGetValue(cls, out var fromConfig))
        {
            var reader = new ConfigReader(cls, c);
            l = fromConfig(reader);
            reader.Done();
        }
        else
        {
            Func<JsonElement, Layer>? f;
            lock (layers) layers.TryGetValue(cls, out f);
            if (f is null) throw Unsupported("layer", cls, LayerClassNames);
            l = f(c);
        }
        if (Get(c, "trainable") is { } tr)
        {
            if (tr.ValueKind != JsonValueKind.True && tr.ValueKind != JsonValueKind.False)
                throw new InvalidDataException($"{cls} '{l.name}': config key 'trainable' has value {tr.GetRawText()}; expected true or false.");
            l.trainable = tr.GetBoolean();
        }
        return l;
    }

    /// <summary>A model from its serialized form (Sequential or Functional).</summary>
    public static Model Model(JsonElement root)
    {
        string cls = Str(root, "class_name") ?? throw new InvalidDataException("The model config has no class_name.");
        var c = Get(root, "config") ?? throw new InvalidDataException("The model config has no config.");
        string? name = Str(c, "name");
        var layerConfigs = Get(c, "layers") is { ValueKind: JsonValueKind.Array } arr ? arr.EnumerateArray().ToList() : new List<JsonElement>();
        if (cls == "Sequential")
        {
            var seq = new Sequential(name: name);
            foreach (var lc in layerConfigs) seq.add(Layer(lc));
            if (!seq.built && Get(root, "build_config") is { } bc && Get(bc, "input_shape") is { ValueKind: JsonValueKind.Array } shp)
                seq.build(shp.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (int?)null : e.GetInt32()).ToArray());
            return seq;
        }
        if (cls != "Functional" && cls != "Model")
            throw Unsupported("model", cls, new[] { "Sequential", "Functional" });
        var byName = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var outputsOf = new Dictionary<string, KerasTensor>(StringComparer.Ordinal);
        foreach (var lc in layerConfigs)
        {
            var layer = Layer(lc);
            string lname = Str(lc, "name") ?? layer.name;
            byName[lname] = layer;
            if (layer is InputLayer il) { outputsOf[lname] = il.output; continue; }
            var nodes = Get(lc, "inbound_nodes") is { ValueKind: JsonValueKind.Array } n ? n.EnumerateArray().ToList() : new List<JsonElement>();
            if (nodes.Count != 1) throw new NotSupportedException($"Layer '{lname}' is called {nodes.Count} times in the graph; KerasSharp loads layers called exactly once.");
            var args = Get(nodes[0], "args") ?? throw new InvalidDataException($"Layer '{lname}' has an inbound node without args.");
            var inputs = TensorRefs(args).Select(r => outputsOf.TryGetValue(r, out var t) ? t : throw new InvalidDataException($"Layer '{lname}' takes the output of '{r}', which comes later or does not exist.")).ToArray();
            outputsOf[lname] = layer.Apply(inputs);
        }
        KerasTensor[] Refs(string key) => Get(c, key) is { ValueKind: JsonValueKind.Array } a
            ? (a.GetArrayLength() > 0 && a[0].ValueKind == JsonValueKind.String ? new[] { a } : a.EnumerateArray().ToArray())
                .Select(r => outputsOf[r[0].GetString()!]).ToArray()
            : throw new InvalidDataException($"The functional config has no {key}.");
        return new Model(Refs("input_layers"), Refs("output_layers"), name);
    }

    static IEnumerable<string> TensorRefs(JsonElement args)
    {
        foreach (var a in args.EnumerateArray())
        {
            if (a.ValueKind == JsonValueKind.Array) { foreach (var r in TensorRefs(a)) yield return r; continue; }
            if (Get(a, "config") is { } tc && Get(tc, "keras_history") is { ValueKind: JsonValueKind.Array } h) yield return h[0].GetString()!;
        }
    }

    /// <summary>An optimizer from its serialized form: each optimizer class reads its own config (see OptimizersApi.Deserialize).</summary>
    public static Optimizer Optimizer(JsonElement e) => OptimizersApi.Deserialize(e);

    /// <summary>A loss from a name or its serialized form (each class reads its own config).</summary>
    public static Loss Loss(JsonElement e) => LossesApi.Instance.deserialize(e);

    /// <summary>A metric from a name or its serialized form (each class reads its own config).</summary>
    public static Metric Metric(JsonElement e) => MetricsApi.Instance.deserialize(e);
}
