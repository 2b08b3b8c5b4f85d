using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras Reshape: to a target shape (batch excluded; one dimension may be -1).</summary>
public sealed class Reshape : Layer
{
    /// <summary>The target shape.</summary>
    public int[] target_shape { get; }
    /// <summary>Creates the layer.</summary>
    public Reshape(int[] target_shape, string? name = null) : base(name)
    {
        if (target_shape.Count(d => d == -1) > 1) throw new ArgumentException("Reshape: at most one dimension of target_shape may be -1.");
        this.target_shape = target_shape;
    }
    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        long known = 1;
        bool allKnown = true;
        for (int i = 1; i < s.Length; i++) { if (s[i].HasValue) known *= s[i]!.Value; else allKnown = false; }
        long product = target_shape.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        var outShape = new int?[target_shape.Length + 1];
        outShape[0] = s[0];
        for (int i = 0; i < target_shape.Length; i++)
        {
            if (target_shape[i] != -1) { outShape[i + 1] = target_shape[i]; continue; }
            outShape[i + 1] = allKnown ? (int)(known / product) : null;
        }
        if (allKnown && (target_shape.Contains(-1) ? known % product != 0 : known != product))
            throw new ArgumentException($"Layer \"{name}\" (Reshape): total size of the input shape {Utils.Shapes.Format(s)} does not fit the target shape {Utils.Shapes.Format(target_shape.Select(d => (long)d).ToArray())}.");
        return outShape;
    }
    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (x.dim() == 4) x = x.permute(0, 2, 3, 1);
        var y = x.reshape(new long[] { x.shape[0] }.Concat(target_shape.Select(d => (long)d)).ToArray());
        return y.dim() == 4 ? y.permute(0, 3, 1, 2) : y;
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["target_shape"] = target_shape; return c; }
}
