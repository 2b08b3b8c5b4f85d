using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace KerasSharp.Datasets;

/// <summary>
/// numpy's .npy and .npz formats (uint8 arrays, C order), as mnist.npz uses them. Reading is
/// bounded and checked: each entry's declared size is checked against <see cref="DatasetLimits"/>
/// before it is allocated, exactly that many bytes are decompressed (an entry that holds more or
/// less is refused), and each entry's CRC-32 is verified (.NET's zip reader does not), so a flipped
/// bit never loads as different data. Errors name the file, the entry and the byte offset.
/// </summary>
public static class Npz
{
    /// <summary>Reads every array of an .npz file: name → (shape, bytes).</summary>
    public static Dictionary<string, (long[] shape, byte[] data)> Read(string path, DatasetLimits? limits = null)
    {
        limits ??= DatasetLimits.Default;
        var result = new Dictionary<string, (long[], byte[])>();
        long compressedFile = new FileInfo(path).Length;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            long total = 0;
            foreach (var e in zip.Entries)
            {
                if (!e.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                string name = $"{path}:{e.FullName}";
                // A compressed size the file cannot hold is a lie too: the ratio is checked against the smaller one.
                limits.CheckArray($"'{name}'", e.Length, Math.Min(e.CompressedLength, compressedFile));
                total += e.Length;
                limits.CheckTotal($"'{path}'", total);
                var bytes = new byte[e.Length];
                using (var s = e.Open())
                {
                    int got = s.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                    if (got != bytes.Length)
                        throw new InvalidDataException($"'{name}' is truncated: its zip entry declares {bytes.Length} bytes, it holds {got}.");
                    if (s.ReadByte() >= 0)
                        throw new InvalidDataException($"'{name}' holds more than the {bytes.Length} bytes its zip entry declares; the zip headers are inconsistent.");
                }
                uint crc = Crc32.Compute(bytes);
                if (crc != e.Crc32)
                    throw new InvalidDataException($"'{name}' is damaged: its CRC-32 is 0x{crc:X8}, the zip entry records 0x{e.Crc32:X8}.");
                result[e.FullName[..^4]] = ReadNpy(bytes, name);
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith($"'{path}", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' is not a valid .npz (zip) file: {e.Message}", e);
        }
        return result;
    }

    /// <summary>Parses one .npy array of dtype uint8 (or bool / int8); the data is a copy.</summary>
    public static (long[] shape, byte[] data) ReadNpy(byte[] b, string name)
    {
        if (b.Length < 10 || b[0] != 0x93 || Encoding.ASCII.GetString(b, 1, 5) != "NUMPY")
            throw new InvalidDataException($"'{name}' is not a .npy array: bad magic number.");
        int major = b[6];
        if (major is not (1 or 2 or 3)) throw new InvalidDataException($"'{name}' is corrupt at byte offset 6: .npy format version {major}.{b[7]} is unknown (1.0, 2.0 and 3.0 are).");
        int start = major == 1 ? 10 : 12;
        if (b.Length < start) throw new InvalidDataException($"'{name}' is truncated inside its header ({b.Length} bytes).");
        long headerLen = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8));
        if (start + headerLen > b.Length)
            throw new InvalidDataException($"'{name}' is corrupt at byte offset 8: its header length {headerLen} runs past the end of the array's {b.Length} bytes.");
        string header = Encoding.ASCII.GetString(b, start, (int)headerLen);
        var descr = Regex.Match(header, @"'descr':\s*'([^']*)'").Groups[1].Value;
        if (descr is not ("|u1" or "<u1" or "u1" or "|i1" or "|b1"))
            throw new InvalidDataException($"'{name}' has dtype {descr}; only uint8 arrays are read here.");
        if (Regex.IsMatch(header, @"'fortran_order':\s*True")) throw new InvalidDataException($"'{name}' is in Fortran order; expected C order.");
        var shapeMatch = Regex.Match(header, @"'shape':\s*\(([^)]*)\)");
        if (!shapeMatch.Success) throw new InvalidDataException($"'{name}' is corrupt at byte offset {start}: its header has no shape: {header.Trim()}");
        var parts = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out shape[i]))
                throw new InvalidDataException($"'{name}' is corrupt at byte offset {start}: its shape ({shapeMatch.Groups[1].Value}) is not a list of sizes ≥ 0.");
        long count = 1;
        try { foreach (var d in shape) count = checked(count * d); }
        catch (OverflowException) { throw new InvalidDataException($"'{name}' is corrupt at byte offset {start}: its shape ({string.Join(", ", shape)}) holds more than 2⁶³ values."); }
        long dataStart = start + headerLen;
        if (b.Length - dataStart != count)
            throw new InvalidDataException($"'{name}' has the wrong length: shape ({string.Join(", ", shape)}) needs {count} bytes, it holds {b.Length - dataStart}.");
        return (shape, b.AsSpan((int)dataStart).ToArray());
    }
}
