using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of the elementwise merge layers (Add, Multiply), as Keras's <c>Merge</c>: the inputs
/// broadcast against each other (a dimension of 1 stretches), and an input of lower rank gets axes of
/// length 1 inserted after the batch axis first. Keras also takes a list of one input and returns it;
/// in C# <c>layer.Apply(x)</c> and a list of one cannot be told apart, and Python's <c>layer(x)</c>
/// is an error, so KerasSharp refuses a single input.
/// </summary>
public abstract class Merge : Layer
{
    /// <summary>Creates the layer.</summary>
    protected Merge(string? name) : base(name) { }

    /// <summary>Keras's merge layers have no InputSpec: shapes are checked by <see cref="compute_output_shape"/> on each call.</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) { }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes) => compute_output_shape(inputShapes);

    /// <summary>Refuses a call on fewer than two inputs.</summary>
    internal static void CheckCount(Layer layer, int?[][] inputShapes)
    {
        if (inputShapes.Length < 2)
            throw new ArgumentException($"Layer \"{layer.name}\" ({layer.class_name}) merges a list of inputs and needs at least 2, received {inputShapes.Length}" +
                (inputShapes.Length == 1 ? $" with shape {Utils.Shapes.Format(inputShapes[0])}." : "."));
    }

    /// <summary>Python's form of a list of shapes: [(None, 2), (None, 3)].</summary>
    internal static string FormatList(IEnumerable<int?[]> shapes) => "[" + string.Join(", ", shapes.Select(Utils.Shapes.Format)) + "]";

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        CheckCount(this, inputShapes);
        var batches = inputShapes.Where(s => s.Length > 0 && s[0].HasValue).Select(s => s[0]!.Value).Distinct().ToArray();
        if (batches.Length > 1)
            throw new ArgumentException($"Cannot merge tensors with different batch sizes. Received tensors with shapes {FormatList(inputShapes)}");
        int?[] output = inputShapes[0].Skip(1).ToArray();
        foreach (var s in inputShapes.Skip(1)) output = Broadcast(output, s.Skip(1).ToArray());
        return new int?[] { batches.Length == 1 ? batches[0] : null }.Concat(output).ToArray();
    }

    /// <summary>Keras's elementwise output shape of two shapes (batch excluded), aligned on the right.</summary>
    static int?[] Broadcast(int?[] a, int?[] b)
    {
        if (a.Length < b.Length) (a, b) = (b, a);
        var output = a.Take(a.Length - b.Length).ToList();
        for (int k = 0; k < b.Length; k++)
        {
            var i = a[a.Length - b.Length + k];
            var j = b[k];
            if (i is null || j is null) output.Add(null);
            else if (i == 1) output.Add(j);
            else if (j == 1) output.Add(i);
            else if (i != j) throw new ArgumentException($"Inputs have incompatible shapes. Received shapes {Utils.Shapes.Format(a)} and {Utils.Shapes.Format(b)}");
            else output.Add(i);
        }
        return output.ToArray();
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        long rank = inputs.Max(t => t.dim());
        var xs = inputs.Select(t =>
        {
            // As Keras: an input of lower rank gets axes of length 1 after the batch axis.
            while (t.dim() < rank) t = t.unsqueeze(1);
            return t;
        }).ToArray();
        var y = Combine(xs[0], xs[1]);
        for (int i = 2; i < xs.Length; i++) y = Combine(y, xs[i]);
        return y;
    }

    /// <summary>The elementwise operation of two (broadcastable) tensors.</summary>
    protected abstract Tensor Combine(Tensor a, Tensor b);
}

/// <summary>Keras Add: the elementwise sum of its inputs.</summary>
public sealed class Add(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Add(c.Name); }

    /// <inheritdoc />
    protected override Tensor Combine(Tensor a, Tensor b) => Backend.EngineScalars.Plus(a, b);
}

/// <summary>Keras Multiply: the elementwise product of its inputs.</summary>
public sealed class Multiply(string? name = null) : Merge(name)
{
    internal static Layer FromConfig(Saving.ConfigReader c) { c.LayerBase(); return new Multiply(c.Name); }

    /// <inheritdoc />
    protected override Tensor Combine(Tensor a, Tensor b) => a * b;
}

/// <summary>
/// Keras Concatenate along an axis (default -1): the inputs must match on every other axis. As with
/// <see cref="Merge"/>, KerasSharp refuses a single input.
/// </summary>
public sealed class Concatenate : Layer
{
    /// <summary>The Keras axis.</summary>
    public int axis { get; }
    /// <summary>Creates the layer.</summary>
    public Concatenate(int axis = -1, string? name = null) : base(name) => this.axis = axis;

    /// <summary>Keras's Concatenate has no InputSpec: shapes are checked by <see cref="compute_output_shape"/> on each call.</summary>
    protected override void CheckInputShapes(int?[][] inputShapes) { }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes) => compute_output_shape(inputShapes);

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        Merge.CheckCount(this, inputShapes);
        int rank = inputShapes[0].Length;
        int a = NormalizeAxis(axis, rank);
        var outShape = (int?[])inputShapes[0].Clone();
        foreach (var s in inputShapes.Skip(1))
        {
            bool ok = s.Length == rank;
            for (int d = 1; ok && d < rank; d++)
                if (d != a && s[d].HasValue && outShape[d].HasValue && s[d] != outShape[d]) ok = false;
            if (!ok)
                throw new ArgumentException($"A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape={Merge.FormatList(inputShapes)}");
            outShape[a] = outShape[a].HasValue && s[a].HasValue ? outShape[a] + s[a] : null;
        }
        return outShape;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training) => torch.cat(inputs, axis);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["axis"] = axis; return c; }

    internal static Layer FromConfig(Saving.ConfigReader c)
    {
        c.LayerBase();
        return new Concatenate(c.Int("axis", -1), c.Name);
    }
}
