using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Backend;

/// <summary>
/// Allocates the tensors that initializers and samplers fill, with the checks libtorch leaves to
/// a native trace: a negative dimension or an element count past 2⁶³ is an <see cref="ArgumentException"/>
/// naming the shape, and memory that cannot be had is an <see cref="OutOfMemoryException"/> that
/// says how many bytes were asked for. A dimension of 0 gives an empty tensor, as in Keras.
/// </summary>
internal static class TensorAllocation
{
    /// <summary>Checks a shape and returns its element count.</summary>
    public static long CheckShape(long[] shape, string who)
    {
        if (shape is null) throw new ArgumentNullException(nameof(shape), $"{who}: the shape is null; expected a list of dimensions such as (3, 3).");
        foreach (var d in shape)
            if (d < 0)
                throw new ArgumentException($"{who}: cannot create a tensor of shape {Utils.Shapes.Format(shape)}: negative dimensions are not allowed.", nameof(shape));
        long n = 1;
        try { foreach (var d in shape) n = checked(n * d); }
        catch (OverflowException)
        {
            throw new ArgumentException($"{who}: a tensor of shape {Utils.Shapes.Format(shape)} would have more than {long.MaxValue} elements.", nameof(shape));
        }
        return n;
    }

    /// <summary>An uninitialized CPU tensor of this shape and dtype, or a clear error.</summary>
    public static Tensor Empty(long[] shape, ScalarType dtype, string who)
    {
        long n = CheckShape(shape, who);
        long bytes = n > long.MaxValue / 8 ? long.MaxValue : n * ElementSize(dtype);
        try
        {
            return torch.empty(shape, dtype: dtype);
        }
        catch (ExternalException e)
        {
            string first = e.Message.Split('\n')[0];
            throw new OutOfMemoryException($"{who}: could not allocate a {DtypeName(dtype)} tensor of shape {Utils.Shapes.Format(shape)} ({bytes} bytes): {first}", e);
        }
    }

    /// <summary>Keras's name for a dtype ("float32").</summary>
    public static string DtypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Byte => "uint8",
        ScalarType.Bool => "bool",
        _ => dtype.ToString().ToLowerInvariant(),
    };

    static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.ComplexFloat64 => 16,
        _ => 1,
    };
}
