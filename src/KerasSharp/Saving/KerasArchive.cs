using System.IO.Compression;
using System.Text;
using System.Text.Json;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>
/// The .keras format of Keras 3: a zip of metadata.json, config.json and model.weights.h5 (or
/// model.weights.npz). Files are written to a temporary name in the same folder, then renamed, so
/// a crash mid-save leaves the previous file whole. Loading refuses zip entries with ".." or
/// absolute paths and archives whose uncompressed size is absurd.
/// </summary>
public static class KerasArchive
{
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

    /// <summary>Saves a model (Keras's model.save).</summary>
    public static void Save(Model model, string path, bool overwrite, bool includeOptimizer, bool requireExtension = true)
    {
        if (requireExtension && !path.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"Invalid filepath argument: expected a `.keras` extension. Received: filepath={path}");
        if (!overwrite && File.Exists(path)) throw new IOException($"'{path}' exists and overwrite is false.");
        if (!model.built) throw new InvalidOperationException($"Model \"{model.name}\" is not built yet (it has no weights); build it, or fit it once, before saving.");
        string config = JsonSerializer.Serialize(ModelConfig.Serialize(model, includeCompile: includeOptimizer));
        string metadata = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["keras_version"] = "3.16.0",
            ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss"),
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

    /// <summary>Loads a model (keras.models.load_model).</summary>
    public static Model Load(string path, bool compile, bool requireExtension = true)
    {
        if (requireExtension && !path.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"Invalid filename: expected a `.keras` extension. Received: filepath={path}");
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
            if (compile && Deserializer.Get(doc.RootElement, "compile_config") is { } cc)
            {
                var opt = Deserializer.Get(cc, "optimizer") is { } o ? Deserializer.Optimizer(o) : null;
                object? loss = Deserializer.Get(cc, "loss") switch
                {
                    { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(Deserializer.Loss).ToArray(),
                    { } l => Deserializer.Loss(l),
                    null => null,
                };
                var metrics = Deserializer.Get(cc, "metrics") is { ValueKind: JsonValueKind.Array } m ? m.EnumerateArray().Select(x => (object)Deserializer.Metric(x)).ToList() : null;
                if (loss is not null) model.compile(optimizer: opt, loss: loss, metrics: metrics);
            }
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
        else if (zip.GetEntry("model.weights.npz") is { } npz)
        {
            using var ms = new MemoryStream();
            using (var s = npz.Open()) s.CopyTo(ms);
            ms.Position = 0;
            var store = NpzWeights.Read(ms, path);
            WeightsStore.Apply(model, store.ContainsKey, p => store[p], loadOptimizer, path);
        }
        else throw new InvalidDataException($"'{path}' is not a complete .keras file: it holds neither model.weights.h5 nor model.weights.npz.");
    }

    /// <summary>Keras's save_weights: a .weights.h5 file with the model's (and optimizer's) variables.</summary>
    public static void SaveWeights(Model model, string path, bool overwrite)
    {
        if (!path.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"Invalid `filepath` argument: expected a `.weights.h5` extension. Received: filepath={path}");
        if (!overwrite && File.Exists(path)) throw new IOException($"'{path}' exists and overwrite is false.");
        WriteAtomically(path, tmp => WeightsStore.WriteH5(model, tmp, includeOptimizer: true));
    }

    static bool IsZip(string path)
    {
        using var f = File.OpenRead(path);
        return f.ReadByte() == 'P' && f.ReadByte() == 'K';
    }

    /// <summary>Keras's load_weights: from a .weights.h5 or a .keras file.</summary>
    public static void LoadWeights(Model model, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No weights file at '{path}'.", path);
        if (path.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            try { WeightsStore.ReadH5(model, path, loadOptimizer: true, path); }
            catch (Exception e) when (e is not InvalidDataException and not NotSupportedException)
            { throw new InvalidDataException($"'{path}' is not a readable HDF5 weights file: {e.Message}", e); }
        }
        else if (path.EndsWith(".keras", StringComparison.Ordinal) || IsZip(path))
        {
            using var zip = OpenChecked(path);
            LoadWeightsFrom(zip, model, path, loadOptimizer: true);
        }
        else throw new ArgumentException($"load_weights needs a .weights.h5 or .keras file, received '{path}'.");
    }
}
