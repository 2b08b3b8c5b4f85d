using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using PureHDF;

namespace KerasSharp.Saving;

/// <summary>
/// The legacy HDF5 format of tf.keras 2 and Keras 2, which Keras 3 still reads and writes for
/// paths ending in .h5 (keras/src/legacy/saving/legacy_h5_format.py): the architecture as JSON in
/// the root attribute "model_config", the compile arguments in "training_config", the weights in
/// the group "model_weights" (attribute "layer_names"; a group per layer, named by the layer, with
/// attribute "weight_names" and a dataset per weight, trainable weights first), and the optimizer's
/// variables in "optimizer_weights" (attribute "weight_names", in the optimizer's order). A
/// weights-only file (tf.keras 2's save_weights("w.h5")) has "layer_names" at its root.
/// </summary>
public static class LegacyH5
{
    /// <summary>Keras's warning when a model is saved in this format (saving_api.py).</summary>
    public const string Warning = "WARNING: You are saving your model as an HDF5 file via `model.save()` or `keras.saving.save_model(model)`. " +
        "This file format is considered legacy. We recommend using instead the native Keras format, e.g. `model.save('my_model.keras')` or `keras.saving.save_model(model, 'my_model.keras')`. ";

    /// <summary>
    /// model.save("m.h5"), as Keras 3's save_model_to_hdf5 writes it: the legacy model config, the
    /// training config with its optimizer_config, the weights by layer name (trainable first), and
    /// with <paramref name="includeOptimizer"/> the optimizer's variables by Keras's names. The
    /// "backend" attribute says "torch", the Keras backend whose engine KerasSharp shares.
    /// </summary>
    public static void Save(Model model, string path, bool includeOptimizer)
    {
        var config = ModelConfig.Serialize(model, includeCompile: false);
        var modelConfig = new Dictionary<string, object?> { ["class_name"] = config["class_name"], ["config"] = LegacyConfig(config["config"]) };
        var root = new H5File
        {
            Attributes = new()
            {
                ["backend"] = "torch",
                ["keras_version"] = KerasArchive.KerasVersion,
                ["model_config"] = PythonJson.Serialize(modelConfig),
            },
        };
        if (includeOptimizer && (model.CompiledWith ?? CompileConfig.FromTrainingConfig(model)) is { } compiled)
        {
            var training = compiled.Serialize();
            var optimizer = (Dictionary<string, object?>)training["optimizer"]!;
            training.Remove("optimizer");
            training["optimizer_config"] = new Dictionary<string, object?> { ["class_name"] = optimizer["class_name"], ["config"] = optimizer["config"] };
            root.Attributes["training_config"] = PythonJson.Serialize(training);
        }
        var weights = new H5Group
        {
            Attributes = new() { ["backend"] = "torch", ["keras_version"] = KerasArchive.KerasVersion, ["layer_names"] = model.layers.Select(l => l.name).ToArray() },
        };
        root["model_weights"] = weights;
        foreach (var layer in model.layers.OrderBy(l => l.name, StringComparer.Ordinal))
        {
            var ws = layer.trainable_weights.Concat(layer.non_trainable_weights).ToList();
            var g = new H5Group { Attributes = new() { ["weight_names"] = ws.Select(w => w.path).ToArray() } };
            weights[layer.name] = g;
            foreach (var w in ws)
            {
                using var t = w.ToKeras();
                Put(g, w.path, t.shape, t.to(TorchSharp.torch.float32).data<float>().ToArray());
            }
        }
        weights["top_level_model_weights"] = new H5Group { Attributes = new() { ["weight_names"] = Array.Empty<string>() } };
        if (includeOptimizer && model.optimizer is { } opt)
        {
            var vars = OptimizerState.Read(opt, model);
            var g = new H5Group { Attributes = new() { ["weight_names"] = vars.Select(v => v.name).ToArray() } };
            root["optimizer_weights"] = g;
            foreach (var v in vars) Put(g, v.name, v.shape, v.data);
        }
        KerasArchive.WriteAtomically(path, tmp => root.Write(tmp));
    }

    /// <summary>A dataset at a path of nested groups ("dense/kernel": group "dense", dataset "kernel"), as h5py makes from a name with slashes.</summary>
    static void Put(H5Group g, string name, long[] shape, Array data)
    {
        var parts = name.Split('/');
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!g.TryGetValue(parts[i], out var child)) { child = new H5Group(); g[parts[i]] = child; }
            g = (H5Group)child;
        }
        var dims = shape.Select(d => (ulong)d).ToArray();
        g[parts[^1]] = data switch
        {
            float[] f => new H5Dataset(f, fileDims: dims),
            int[] n => new H5Dataset(n, fileDims: dims),
            _ => throw new InvalidOperationException("unexpected weight type"),
        };
    }

    /// <summary>Keras's legacy config: the layer entries without module, registered_name and build_config.</summary>
    static object? LegacyConfig(object? config)
    {
        if (config is not Dictionary<string, object?> c || c["layers"] is not List<object?> layers) return config;
        var copy = new Dictionary<string, object?>(c)
        {
            ["layers"] = layers.Select(l => (object?)((Dictionary<string, object?>)l!).Where(kv => kv.Key is not ("module" or "registered_name" or "build_config"))
                .ToDictionary(kv => kv.Key, kv => kv.Value)).ToList(),
        };
        return copy;
    }

    /// <summary>keras.models.load_model for a .h5 file: the architecture, the weights and, with <paramref name="compile"/>, the training configuration and optimizer state.</summary>
    public static Model Load(string path, bool compile)
    {
        using var f = H5Reader.Open(path);
        if (!f.HasAttribute("", "model_config"))
            throw new InvalidDataException($"No model config found in the file at {path}." + (f.HasAttribute("", "layer_names") ? " It holds weights only: build the model and call load_weights." : ""));
        Model model;
        // Each layer is counted before it is built: the config cannot ask for more weights than the file holds.
        using (LoadBudget.Begin(LoadLimits.Current, path, f.FileLength, $"the file"))
            model = Deserializer.Model(Json(f, "model_config"));
        if (!f.IsGroup("model_weights")) throw new InvalidDataException($"'{path}' has a model config but no 'model_weights' group.");
        LoadWeights(model, f, "model_weights");
        if (!compile) return model;
        if (!f.HasAttribute("", "training_config"))
        {
            Console.Error.WriteLine("WARNING: No training configuration found in the save file, so the model was *not* compiled. Compile it manually.");
            return model;
        }
        CompileConfig.ApplyLegacy(model, Json(f, "training_config"));
        if (f.IsGroup("optimizer_weights") && model.optimizer is { } opt)
        {
            var names = Names(f, "optimizer_weights", "weight_names");
            string At(int i) => $"optimizer_weights/{names[i]}";
            var warning = OptimizerState.Assign(opt, model, names.Count, At, i => f.Integer(At(i)), (i, want, mismatch) => f.Floats(At(i), want, mismatch), path);
            if (warning is not null)
                Console.Error.WriteLine($"WARNING: Error in loading the saved optimizer state. As a result, your model is starting with a freshly initialized optimizer. ({warning})");
        }
        return model;
    }

    static JsonElement Json(H5Reader f, string attribute)
    {
        string text = f.StringAttribute("", attribute);
        long max = LoadLimits.Current.MaxConfigBytes;
        if (text.Length > max)
            throw new InvalidDataException($"'{f.DisplayName}': the attribute '{attribute}' is {LoadLimits.Bytes(text.Length)} of text, over the limit of {LoadLimits.Bytes(max)} (LoadLimits.MaxConfigBytes); the file is refused.");
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new InvalidDataException($"'{f.DisplayName}': the attribute '{attribute}' is not valid JSON: {e.Message}", e); }
    }

    /// <summary>A list-of-names attribute, also when h5py split it into name0, name1, ... (attributes over 64 KB).</summary>
    static IReadOnlyList<string> Names(H5Reader f, string group, string name)
    {
        if (f.HasAttribute(group, name)) return f.StringsAttribute(group, name);
        var all = new List<string>();
        for (int chunk = 0; f.HasAttribute(group, $"{name}{chunk}"); chunk++) all.AddRange(f.StringsAttribute(group, $"{name}{chunk}"));
        return all;
    }

    /// <summary>Keras's load_weights for a legacy .h5 file: from its model_weights group, or its root for a weights-only file.</summary>
    public static void LoadWeights(Model model, string path)
    {
        using var f = H5Reader.Open(path);
        string group = !f.HasAttribute("", "layer_names") && f.IsGroup("model_weights") ? "model_weights" : "";
        if (!f.HasAttribute(group, "layer_names"))
            throw new InvalidDataException($"'{path}' is not a Keras weights file: it has no 'layer_names' attribute (at '{(group == "" ? "/" : group)}').");
        LoadWeights(model, f, group);
    }

    /// <summary>Keras's load_weights_from_hdf5_group: layers with weights, in order, each its weights in the legacy order (trainable first).</summary>
    static void LoadWeights(Model model, H5Reader f, string group)
    {
        string G(string p) => group == "" ? p : $"{group}/{p}";
        var layers = model.layers.Where(l => l.variables.Count > 0).ToList();
        var saved = Names(f, group, "layer_names").Where(n => Names(f, G(n), "weight_names").Count > 0).ToList();
        if (saved.Count != layers.Count)
            throw new InvalidDataException($"'{f.DisplayName}': Layer count mismatch when loading weights from file. Model expected {layers.Count} layers, found {saved.Count} saved layers.");
        for (int k = 0; k < layers.Count; k++)
        {
            var layer = layers[k];
            var weights = layer.trainable_weights.Concat(layer.non_trainable_weights).ToList();
            var names = Names(f, G(saved[k]), "weight_names");
            if (names.Count != weights.Count)
                throw new InvalidDataException($"'{f.DisplayName}': Weight count mismatch for layer #{k} (named {layer.name} in the current model, {saved[k]} in the save file). " +
                    $"Layer expects {weights.Count} weight(s). Received {names.Count} saved weight(s)");
            var values = new List<(long[] shape, float[] data)>();
            for (int i = 0; i < names.Count; i++)
            {
                // The declared shape is compared before the data is read.
                var (shape, data) = f.Floats(G($"{saved[k]}/{names[i]}"), weights[i].shape, got =>
                    new InvalidDataException($"'{f.DisplayName}': Shape mismatch in layer #{k} (named {layer.name}) for weight {weights[i].path}. " +
                        $"Weight expects shape {Utils.Shapes.Format(weights[i].shape)}. Received saved weight with shape {Utils.Shapes.Format(got)}"));
                values.Add((shape, data));
            }
            for (int i = 0; i < weights.Count; i++)
            {
                using var t = TorchSharp.torch.tensor(values[i].data, values[i].shape);
                weights[i].Assign(t);
            }
        }
        if (f.IsGroup(G("top_level_model_weights")) && Names(f, G("top_level_model_weights"), "weight_names").Count > 0)
            throw new NotSupportedException($"'{f.DisplayName}' holds weights of the model itself (top_level_model_weights); KerasSharp models keep their weights in their layers.");
    }
}
