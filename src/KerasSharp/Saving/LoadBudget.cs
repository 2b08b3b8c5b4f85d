using KerasSharp.Layers;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>
/// Counts the parameters a config asks for while the model is being rebuilt, before each layer
/// allocates its weights: the weights of KerasSharp's own layer classes are worked out from the
/// layer's config and its input shape (<see cref="WeightShapes"/>). A layer that would pass
/// <see cref="LoadLimits.MaxParameters"/>, or a model that would need more bytes of stored weights
/// than its weights file holds, is refused with an error naming the layer and the shape before any
/// of its memory is taken. Layer classes registered from outside are counted after they are built.
/// </summary>
internal sealed class LoadBudget
{
    [ThreadStatic] static LoadBudget? current;

    readonly LoadLimits limits;
    readonly string? file;
    readonly long? storedBytes;
    readonly string? storedWhat;
    readonly Func<Exception>? noWeights;
    long parameters;

    LoadBudget(LoadLimits limits, string? file, long? storedBytes, string? storedWhat, Func<Exception>? noWeights = null)
    {
        this.limits = limits;
        this.file = file;
        this.storedBytes = storedBytes;
        this.storedWhat = storedWhat;
        this.noWeights = noWeights;
    }

    /// <summary>
    /// Makes the loads on this thread count against <paramref name="limits"/> until disposed.
    /// <paramref name="storedBytes"/> is the size of the weights that will be assigned (null when the
    /// model is rebuilt from its config alone); <paramref name="storedWhat"/> names them in errors.
    /// <paramref name="noWeights"/>, when the file has no weights at all, gives the error for the
    /// first layer that needs some.
    /// </summary>
    public static IDisposable Begin(LoadLimits limits, string? file, long? storedBytes, string? storedWhat, Func<Exception>? noWeights = null)
    {
        var previous = current;
        current = new LoadBudget(limits, file, storedBytes, storedWhat, noWeights);
        return new Scope(previous);
    }

    sealed class Scope(LoadBudget? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }

    /// <summary>The budget of the load in progress, or a fresh one with <see cref="LoadLimits.Current"/> and no weights file.</summary>
    public static LoadBudget Current => current ?? new LoadBudget(LoadLimits.Current, null, null, null);

    string Prefix => file is null ? "" : $"'{file}': ";

    /// <summary>Called before <paramref name="layer"/> is built for <paramref name="inputShapes"/>.</summary>
    public void BeforeBuild(Layer layer, int?[][] inputShapes)
    {
        if (layer.built) return;
        var shapes = WeightShapes.Predict(layer, inputShapes);
        if (shapes is null) return;
        foreach (var (weight, shape) in shapes) Add(layer, weight, shape);
    }

    /// <summary>Called once the model is built: counts what the prediction could not (layers registered from outside).</summary>
    public void AfterBuild(Model model)
    {
        long total = 0;
        foreach (var l in model.layers)
            foreach (var w in l.variables) total += w.size;
        if (total > parameters)
        {
            parameters = 0;
            foreach (var l in model.layers)
                foreach (var w in l.variables) Add(l, w.name, w.shape);
        }
    }

    void Add(Layer layer, string weight, long[] shape)
    {
        string what = $"layer '{layer.name}' ({layer.class_name}) would create a weight '{weight}' of shape {Utils.Shapes.Format(shape)}";
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new InvalidDataException($"{Prefix}{what}: a negative dimension; the config is refused.");
            if (d != 0 && n > long.MaxValue / d) { n = long.MaxValue; break; }
            n *= d;
        }
        parameters = n > long.MaxValue - parameters ? long.MaxValue : parameters + n;
        if (noWeights is not null && parameters > 0) throw noWeights();
        if (parameters > limits.MaxParameters)
            throw new InvalidDataException($"{Prefix}{what} ({LoadLimits.Count(n)} parameters), which brings the model to {LoadLimits.Count(parameters)} parameters, " +
                $"over the limit of {LoadLimits.Count(limits.MaxParameters)} (LoadLimits.MaxParameters); the model is refused before its weights are allocated.");
        if (storedBytes is long stored && limits.MinStoredBytesPerParameter > 0 && parameters > stored / limits.MinStoredBytesPerParameter)
            throw new InvalidDataException($"{Prefix}{what} ({LoadLimits.Count(n)} parameters): the config asks for {LoadLimits.Count(parameters)} parameters so far, " +
                $"which need at least {LoadLimits.Bytes(parameters * limits.MinStoredBytesPerParameter)} of stored weights, but {storedWhat} holds {LoadLimits.Bytes(stored)}; " +
                "the config does not match its weights and is refused before they are allocated.");
    }
}

/// <summary>The weights KerasSharp's own layers create in build, worked out from the config and the input shape without creating them.</summary>
internal static class WeightShapes
{
    static long? Dim(int?[] s, int axis)
    {
        int a = axis < 0 ? axis + s.Length : axis;
        return a >= 0 && a < s.Length ? s[a] : null;
    }

    /// <summary>The (name, shape) of each weight <paramref name="layer"/> would create; null when unknown (a class registered from outside, or an input dimension not known yet).</summary>
    public static List<(string name, long[] shape)>? Predict(Layer layer, int?[][] inputShapes)
    {
        if (inputShapes.Length == 0) return null;
        var s = inputShapes[0];
        var result = new List<(string, long[])>();
        void Bias(bool useBias, long n) { if (useBias) result.Add(("bias", new[] { n })); }
        switch (layer)
        {
            case Dense d:
                if (Dim(s, -1) is not long inDim) return null;
                result.Add(("kernel", new[] { inDim, d.units }));
                Bias(d.use_bias, d.units);
                return result;
            case Conv2D c:
            {
                if (Dim(s, c.data_format == "channels_first" ? 1 : -1) is not long ch || c.groups <= 0) return null;
                result.Add(("kernel", new[] { c.kernel_size.Item1, c.kernel_size.Item2, ch / c.groups, c.filters }));
                Bias(c.use_bias, c.filters);
                return result;
            }
            case Conv1D c:
            {
                if (Dim(s, c.data_format == "channels_first" ? 1 : -1) is not long ch || c.groups <= 0) return null;
                result.Add(("kernel", new[] { c.kernel_size, ch / c.groups, c.filters }));
                Bias(c.use_bias, c.filters);
                return result;
            }
            case Conv2DTranspose c:
            {
                if (Dim(s, c.data_format == "channels_first" ? 1 : -1) is not long ch) return null;
                result.Add(("kernel", new[] { c.kernel_size.Item1, c.kernel_size.Item2, c.filters, ch }));
                Bias(c.use_bias, c.filters);
                return result;
            }
            case Embedding e:
                result.Add(("embeddings", new long[] { e.input_dim, e.output_dim }));
                return result;
            case RecurrentLayer r:
            {
                if (Dim(s, -1) is not long features) return null;
                long gates = r switch { LSTM => 4, GRU => 3, _ => 1 };
                long units = r.units;
                result.Add(("kernel", new[] { features, units * gates }));
                result.Add(("recurrent_kernel", new[] { units, units * gates }));
                if (r.use_bias) result.Add(("bias", r is GRU { reset_after: true } ? new[] { 2, units * gates } : new[] { units * gates }));
                return result;
            }
            case BatchNormalization b:
            {
                if (Dim(s, b.axis) is not long n) return null;
                if (b.scale) result.Add(("gamma", new[] { n }));
                if (b.center) result.Add(("beta", new[] { n }));
                result.Add(("moving_mean", new[] { n }));
                result.Add(("moving_variance", new[] { n }));
                return result;
            }
            case LayerNormalization ln:
            {
                var dims = new List<long>();
                foreach (var a in ln.axis.Distinct())
                {
                    if (Dim(s, a) is not long n) return null;
                    dims.Add(n);
                }
                if (ln.scale) result.Add(("gamma", dims.ToArray()));
                if (ln.center) result.Add(("beta", dims.ToArray()));
                return result;
            }
        }
        // KerasSharp's other layer classes create no weights; a class from outside is counted once built.
        return layer.GetType().Assembly == typeof(Layer).Assembly ? result : null;
    }
}
