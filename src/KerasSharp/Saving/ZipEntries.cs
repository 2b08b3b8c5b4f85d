using System.IO.Compression;

namespace KerasSharp.Saving;

/// <summary>
/// Reads the entries of a .keras zip with the checks System.IO.Compression leaves out: the sizes
/// the central directory declares are bounded (<see cref="LoadLimits"/>) before anything is
/// extracted, an entry that yields more or fewer bytes than it declares is refused (a header that
/// lies), and the CRC-32 of every entry read is computed and compared with the stored one. Every
/// failure, the library's included, is an <see cref="InvalidDataException"/> naming the file and
/// the entry.
/// </summary>
internal static class ZipEntries
{
    /// <summary>Opens the archive and checks every entry's name and declared sizes.</summary>
    public static ZipArchive Open(string path, LoadLimits limits)
    {
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw new InvalidDataException($"'{path}' is not a valid .keras file (not a zip archive): {e.Message}", e); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or EndOfStreamException or OverflowException)
        {
            throw new InvalidDataException($"'{path}' is not a valid .keras file (its zip directory is damaged): {e.Message}", e);
        }
        try
        {
            long total = 0;
            foreach (var e in zip.Entries)
            {
                if (e.FullName.Contains("..", StringComparison.Ordinal) || e.FullName.StartsWith('/') || e.FullName.StartsWith('\\') || Path.IsPathRooted(e.FullName))
                    throw new InvalidDataException($"'{path}' contains the entry '{e.FullName}', whose path leaves the archive; the file is refused.");
                if (e.Length < 0 || e.CompressedLength < 0)
                    throw new InvalidDataException($"'{path}': the zip header of entry '{e.FullName}' declares a negative size; the file is refused.");
                if (e.Length > limits.MaxEntryBytes)
                    throw new InvalidDataException($"'{path}': entry '{e.FullName}' would uncompress to {LoadLimits.Bytes(e.Length)}, over the limit of {LoadLimits.Bytes(limits.MaxEntryBytes)} (LoadLimits.MaxEntryBytes); the file is refused.");
                total += e.Length;
                if (total > limits.MaxArchiveBytes)
                    throw new InvalidDataException($"'{path}' would uncompress to more than {LoadLimits.Bytes(limits.MaxArchiveBytes)} (LoadLimits.MaxArchiveBytes); the file is refused.");
                if (e.Length > (64L << 20) && (e.CompressedLength == 0 || e.Length / (double)e.CompressedLength > limits.MaxCompressionRatio))
                    throw new InvalidDataException($"'{path}': entry '{e.FullName}' would uncompress from {LoadLimits.Bytes(e.CompressedLength)} to {LoadLimits.Bytes(e.Length)}, " +
                        $"a ratio over {limits.MaxCompressionRatio} (LoadLimits.MaxCompressionRatio); the file is refused.");
            }
            return zip;
        }
        catch (InvalidDataException e)
        {
            zip.Dispose();
            if (e.Message.StartsWith($"'{path}'", StringComparison.Ordinal)) throw;
            throw new InvalidDataException($"'{path}' is not a valid .keras file (its zip directory is damaged): {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or EndOfStreamException or IOException)
        {
            zip.Dispose();
            throw new InvalidDataException($"'{path}' is not a valid .keras file (its zip directory is damaged): {e.Message}", e);
        }
    }

    /// <summary>An entry's bytes, at most <paramref name="maxBytes"/> (<paramref name="limitName"/> names the bound in the error).</summary>
    public static byte[] ReadAll(ZipArchiveEntry entry, string path, long maxBytes, string limitName)
    {
        if (entry.Length > maxBytes)
            throw new InvalidDataException($"'{path}': entry '{entry.FullName}' is {LoadLimits.Bytes(entry.Length)}, over the limit of {LoadLimits.Bytes(maxBytes)} ({limitName}); the file is refused.");
        using var ms = new MemoryStream((int)Math.Min(entry.Length, 1 << 20)); // grows with the data, not with what the header claims
        CopyTo(entry, ms, path);
        return ms.ToArray();
    }

    /// <summary>Copies an entry to <paramref name="destination"/>: exactly the declared number of bytes, with the declared CRC-32.</summary>
    public static void CopyTo(ZipArchiveEntry entry, Stream destination, string path)
    {
        string name = entry.FullName;
        long declared = entry.Length;
        long count = 0;
        uint crc = 0;
        try
        {
            using var s = entry.Open();
            var buffer = new byte[81920];
            while (true)
            {
                // Read at most one byte past the declared size: enough to tell that the header lies.
                int want = (int)Math.Min(buffer.Length, declared - count + 1);
                int n = s.Read(buffer, 0, want);
                if (n == 0) break;
                count += n;
                if (count > declared)
                    throw new InvalidDataException($"'{path}': entry '{name}' holds more data than its zip header declares ({LoadLimits.Count(declared)} bytes); the header lies and the file is refused.");
                crc = Datasets.Crc32.Append(crc, buffer.AsSpan(0, n));
                destination.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith($"'{path}'", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}': entry '{name}' is damaged and cannot be uncompressed: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException and not FileNotFoundException || e is NotSupportedException || e is ArgumentException || e is IndexOutOfRangeException)
        {
            throw new InvalidDataException($"'{path}': entry '{name}' cannot be read: {e.Message}", e);
        }
        if (count != declared)
            throw new InvalidDataException($"'{path}': entry '{name}' holds {LoadLimits.Count(count)} bytes where its zip header declares {LoadLimits.Count(declared)}; the file is damaged or its header lies, and it is refused.");
        uint actual = crc;
        if (actual != entry.Crc32)
            throw new InvalidDataException($"'{path}': entry '{name}' fails its CRC-32 check (stored 0x{entry.Crc32:x8}, computed 0x{actual:x8}); the file is damaged and refused.");
    }
}
