using KerasSharp.Layers;
using KerasSharp.Models;
using PureHDF;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// The weights of a model laid out as Keras 3's H5IOStore writes them (saving_lib.py): a "vars" group
/// per saveable; the model's layers under "layers/&lt;snake_case class name&gt;[_n]/vars/&lt;i&gt;" in
/// layer order (Sequential leaves out its InputLayer); the optimizer under "optimizer/vars/&lt;i&gt;"
/// (iterations, learning_rate, then each trainable variable's slots). Tensors are in Keras's layout
/// (Dense [in, out], Conv2D [kh, kw, in, out]).
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
            string n = Layer.SnakeCase(l.GetType().Name == "Activation" ? "Activation" : l.class_name);
            if (used.TryGetValue(n, out int k)) { used[n] = k + 1; n = $"{n}_{k + 1}"; } else used[n] = 0;
            result.Add((l, "layers/" + n));
        }
        return result;
    }

    /// <summary>Everything to store: path → (shape, float32 values) or int64 scalars.</summary>
    public static List<(string path, long[] shape, Array data)> Collect(Model model, bool includeOptimizer)
    {
        var items = new List<(string, long[], Array)>();
        foreach (var (layer, path) in LayerPaths(model))
        {
            int i = 0;
            foreach (var w in layer.variables)
            {
                using var t = w.ToKeras();
                items.Add(($"{path}/vars/{i++}", t.shape, t.to(float32).data<float>().ToArray()));
            }
        }
        if (includeOptimizer && model.optimizer is { } opt && opt.Variables.Any())
        {
            int i = 0;
            items.Add(($"optimizer/vars/{i++}", Array.Empty<long>(), new long[] { opt.iterations }));
            items.Add(($"optimizer/vars/{i++}", Array.Empty<long>(), new float[] { (float)opt.learning_rate }));
            foreach (var (variable, slot) in opt.KerasSlotOrder(model.trainable_weights.Select(w => w.Value).ToList()))
            {
                using var c = opt.SlotsFor(variable)[slot].detach().cpu().contiguous();
                items.Add(($"optimizer/vars/{i++}", c.shape, c.data<float>().ToArray()));
            }
            foreach (var extra in opt.ExtraState) items.Add(($"optimizer/vars/{i++}", Array.Empty<long>(), new float[] { (float)extra }));
        }
        return items;
    }

    /// <summary>Writes the H5 file (root "vars" groups included, as Keras writes them).</summary>
    public static void WriteH5(Model model, string path, bool includeOptimizer, IReadOnlyDictionary<string, Array>? extra = null)
    {
        var root = new H5File { ["vars"] = new H5Group() };
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
        foreach (var (layer, lp) in LayerPaths(model)) Group(lp + "/vars");
        foreach (var (p, shape, data) in Collect(model, includeOptimizer))
        {
            int slash = p.LastIndexOf('/');
            var g = Group(p[..slash]);
            ulong[] dims = shape.Select(d => (ulong)d).ToArray();
            g[p[(slash + 1)..]] = data switch
            {
                float[] f => new H5Dataset(f, fileDims: dims),
                long[] l => new H5Dataset(l, fileDims: dims),
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

    /// <summary>Reads an H5 weights file into the model (and optimizer), checking every shape.</summary>
    public static void ReadH5(Model model, string path, bool loadOptimizer, string displayName)
    {
        using var f = H5File.OpenRead(path);
        Func<string, bool> exists = p => LinkExists(f, p);
        Func<string, (long[] shape, float[] data)> read = p =>
        {
            var ds = f.Dataset(p);
            var shape = ds.Space.Dimensions.Select(d => (long)d).ToArray();
            float[] data = ds.Type.Class == H5DataTypeClass.FloatingPoint
                ? (ds.Type.Size == 8 ? ds.Read<double[]>().Select(v => (float)v).ToArray() : ds.Read<float[]>())
                : ds.Read<long[]>().Select(v => (float)v).ToArray();
            return (shape, data);
        };
        Apply(model, exists, read, loadOptimizer, displayName);
    }

    static bool LinkExists(IH5Group f, string p)
    {
        IH5Group g = f;
        var parts = p.Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            if (!g.LinkExists(parts[i])) return false;
            if (i < parts.Length - 1) g = g.Group(parts[i]);
        }
        return true;
    }

    /// <summary>Assigns stored values to the model, from any store (H5 or npz).</summary>
    public static void Apply(Model model, Func<string, bool> exists, Func<string, (long[] shape, float[] data)> read, bool loadOptimizer, string displayName)
    {
        foreach (var (layer, lp) in LayerPaths(model))
        {
            var vars = layer.variables;
            for (int i = 0; i < vars.Count; i++)
            {
                string p = $"{lp}/vars/{i}";
                if (!exists(p))
                    throw new InvalidDataException($"'{displayName}' has no weight '{p}' for layer '{layer.name}' ({layer.class_name}), which has {vars.Count} weights.");
                var (shape, data) = read(p);
                var want = vars[i].shape;
                if (!want.SequenceEqual(shape))
                    throw new InvalidDataException($"'{displayName}': weight '{p}' of layer '{layer.name}' has shape {Utils.Shapes.Format(shape)}, the model expects {Utils.Shapes.Format(want)}.");
                vars[i].Assign(torch.tensor(data, shape));
            }
        }
        if (!loadOptimizer || model.optimizer is not { } opt || !exists("optimizer/vars/0")) return;
        int k = 2;
        // Read every slot first; assign only if all fit, so that an optimizer of another layout
        // (another class, or an optimizer never built) leaves fresh state instead of half a state.
        var order = opt.KerasSlotOrder(model.trainable_weights.Select(w => w.Value).ToList()).ToList();
        var values = new List<(Tensor target, torch.Tensor value)>();
        foreach (var (variable, slot) in order)
        {
            string p = $"optimizer/vars/{k++}";
            var target = opt.SlotsFor(variable)[slot];
            if (!exists(p)) { Console.Error.WriteLine($"KerasSharp: '{displayName}' holds no optimizer state for this model ('{p}' is missing); the optimizer starts fresh."); return; }
            var (shape, data) = read(p);
            if (!target.shape.SequenceEqual(shape))
            {
                Console.Error.WriteLine($"KerasSharp: '{displayName}': optimizer variable '{p}' has shape {Utils.Shapes.Format(shape)}, {opt.class_name} expects {Utils.Shapes.Format(target.shape)}; the weights are loaded, the optimizer starts fresh.");
                return;
            }
            values.Add((target, torch.tensor(data, shape)));
        }
        using (torch.no_grad())
            foreach (var (target, value) in values) target.copy_(value.to(target.device));
        opt.iterations = (long)read("optimizer/vars/0").data[0];
        // Keras stores the learning rate as float32: keep the compiled (double) value when it is the same float32.
        if (exists("optimizer/vars/1") && read("optimizer/vars/1").data[0] is float storedLr && storedLr != (float)opt.learning_rate) opt.learning_rate = storedLr;
        var extra = new List<double>();
        while (exists($"optimizer/vars/{k}")) extra.Add(read($"optimizer/vars/{k++}").data[0]);
        if (extra.Count > 0) opt.ExtraState = extra.ToArray();
    }
}
