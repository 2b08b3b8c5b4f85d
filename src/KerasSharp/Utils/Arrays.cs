using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Utils;

/// <summary>Conversions between the inputs users pass (C# arrays, NumSharp, torch tensors) and engine tensors.</summary>
public static class Arrays
{
    /// <summary>
    /// A tensor (CPU) from: Tensor, NDArray, float/double/int/long/byte arrays of rank 1–4, or jagged
    /// float/double arrays. Throws a clear error for anything else.
    /// </summary>
    public static Tensor ToTensor(object data, string what = "input")
    {
        switch (data)
        {
            case null: throw new ArgumentNullException(what, $"The {what} is null.");
            case Tensor t: return t;
            case NDArray nd: return FromNDArray(nd);
            case float[] a: return torch.tensor(a);
            case double[] a: return torch.tensor(a).to(float32);
            case int[] a: return torch.tensor(a).to(int64);
            case long[] a: return torch.tensor(a);
            case byte[] a: return torch.tensor(a);
            case float[,] a: return torch.tensor(a);
            case double[,] a: return torch.tensor(a).to(float32);
            case int[,] a: return torch.tensor(a).to(int64);
            case long[,] a: return torch.tensor(a);
            case float[,,] a: return torch.tensor(a);
            case double[,,] a: return torch.tensor(a).to(float32);
            case byte[,,] a: return torch.tensor(a);
            case float[,,,] a: return torch.tensor(a);
            case double[,,,] a: return torch.tensor(a).to(float32);
            case byte[,,,] a: return torch.tensor(a);
            case float[][] a: return Jagged(a.Select(r => r).ToArray(), what);
            case double[][] a: return Jagged(a.Select(r => r.Select(v => (float)v).ToArray()).ToArray(), what);
            case int[][] a: return Jagged(a.Select(r => r.Select(v => (float)v).ToArray()).ToArray(), what);
            case IEnumerable<float[]> e: return Jagged(e.ToArray(), what);
            case IEnumerable<double[]> e: return Jagged(e.Select(r => r.Select(v => (float)v).ToArray()).ToArray(), what);
            default:
                throw new ArgumentException($"Unsupported {what} type {data.GetType().Name}. Expected a torch Tensor, a NumSharp NDArray, " +
                    "float[], float[,], float[][], double[,], double[][], int[] or long[] (labels), or a rank-3/4 float, double or byte array (images).");
        }
    }

    static Tensor Jagged(float[][] rows, string what)
    {
        if (rows.Length == 0) throw new ArgumentException($"The {what} is empty.");
        int n = rows[0].Length;
        for (int i = 0; i < rows.Length; i++)
            if (rows[i].Length != n)
                throw new ArgumentException($"The {what} is a jagged array whose rows differ in length: row 0 has {n} values, row {i} has {rows[i].Length}.");
        var flat = new float[rows.Length * n];
        for (int i = 0; i < rows.Length; i++) Array.Copy(rows[i], 0, flat, i * n, n);
        return torch.tensor(flat, new long[] { rows.Length, n });
    }

    static Tensor FromNDArray(NDArray nd)
    {
        var shape = nd.shape.Select(d => (long)d).ToArray();
        switch (nd.typecode)
        {
            case NPTypeCode.Single: return torch.tensor(nd.ToArray<float>(), shape);
            case NPTypeCode.Double: return torch.tensor(nd.ToArray<double>(), shape).to(float32);
            case NPTypeCode.Int32: return torch.tensor(nd.ToArray<int>(), shape).to(int64);
            case NPTypeCode.Int64: return torch.tensor(nd.ToArray<long>(), shape);
            case NPTypeCode.Byte: return torch.tensor(nd.ToArray<byte>(), shape);
            case NPTypeCode.Boolean: return torch.tensor(nd.ToArray<bool>(), shape).to(float32);
            default: throw new ArgumentException($"Unsupported NDArray dtype {nd.typecode}. Expected float32, float64, int32, int64, uint8 or bool.");
        }
    }

    /// <summary>A NumSharp array with the tensor's values (float32 unless the tensor is integral).</summary>
    public static NDArray ToNDArray(Tensor t)
    {
        using var c = t.detach().cpu().contiguous();
        var shape = new Shape(c.shape.Select(d => (int)d).ToArray());
        if (c.dtype == int64) return new NDArray(c.data<long>().ToArray(), shape);
        if (c.dtype == int32) return new NDArray(c.data<int>().ToArray(), shape);
        if (c.dtype == ScalarType.Byte) return new NDArray(c.data<byte>().ToArray(), shape);
        using var f = c.to(float32);
        return new NDArray(f.data<float>().ToArray(), shape);
    }

    /// <summary>The values of a rank-2 float tensor as rows.</summary>
    public static float[][] ToJagged(Tensor t)
    {
        using var c = t.detach().cpu().to(float32).contiguous();
        if (c.dim() == 1) return c.data<float>().Select(v => new[] { v }).ToArray();
        var flat = c.reshape(c.shape[0], -1);
        long n = flat.shape[1];
        var data = flat.data<float>().ToArray();
        var rows = new float[c.shape[0]][];
        for (int i = 0; i < rows.Length; i++) { rows[i] = new float[n]; Array.Copy(data, i * n, rows[i], 0, n); }
        return rows;
    }
}
