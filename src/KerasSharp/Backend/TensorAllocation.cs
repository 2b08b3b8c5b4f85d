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
        // libtorch reserves address space without touching it, so an allocation larger than the
        // memory the system can still give succeeds and the first write to it has the kernel kill
        // the process. A large request is checked against what is available first.
        if (bytes >= CheckAvailableFrom && AvailableBytes() is long available && bytes > available)
            throw new OutOfMemoryException($"{who}: could not allocate a {DtypeName(dtype)} tensor of shape {Utils.Shapes.Format(shape)} ({bytes} bytes): the system has {available} bytes of memory available.");
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

    /// <summary>Requests from this size on (256 MiB) are checked against the available memory.</summary>
    internal const long CheckAvailableFrom = 256L << 20;

    /// <summary>
    /// The memory the system can still give (Linux: MemAvailable plus free swap, from /proc/meminfo),
    /// or null where it cannot be read.
    /// </summary>
    internal static long? AvailableBytes()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            long? avail = null, swap = null;
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)) avail = Kib(line);
                else if (line.StartsWith("SwapFree:", StringComparison.Ordinal)) swap = Kib(line);
            }
            return avail is null ? null : avail + (swap ?? 0);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }

        static long? Kib(string line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 && long.TryParse(parts[1], out var k) ? k * 1024 : null;
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
