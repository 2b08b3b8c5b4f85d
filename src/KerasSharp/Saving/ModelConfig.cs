using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>Keras 3's model config (the JSON in config.json and in TensorBoard's graph_keras_model summary).</summary>
public static class ModelConfig
{
    /// <summary>A layer as {module, class_name, config, registered_name}.</summary>
    public static Dictionary<string, object?> Layer(Layer layer, Dictionary<string, object?>? extra = null)
    {
        var d = new Dictionary<string, object?>
        {
            ["module"] = "keras.layers",
            ["class_name"] = layer.class_name,
            ["config"] = layer.get_config(),
            ["registered_name"] = null,
        };
        if (layer.BuiltInputShapes is { } shapes && layer is not InputLayer)
            d["build_config"] = new Dictionary<string, object?> { ["input_shape"] = shapes[0] };
        if (extra is not null) foreach (var kv in extra) d[kv.Key] = kv.Value;
        return d;
    }

    /// <summary>Sequential's config: name, trainable, and its layers (an InputLayer first when built).</summary>
    public static Dictionary<string, object?> Sequential(Sequential model)
    {
        var layers = new List<object?>();
        if (model.InputLayer is { } il) layers.Add(Layer(il));
        foreach (var l in model.layers) layers.Add(Layer(l));
        return new() { ["name"] = model.name, ["trainable"] = true, ["dtype"] = "float32", ["layers"] = layers };
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
                nodes.Add(new Dictionary<string, object?> { ["args"] = node.Inputs.Count == 1 ? args : new List<object?> { args }, ["kwargs"] = new Dictionary<string, object?>() });
            }
            var d = Layer(l);
            d["name"] = l.name;
            d["inbound_nodes"] = nodes;
            layers.Add(d);
        }
        object? Ref(KerasTensor t) => new object?[] { t.Node.Layer.name, 0, 0 };
        // Keras 3 writes a list of [layer, node, tensor] triples, even for one input or output.
        return new()
        {
            ["name"] = model.name,
            ["trainable"] = true,
            ["layers"] = layers,
            ["input_layers"] = model.inputs.Select(Ref).ToList(),
            ["output_layers"] = model.outputs.Select(Ref).ToList(),
        };
    }

    /// <summary>The model as Keras serializes it: module, class_name, config, registered_name, build_config (and compile_config).</summary>
    public static Dictionary<string, object?> Serialize(Model model, bool includeCompile)
    {
        var d = new Dictionary<string, object?>
        {
            ["module"] = model is Sequential ? "keras" : "keras.src.models.functional",
            ["class_name"] = model.class_name,
            ["config"] = model.get_config(),
            ["registered_name"] = model is Sequential ? null : "Functional",
            ["build_config"] = new Dictionary<string, object?> { ["input_shape"] = model.inputs.Count == 1 ? model.inputs[0].shape : model.inputs.Select(i => i.shape).ToList() },
        };
        if (includeCompile && model.Config is { TrainOps.Count: 1 } cfg && cfg.TrainOps[0].Prefix == "")
        {
            var op = cfg.TrainOps[0];
            d["compile_config"] = new Dictionary<string, object?>
            {
                ["optimizer"] = new Dictionary<string, object?> { ["module"] = "keras.optimizers", ["class_name"] = op.Optimizer.class_name, ["config"] = op.Optimizer.get_config(), ["registered_name"] = null },
                ["loss"] = op.Losses.Count == 1 ? LossObject(op.Losses[0]) : op.Losses.Select(LossObject).ToList(),
                ["loss_weights"] = op.LossWeights,
                ["metrics"] = op.Metrics.Count == 0 ? null : op.Metrics.Select(m => (object?)m.name).ToList(),
                ["weighted_metrics"] = null,
                ["run_eagerly"] = false,
                ["steps_per_execution"] = 1,
                ["jit_compile"] = false,
            };
        }
        return d;
    }

    static object LossObject(Losses.Loss l) => new Dictionary<string, object?> { ["module"] = "keras.losses", ["class_name"] = l.class_name, ["config"] = l.get_config(), ["registered_name"] = null };

    /// <summary>The model as Keras's JSON.</summary>
    public static string ToJson(Model model) => JsonSerializer.Serialize(Serialize(model, includeCompile: false));
}
