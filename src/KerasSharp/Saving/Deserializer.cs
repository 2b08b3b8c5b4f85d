using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>
/// Rebuilds models from Keras configs: Keras 3's (config.json of a .keras file) and the legacy
/// ones of .h5 files (Keras 3's model_config attribute, and tf.keras 2's with batch_input_shape,
/// nested-list inbound nodes and layer lists). Like Keras's safe_mode, it creates only classes from
/// KerasSharp's own registry (extended with <see cref="RegisterLayer"/>), and runs no code from the
/// file. An unknown class is an error that names it; every config key is honoured or refused with
/// an error naming the object, the key and the value.
/// </summary>
public static partial class Deserializer
{
    static readonly Dictionary<string, Func<JsonElement, Layer>> layers = new(StringComparer.Ordinal);

    /// <summary>Adds a layer class that configs may name (the facade registers its own). The factory reads the config as it likes; prefer <see cref="RegisterLayerFromConfig"/>.</summary>
    public static void RegisterLayer(string className, Func<JsonElement, Layer> factory) { lock (layers) layers[className] = factory; }

    /// <summary>
    /// Adds a layer class read strictly, as KerasSharp's own layers are: <paramref name="fromConfig"/>
    /// reads the keys it honours through the <see cref="ConfigReader"/>, and any key left unread is
    /// refused with an error naming the layer, the key and the value.
    /// </summary>
    public static void RegisterLayerFromConfig(string className, Func<ConfigReader, Layer> fromConfig) =>
        RegisterLayer(className, c =>
        {
            var reader = new ConfigReader(className, c);
            var layer = fromConfig(reader);
            reader.Done();
            return layer;
        });
    /// <summary>Adds an initializer class that configs may name.</summary>
    public static void RegisterInitializer(string className, Func<IReadOnlyDictionary<string, object?>, Initializer> factory) => InitializersApi.Register(className, factory);

    // ----- JSON helpers (also for registered factories) -----
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

    static string Show(JsonElement v)
    {
        var s = v.GetRawText();
        return s.Length > 80 ? s[..77] + "..." : s;
    }

    // ----- layers -----

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
        string cls = Str(layer, "class_name") ?? throw new InvalidDataException($"A layer config has no class_name: {Show(layer)}.");
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

    /// <summary>
    /// A tf.keras 2 layer config made readable by Keras 3's rules (legacy/saving/saving_utils.py
    /// model_from_config): "batch_input_shape" is taken out (the caller makes the input from it),
    /// a one-element list axis becomes an int.
    /// </summary>
    static (JsonElement layer, int?[]? batchInputShape) Legacy(JsonElement layer)
    {
        var c = Get(layer, "config");
        if (c is null || !(c.Value.TryGetProperty("batch_input_shape", out _) || c.Value.TryGetProperty("axis", out var ax) && ax.ValueKind == JsonValueKind.Array && ax.GetArrayLength() == 1))
            return (layer, null);
        var node = JsonNode.Parse(layer.GetRawText())!.AsObject();
        var cfg = node["config"]!.AsObject();
        int?[]? shape = null;
        if (cfg["batch_input_shape"] is JsonArray bis && Str(layer, "class_name") != "InputLayer")
        {
            shape = bis.Select(d => d is null ? (int?)null : d.GetValue<int>()).ToArray();
            cfg.Remove("batch_input_shape");
        }
        if (cfg["axis"] is JsonArray { Count: 1 } a) cfg["axis"] = a[0]!.GetValue<int>();
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return (doc.RootElement.Clone(), shape);
    }

    // ----- models -----

    /// <summary>
    /// A model from its serialized form: Keras 3's {module, class_name, config, registered_name,
    /// build_config, compile_config} (compile_config is read by <see cref="CompileConfig"/>), or a
    /// legacy {class_name, config}.
    /// </summary>
    public static Model Model(JsonElement root)
    {
        var top = new ConfigReader("model", root);
        top.Ignore("module", "registered_name", "compile_config", "build_config");
        string cls = top.Str("class_name") ?? throw new InvalidDataException("The model config has no class_name.");
        var config = top.Raw("config") ?? throw new InvalidDataException($"The {cls} model config has no config.");
        top.Done();
        // A Sequential is built for build_config's input shape; a functional model is built from its graph (Keras writes null there).
        int?[]? buildShape = null;
        if (cls == "Sequential" && Get(root, "build_config") is { } bc)
        {
            var build = new ConfigReader("Sequential build_config", bc);
            buildShape = build.Shape("input_shape");
            build.Done();
        }
        var budget = LoadBudget.Current;
        Model model = cls switch
        {
            "Sequential" => SequentialModel(config, buildShape, budget),
            "Functional" or "Model" => FunctionalModel(config, budget),
            _ => throw Unsupported("model", cls, new[] { "Sequential", "Functional" }),
        };
        budget.AfterBuild(model);
        return model;
    }

    static void ModelBase(ConfigReader c)
    {
        c.Expect("trainable", v => v is null || v.Value.ValueKind == JsonValueKind.True, "true (a frozen model: set the layers' trainable instead)");
        c.Expect("dtype", v => v is null || v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == "float32"
            || v.Value.ValueKind == JsonValueKind.Object && Get(v.Value, "config") is { } dc && Str(dc, "name") == "float32", "float32");
    }

    static Sequential SequentialModel(JsonElement config, int?[]? buildShape, LoadBudget budget)
    {
        // Keras 2.2 wrote a Sequential's config as the list of its layers.
        List<JsonElement> layerConfigs;
        string? name = null;
        int?[]? buildInputShape = null;
        if (config.ValueKind == JsonValueKind.Array) layerConfigs = config.EnumerateArray().ToList();
        else
        {
            var c = new ConfigReader("Sequential", config);
            name = c.Str("name");
            ModelBase(c);
            buildInputShape = c.Shape("build_input_shape");
            layerConfigs = c.Raw("layers") is { ValueKind: JsonValueKind.Array } arr ? arr.EnumerateArray().ToList()
                : throw new InvalidDataException($"Sequential '{name}': config has no 'layers' list.");
            c.Done();
        }
        var seq = new Sequential(name: name);
        var shape = buildShape ?? buildInputShape;
        // Each layer is counted against the load's budget before it is built; the stack's output
        // shape is followed here, so this is linear in the number of layers.
        int?[]? top = null;
        foreach (var lc in layerConfigs)
        {
            var (layerConfig, batchInputShape) = Legacy(lc);
            if (batchInputShape is not null && seq.layers.Count == 0 && seq.InputLayer is null)
            {
                seq.add(new InputLayer(batch_shape: batchInputShape));
                top = batchInputShape;
            }
            var layer = Layer(layerConfig);
            if (layer is InputLayer il)
            {
                seq.add(il);
                top = il.output.shape;
                continue;
            }
            if (seq.layers.Count == 0 && seq.InputLayer is null)
            {
                if (layer.BatchInputShape is { } own) top = own;
                // The shape build_config records: the stack is built as each layer comes, as Keras's build(input_shape) does at the end.
                else if (shape is not null) { seq.add(new InputLayer(batch_shape: shape)); top = shape; }
            }
            if (top is not null) budget.BeforeBuild(layer, new[] { top });
            seq.add(layer);
            top = layer.InboundNodes.Count > 0 ? layer.InboundNodes[^1].Output.shape : null;
        }
        if (seq.InputLayer is null && shape is not null) seq.build(shape);
        return seq;
    }

    static Model FunctionalModel(JsonElement config, LoadBudget budget)
    {
        var c = new ConfigReader("Functional", config);
        string? name = c.Str("name");
        ModelBase(c);
        var layerConfigs = c.Raw("layers") is { ValueKind: JsonValueKind.Array } arr ? arr.EnumerateArray().ToList()
            : throw new InvalidDataException($"Functional '{name}': config has no 'layers' list.");
        var inputRefs = c.Raw("input_layers") ?? throw new InvalidDataException($"Functional '{name}': config has no 'input_layers'.");
        var outputRefs = c.Raw("output_layers") ?? throw new InvalidDataException($"Functional '{name}': config has no 'output_layers'.");
        c.Done();
        var outputsOf = new Dictionary<string, KerasTensor>(StringComparer.Ordinal);
        foreach (var entry in layerConfigs)
        {
            var e = new ConfigReader("functional layer entry", entry);
            e.Ignore("module", "registered_name", "class_name", "config", "build_config", "shared_object_id");
            string lname = e.Str("name") ?? Str(Get(entry, "config") ?? default, "name") ?? throw new InvalidDataException($"A layer of functional '{name}' has no name: {Show(entry)}.");
            var nodes = e.Raw("inbound_nodes") is { ValueKind: JsonValueKind.Array } n ? n.EnumerateArray().ToList() : new List<JsonElement>();
            e.Done();
            var layer = Layer(Legacy(entry).layer);
            if (layer is InputLayer il) { outputsOf[lname] = il.output; continue; }
            if (nodes.Count != 1)
                throw new NotSupportedException($"Layer '{lname}' is called {nodes.Count} times in the graph of '{name}'; KerasSharp loads layers called exactly once.");
            var inputs = NodeInputs(nodes[0], lname, layer is RecurrentLayer).Select(r => outputsOf.TryGetValue(r, out var t) ? t
                : throw new InvalidDataException($"Layer '{lname}' takes the output of '{r}', which comes later or does not exist.")).ToArray();
            budget.BeforeBuild(layer, inputs.Select(t => t.shape).ToArray());
            outputsOf[lname] = layer.Apply(inputs);
        }
        KerasTensor[] Refs(JsonElement refs, string key) => TensorTriples(refs, key).Select(r => outputsOf.TryGetValue(r, out var t) ? t
            : throw new InvalidDataException($"Functional '{name}': {key} names layer '{r}', which the config does not define.")).ToArray();
        return new Model(Refs(inputRefs, "input_layers"), Refs(outputRefs, "output_layers"), name);
    }

    /// <summary>input_layers/output_layers: one [name, 0, 0] triple (Keras 3 for one tensor) or a list of them.</summary>
    static IEnumerable<string> TensorTriples(JsonElement refs, string key)
    {
        if (refs.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"The functional config's {key} is {Show(refs)}; expected [layer_name, 0, 0] triples.");
        var list = refs.GetArrayLength() > 0 && refs[0].ValueKind == JsonValueKind.String ? new[] { refs } : refs.EnumerateArray().ToArray();
        foreach (var r in list) yield return HistoryName(r, key);
    }

    /// <summary>The producing layer of a [layer_name, node_index, tensor_index] reference (each layer is called once and has one output).</summary>
    static string HistoryName(JsonElement r, string where)
    {
        if (r.ValueKind != JsonValueKind.Array || r.GetArrayLength() < 3 || r[0].ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"{where}: tensor reference {Show(r)} is not [layer_name, node_index, tensor_index].");
        string n = r[0].GetString()!;
        if (r[1].ValueKind != JsonValueKind.Number || r[1].GetInt32() != 0 || r[2].ValueKind != JsonValueKind.Number || r[2].GetInt32() != 0)
            throw new NotSupportedException($"{where}: tensor reference {Show(r)} names call {r[1].GetRawText()}, output {r[2].GetRawText()} of layer '{n}'; KerasSharp loads layers called once, with one output.");
        return n;
    }

    /// <summary>
    /// The layers whose outputs a call takes: Keras 3's {"args": [...], "kwargs": {...}} with
    /// __keras_tensor__ entries, or tf.keras 2's [[name, node, tensor, kwargs], ...].
    /// </summary>
    static List<string> NodeInputs(JsonElement node, string layerName, bool recurrent = false)
    {
        var result = new List<string>();
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in node.EnumerateArray())
            {
                result.Add(HistoryName(r, $"Layer '{layerName}'"));
                if (r.GetArrayLength() > 3 && r[3].ValueKind == JsonValueKind.Object && r[3].EnumerateObject().Any())
                    throw new NotSupportedException($"Layer '{layerName}' is called with arguments {Show(r[3])}; KerasSharp loads calls on tensors only.");
            }
            return result;
        }
        var n = new ConfigReader($"inbound node of layer '{layerName}'", node);
        var args = n.Raw("args") ?? throw new InvalidDataException($"Layer '{layerName}' has an inbound node without args.");
        if (n.Raw("kwargs") is { } kw)
            foreach (var p in kw.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null) continue;
                // Keras records an RNN's default training=False in its node; it changes nothing there.
                if (p.Name == "training" && p.Value.ValueKind == JsonValueKind.False && recurrent) continue;
                throw new NotSupportedException($"Layer '{layerName}' is called with the keyword input '{p.Name}' = {Show(p.Value)}, which KerasSharp's functional models do not carry; " +
                    "loading the model without it would compute something else. KerasSharp loads calls on tensors only.");
            }
        n.Done();
        void Walk(JsonElement a)
        {
            if (a.ValueKind == JsonValueKind.Array) { foreach (var x in a.EnumerateArray()) Walk(x); return; }
            if (Str(a, "class_name") == "__keras_tensor__" && Get(a, "config") is { } tc && Get(tc, "keras_history") is { } h)
            {
                result.Add(HistoryName(h, $"Layer '{layerName}'"));
                return;
            }
            throw new NotSupportedException($"Layer '{layerName}' is called with the argument {Show(a)}; KerasSharp loads calls on tensors only.");
        }
        Walk(args);
        return result;
    }
}
