using System.Buffers.Binary;
using System.IO.Compression;

namespace KerasSharp.Datasets;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (gzip or not): a magic number, the dimensions, then
/// unsigned bytes. Reading is bounded: the header's dimensions are checked against
/// <see cref="DatasetLimits"/> (size, and expansion of gzip data) before the data is allocated, and
/// exactly the declared bytes are decompressed, so a small file that expands to gigabytes is refused
/// before it costs memory. Errors name the file and the byte offset (in the decompressed data).
/// </summary>
public static class Idx
{
    /// <summary>Reads a whole file, gunzipping when it starts with the gzip magic (at most <see cref="DatasetLimits.max_array_bytes"/> bytes).</summary>
    public static byte[] ReadMaybeGzip(string path, DatasetLimits? limits = null)
    {
        limits ??= DatasetLimits.Default;
        using var file = File.OpenRead(path);
        bool gzip = IsGzip(file);
        if (!gzip)
        {
            limits.CheckArray($"'{path}'", file.Length);
            var raw = new byte[file.Length];
            file.ReadExactly(raw);
            return raw;
        }
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        var buf = new byte[1 << 16];
        int n;
        while ((n = ReadGzip(gz, buf, path, ms.Length)) > 0)
        {
            if (ms.Length + n > limits.max_array_bytes) limits.CheckArray($"'{path}' (gzip)", ms.Length + n);
            if (ms.Length + n > limits.max_compression_ratio * Math.Max(file.Length, 1)) limits.CheckArray($"'{path}' (gzip)", ms.Length + n, file.Length);
            ms.Write(buf, 0, n);
        }
        return ms.ToArray();
    }

    static bool IsGzip(FileStream f)
    {
        Span<byte> two = stackalloc byte[2];
        int got = f.ReadAtLeast(two, 2, throwOnEndOfStream: false);
        f.Position = 0;
        return got == 2 && two[0] == 0x1F && two[1] == 0x8B;
    }

    static int ReadGzip(Stream gz, Span<byte> buf, string path, long at)
    {
        try { return gz.Read(buf); }
        catch (InvalidDataException e) { throw new InvalidDataException($"'{path}' is not a valid gzip file: {e.Message} (after {at} decompressed bytes)", e); }
    }

    /// <summary>Reads an unsigned-byte IDX file of the expected rank; returns the dimensions and the data.</summary>
    public static (int[] dims, byte[] data) Read(string path, int expectedRank, DatasetLimits? limits = null)
    {
        limits ??= DatasetLimits.Default;
        using var file = File.OpenRead(path);
        bool gzip = IsGzip(file);
        using Stream s = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        int header = 4 + 4 * expectedRank;
        var head = new byte[header];
        int got = ReadFully(s, head, path, 0);
        if (got < 4) throw new InvalidDataException($"'{path}' is not an IDX file: {got} bytes, too short for a header.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(head);
        int expectedMagic = 0x0800 | expectedRank;
        if (magic != expectedMagic)
            throw new InvalidDataException($"'{path}' has a bad magic number 0x{magic:X8}; an unsigned-byte IDX file of rank {expectedRank} starts with 0x{expectedMagic:X8}.");
        if (got < header) throw new InvalidDataException($"'{path}' is truncated inside its header ({got} bytes).");
        var dims = Enumerable.Range(0, expectedRank).Select(i => BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(4 + 4 * i))).ToArray();
        for (int i = 0; i < dims.Length; i++)
            if (dims[i] < 0) throw new InvalidDataException($"'{path}' is corrupt at byte offset {4 + 4 * i}: dimension {i} is {dims[i]}, a size cannot be negative.");
        long count = dims.Aggregate(1L, (a, d) => a * d); // at most (2³¹)³, within a long
        if (!gzip && file.Length - header != count)
            throw new InvalidDataException($"'{path}' has the wrong length: its header says {string.Join("×", dims)} = {count} values, but it holds {file.Length - header}.");
        limits.CheckArray($"'{path}' (its header says {string.Join("×", dims)})", count, gzip ? file.Length : null);
        var data = new byte[count];
        long read = ReadFully(s, data, path, header);
        if (read != count)
            throw new InvalidDataException($"'{path}' has the wrong length: its header says {string.Join("×", dims)} = {count} values, but it holds {read}.");
        if (gzip)
        {
            // Anything after the declared data is counted (not kept), up to the limits.
            var rest = new byte[1 << 16];
            long extra = 0;
            int n;
            while ((n = ReadGzip(s, rest, path, header + count + extra)) > 0)
            {
                extra += n;
                if (count + extra > limits.max_array_bytes || count + extra > limits.max_compression_ratio * Math.Max(file.Length, 1))
                    throw new InvalidDataException($"'{path}' has the wrong length: its header says {string.Join("×", dims)} = {count} values, but it holds more than {count + extra - n} (the data goes on past the limits; refused).");
            }
            if (extra > 0)
                throw new InvalidDataException($"'{path}' has the wrong length: its header says {string.Join("×", dims)} = {count} values, but it holds {count + extra}.");
        }
        return (dims, data);
    }

    /// <summary>Reads until the buffer is full or the data ends; returns the bytes read.</summary>
    static int ReadFully(Stream s, Span<byte> buffer, string path, long at)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = ReadGzip(s, buffer[total..], path, at + total);
            if (n == 0) break;
            total += n;
        }
        return total;
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
