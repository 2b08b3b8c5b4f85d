using System.IO.Compression;
using System.Text;
using System.Text.Json;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>
/// The .keras format of Keras 3: a zip of metadata.json, config.json and model.weights.h5. Files
/// are written to a temporary name in the same folder, flushed to disk, then renamed, so a crash
/// mid-save leaves the previous file whole (<see cref="WriteAtomically"/>). Loading refuses zip
/// entries with ".." or absolute paths, checks every entry it reads against its CRC-32 and declared
/// size, and keeps the bounds of <see cref="LoadLimits"/>. Paths ending in .h5 or .hdf5 are the
/// legacy format (<see cref="LegacyH5"/>).
/// </summary>
public static class KerasArchive
{
    /// <summary>The Keras version whose files KerasSharp writes and reads: metadata.json's keras_version.</summary>
    public const string KerasVersion = "3.15.1";

    /// <summary>
    /// Writes a file through a temporary name in the same folder (".NAME.tmp-PID-GUID"), flushes it
    /// to disk (fsync) and renames it over <paramref name="path"/>, so a crash or a kill mid-save
    /// leaves the previous file whole. Temporary files that a killed save left in that folder (the
    /// same pattern, from a process that is no longer running, or older than a day) are deleted
    /// first.
    /// </summary>
    public static void WriteAtomically(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}{TempMarker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        lock (inFlight) inFlight.Add(tmp);
        try
        {
            RemoveStaleTempFiles(dir);
            write(tmp);
            using (var f = new FileStream(tmp, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) f.Flush(flushToDisk: true);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            lock (inFlight) inFlight.Remove(tmp);
            TryDelete(tmp);
            TryDelete(tmp + ".h5");
        }
    }

    /// <summary>The part of a temporary file's name between the target's name and the writer's process id.</summary>
    public const string TempMarker = ".tmp-";

    static readonly HashSet<string> inFlight = new(StringComparer.Ordinal);

    // .NAME.tmp-PID-GUID[.h5] (this version) and .NAME.tmp-GUID[.h5] (earlier versions, without the process id).
    static readonly System.Text.RegularExpressions.Regex tempName = new(@"^\..+\.tmp-(?:(?<pid>\d+)-)?[0-9a-f]{32}(?:\.h5)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    static void TryDelete(string file)
    {
        try { if (File.Exists(file)) File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Deletes the temporary files that killed saves left in <paramref name="dir"/>: those of a
    /// process that is no longer running (or of this process but not being written now), those
    /// without a process id (written by earlier versions) untouched for ten minutes, and any
    /// untouched for a day. Another process's save in progress keeps its file.
    /// </summary>
    public static int RemoveStaleTempFiles(string dir)
    {
        int removed = 0;
        IEnumerable<string> files;
        try { files = Directory.EnumerateFiles(dir, ".*" + TempMarker + "*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
        foreach (var file in files)
        {
            var m = tempName.Match(Path.GetFileName(file));
            if (!m.Success) continue;
            // A .keras save writes its weights beside its temp file, as TEMP.h5: that file belongs to TEMP's save.
            string owner = file.EndsWith(".h5", StringComparison.Ordinal) ? file[..^3] : file;
            lock (inFlight) if (inFlight.Contains(owner) || inFlight.Contains(file)) continue;
            DateTime touched;
            try { touched = File.GetLastWriteTimeUtc(file); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            var age = DateTime.UtcNow - touched;
            bool stale;
            if (age > TimeSpan.FromDays(1)) stale = true;
            else if (!m.Groups["pid"].Success) stale = age > TimeSpan.FromMinutes(10);
            else stale = !int.TryParse(m.Groups["pid"].Value, out int pid) || pid == Environment.ProcessId || !ProcessRunning(pid);
            if (!stale) continue;
            try { File.Delete(file); removed++; } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    static bool ProcessRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
        catch (System.ComponentModel.Win32Exception) { return true; }
    }

    static bool IsLegacyH5(string path) => path.EndsWith(".h5", StringComparison.Ordinal) || path.EndsWith(".hdf5", StringComparison.Ordinal);

    /// <summary>Saves a model (Keras's model.save): a .keras archive, or for a path ending in .h5/.hdf5 the legacy format, with Keras's warning.</summary>
    public static void Save(Model model, string path, bool overwrite, bool includeOptimizer, bool requireExtension = true)
    {
        if (requireExtension && !path.EndsWith(".keras", StringComparison.Ordinal) && !IsLegacyH5(path))
            throw new ArgumentException($"Invalid filepath extension for saving. Please add either a `.keras` extension for the native Keras format (recommended) or a `.h5` extension. Received: filepath={path}.");
        if (!overwrite && File.Exists(path)) throw new IOException($"'{path}' exists and overwrite is false.");
        if (!model.built) throw new InvalidOperationException($"Model \"{model.name}\" is not built yet (it has no weights); build it, or fit it once, before saving.");
        if (requireExtension && IsLegacyH5(path))
        {
            Console.Error.WriteLine(LegacyH5.Warning);
            LegacyH5.Save(model, path, includeOptimizer);
            return;
        }
        string config = PythonJson.Serialize(ModelConfig.Serialize(model, includeCompile: includeOptimizer));
        string metadata = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["keras_version"] = KerasVersion,
            ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        });
        WriteAtomically(path, tmp =>
        {
            string h5 = tmp + ".h5";
            try
            {
                WeightsStore.WriteH5(model, h5, includeOptimizer);
                using var zip = ZipFile.Open(tmp, ZipArchiveMode.Create);
                void Text(string name, string text)
                {
                    using var s = zip.CreateEntry(name).Open();
                    s.Write(Encoding.UTF8.GetBytes(text));
                }
                Text("metadata.json", metadata);
                Text("config.json", config);
                zip.CreateEntryFromFile(h5, "model.weights.h5");
            }
            finally { if (File.Exists(h5)) File.Delete(h5); }
        });
    }

    static ZipArchiveEntry Entry(ZipArchive zip, string name, string path) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"'{path}' is not a complete .keras file: the entry '{name}' is missing.");

    /// <summary>
    /// Loads a model (keras.models.load_model): a .keras archive, or a legacy .h5/.hdf5 file. The
    /// load keeps <see cref="LoadLimits.Current"/>: config.json and the zip entries are bounded,
    /// every entry read is checked against its CRC-32 and declared size, and each layer is counted
    /// against the parameter limit and the size of the stored weights before it is built.
    /// </summary>
    public static Model Load(string path, bool compile, bool requireExtension = true)
    {
        if (requireExtension && IsLegacyH5(path))
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"No model file at '{path}'.", path);
            return LegacyH5.Load(path, compile);
        }
        if (requireExtension && !path.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"File format not supported: filepath={path}. Keras 3 only supports V3 `.keras` files, legacy H5 format files (`.h5` extension).");
        if (!File.Exists(path)) throw new FileNotFoundException($"No model file at '{path}'.", path);
        var limits = LoadLimits.Current;
        using var zip = ZipEntries.Open(path, limits);
        var configBytes = ZipEntries.ReadAll(Entry(zip, "config.json", path), path, limits.MaxConfigBytes, "LoadLimits.MaxConfigBytes");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(configBytes); }
        catch (Exception e) when (e is JsonException or ArgumentException or DecoderFallbackException)
        {
            throw new InvalidDataException($"'{path}': config.json is not valid JSON: {e.Message}", e);
        }
        var entry = zip.GetEntry("model.weights.h5");
        using (doc)
        using (var weights = entry is null ? null : OpenWeights(entry, path))
        {
            Model model;
            // Without a weights entry, the first layer that needs weights stops the load (with the missing entry's error) before it allocates them.
            using (LoadBudget.Begin(limits, path, weights?.FileLength ?? 0, "its model.weights.h5", weights is null ? () => MissingWeights(zip, path) : null))
                model = Translated(path, "config.json", () => Deserializer.Model(doc.RootElement));
            if (weights is null) throw MissingWeights(zip, path);
            if (compile && Deserializer.Get(doc.RootElement, "compile_config") is { } cc) Translated(path, "config.json (compile_config)", () => { CompileConfig.Apply(model, cc); return 0; });
            WeightsStore.Apply(model, weights, loadOptimizer: compile);
            return model;
        }
    }

    /// <summary>Runs <paramref name="f"/>, turning the JSON and format errors of the libraries into an error that names the file and the part.</summary>
    static T Translated<T>(string path, string part, Func<T> f)
    {
        try { return f(); }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException or InvalidCastException
            || e is InvalidOperationException && e.TargetSite?.DeclaringType?.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true)
        {
            throw new InvalidDataException($"'{path}': {part} holds a value of the wrong kind: {e.Message}", e);
        }
    }

    /// <summary>
    /// The weights of a .keras archive, opened from model.weights.h5: the entry is copied (size and
    /// CRC-32 checked) to a temporary file that is deleted as soon as it is open, so a killed load
    /// leaves nothing behind on Unix.
    /// </summary>
    static Exception MissingWeights(ZipArchive zip, string path) =>
        zip.GetEntry("model.weights.npz") is not null
            ? new NotSupportedException($"'{path}' holds its weights as model.weights.npz (Keras's weights_format=\"npz\"). KerasSharp does not read that variant: " +
                "Keras 3.15.1 writes it as pickled Python objects and cannot read it back itself (np.load with allow_pickle=False). Save the model with Keras's default weights format (model.weights.h5).")
            : new InvalidDataException($"'{path}' is not a complete .keras file: the entry 'model.weights.h5' is missing.");

    static H5Reader OpenWeights(ZipArchive zip, string path) =>
        OpenWeights(zip.GetEntry("model.weights.h5") ?? throw MissingWeights(zip, path), path);

    static H5Reader OpenWeights(ZipArchiveEntry h5, string path)
    {
        string tmp = Path.Combine(Path.GetTempPath(), $"kerassharp-{Environment.ProcessId}-{Guid.NewGuid():N}.h5");
        var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            ZipEntries.CopyTo(h5, stream, path);
            stream.Position = 0;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return H5Reader.Open(stream, path);
    }

    static void LoadWeightsFrom(ZipArchive zip, Model model, string path, bool loadOptimizer)
    {
        using var weights = OpenWeights(zip, path);
        WeightsStore.Apply(model, weights, loadOptimizer);
    }

    /// <summary>Keras's save_weights: a .weights.h5 file with the model's (and optimizer's) variables.</summary>
    public static void SaveWeights(Model model, string path, bool overwrite)
    {
        if (!path.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"The filename must end in `.weights.h5`. Received: filepath={path}");
        if (!overwrite && File.Exists(path)) throw new IOException($"'{path}' exists and overwrite is false.");
        WriteAtomically(path, tmp => WeightsStore.WriteH5(model, tmp, includeOptimizer: true));
    }

    static bool IsZip(string path)
    {
        using var f = File.OpenRead(path);
        return f.ReadByte() == 'P' && f.ReadByte() == 'K';
    }

    /// <summary>Keras's load_weights: from a .weights.h5 file, a .keras file, or a legacy .h5 file (full model or weights only).</summary>
    public static void LoadWeights(Model model, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No weights file at '{path}'.", path);
        if (path.EndsWith(".weights.h5", StringComparison.Ordinal)) WeightsStore.ReadH5(model, path, loadOptimizer: true, path);
        else if (path.EndsWith(".keras", StringComparison.Ordinal) || IsZip(path))
        {
            using var zip = ZipEntries.Open(path, LoadLimits.Current);
            LoadWeightsFrom(zip, model, path, loadOptimizer: true);
        }
        else if (IsLegacyH5(path)) LegacyH5.LoadWeights(model, path);
        else throw new ArgumentException($"File format not supported: filepath={path}. Keras 3 only supports V3 `.keras` and `.weights.h5` files, or legacy H5 format files (`.h5` extension).");
    }
}
