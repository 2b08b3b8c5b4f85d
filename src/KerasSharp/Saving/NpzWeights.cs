using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using KerasSharp.Datasets;

namespace KerasSharp.Saving;

/// <summary>
/// Reads the model.weights.npz variant that Keras 3's NpzIOStore writes: np.savez of one entry per
/// saveable path ("layers/dense.npy", "__root__.npy"), each a pickled dict of variable index → array.
/// The dicts are read with KerasSharp's restricted unpickler, which builds only numpy arrays.
/// </summary>
public static class NpzWeights
{
    /// <summary>store path ("layers/dense/vars/0") → (shape, float32 values).</summary>
    public static Dictionary<string, (long[] shape, float[] data)> Read(Stream npz, string displayName)
    {
        var result = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        using var zip = new ZipArchive(npz, ZipArchiveMode.Read);
        foreach (var e in zip.Entries)
        {
            if (!e.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
            if (e.FullName.Contains("..", StringComparison.Ordinal)) throw new InvalidDataException($"'{displayName}': model.weights.npz contains the entry '{e.FullName}', whose path leaves the archive.");
            string key = e.FullName[..^4];
            string prefix = key == "__root__" ? "" : key + "/";
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            var b = ms.ToArray();
            var (descr, shape, start) = Header(b, $"{displayName}:{e.FullName}");
            if (descr != "|O") throw new InvalidDataException($"'{displayName}': {e.FullName} has dtype {descr}; Keras's npz weights hold pickled dicts (dtype object).");
            var arr = Pickle.Load(b.AsSpan(start).ToArray(), $"{displayName}:{e.FullName}") as PickledArray;
            var dict = arr?.Objects?.FirstOrDefault() as Dictionary<object, object?>
                ?? throw new InvalidDataException($"'{displayName}': {e.FullName} does not hold a dict of arrays.");
            foreach (var (k, v) in dict)
            {
                if (v is not PickledArray a) throw new InvalidDataException($"'{displayName}': {e.FullName}['{k}'] is not an array.");
                result[$"{prefix}vars/{k}"] = (a.Shape, ToFloats(a, $"{displayName}:{e.FullName}['{k}']"));
            }
        }
        return result;
    }

    static float[] ToFloats(PickledArray a, string name)
    {
        string d = a.DType.TrimStart('<', '|', '=');
        return d switch
        {
            "f4" => MemoryMarshalFloats(a.Data),
            "f8" => Enumerable.Range(0, a.Data.Length / 8).Select(i => (float)BitConverter.ToDouble(a.Data, i * 8)).ToArray(),
            "i8" => Enumerable.Range(0, a.Data.Length / 8).Select(i => (float)BitConverter.ToInt64(a.Data, i * 8)).ToArray(),
            "i4" => Enumerable.Range(0, a.Data.Length / 4).Select(i => (float)BitConverter.ToInt32(a.Data, i * 4)).ToArray(),
            _ => throw new InvalidDataException($"'{name}' has dtype {a.DType}; expected float32, float64 or an integer type."),
        };
    }

    static float[] MemoryMarshalFloats(byte[] b)
    {
        var f = new float[b.Length / 4];
        Buffer.BlockCopy(b, 0, f, 0, f.Length * 4);
        return f;
    }

    static (string descr, long[] shape, int start) Header(byte[] b, string name)
    {
        if (b.Length < 10 || b[0] != 0x93 || Encoding.ASCII.GetString(b, 1, 5) != "NUMPY") throw new InvalidDataException($"'{name}' is not a .npy array: bad magic number.");
        int major = b[6];
        int len = major == 1 ? BitConverter.ToUInt16(b, 8) : BitConverter.ToInt32(b, 8);
        int start = major == 1 ? 10 : 12;
        string h = Encoding.ASCII.GetString(b, start, len);
        string descr = Regex.Match(h, @"'descr':\s*'([^']*)'").Groups[1].Value;
        var shape = Regex.Match(h, @"'shape':\s*\(([^)]*)\)").Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        return (descr, shape, start + len);
    }
}
