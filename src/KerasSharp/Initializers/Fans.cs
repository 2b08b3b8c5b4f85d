namespace KerasSharp.Initializers;

/// <summary>Keras's <c>compute_fans</c>: the number of input and output units of a weight shape.</summary>
public static class Fans
{
    /// <summary>
    /// Keras's rule: a scalar has fans (1, 1), a vector (n, n), a matrix (rows, columns); a kernel
    /// of higher rank (…, in, out) multiplies in and out by the receptive field (the product of the
    /// leading dimensions). When both <paramref name="input_axes"/> and <paramref name="output_axes"/>
    /// are given, the fans are the products of the dimensions on those axes (negative axes count
    /// from the end).
    /// </summary>
    public static (long fan_in, long fan_out) compute_fans(long[] shape, int[]? input_axes = null, int[]? output_axes = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (input_axes is not null && output_axes is not null)
            return (Product(shape, input_axes, nameof(input_axes)), Product(shape, output_axes, nameof(output_axes)));
        if (shape.Length == 0) return (1, 1);
        if (shape.Length == 1) return (shape[0], shape[0]);
        if (shape.Length == 2) return (shape[0], shape[1]);
        long receptive = 1;
        for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
        return (shape[^2] * receptive, shape[^1] * receptive);
    }

    static long Product(long[] shape, int[] axes, string what)
    {
        long p = 1;
        foreach (var axis in axes)
        {
            int a = axis < 0 ? axis + shape.Length : axis;
            if (a < 0 || a >= shape.Length)
                throw new ArgumentException($"{what} contains axis {axis}, which is out of range for a shape of rank {shape.Length}: {Utils.Shapes.Format(shape)}.", what);
            p *= shape[a];
        }
        return p;
    }
}
