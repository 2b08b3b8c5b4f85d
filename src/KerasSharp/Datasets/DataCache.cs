using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace KerasSharp.Datasets;

/// <summary>
/// Where datasets live (a given path, then $KERAS_HOME/datasets, then ~/.keras/datasets), and how
/// missing ones are fetched: download to a temporary file beside the target, verify the published
/// SHA-256, then rename; extract archives into a temporary folder (refusing links and entries that
/// would land outside it), then rename. A broken download or extraction leaves no cache behind.
/// </summary>
public static class DataCache
{
    /// <summary>Replaces the HTTP handler (tests use it to simulate broken or absent networks).</summary>
    public static Func<HttpMessageHandler>? HandlerFactory { get; set; }

    /// <summary>The dataset cache folder.</summary>
    public static string Root()
    {
        string? home = Environment.GetEnvironmentVariable("KERAS_HOME");
        string baseDir = !string.IsNullOrEmpty(home) ? home : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keras");
        return Path.Combine(baseDir, "datasets");
    }

    /// <summary>Downloads <paramref name="url"/> to <paramref name="target"/> (verifying sha256), showing progress on stderr.</summary>
    public static void Download(string url, string target, string sha256, string manualHint)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        string part = target + ".part-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using var client = HandlerFactory is { } f ? new HttpClient(f()) : new HttpClient();
            client.Timeout = TimeSpan.FromMinutes(30);
            using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            long? total = response.Content.Headers.ContentLength;
            using (var input = response.Content.ReadAsStream())
            using (var output = File.Create(part))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buf = new byte[1 << 16];
                long done = 0, lastShown = 0;
                int n;
                Console.Error.WriteLine($"Downloading {url}");
                while ((n = input.Read(buf, 0, buf.Length)) > 0)
                {
                    output.Write(buf, 0, n);
                    hash.AppendData(buf, 0, n);
                    done += n;
                    if (done - lastShown > (4 << 20) || done == total)
                    {
                        lastShown = done;
                        Console.Error.Write(total is long t ? $"\r  {done >> 20} / {t >> 20} MB ({100.0 * done / t:0}%)" : $"\r  {done >> 20} MB");
                    }
                }
                Console.Error.WriteLine();
                if (total is long expected && done != expected)
                    throw new IOException($"the download of {url} broke off after {done} of {expected} bytes");
                string actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
                if (actual != sha256)
                    throw new InvalidDataException($"checksum mismatch for {url}: SHA-256 {actual}, expected {sha256}");
            }
            File.Move(part, target, overwrite: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidDataException)
        {
            TryDelete(part);
            throw new IOException($"Could not get {Path.GetFileName(target)}: {e.Message}. {manualHint}", e);
        }
        catch
        {
            TryDelete(part);
            throw;
        }
    }

    static void TryDelete(string path) { try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } }

    /// <summary>Extracts a .tar.gz into <paramref name="destination"/> (which must not exist), safely and atomically.</summary>
    public static void ExtractTarGz(string archive, string destination)
    {
        string dest = Path.GetFullPath(destination);
        string tmp = dest + ".extract-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(tmp);
        string tmpRoot = Path.GetFullPath(tmp) + Path.DirectorySeparatorChar;
        try
        {
            using (var gz = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
            using (var tar = new TarReader(gz))
            {
                TarEntry? e;
                while ((e = tar.GetNextEntry()) is not null)
                {
                    if (e.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                        throw new InvalidDataException($"'{archive}' contains a link ('{e.Name}' → '{e.LinkName}'); archives with links are refused.");
                    string full = Path.GetFullPath(Path.Combine(tmp, e.Name));
                    if (!full.StartsWith(tmpRoot, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != tmpRoot)
                        throw new InvalidDataException($"'{archive}' contains the entry '{e.Name}', which would land outside the cache folder; the archive is refused.");
                    if (e.EntryType is TarEntryType.Directory) { Directory.CreateDirectory(full); continue; }
                    if (e.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    e.ExtractToFile(full, overwrite: false);
                }
            }
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            Directory.Move(tmp, dest);
        }
        catch
        {
            try { Directory.Delete(tmp, recursive: true); } catch (IOException) { }
            throw;
        }
    }
}
