using System.Buffers.Binary;
using System.IO.Compression;

namespace KerasSharp.Datasets;

/// <summary>The IDX format of MNIST and Fashion-MNIST (gzip or not): a magic number, the dimensions, then unsigned bytes.</summary>
public static class Idx
{
    /// <summary>Reads a whole file, gunzipping when it starts with the gzip magic.</summary>
    public static byte[] ReadMaybeGzip(string path)
    {
        byte[] raw = File.ReadAllBytes(path);
        if (raw.Length >= 2 && raw[0] == 0x1F && raw[1] == 0x8B)
        {
            try
            {
                using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                return ms.ToArray();
            }
            catch (InvalidDataException e) { throw new InvalidDataException($"'{path}' is not a valid gzip file: {e.Message}", e); }
        }
        return raw;
    }

    /// <summary>Reads an unsigned-byte IDX file of the expected rank; returns the dimensions and the data.</summary>
    public static (int[] dims, byte[] data) Read(string path, int expectedRank)
    {
        var b = ReadMaybeGzip(path);
        if (b.Length < 4) throw new InvalidDataException($"'{path}' is not an IDX file: {b.Length} bytes, too short for a header.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(b);
        int expectedMagic = 0x0800 | expectedRank;
        if (magic != expectedMagic)
            throw new InvalidDataException($"'{path}' has a bad magic number 0x{magic:X8}; an unsigned-byte IDX file of rank {expectedRank} starts with 0x{expectedMagic:X8}.");
        int header = 4 + 4 * expectedRank;
        if (b.Length < header) throw new InvalidDataException($"'{path}' is truncated inside its header ({b.Length} bytes).");
        var dims = Enumerable.Range(0, expectedRank).Select(i => BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(4 + 4 * i))).ToArray();
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (b.Length - header != count)
            throw new InvalidDataException($"'{path}' has the wrong length: its header says {string.Join("×", dims)} = {count} values, but it holds {b.Length - header}.");
        return (dims, b.AsSpan(header).ToArray());
    }

    /// <summary>Writes an IDX file (used by tests and tools).</summary>
    public static void Write(string path, int[] dims, byte[] data, bool gzip)
    {
        using var ms = new MemoryStream();
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, 0x0800 | dims.Length); ms.Write(four);
        foreach (var d in dims) { BinaryPrimitives.WriteInt32BigEndian(four, d); ms.Write(four); }
        ms.Write(data);
        if (!gzip) { File.WriteAllBytes(path, ms.ToArray()); return; }
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(ms.ToArray());
    }
}
