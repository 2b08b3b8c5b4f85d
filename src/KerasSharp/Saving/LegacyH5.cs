using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;

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
    /// <summary>keras.models.load_model for a .h5 file: the architecture, the weights and, with <paramref name="compile"/>, the training configuration and optimizer state.</summary>
    public static Model Load(string path, bool compile)
    {
        using var f = H5Reader.Open(path);
        if (!f.HasAttribute("", "model_config"))
            throw new InvalidDataException($"No model config found in the file at {path}." + (f.HasAttribute("", "layer_names") ? " It holds weights only: build the model and call load_weights." : ""));
        var model = Deserializer.Model(Json(f, "model_config"));
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
            var warning = OptimizerState.Assign(opt, model, names.Count, At, i => f.Integer(At(i)), i => f.Floats(At(i)), path);
            if (warning is not null)
                Console.Error.WriteLine($"WARNING: Error in loading the saved optimizer state. As a result, your model is starting with a freshly initialized optimizer. ({warning})");
        }
        return model;
    }

    static JsonElement Json(H5Reader f, string attribute)
    {
        string text = f.StringAttribute("", attribute);
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
                var (shape, data) = f.Floats(G($"{saved[k]}/{names[i]}"));
                if (!shape.SequenceEqual(weights[i].shape))
                    throw new InvalidDataException($"'{f.DisplayName}': Shape mismatch in layer #{k} (named {layer.name}) for weight {weights[i].path}. " +
                        $"Weight expects shape {Utils.Shapes.Format(weights[i].shape)}. Received saved weight with shape {Utils.Shapes.Format(shape)}");
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
