using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace KerasSharp.Datasets;

/// <summary>numpy's .npy and .npz formats (uint8 arrays, C order), as mnist.npz uses them.</summary>
public static class Npz
{
    /// <summary>Reads every array of an .npz file: name → (shape, bytes).</summary>
    public static Dictionary<string, (long[] shape, byte[] data)> Read(string path)
    {
        var result = new Dictionary<string, (long[], byte[])>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var e in zip.Entries)
            {
                if (!e.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                using var s = e.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                result[e.FullName[..^4]] = ReadNpy(ms.ToArray(), $"{path}:{e.FullName}");
            }
        }
        catch (InvalidDataException e) { throw new InvalidDataException($"'{path}' is not a valid .npz (zip) file: {e.Message}", e); }
        return result;
    }

    /// <summary>Parses one .npy array of dtype uint8 (or bool / int8).</summary>
    public static (long[] shape, byte[] data) ReadNpy(byte[] b, string name)
    {
        if (b.Length < 10 || b[0] != 0x93 || Encoding.ASCII.GetString(b, 1, 5) != "NUMPY")
            throw new InvalidDataException($"'{name}' is not a .npy array: bad magic number.");
        int major = b[6];
        int headerLen = major == 1 ? BitConverter.ToUInt16(b, 8) : BitConverter.ToInt32(b, 8);
        int start = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(b, start, headerLen);
        var descr = Regex.Match(header, @"'descr':\s*'([^']*)'").Groups[1].Value;
        if (descr is not ("|u1" or "<u1" or "u1" or "|i1" or "|b1"))
            throw new InvalidDataException($"'{name}' has dtype {descr}; only uint8 arrays are read here.");
        if (Regex.IsMatch(header, @"'fortran_order':\s*True")) throw new InvalidDataException($"'{name}' is in Fortran order; expected C order.");
        var shape = Regex.Match(header, @"'shape':\s*\(([^)]*)\)").Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        long count = shape.Aggregate(1L, (a, d) => a * d);
        int dataStart = start + headerLen;
        if (b.Length - dataStart != count)
            throw new InvalidDataException($"'{name}' has the wrong length: shape ({string.Join(", ", shape)}) needs {count} bytes, it holds {b.Length - dataStart}.");
        return (shape, b.AsSpan(dataStart).ToArray());
    }
}
