using System.IO.Compression;
using System.Text;
using System.Text.Json;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>
/// The .keras format of Keras 3: a zip of metadata.json, config.json and model.weights.h5. Files
/// are written to a temporary name in the same folder, then renamed, so a crash mid-save leaves the
/// previous file whole. Loading refuses zip entries with ".." or absolute paths and archives whose
/// uncompressed size is absurd. Paths ending in .h5 or .hdf5 are the legacy format (<see cref="LegacyH5"/>).
/// </summary>
public static class KerasArchive
{
    /// <summary>The Keras version whose files KerasSharp writes and reads: metadata.json's keras_version.</summary>
    public const string KerasVersion = "3.15.1";

    /// <summary>The largest uncompressed archive accepted (4 GiB).</summary>
    public const long MaxUncompressedBytes = 4L << 30;

    /// <summary>Writes a file through a temporary name in the same folder and a rename.</summary>
    public static void WriteAtomically(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            write(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
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

    static ZipArchive OpenChecked(string path)
    {
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw new InvalidDataException($"'{path}' is not a valid .keras file (not a zip archive): {e.Message}", e); }
        long total = 0;
        foreach (var e in zip.Entries)
        {
            if (e.FullName.Contains("..", StringComparison.Ordinal) || e.FullName.StartsWith('/') || e.FullName.StartsWith('\\') || Path.IsPathRooted(e.FullName))
            {
                zip.Dispose();
                throw new InvalidDataException($"'{path}' contains the entry '{e.FullName}', whose path leaves the archive; the file is refused.");
            }
            total += e.Length;
            if (total > MaxUncompressedBytes || (e.CompressedLength > 0 && e.Length / e.CompressedLength > 1000 && e.Length > (64L << 20)))
            {
                zip.Dispose();
                throw new InvalidDataException($"'{path}' would uncompress to more than {MaxUncompressedBytes >> 30} GiB or at an absurd ratio; the file is refused.");
            }
        }
        return zip;
    }

    static ZipArchiveEntry Entry(ZipArchive zip, string name, string path) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"'{path}' is not a complete .keras file: the entry '{name}' is missing.");

    /// <summary>Loads a model (keras.models.load_model): a .keras archive, or a legacy .h5/.hdf5 file.</summary>
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
        using var zip = OpenChecked(path);
        string json;
        using (var r = new StreamReader(Entry(zip, "config.json", path).Open())) json = r.ReadToEnd();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}': config.json is not valid JSON: {e.Message}", e); }
        using (doc)
        {
            var model = Deserializer.Model(doc.RootElement);
            if (compile && Deserializer.Get(doc.RootElement, "compile_config") is { } cc) CompileConfig.Apply(model, cc);
            LoadWeightsFrom(zip, model, path, loadOptimizer: compile);
            return model;
        }
    }

    static void LoadWeightsFrom(ZipArchive zip, Model model, string path, bool loadOptimizer)
    {
        if (zip.GetEntry("model.weights.h5") is { } h5)
        {
            string tmp = Path.Combine(Path.GetTempPath(), $"kerassharp-{Guid.NewGuid():N}.h5");
            try
            {
                h5.ExtractToFile(tmp);
                WeightsStore.ReadH5(model, tmp, loadOptimizer, path);
            }
            finally { File.Delete(tmp); }
        }
        else if (zip.GetEntry("model.weights.npz") is not null)
            throw new NotSupportedException($"'{path}' holds its weights as model.weights.npz (Keras's weights_format=\"npz\"). KerasSharp does not read that variant: " +
                "Keras 3.15.1 writes it as pickled Python objects and cannot read it back itself (np.load with allow_pickle=False). Save the model with Keras's default weights format (model.weights.h5).");
        else throw new InvalidDataException($"'{path}' is not a complete .keras file: the entry 'model.weights.h5' is missing.");
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
            using var zip = OpenChecked(path);
            LoadWeightsFrom(zip, model, path, loadOptimizer: true);
        }
        else if (IsLegacyH5(path)) LegacyH5.LoadWeights(model, path);
        else throw new ArgumentException($"File format not supported: filepath={path}. Keras 3 only supports V3 `.keras` and `.weights.h5` files, or legacy H5 format files (`.h5` extension).");
    }
}
