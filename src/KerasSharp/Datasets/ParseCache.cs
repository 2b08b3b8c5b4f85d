using System.Security.Cryptography;
using System.Text;

namespace KerasSharp.Datasets;

/// <summary>
/// Keeps parsed dataset arrays in one flat file, so that later loads read them in one go instead
/// of parsing again. The cache lives under the dataset cache folder, keyed by the source folder, and
/// is valid only while every source file keeps its size and modification time.
/// </summary>
public static class ParseCache
{
    const string Magic = "KSDC1\n";

    static string Stamp(IEnumerable<string> sources) =>
        string.Join(";", sources.OrderBy(s => s, StringComparer.Ordinal).Select(s => { var i = new FileInfo(s); return $"{i.FullName}|{i.Length}|{i.LastWriteTimeUtc.Ticks}"; }));

    static string PathFor(string sourceDir) =>
        Path.Combine(DataCache.Root(), "kerassharp-parse-cache",
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(sourceDir)))).ToLowerInvariant()[..16] + ".bin");

    /// <summary>The cached arrays for these sources, or null.</summary>
    public static byte[][]? TryRead(string sourceDir, IEnumerable<string> sources)
    {
        string path = PathFor(sourceDir);
        if (!File.Exists(path)) return null;
        try
        {
            using var f = new BinaryReader(File.OpenRead(path));
            if (Encoding.ASCII.GetString(f.ReadBytes(Magic.Length)) != Magic) return null;
            if (f.ReadString() != Stamp(sources)) return null;
            int count = f.ReadInt32();
            var arrays = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                int len = f.ReadInt32();
                arrays[i] = f.ReadBytes(len);
                if (arrays[i].Length != len) return null;
            }
            return arrays;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Stores the arrays (written by rename; a failure to write is ignored, it only costs speed).</summary>
    public static void Write(string sourceDir, IEnumerable<string> sources, params byte[][] arrays)
    {
        try
        {
            string path = PathFor(sourceDir);
            Saving.KerasArchive.WriteAtomically(path, tmp =>
            {
                using var f = new BinaryWriter(File.Create(tmp));
                f.Write(Encoding.ASCII.GetBytes(Magic));
                f.Write(Stamp(sources));
                f.Write(arrays.Length);
                foreach (var a in arrays) { f.Write(a.Length); f.Write(a); }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
