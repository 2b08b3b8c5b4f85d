using KerasSharp.Models;
using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>One optimizer variable as Keras lists it in <c>optimizer.variables</c>: its Keras name, shape and value.</summary>
/// <param name="name">Keras's variable path: "adam/iteration", "adam/dense_kernel_momentum".</param>
/// <param name="shape">The shape (a scalar is empty).</param>
/// <param name="data">The values: an int[] for the iteration counter (int32, as Keras on the numpy, JAX and torch backends), a float[] otherwise.</param>
public readonly record struct OptimizerVariable(string name, long[] shape, Array data);

/// <summary>
/// An optimizer's state in Keras 3's order and shapes, which is what the weights store, the legacy
/// .h5 format and <c>summary()</c> read: the iteration counter, the learning rate, then the slots
/// in the order Keras's <c>build</c> creates them (<see cref="Optimizer.KerasSlotOrder"/>), then
/// any scalar state (Nadam's u_product). Slots have their variable's shape, which is Keras's layout.
/// The writer, the readers and summary follow whatever slots the optimizer reports here.
/// </summary>
public static class OptimizerState
{
    /// <summary>Keras's name of a slot (the suffix of its add_variable_from_reference name): the optimizer's own.</summary>
    static string SlotName(Optimizer opt, int slot) => slot < opt.SlotNames.Count ? opt.SlotNames[slot] : $"slot{slot}";

    /// <summary>
    /// Keras's name for the scalar state after the slots: Nadam's u_product is an unnamed
    /// backend.Variable, which Keras names "variable" outside the optimizer's scope (plus a
    /// counter, "variable_1", when the process made others before).
    /// </summary>
    static string ExtraName(int index) => index == 0 ? "variable" : $"variable_{index}";

    /// <summary>
    /// Whether the optimizer has state (Keras's <c>optimizer.built</c>): it has taken a step, or
    /// its slots were created by <see cref="Build"/>. summary() shows optimizer parameters only then.
    /// </summary>
    public static bool IsBuilt(Optimizer opt) => opt.built || opt.iterations > 0 || opt.Variables.Any();

    /// <summary>Keras's <c>optimizer.build(model.trainable_variables)</c>: creates the slots of every trainable variable, in order.</summary>
    public static void Build(Optimizer opt, Model model) => opt.build(model.trainable_weights);

    static List<Layers.Weight> Trainable(Model model) => model.trainable_weights.ToList();

    /// <summary>The (name, shape) of each variable Keras would list, built or not (2 scalars when not built).</summary>
    public static List<(string name, long[] shape)> Layout(Optimizer opt, Model model)
    {
        // Keras keeps the rate in a variable only when it is a number (not for a schedule or a callable).
        var list = new List<(string, long[])> { ($"{opt.name}/iteration", Array.Empty<long>()) };
        if (opt.has_constant_learning_rate) list.Add(($"{opt.name}/learning_rate", Array.Empty<long>()));
        if (!IsBuilt(opt)) return list;
        var weights = Trainable(model);
        var byTensor = new Dictionary<Tensor, Layers.Weight>(ReferenceEqualityComparer.Instance);
        foreach (var w in weights) byTensor.TryAdd(w.Value, w);
        foreach (var (variable, slot) in opt.KerasSlotOrder(weights.Select(w => w.Value).ToList()))
            list.Add(($"{opt.name}/{byTensor[variable].path.Replace('/', '_')}_{SlotName(opt, slot)}", variable.shape));
        for (int i = 0; i < opt.ExtraState.Length; i++) list.Add((ExtraName(i), Array.Empty<long>()));
        return list;
    }

    /// <summary>Number of scalars and bytes of the variables Keras would list (the counter is int32: 4 bytes, as every value).</summary>
    public static (long count, long bytes) Size(Optimizer opt, Model model)
    {
        long n = Layout(opt, model).Sum(v => v.shape.Aggregate(1L, (p, d) => p * d));
        return (n, n * 4);
    }

    /// <summary>The variables Keras would list, with copies of their values (CPU).</summary>
    public static List<OptimizerVariable> Read(Optimizer opt, Model model)
    {
        var layout = Layout(opt, model);
        var result = new List<OptimizerVariable> { new(layout[0].name, Array.Empty<long>(), new[] { checked((int)opt.iterations) }) };
        if (opt.has_constant_learning_rate) result.Add(new(layout[1].name, Array.Empty<long>(), new[] { (float)opt.learning_rate }));
        int k = result.Count;
        if (layout.Count == k) return result;
        using (torch.no_grad())
            foreach (var (variable, slot) in opt.KerasSlotOrder(Trainable(model).Select(w => w.Value).ToList()))
            {
                using var c = opt.SlotsFor(variable)[slot].detach().to(float32).cpu().contiguous();
                result.Add(new(layout[k++].name, c.shape, c.data<float>().ToArray()));
            }
        foreach (var x in opt.ExtraState) result.Add(new(layout[k++].name, Array.Empty<long>(), new[] { (float)x }));
        return result;
    }

    /// <summary>
    /// Sets the optimizer's state from stored values in Keras's order (index 0 the counter, 1 the
    /// learning rate). The optimizer is built first when the store holds slots, so that a freshly
    /// compiled model takes the saved state. Returns null when done, or Keras's warning when the
    /// number of variables differs (nothing is assigned then, as Keras's load_own_variables).
    /// A slot of the wrong shape is an error naming the store, the path and both shapes;
    /// <paramref name="read"/> takes the expected shape and the error to give for another, and
    /// refuses before reading the data.
    /// </summary>
    public static string? Assign(Optimizer opt, Model model, int count, Func<int, string> pathOf, Func<int, long> readInteger,
        Func<int, long[], Func<long[], Exception>, (long[] shape, float[] data)> read, string displayName)
    {
        int scalars = opt.has_constant_learning_rate ? 2 : 1;
        if (count > scalars && !IsBuilt(opt)) Build(opt, model);
        var layout = Layout(opt, model);
        if (count != layout.Count)
            return $"Skipping variable loading for optimizer '{opt.name}', because it has {layout.Count} variables whereas the saved optimizer has {count} variables.";
        // Read and check every value first; assign only when all fit.
        long iterations = readInteger(0);
        if (iterations < 0) throw new InvalidDataException($"'{displayName}': optimizer variable '{pathOf(0)}' (the iteration counter) is {iterations}; expected a count >= 0.");
        var values = new List<(long[] shape, float[] data)>();
        for (int i = 1; i < count; i++)
        {
            // read compares the declared shape with the layout's before it reads the data.
            int at = i;
            var (shape, data) = read(i, layout[i].shape, got =>
                new InvalidDataException($"'{displayName}': optimizer variable '{pathOf(at)}' has shape {Utils.Shapes.Format(got)}; {opt.class_name}'s variable {layout[at].name} has shape {Utils.Shapes.Format(layout[at].shape)}."));
            values.Add((shape, data));
        }
        opt.iterations = iterations;
        int k = 0;
        if (opt.has_constant_learning_rate)
        {
            // Keras stores the learning rate as float32: keep the compiled (double) value when it is the same float32.
            float lr = values[k++].data[0];
            if (lr != (float)opt.learning_rate) opt.learning_rate = lr;
        }
        using (torch.no_grad())
            foreach (var (variable, slot) in opt.KerasSlotOrder(Trainable(model).Select(w => w.Value).ToList()))
            {
                var target = opt.SlotsFor(variable)[slot];
                var (shape, data) = values[k++];
                using var t = torch.tensor(data, shape);
                target.copy_(t.to(target.dtype).to(target.device));
            }
        var extra = opt.ExtraState;
        for (int e = 0; e < extra.Length; e++) extra[e] = values[k++].data[0];
        if (extra.Length > 0) opt.ExtraState = extra;
        return null;
    }
}
