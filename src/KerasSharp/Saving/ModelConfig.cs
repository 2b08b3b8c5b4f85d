using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>Keras 3's model config (the JSON in config.json and in TensorBoard's graph_keras_model summary), as Keras 3.15.1 writes it.</summary>
public static class ModelConfig
{
    /// <summary>Keras's DTypePolicy("float32") in serialized form.</summary>
    public static Dictionary<string, object?> Float32Policy() => new()
    {
        ["module"] = "keras", ["class_name"] = "DTypePolicy", ["config"] = new Dictionary<string, object?> { ["name"] = "float32" }, ["registered_name"] = null,
    };

    /// <summary>
    /// A layer as {module, class_name, config, registered_name, build_config}. Keras writes a
    /// build_config only for the layers that build something (those with weights, and the merge
    /// layers): the input shape, or for a merge layer the list of its input shapes.
    /// </summary>
    public static Dictionary<string, object?> Layer(Layer layer, Dictionary<string, object?>? extra = null)
    {
        var d = new Dictionary<string, object?>
        {
            ["module"] = "keras.layers",
            ["class_name"] = layer.class_name,
            ["config"] = layer.get_config(),
            ["registered_name"] = null,
        };
        if (layer.BuiltInputShapes is { Count: > 0 } shapes && layer is not InputLayer && (layer is Merge || layer.variables.Count > 0))
            d["build_config"] = new Dictionary<string, object?> { ["input_shape"] = layer is Merge || shapes.Count > 1 ? shapes.ToList() : shapes[0] };
        if (extra is not null) foreach (var kv in extra) d[kv.Key] = kv.Value;
        return d;
    }

    /// <summary>Sequential's config: name, trainable, dtype, its layers (an InputLayer first when built) and build_input_shape.</summary>
    public static Dictionary<string, object?> Sequential(Sequential model)
    {
        var layers = new List<object?>();
        if (model.InputLayer is { } il) layers.Add(Layer(il));
        foreach (var l in model.layers) layers.Add(Layer(l));
        var c = new Dictionary<string, object?> { ["name"] = model.name, ["trainable"] = true, ["dtype"] = Float32Policy(), ["layers"] = layers };
        if (model.InputLayer is { } input) c["build_input_shape"] = input.BatchInputShape;
        return c;
    }

    /// <summary>A functional model's config, with Keras 3's inbound_nodes.</summary>
    public static Dictionary<string, object?> Functional(Model model)
    {
        var layers = new List<object?>();
        foreach (var l in model.layers)
        {
            var nodes = new List<object?>();
            foreach (var node in l.InboundNodes.Where(n => n.Inputs.Count > 0))
            {
                var args = node.Inputs.Select(t => (object?)new Dictionary<string, object?>
                {
                    ["class_name"] = "__keras_tensor__",
                    ["config"] = new Dictionary<string, object?> { ["shape"] = t.shape, ["dtype"] = "float32", ["keras_history"] = new object?[] { t.Node.Layer.name, 0, 0 } },
                }).ToList();
                // One tensor is the call's argument; a merge layer's tensors are one list argument.
                nodes.Add(new Dictionary<string, object?> { ["args"] = l is Merge || node.Inputs.Count > 1 ? new List<object?> { args } : args, ["kwargs"] = new Dictionary<string, object?>() });
            }
            var d = Layer(l);
            d["name"] = l.name;
            d["inbound_nodes"] = nodes;
            layers.Add(d);
        }
        object? Ref(KerasTensor t) => new object?[] { t.Node.Layer.name, 0, 0 };
        // Keras 3.15 writes one [layer, node, tensor] triple for a single input or output, a list of triples for several.
        object? Refs(IReadOnlyList<KerasTensor> ts) => ts.Count == 1 ? Ref(ts[0]) : ts.Select(Ref).ToList();
        return new()
        {
            ["name"] = model.name,
            ["trainable"] = true,
            ["layers"] = layers,
            ["input_layers"] = Refs(model.inputs),
            ["output_layers"] = Refs(model.outputs),
        };
    }

    /// <summary>
    /// The model as Keras serializes it: module, class_name, config, registered_name, build_config,
    /// and with <paramref name="includeCompile"/> compile_config (compile's arguments; an empty
    /// object when the model is not compiled, as Keras writes it).
    /// </summary>
    public static Dictionary<string, object?> Serialize(Model model, bool includeCompile)
    {
        var d = new Dictionary<string, object?>
        {
            ["module"] = model is Sequential ? "keras" : "keras.src.models.functional",
            ["class_name"] = model.class_name,
            ["config"] = model.get_config(),
            ["registered_name"] = model is Sequential ? null : "Functional",
            // A functional model is built from its graph: Keras writes no input shape for it.
            ["build_config"] = new Dictionary<string, object?> { ["input_shape"] = model is Sequential s ? s.InputLayer?.BatchInputShape : null },
        };
        if (includeCompile)
            d["compile_config"] = (model.CompiledWith ?? CompileConfig.FromTrainingConfig(model))?.Serialize() ?? new Dictionary<string, object?>();
        return d;
    }

    /// <summary>The model as Keras's JSON.</summary>
    public static string ToJson(Model model) => PythonJson.Serialize(Serialize(model, includeCompile: false));
}
