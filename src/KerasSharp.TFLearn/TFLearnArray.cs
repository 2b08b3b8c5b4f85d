using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// What TFLearn hands back as a numpy array (<c>DNN.get_weights</c>,
/// <c>tflearn.variables.get_value</c>): float32 values with a shape. It prints as numpy prints the
/// array, so <c>"Y = " + m.get_weights(linear.W)</c> reads as it does in Python
/// (<c>Y = [0.2565]</c>). <see cref="ToArray{T}"/> and the conversion to a NumSharp
/// <see cref="NumSharp.NDArray"/> give the values for computing.
/// </summary>
public sealed class TFLearnArray
{
    readonly float[] data;
    readonly int[] dims;

    /// <summary>Wraps row-major values of a shape.</summary>
    public TFLearnArray(float[] data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long size = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Any(d => d < 0) || size != data.Length)
            throw new ArgumentException($"TFLearnArray: {data.Length} values do not fill shape [{string.Join(", ", shape)}].");
        this.data = data; dims = shape;
    }

    /// <summary>The values of a tensor (copied to the host as float32).</summary>
    public static TFLearnArray From(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        using var c = t.detach().cpu().to(float32).contiguous();
        return new TFLearnArray(c.data<float>().ToArray(), c.shape.Select(d => (int)d).ToArray());
    }

    /// <summary>numpy's shape.</summary>
    public int[] shape => (int[])dims.Clone();
    /// <summary>numpy's ndim.</summary>
    public int ndim => dims.Length;
    /// <summary>numpy's size: the number of values.</summary>
    public int size => data.Length;

    /// <summary>One value, by one index per axis (a[i, j] in numpy).</summary>
    public float this[params int[] index]
    {
        get
        {
            if (index.Length != dims.Length)
                throw new IndexOutOfRangeException($"too many or too few indices for array: array is {dims.Length}-dimensional, but {index.Length} were indexed");
            int flat = 0;
            for (int d = 0; d < dims.Length; d++)
            {
                int i = index[d] < 0 ? index[d] + dims[d] : index[d];
                if (i < 0 || i >= dims[d]) throw new IndexOutOfRangeException($"index {index[d]} is out of bounds for axis {d} with size {dims[d]}");
                flat = flat * dims[d] + i;
            }
            return data[flat];
        }
    }

    /// <summary>The values, row-major, as float or double.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T[])(object)(float[])data.Clone();
        if (typeof(T) == typeof(double)) return (T[])(object)data.Select(v => (double)v).ToArray();
        throw new NotSupportedException($"TFLearnArray holds float32 values; ToArray<{typeof(T).Name}> is not supported (use float or double).");
    }

    /// <summary>The values as a NumSharp array of the same shape.</summary>
    public NumSharp.NDArray ToNDArray() => new((float[])data.Clone(), new NumSharp.Shape(dims));

    /// <summary>The values as a CPU tensor of the same shape.</summary>
    public Tensor ToTensor() => torch.tensor(data, dims.Select(d => (long)d).ToArray());

    /// <summary>Converts to a NumSharp array.</summary>
    public static implicit operator NumSharp.NDArray(TFLearnArray a) => a.ToNDArray();

    /// <summary>numpy's str(): <c>[[0.5  1.25]\n [1.   2.  ]]</c>.</summary>
    public override string ToString() => NumpyFormat.Format(data, dims);
}
