namespace KerasSharp.Layers;

/// <summary>
/// Keras's InputSpec checks (<c>keras/src/layers/input_spec.py</c>): the rank and the fixed axes a
/// layer accepts, checked on every call, with Keras's error texts. A layer that has no input spec in
/// Keras accepts any shape after it is built (Reshape on a longer sequence, Conv2D on a larger image).
/// </summary>
internal static class InputSpec
{
    static string Prefix(string layer, int index) => $"Input {index} with name 'None' of layer '{layer}' is incompatible with the layer: ";

    /// <summary>Checks one input against Keras's InputSpec(ndim, min_ndim, axes).</summary>
    public static void Check(string layer, int index, IReadOnlyList<int?> shape, int? ndim = null, int? min_ndim = null,
        IReadOnlyList<(int axis, int? value)>? axes = null)
    {
        if (ndim is int n && shape.Count != n)
            throw new ArgumentException(Prefix(layer, index) + $"expected ndim={n}, found ndim={shape.Count}. Full shape received: {Utils.Shapes.Format(shape)}");
        if (min_ndim is int m && shape.Count < m)
            throw new ArgumentException(Prefix(layer, index) + $"expected min_ndim={m}, found ndim={shape.Count}. Full shape received: {Utils.Shapes.Format(shape)}");
        if (axes is null) return;
        foreach (var (axis, value) in axes)
        {
            if (value is null) continue;
            int a = axis < 0 ? axis + shape.Count : axis;
            if (a < 0 || a >= shape.Count) continue;
            if (shape[a] is int got && got != value)
                throw new ArgumentException(Prefix(layer, index) + $"expected axis {axis} of input shape to have value {value}, but received input with shape {Utils.Shapes.Format(shape)}");
        }
    }

    /// <summary>Keras's text when a weight's shape would hold an unknown (None) dimension.</summary>
    public static ArgumentException UndefinedWeightShape(string layer, string weight, IReadOnlyList<int?> shape) =>
        new($"Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape={Utils.Shapes.Format(shape)} for variable path='{layer}/{weight}'");

    /// <summary>A shape as numpy prints an array of it: "[None 2 2 1]".</summary>
    public static string Numpy(IReadOnlyList<int?> shape) => "[" + string.Join(" ", shape.Select(d => d?.ToString() ?? "None")) + "]";
}
