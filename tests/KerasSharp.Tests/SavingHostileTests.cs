using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Saving;
using Xunit;
using Xunit.Abstractions;

namespace KerasSharp.Tests;

/// <summary>
/// Hostile model files (issue 15): loading is bounded and checked before it allocates, the zip's
/// CRC-32 and declared sizes are verified, library errors name the file and the part, loading is
/// linear in the number of layers, and saves flush before the rename and clean up after killed saves.
/// </summary>
public class SavingHostileTests(ITestOutputHelper output)
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-hostile-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }

    static string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    static readonly float[,] X = { { 0.5f, -1, 2, 0.25f }, { 1, 1, -1, 0 }, { -2, 0.5f, 0, 3 } };

    /// <summary>A small trained-free model: Dense(3) on 4 inputs, then Dense(2).</summary>
    static Models.Sequential Small()
    {
        keras.backend.clear_session();
        keras.utils.set_random_seed(11);
        return keras.Sequential(keras.Input(shape: new[] { 4 }), keras.layers.Dense(3, activation: "relu"), keras.layers.Dense(2));
    }

    static float[] Out(Models.Model m) => m.predict(X).ToArray<float>();

    /// <summary>Rewrites a .keras file's entries (all stored uncompressed unless <paramref name="level"/> says otherwise), editing config.json.</summary>
    static string Rewrite(string src, string dst, Action<JsonObject>? edit = null, CompressionLevel level = CompressionLevel.Optimal, Func<string, byte[], byte[]>? entry = null)
    {
        using (var zin = ZipFile.OpenRead(src))
        using (var zout = ZipFile.Open(dst, ZipArchiveMode.Create))
            foreach (var e in zin.Entries)
            {
                using var ms = new MemoryStream();
                using (var s = e.Open()) s.CopyTo(ms);
                var bytes = ms.ToArray();
                if (e.FullName == "config.json" && edit is not null)
                {
                    var root = JsonNode.Parse(bytes)!.AsObject();
                    edit(root);
                    bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
                }
                if (entry is not null) bytes = entry(e.FullName, bytes);
                using var o = zout.CreateEntry(e.FullName, level).Open();
                o.Write(bytes);
            }
        return dst;
    }

    static JsonObject LayerConfig(JsonObject root, int i) => root["config"]!["layers"]![i]!["config"]!.AsObject();

    static string SavedSmall(string dir)
    {
        var path = Path.Combine(dir, "small.keras");
        Small().save(path);
        return path;
    }

    // ----- bounded loading: counted from the config before anything is built -----

    [Fact]
    public void A_small_keras_file_asking_for_a_20000_by_20000_dense_is_refused_before_it_is_built()
    {
        var dir = TempDir();
        var path = Rewrite(SavedSmall(dir), Path.Combine(dir, "big.keras"), r =>
        {
            LayerConfig(r, 0)["batch_shape"] = JsonNode.Parse("[null, 20000]");
            LayerConfig(r, 1)["units"] = 20000;
        });
        Assert.True(new FileInfo(path).Length < 4096, $"the hostile file is {new FileInfo(path).Length} bytes");
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
        Assert.StartsWith($"'{path}': layer 'dense' (Dense) would create a weight 'kernel' of shape (20000, 20000) (400,000,000 parameters): the config asks for 400,000,000 parameters so far, " +
            "which need at least 762.9 MiB (800,000,000 bytes) of stored weights, but its model.weights.h5 holds ", e.Message);
        Assert.EndsWith("the config does not match its weights and is refused before they are allocated.", e.Message);

        // The same config without any weights entry: refused by the missing entry, before the layer is built.
        var bare = Path.Combine(dir, "bare.keras");
        using (var zin = ZipFile.OpenRead(path))
        using (var zout = ZipFile.Open(bare, ZipArchiveMode.Create))
        using (var s = zin.GetEntry("config.json")!.Open())
        using (var o = zout.CreateEntry("config.json").Open())
            s.CopyTo(o);
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(bare));
        Assert.Equal($"'{bare}' is not a complete .keras file: the entry 'model.weights.h5' is missing.", e.Message);
    }

    [Theory]
    [InlineData("2e9", "(4, 2000000000)", "8,000,000,000")]
    [InlineData("2147483647", "(4, 2147483647)", "8,589,934,588")]
    public void A_dense_of_billions_of_units_is_refused_over_the_parameter_limit(string units, string shape, string count)
    {
        var dir = TempDir();
        var path = Rewrite(SavedSmall(dir), Path.Combine(dir, "huge.keras"), r => LayerConfig(r, 1)["units"] = JsonNode.Parse(units));
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
        Assert.Equal($"'{path}': layer 'dense' (Dense) would create a weight 'kernel' of shape {shape} ({count} parameters), which brings the model to {count} parameters, " +
            "over the limit of 2,147,483,648 (LoadLimits.MaxParameters); the model is refused before its weights are allocated.", e.Message);
    }

    [Fact]
    public void A_negative_kernel_size_in_a_config_is_refused_by_name()
    {
        var dir = TempDir();
        keras.backend.clear_session();
        var m = keras.Sequential(keras.Input(shape: new[] { 8, 8, 1 }), keras.layers.Conv2D(2, 3));
        var src = Path.Combine(dir, "conv.keras");
        m.save(src);
        var path = Rewrite(src, Path.Combine(dir, "neg.keras"), r => LayerConfig(r, 1)["kernel_size"] = JsonNode.Parse("[-3, 3]"));
        var e = Assert.ThrowsAny<Exception>(() => keras.models.load_model(path));
        Assert.True(e is InvalidDataException or ArgumentException, e.ToString());
        Assert.Contains("kernel_size", e.Message);
        Assert.Contains("-3", e.Message);
    }

    [Fact]
    public void The_limits_are_the_callers_to_set_for_one_scope_or_the_process()
    {
        var dir = TempDir();
        var path = SavedSmall(dir);
        using (LoadLimits.Use(new LoadLimits { MaxParameters = 20 }))
        {
            var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
            Assert.Equal($"'{path}': layer 'dense_1' (Dense) would create a weight 'kernel' of shape (3, 2) (6 parameters), which brings the model to 21 parameters, " +
                "over the limit of 20 (LoadLimits.MaxParameters); the model is refused before its weights are allocated.", e.Message);
        }
        using (LoadLimits.Use(new LoadLimits { MaxConfigBytes = 100 }))
        {
            var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
            Assert.Matches($"^'{System.Text.RegularExpressions.Regex.Escape(path)}': entry 'config.json' is [0-9,]+ bytes, over the limit of 100 bytes \\(LoadLimits.MaxConfigBytes\\); the file is refused.$", e.Message);
        }
        using (LoadLimits.Use(new LoadLimits { MaxEntryBytes = 1000 }))
        {
            var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
            Assert.Matches("entry '(config.json|model.weights.h5)' would uncompress to ", e.Message);
            Assert.EndsWith("over the limit of 1,000 bytes (LoadLimits.MaxEntryBytes); the file is refused.", e.Message);
        }
        var saved = LoadLimits.Default;
        try
        {
            LoadLimits.Default = new LoadLimits { MaxParameters = 10 };
            Assert.Contains("(LoadLimits.MaxParameters)", Assert.Throws<InvalidDataException>(() => keras.models.load_model(path)).Message);
        }
        finally { LoadLimits.Default = saved; }
        // Outside the scopes, with the defaults, the same file loads.
        Assert.Equal(Out(Small()), Out(keras.models.load_model(path)));
    }

    [Fact]
    public void A_config_json_too_large_for_the_limit_is_refused_before_it_is_read()
    {
        var dir = TempDir();
        // 3 MB of spaces in config.json compress to a few KB.
        var path = Rewrite(SavedSmall(dir), Path.Combine(dir, "padded.keras"), entry: (name, b) => name == "config.json" ? b.Concat(Enumerable.Repeat((byte)' ', 3 << 20)).ToArray() : b);
        Assert.True(new FileInfo(path).Length < 64 << 10);
        using (LoadLimits.Use(new LoadLimits { MaxConfigBytes = 1 << 20 }))
        {
            var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
            Assert.Contains("entry 'config.json' is 3 MiB (", e.Message);
            Assert.EndsWith("over the limit of 1 MiB (1,048,576 bytes) (LoadLimits.MaxConfigBytes); the file is refused.", e.Message);
        }
        Assert.Equal(2, keras.models.load_model(path).layers.Count); // within the default 256 MiB
    }

    // ----- declared HDF5 shapes are checked before the data is read -----

    /// <summary>Replaces the dataspace dimensions (a, b), stored as two little-endian 64-bit lengths, by (c, d) everywhere in an HDF5 file.</summary>
    static int PatchDims(string file, long a, long b, long c, long d)
    {
        var bytes = File.ReadAllBytes(file);
        var from = BitConverter.GetBytes(a).Concat(BitConverter.GetBytes(b)).ToArray();
        var to = BitConverter.GetBytes(c).Concat(BitConverter.GetBytes(d)).ToArray();
        int n = 0;
        for (int i = 0; i + 16 <= bytes.Length; i++)
            if (bytes.AsSpan(i, 16).SequenceEqual(from)) { to.CopyTo(bytes, i); n++; }
        File.WriteAllBytes(file, bytes);
        return n;
    }

    [Fact]
    public void A_10_KB_weights_file_declaring_a_100000_by_100000_kernel_is_refused_without_reading_it()
    {
        var dir = TempDir();
        var weights = Path.Combine(dir, "w.weights.h5");
        Small().save_weights(weights);
        Assert.True(PatchDims(weights, 4, 3, 100000, 100000) >= 1);
        Assert.True(new FileInfo(weights).Length < 10 << 10);
        var before = Process.GetCurrentProcess().WorkingSet64;
        var e = Assert.Throws<InvalidDataException>(() => Small().load_weights(weights));
        Assert.Equal($"'{weights}': weight 'layers/dense/vars/0' of layer 'dense' has shape (100000, 100000), the model expects (4, 3).", e.Message);
        Assert.True(Process.GetCurrentProcess().WorkingSet64 - before < 1L << 30);

        // The legacy format, through load_model: the model's own config says (4, 3).
        var legacy = Path.Combine(dir, "m.h5");
        Small().save(legacy);
        Assert.True(PatchDims(legacy, 4, 3, 100000, 100000) >= 1);
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(legacy));
        Assert.Equal($"'{legacy}': Shape mismatch in layer #0 (named dense) for weight dense/kernel. Weight expects shape (4, 3). Received saved weight with shape (100000, 100000)", e.Message);
    }

    [Fact]
    public void A_dataset_declaring_more_bytes_than_the_whole_file_is_refused_before_its_data_is_read()
    {
        var dir = TempDir();
        var weights = Path.Combine(dir, "w.weights.h5");
        Small().save_weights(weights);
        Assert.True(PatchDims(weights, 4, 3, 300, 300) >= 1);
        keras.backend.clear_session();
        var big = keras.Sequential(keras.Input(shape: new[] { 300 }), keras.layers.Dense(300), keras.layers.Dense(2));
        var e = Assert.Throws<InvalidDataException>(() => big.load_weights(weights));
        Assert.Equal($"'{weights}': dataset 'layers/dense/vars/0' declares shape (300, 300) (360,000 bytes), more than the whole HDF5 file ({N(new FileInfo(weights).Length)} bytes); the file is damaged and refused.", e.Message);
    }

    // ----- the zip: CRC-32, lying headers, library errors named -----

    static (int at, int nameLength) CentralEntry(byte[] zip, string name)
    {
        for (int i = zip.Length - 46; i >= 0; i--)
            if (BitConverter.ToUInt32(zip, i) == 0x02014b50)
            {
                int n = BitConverter.ToUInt16(zip, i + 28);
                if (Encoding.UTF8.GetString(zip, i + 46, n) == name) return (i, n);
            }
        throw new InvalidOperationException($"no central entry {name}");
    }

    [Fact]
    public void System_IO_Compression_alone_does_not_notice_a_flipped_byte_in_a_stored_entry_and_load_model_does()
    {
        var dir = TempDir();
        var path = Rewrite(SavedSmall(dir), Path.Combine(dir, "stored.keras"), level: CompressionLevel.NoCompression);
        var bytes = File.ReadAllBytes(path);
        // The weights entry is stored: flip a byte of its last dataset (the second layer's bias), near the end of its data.
        var (cd, _) = CentralEntry(bytes, "model.weights.h5");
        int local = BitConverter.ToInt32(bytes, cd + 42);
        int dataStart = local + 30 + BitConverter.ToUInt16(bytes, local + 26) + BitConverter.ToUInt16(bytes, local + 28);
        int size = BitConverter.ToInt32(bytes, cd + 20);
        var h5 = bytes.AsSpan(dataStart, size).ToArray();
        var original = keras.models.load_model(path);
        // Find a weight value of the file inside the entry and change it.
        float w = original.layers[1].get_weights()[1].ToArray<float>()[0];
        int at = h5.AsSpan().IndexOf(BitConverter.GetBytes(w));
        Assert.True(at > 0);
        bytes[dataStart + at + 2] ^= 0x10;
        var flipped = Path.Combine(dir, "flipped.keras");
        File.WriteAllBytes(flipped, bytes);

        // The BCL's reader hands out the changed bytes without complaint: no CRC check on read.
        using (var zip = ZipFile.OpenRead(flipped))
        {
            using var s = zip.GetEntry("model.weights.h5")!.Open();
            using var ms = new MemoryStream();
            var bclError = Record.Exception(() => s.CopyTo(ms));
            output.WriteLine($"System.IO.Compression on a flipped stored entry: {(bclError is null ? "no error" : bclError.GetType().Name + ": " + bclError.Message)}");
            if (bclError is null) Assert.Equal(size, ms.Length);
        }
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(flipped));
        Assert.Matches($"^'{System.Text.RegularExpressions.Regex.Escape(flipped)}': entry 'model.weights.h5' fails its CRC-32 check \\(stored 0x[0-9a-f]{{8}}, computed 0x[0-9a-f]{{8}}\\); the file is damaged and refused.$", e.Message);
        Assert.Throws<InvalidDataException>(() => Small().load_weights(flipped));
    }

    [Fact]
    public void Zip_entries_whose_header_lies_about_their_size_are_refused()
    {
        var dir = TempDir();
        var path = SavedSmall(dir);
        var bytes = File.ReadAllBytes(path);
        var (cd, _) = CentralEntry(bytes, "config.json");
        uint real = BitConverter.ToUInt32(bytes, cd + 24);

        var smaller = (byte[])bytes.Clone();
        BitConverter.GetBytes(real - 10).CopyTo(smaller, cd + 24);
        var p1 = Path.Combine(dir, "smaller.keras");
        File.WriteAllBytes(p1, smaller);
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(p1));
        // System.IO.Compression stops at the declared size; the CRC of the shortened data then fails.
        Assert.Matches($"^'{System.Text.RegularExpressions.Regex.Escape(p1)}': entry 'config.json' fails its CRC-32 check \\(stored 0x[0-9a-f]{{8}}, computed 0x[0-9a-f]{{8}}\\); the file is damaged and refused.$", e.Message);

        var larger = (byte[])bytes.Clone();
        BitConverter.GetBytes(real + 1000).CopyTo(larger, cd + 24);
        var p2 = Path.Combine(dir, "larger.keras");
        File.WriteAllBytes(p2, larger);
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(p2));
        Assert.Equal($"'{p2}': entry 'config.json' holds {N(real)} bytes where its zip header declares {N(real + 1000)}; the file is damaged or its header lies, and it is refused.", e.Message);

        // A header claiming 3 GiB for the weights from a few hundred compressed bytes.
        var (wcd, _) = CentralEntry(bytes, "model.weights.h5");
        var bomb = (byte[])bytes.Clone();
        BitConverter.GetBytes(3u << 30).CopyTo(bomb, wcd + 24);
        var p3 = Path.Combine(dir, "bomb.keras");
        File.WriteAllBytes(p3, bomb);
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(p3));
        Assert.StartsWith($"'{p3}': entry 'model.weights.h5' would uncompress from ", e.Message);
        Assert.EndsWith("to 3 GiB (3,221,225,472 bytes), a ratio over 1000 (LoadLimits.MaxCompressionRatio); the file is refused.", e.Message);
    }

    [Fact]
    public void Library_errors_inside_a_keras_file_name_the_file_and_the_part()
    {
        var dir = TempDir();
        var src = SavedSmall(dir);
        var garbage = Rewrite(src, Path.Combine(dir, "garbage.keras"), entry: (name, b) => name == "model.weights.h5" ? Encoding.ASCII.GetBytes("not an HDF5 file at all, just text") : b);
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(garbage));
        Assert.StartsWith($"'{garbage}' is not a readable HDF5 file: ", e.Message);

        var badJson = Rewrite(src, Path.Combine(dir, "json.keras"), entry: (name, b) => name == "config.json" ? b.Take(b.Length / 2).ToArray() : b);
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(badJson));
        Assert.StartsWith($"'{badJson}': config.json is not valid JSON: ", e.Message);

        // A value of the wrong kind deep in a legacy config (tf.keras 2's batch_input_shape) is named, not a System.Text.Json stack.
        var wrongKind = Rewrite(src, Path.Combine(dir, "kind.keras"), r =>
        {
            var layers = r["config"]!["layers"]!.AsArray();
            layers.RemoveAt(0);
            layers[0]!["config"]!["batch_input_shape"] = JsonNode.Parse("[null, \"four\"]");
        });
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(wrongKind));
        Assert.StartsWith($"'{wrongKind}': config.json holds a value of the wrong kind: ", e.Message);

        var notZip = Path.Combine(dir, "text.keras");
        File.WriteAllText(notZip, "PK but not really a zip archive");
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(notZip));
        Assert.StartsWith($"'{notZip}' is not a valid .keras file", e.Message);
    }

    // ----- fuzz: single-byte flips over a saved .keras -----

    [Fact]
    public void Every_single_byte_flip_of_a_keras_file_is_refused_by_name_or_loads_bit_identical()
    {
        var dir = TempDir();
        var path = SavedSmall(dir);
        var expected = Out(keras.models.load_model(path));
        var bytes = File.ReadAllBytes(path);
        var rng = new Random(1515);
        int rejected = 0, identical = 0, flips = 400;
        var kinds = new Dictionary<string, int>();
        var failures = new List<string>();
        var flipped = Path.Combine(dir, "flip.keras");
        for (int k = 0; k < flips; k++)
        {
            int at = rng.Next(bytes.Length);
            byte mask = (byte)rng.Next(1, 256);
            var copy = (byte[])bytes.Clone();
            copy[at] ^= mask;
            File.WriteAllBytes(flipped, copy);
            try
            {
                var m = keras.models.load_model(flipped);
                if (Out(m).SequenceEqual(expected)) identical++;
                else failures.Add($"byte {at} ^ 0x{mask:x2}: loaded with other predictions");
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException)
            {
                if (e.Message.Contains(flipped)) rejected++;
                else failures.Add($"byte {at} ^ 0x{mask:x2}: {e.GetType().Name} without the file's name: {e.Message}");
                var kind = e.GetType().Name + ": " + System.Text.RegularExpressions.Regex.Replace(e.Message.Replace(flipped, "FILE"), "[0-9a-fx,]{4,}|\\d+", "N");
                kind = kind.Length > 90 ? kind[..90] : kind;
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
            catch (Exception e)
            {
                failures.Add($"byte {at} ^ 0x{mask:x2}: {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"{flips} flips over {bytes.Length} bytes: {rejected} refused naming the file, {identical} loaded bit-identical, {failures.Count} failures");
        foreach (var (kind, n) in kinds.OrderByDescending(kv => kv.Value)) output.WriteLine($"  {n,4} × {kind}");
        foreach (var f in failures) output.WriteLine("  FAIL " + f);
        Assert.Empty(failures);
        Assert.Equal(flips, rejected + identical);
        Assert.True(rejected > flips / 2, $"only {rejected} of {flips} refused");
    }

    // ----- linear loading -----

    [Fact]
    public void A_sequential_config_of_4000_layers_loads_linearly()
    {
        int depth = int.TryParse(Environment.GetEnvironmentVariable("KS_DEEP_LAYERS"), out var d) ? d : 4000;
        var layers = new JsonArray { JsonNode.Parse("{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 4], \"name\": \"in\"}}") };
        for (int i = 0; i < depth; i++)
            layers.Add(JsonNode.Parse(i % 2 == 0
                ? $"{{\"class_name\": \"Dense\", \"config\": {{\"name\": \"d{i}\", \"units\": 4, \"use_bias\": false, \"kernel_initializer\": \"identity\"}}}}"
                : $"{{\"class_name\": \"Activation\", \"config\": {{\"name\": \"a{i}\", \"activation\": \"linear\"}}}}"));
        var json = new JsonObject { ["class_name"] = "Sequential", ["config"] = new JsonObject { ["name"] = "deep", ["layers"] = layers } }.ToJsonString();
        keras.backend.clear_session();
        var sw = Stopwatch.StartNew();
        Models.Model m;
        using (var doc = JsonDocument.Parse(json)) m = Deserializer.Model(doc.RootElement);
        var build = sw.Elapsed;
        var y = Out(m);
        output.WriteLine($"{depth}-layer Sequential config ({json.Length:N0} bytes): rebuilt in {build.TotalSeconds:0.000} s, first predict {(sw.Elapsed - build).TotalSeconds:0.000} s");
        Assert.Equal(depth, m.layers.Count);
        Assert.Equal(depth / 2 * 16, m.count_params());
        Assert.Equal(X.Cast<float>(), y); // identity kernels, linear activations

        // The same depth through a .keras file: save and load.
        var path = Path.Combine(TempDir(), "deep.keras");
        sw.Restart();
        m.save(path);
        var saved = sw.Elapsed;
        sw.Restart();
        var loaded = keras.models.load_model(path);
        output.WriteLine($"  .keras of {new FileInfo(path).Length:N0} bytes: saved in {saved.TotalSeconds:0.000} s, loaded in {sw.Elapsed.TotalSeconds:0.000} s");
        Assert.Equal(depth, loaded.layers.Count);
        Assert.Equal(y, Out(loaded));
    }

    // ----- saves -----

    static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void Temp_files_of_killed_saves_are_removed_by_the_next_save_to_the_folder()
    {
        var dir = TempDir();
        string g() => Guid.NewGuid().ToString("N");
        int dead = DeadPid();
        var stale = new[]
        {
            Path.Combine(dir, $".m.keras.tmp-{dead}-{g()}"),
            Path.Combine(dir, $".m.keras.tmp-{dead}-{g()}.h5"),
            Path.Combine(dir, $".other.weights.h5.tmp-{dead}-{g()}"),
            Path.Combine(dir, $".m.keras.tmp-{g()}"), // an earlier version's name, untouched for an hour
            Path.Combine(dir, $".m.keras.tmp-{g()}.h5"),
        };
        foreach (var f in stale) File.WriteAllBytes(f, new byte[4096]);
        File.SetLastWriteTimeUtc(stale[3], DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(stale[4], DateTime.UtcNow.AddHours(-1));
        // Kept: a save in progress in a running process (pid 1 runs), a fresh file of the earlier pattern, and files that only look alike.
        var kept = new[]
        {
            Path.Combine(dir, $".m.keras.tmp-1-{g()}"),
            Path.Combine(dir, $".m.keras.tmp-{g()}"),
            Path.Combine(dir, "notes.tmp-1-abc"),
            Path.Combine(dir, ".m.keras.tmp-123-notahexguid"),
        };
        foreach (var f in kept) File.WriteAllBytes(f, new byte[10]);

        var path = Path.Combine(dir, "m.keras");
        var model = Small();
        model.save(path);
        foreach (var f in stale) Assert.False(File.Exists(f), f);
        foreach (var f in kept) Assert.True(File.Exists(f), f);
        Assert.Equal(kept.Append(path).Order(StringComparer.Ordinal), Directory.GetFiles(dir).Order(StringComparer.Ordinal));
        Assert.Equal(Out(model), Out(keras.models.load_model(path)));
    }

    [Fact]
    public void Saves_running_together_in_one_folder_keep_each_others_temp_files()
    {
        var dir = TempDir();
        var model = Small();
        var expected = Out(model);
        // Each save removes stale temp files first; another save's file in progress is not stale.
        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => model.save(Path.Combine(dir, $"m{i % 4}.keras")));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => Path.Combine(dir, $"m{i}.keras")), Directory.GetFiles(dir).Order(StringComparer.Ordinal));
        for (int i = 0; i < 4; i++) Assert.Equal(expected, Out(keras.models.load_model(Path.Combine(dir, $"m{i}.keras"))));
    }

    [Fact]
    public void A_save_that_fails_leaves_no_temp_file_and_the_old_file_whole()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "m.keras");
        var model = Small();
        model.save(path);
        var before = File.ReadAllBytes(path);
        // The target is now a folder in the way: the rename fails after the data was written.
        var blocked = Path.Combine(dir, "blocked.keras");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => model.save(blocked));
        Assert.ThrowsAny<Exception>(() => KerasArchive.WriteAtomically(path, tmp => { File.WriteAllText(tmp, "half"); throw new IOException("disk full (simulated)"); }));
        Assert.Equal(new[] { blocked }, Directory.GetDirectories(dir));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir));
        Assert.Equal(before, File.ReadAllBytes(path));
        // Loading leaves nothing in the temp folder either.
        var tempBefore = Directory.GetFiles(Path.GetTempPath(), $"kerassharp-{Environment.ProcessId}-*").Length;
        keras.models.load_model(path);
        Assert.Equal(tempBefore, Directory.GetFiles(Path.GetTempPath(), $"kerassharp-{Environment.ProcessId}-*").Length);
    }
}
