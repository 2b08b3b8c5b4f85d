using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KerasSharp.Datasets;

/// <summary>
/// Keeps parsed dataset arrays in one flat file, so that later loads read them in one go instead
/// of parsing again. The cache lives under the dataset cache folder, keyed by the source folder, and
/// is valid only while every source file keeps its size and modification time. Every array carries a
/// CRC-32C, and the header (with those checksums) one more, so a damaged cache (a flipped byte anywhere) is detected:
/// it is reported once on stderr, deleted, and the dataset is parsed again from its files. Lengths in
/// the file are checked against the file's size before anything is allocated.
/// </summary>
public static class ParseCache
{
    const string Magic = "KSDC2\n";
    const int MaxArrays = 64;

    static string Stamp(IEnumerable<string> sources) =>
        string.Join(";", sources.OrderBy(s => s, StringComparer.Ordinal).Select(s => { var i = new FileInfo(s); return $"{i.FullName}|{i.Length}|{i.LastWriteTimeUtc.Ticks}"; }));

    /// <summary>The cache file for a source folder.</summary>
    public static string PathFor(string sourceDir) =>
        Path.Combine(DataCache.Root(), "kerassharp-parse-cache",
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(sourceDir)))).ToLowerInvariant()[..16] + ".bin");

    /// <summary>The cached arrays for these sources, or null (no cache, a stale one, or a damaged one, which is then deleted).</summary>
    public static byte[][]? TryRead(string sourceDir, IEnumerable<string> sources)
    {
        string path = PathFor(sourceDir);
        if (!File.Exists(path)) return null;
        string? damage;
        byte[][]? arrays;
        try { (arrays, damage) = ReadChecked(path, Stamp(sources)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        if (damage is null) return arrays;
        Console.Error.WriteLine($"KerasSharp: the dataset parse cache '{path}' is damaged ({damage}); it is deleted and the dataset is parsed again from '{sourceDir}'.");
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Reads a cache file; (arrays, null) when it is whole and for these sources, (null, null) when stale, (null, what) when damaged.</summary>
    static (byte[][]? arrays, string? damage) ReadChecked(string path, string stamp)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long length = f.Length;
        uint crc = 0;
        var four = new byte[4];
        // The header's checksum covers everything but the arrays' bytes, which carry their own.
        bool Take(byte[] buffer, bool header = true)
        {
            if (f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length) return false;
            if (header) crc = Crc32.AppendCastagnoli(crc, buffer);
            return true;
        }
        var magic = new byte[Magic.Length];
        if (!Take(magic) || Encoding.ASCII.GetString(magic) != Magic) return (null, null); // another format (an older cache): just stale
        if (!Take(four)) return (null, "it ends inside its header");
        int stampLen = BinaryPrimitives.ReadInt32LittleEndian(four);
        if (stampLen < 0 || stampLen > length - f.Position) return (null, $"at byte offset {f.Position - 4} the source list's length {stampLen} runs past the end of the file");
        var stampBytes = new byte[stampLen];
        if (!Take(stampBytes)) return (null, "it ends inside its source list");
        bool stale = Encoding.UTF8.GetString(stampBytes) != stamp;
        if (!Take(four)) return (null, "it ends inside its header");
        int count = BinaryPrimitives.ReadInt32LittleEndian(four);
        if (count < 0 || count > MaxArrays) return (null, $"at byte offset {f.Position - 4} the array count is {count}, expected 0 to {MaxArrays}");
        var arrays = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            long at = f.Position;
            if (!Take(four)) return (null, $"it ends at byte offset {at}, inside array {i}");
            int len = BinaryPrimitives.ReadInt32LittleEndian(four);
            if (len < 0 || len > length - f.Position) return (null, $"at byte offset {at} array {i} declares {len} bytes, more than the file holds");
            if (stale) { f.Seek(len + 4, SeekOrigin.Current); continue; }
            arrays[i] = new byte[len];
            if (!Take(arrays[i], header: false)) return (null, $"it ends inside array {i}");
            uint arrayCrc = Crc32.AppendCastagnoli(0, arrays[i]);
            if (f.ReadAtLeast(four, 4, throwOnEndOfStream: false) != 4) return (null, $"it ends after array {i}");
            if (BinaryPrimitives.ReadUInt32LittleEndian(four) != arrayCrc) return (null, $"array {i}, at byte offset {at + 4}, fails its CRC-32C check");
            crc = Crc32.AppendCastagnoli(crc, four);
        }
        if (stale) return (null, null);
        long end = f.Position;
        if (f.ReadAtLeast(four, 4, throwOnEndOfStream: false) != 4) return (null, $"it ends at byte offset {end}, before its checksum");
        if (BinaryPrimitives.ReadUInt32LittleEndian(four) != crc) return (null, $"its header fails its CRC-32C check (the file's checksum is at byte offset {end})");
        if (f.Position != length) return (null, $"it holds {length - f.Position} bytes after its checksum");
        return (arrays, null);
    }

    /// <summary>Stores the arrays (written to a temporary file, flushed to the disk, then renamed; a failure to write is ignored, it only costs speed).</summary>
    public static void Write(string sourceDir, IEnumerable<string> sources, params byte[][] arrays)
    {
        string path = PathFor(sourceDir);
        string tmp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                uint crc = 0;
                void Put(ReadOnlySpan<byte> b, bool header = true) { f.Write(b); if (header) crc = Crc32.AppendCastagnoli(crc, b); }
                Span<byte> four = stackalloc byte[4];
                Put(Encoding.ASCII.GetBytes(Magic));
                var stamp = Encoding.UTF8.GetBytes(Stamp(sources));
                BinaryPrimitives.WriteInt32LittleEndian(four, stamp.Length); Put(four);
                Put(stamp);
                BinaryPrimitives.WriteInt32LittleEndian(four, arrays.Length); Put(four);
                foreach (var a in arrays)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(four, a.Length); Put(four);
                    Put(a, header: false);
                    BinaryPrimitives.WriteUInt32LittleEndian(four, Crc32.AppendCastagnoli(0, a)); Put(four);
                }
                BinaryPrimitives.WriteUInt32LittleEndian(four, crc);
                f.Write(four);
                f.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { if (File.Exists(tmp)) File.Delete(tmp); } catch (Exception e2) when (e2 is IOException or UnauthorizedAccessException) { }
        }
    }
}
