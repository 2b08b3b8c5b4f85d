using KerasSharp.Layers;
using KerasSharp.Models;
using PureHDF;
using TorchSharp;

namespace KerasSharp.Saving;

/// <summary>
/// The weights of a model laid out as Keras 3's H5IOStore writes them (saving_lib.py): a "vars" group
/// per saveable, with the saveable's name as its "name" attribute; the model's layers under
/// "layers/&lt;snake_case class name&gt;[_n]/vars/&lt;i&gt;" in layer order (a Sequential leaves out
/// its InputLayer, a functional model lists its InputLayers); the optimizer under
/// "optimizer/vars/&lt;i&gt;" in Keras's order (see <see cref="OptimizerState"/>). Tensors are in
/// Keras's layout (Dense [in, out], Conv2D [kh, kw, in/groups, filters]).
/// </summary>
public static class WeightsStore
{
    /// <summary>Each layer's store path, as Keras names it from the class (not from layer.name).</summary>
    public static List<(Layer layer, string path)> LayerPaths(Model model)
    {
        var used = new Dictionary<string, int>();
        var result = new List<(Layer, string)>();
        foreach (var l in model.layers)
        {
            string n = Layer.SnakeCase(l.class_name);
            if (used.TryGetValue(n, out int k)) { used[n] = k + 1; n = $"{n}_{k + 1}"; } else used[n] = 0;
            result.Add((l, "layers/" + n));
        }
        return result;
    }

    /// <summary>
    /// The group that holds a layer's variables: "&lt;layer path&gt;/vars", or, for the recurrent
    /// layers, whose variables Keras keeps in their cell, "&lt;layer path&gt;/cell/vars".
    /// </summary>
    public static string VarsPath(Layer layer, string layerPath) => layer is RecurrentLayer ? $"{layerPath}/cell/vars" : $"{layerPath}/vars";

    /// <summary>Everything to store: path → (shape, values): float[] for weights and slots, int[] for the iteration counter.</summary>
    public static List<(string path, long[] shape, Array data)> Collect(Model model, bool includeOptimizer)
    {
        var items = new List<(string, long[], Array)>();
        foreach (var (layer, path) in LayerPaths(model))
        {
            int i = 0;
            foreach (var w in layer.variables)
            {
                using var t = w.ToKeras();
                using var f = t.to(torch.float32);
                items.Add(($"{VarsPath(layer, path)}/{i++}", t.shape, f.data<float>().ToArray()));
            }
        }
        if (includeOptimizer && model.optimizer is { } opt)
        {
            int i = 0;
            foreach (var v in OptimizerState.Read(opt, model)) items.Add(($"optimizer/vars/{i++}", v.shape, v.data));
        }
        return items;
    }

    /// <summary>Writes the H5 file as Keras does: a "vars" group per layer, the optimizer's, the model's own (empty).</summary>
    public static void WriteH5(Model model, string path, bool includeOptimizer, IReadOnlyDictionary<string, Array>? extra = null)
    {
        var root = new H5File { ["vars"] = new H5Group { Attributes = new() { ["name"] = model.name } } };
        H5Group Group(string p)
        {
            H5Group g = root;
            foreach (var part in p.Split('/'))
            {
                if (!g.TryGetValue(part, out var child)) { child = new H5Group(); g[part] = child; }
                g = (H5Group)child;
            }
            return g;
        }
        foreach (var (layer, lp) in LayerPaths(model)) { if (layer is RecurrentLayer) Group(lp + "/vars"); Group(VarsPath(layer, lp)).Attributes = new() { ["name"] = layer.name }; }
        if (includeOptimizer && model.optimizer is { } opt) Group("optimizer/vars").Attributes = new() { ["name"] = opt.name };
        foreach (var (p, shape, data) in Collect(model, includeOptimizer))
        {
            int slash = p.LastIndexOf('/');
            var g = Group(p[..slash]);
            ulong[] dims = shape.Select(d => (ulong)d).ToArray();
            g[p[(slash + 1)..]] = data switch
            {
                float[] f => new H5Dataset(f, fileDims: dims),
                int[] n => new H5Dataset(n, fileDims: dims),
                _ => throw new InvalidOperationException("unexpected weight type"),
            };
        }
        if (extra is not null)
            foreach (var (p, data) in extra)
            {
                int slash = p.LastIndexOf('/');
                Group(p[..slash])[p[(slash + 1)..]] = data switch
                {
                    byte[] b => new H5Dataset(b, fileDims: new[] { (ulong)b.Length }),
                    long[] l => new H5Dataset(l, fileDims: new[] { (ulong)l.Length }),
                    _ => throw new InvalidOperationException("unexpected extra type"),
                };
            }
        root.Write(path);
    }

    /// <summary>Reads an H5 weights file into the model (and optimizer), checking every count and shape.</summary>
    /// <param name="model">The model, built.</param>
    /// <param name="path">The .h5 file on disk.</param>
    /// <param name="loadOptimizer">Whether to restore the optimizer's state when the file has it.</param>
    /// <param name="displayName">The name errors give for the file (the .keras archive it came from).</param>
    public static void ReadH5(Model model, string path, bool loadOptimizer, string displayName)
    {
        using var f = H5Reader.Open(path, displayName);
        Apply(model, f, loadOptimizer);
    }

    /// <summary>
    /// Assigns the stored values to the model. Each layer must find as many values as it has
    /// weights, each of its weight's shape (Keras's load_own_variables). The optimizer is restored
    /// when the store holds its state: it is built first (Keras builds it when compiling a loaded
    /// model; KerasSharp builds it here too, so that load_weights into a freshly compiled model
    /// resumes training where it stopped). A store with another number of optimizer variables is
    /// skipped with Keras's warning; a slot of another shape is an error.
    /// </summary>
    public static void Apply(Model model, H5Reader f, bool loadOptimizer)
    {
        string name = f.DisplayName;
        foreach (var (layer, lp) in LayerPaths(model))
        {
            var vars = layer.variables;
            string group = VarsPath(layer, lp);
            if (!f.IsGroup(group))
            {
                // tf.keras 2.x files name the layer list _layer_checkpoint_dependencies.
                string legacy = VarsPath(layer, lp.Replace("layers/", "_layer_checkpoint_dependencies/"));
                if (f.IsGroup(legacy)) group = legacy;
            }
            int stored = f.IsGroup(group) ? f.Children(group).Count : 0;
            if (stored != vars.Count)
                throw new InvalidDataException($"'{name}': layer '{layer.name}' ({layer.class_name}) expected {vars.Count} variables, but received {stored} variables during loading " +
                    $"(at '{group}'). Expected: [{string.Join(", ", vars.Select(v => v.name))}].");
            for (int i = 0; i < vars.Count; i++)
            {
                string p = $"{group}/{i}";
                if (!f.Exists(p))
                    throw new InvalidDataException($"'{name}' has no weight '{p}' for layer '{layer.name}' ({layer.class_name}), which has {vars.Count} weights.");
                var want = vars[i].shape;
                // The declared shape is compared before the data is read.
                var (shape, data) = f.Floats(p, want, got =>
                    new InvalidDataException($"'{name}': weight '{p}' of layer '{layer.name}' has shape {Utils.Shapes.Format(got)}, the model expects {Utils.Shapes.Format(want)}."));
                using var t = torch.tensor(data, shape);
                vars[i].Assign(t);
            }
        }
        if (!loadOptimizer || model.optimizer is not { } opt || !f.IsGroup("optimizer/vars")) return;
        int count = f.Children("optimizer/vars").Count;
        if (count == 0) return;
        string At(int i) => $"optimizer/vars/{i}";
        for (int i = 0; i < count; i++)
            if (!f.Exists(At(i))) throw new InvalidDataException($"'{name}': the optimizer's variables are not numbered 0..{count - 1}: '{At(i)}' is missing.");
        var warning = OptimizerState.Assign(opt, model, count, At, i => f.Integer(At(i)), (i, want, mismatch) => f.Floats(At(i), want, mismatch), name);
        if (warning is not null) Console.Error.WriteLine($"UserWarning: '{name}': {warning}");
    }
}
