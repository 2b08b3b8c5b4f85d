using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using KerasSharp.Datasets;

namespace KerasSharp.Benchmarks;

/// <summary>
/// Issue 15's memory bounds: each hostile file (built here, in code) is loaded in a child process,
/// and the error it got, the wall time and the child's peak RSS (VmHWM) are printed. The child is
/// this executable started again with the environment variable <see cref="ChildVariable"/> set
/// ("case|file"); a module initializer runs the load before the benchmark's own Main and exits.
/// A child that runs past the timeout is killed; its peak RSS is then the last one the parent read
/// from /proc.
/// </summary>
static class HostileMemoryBench
{
    const string ChildVariable = "KERASSHARP_HOSTILE_MEMORY_CHILD";
    const int TimeoutSeconds = 120;

    static readonly (string name, string what, Func<string, string> build, Func<string, string> load)[] Cases =
    {
        ("h5_kernel_100000x100000", "a legacy .h5 model whose Dense kernel declares 100000×100000 (40 GB)", BuildH5, p => Describe(keras.models.load_model(p))),
        ("keras_dense_20000x20000", "a .keras config asking for Dense 20000×20000 (1.6 GB)", BuildDense20000, p => Describe(keras.models.load_model(p))),
        ("idx_gzip_bomb", "a gzip IDX whose header says 10 labels, holding 1 GiB of zeros", BuildIdxBomb, p => $"{Idx.Read(p, 1).data.Length} bytes read"),
        ("keras_config_300mb", "a .keras whose config.json is 300 MB of JSON, one long string", BuildConfig300, p => Describe(keras.models.load_model(p))),
        ("keras_config_300mb_array", "a .keras whose config.json is 300 MB of JSON, an array of 0s and a few 1s", BuildConfig300Array, p => Describe(keras.models.load_model(p))),
        ("sequential_4000_layers", "a .keras holding a Sequential config of 4,000 layers", BuildDeep, p => Describe(keras.models.load_model(p))),
    };

    static string Describe(Models.Model m) => $"loaded: {m.layers.Count} layers, {m.count_params():N0} parameters";

    [ModuleInitializer]
    internal static void ChildEntry()
    {
        var spec = Environment.GetEnvironmentVariable(ChildVariable);
        if (string.IsNullOrEmpty(spec)) return;
        var parts = spec.Split('|', 2);
        string result;
        try
        {
            result = parts[0] == "baseline"
                ? "none: " + Describe(keras.Sequential(keras.Input(shape: new[] { 4 }), keras.layers.Dense(3)))
                : "none: " + Cases.Single(k => k.name == parts[0]).load(parts[1]);
        }
        catch (Exception e) { result = $"{e.GetType().Name}: {e.Message}"; }
        Console.Out.WriteLine("RESULT " + result.Replace("\n", " ").Replace("\r", ""));
        Console.Out.WriteLine("VMHWM " + (VmHwmKb(Environment.ProcessId) ?? -1));
        Console.Out.Flush();
        Environment.Exit(0);
    }

    /// <summary>A process's peak resident set (VmHWM, kB), or null once it has gone.</summary>
    static long? VmHwmKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    public static void Run()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kerassharp-hostile-memory-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        Console.WriteLine($"Hostile files, each loaded in a child process (peak RSS = the child's VmHWM; a bare child that loads nothing peaks at the baseline below):");
        try
        {
            Measure("baseline", "nothing: the child starts, touches keras, exits", "", dir);
            foreach (var c in Cases)
            {
                string file = c.build(dir);
                Measure(c.name, c.what, file, dir);
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static void Measure(string name, string what, string file, string dir)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        // An apphost runs the dll itself; "dotnet" needs the dll's path.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(HostileMemoryBench).Assembly.Location);
        psi.Environment[ChildVariable] = name == "baseline" ? "baseline|" : $"{name}|{file}";
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long polled = 0;
        bool done;
        while (!(done = p.WaitForExit(100)) && sw.Elapsed.TotalSeconds < TimeoutSeconds)
            polled = Math.Max(polled, VmHwmKb(p.Id) ?? 0);
        if (!done) { p.Kill(entireProcessTree: true); p.WaitForExit(); }
        double seconds = sw.Elapsed.TotalSeconds;
        string output = stdout.Result;
        string? result = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))?[7..].TrimEnd('\r');
        string? hwm = output.Split('\n').FirstOrDefault(l => l.StartsWith("VMHWM ", StringComparison.Ordinal))?[6..].TrimEnd('\r');
        long peakKb = long.TryParse(hwm, out var k) && k > 0 ? k : polled;
        string size = file.Length > 0 ? $"{new FileInfo(file).Length:N0} bytes; " : "";
        if (result is null)
            result = done ? $"no result: exit code {p.ExitCode}; {Tail(stderr.Result)}" : $"killed after {TimeoutSeconds} s without a result";
        Console.WriteLine($"  {name} ({size}{what}):");
        Console.WriteLine($"    {Clip(result)}");
        Console.WriteLine($"    wall {Harness.F(seconds, "0.00")} s, peak RSS {Harness.F(peakKb / 1024.0)} MB{(done ? "" : " (read from /proc before the kill)")}");
    }

    static string Tail(string s) { s = s.Trim(); return s.Length > 300 ? "..." + s[^300..] : s; }
    static string Clip(string s) => s.Length > 400 ? s[..400] + "..." : s;

    // ----- the hostile files -----

    /// <summary>A small model (Dense 3 on 4 inputs, then Dense 2), saved.</summary>
    static string SaveSmall(string path)
    {
        keras.utils.set_random_seed(11);
        keras.Sequential(keras.Input(shape: new[] { 4 }), keras.layers.Dense(3, activation: "relu"), keras.layers.Dense(2)).save(path);
        return path;
    }

    /// <summary>Replaces every (a, b) stored as two little-endian 64-bit lengths by (c, d): an HDF5 dataspace's dimensions.</summary>
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

    static string BuildH5(string dir)
    {
        var path = SaveSmall(Path.Combine(dir, "kernel_100000.h5"));
        if (PatchDims(path, 4, 3, 100000, 100000) == 0) throw new InvalidOperationException("the kernel's dimensions were not found in the .h5 file");
        return path;
    }

    /// <summary>Rewrites a .keras file, editing config.json's text.</summary>
    static string Rewrite(string src, string dst, Func<string, string> config)
    {
        using (var zin = ZipFile.OpenRead(src))
        using (var zout = ZipFile.Open(dst, ZipArchiveMode.Create))
            foreach (var e in zin.Entries)
            {
                using var ms = new MemoryStream();
                using (var s = e.Open()) s.CopyTo(ms);
                var bytes = ms.ToArray();
                if (e.FullName == "config.json") bytes = Encoding.UTF8.GetBytes(config(Encoding.UTF8.GetString(bytes)));
                using var o = zout.CreateEntry(e.FullName, CompressionLevel.SmallestSize).Open();
                o.Write(bytes);
            }
        File.Delete(src);
        return dst;
    }

    static string BuildDense20000(string dir) =>
        Rewrite(SaveSmall(Path.Combine(dir, "small.keras")), Path.Combine(dir, "dense_20000.keras"), json =>
        {
            var root = JsonNode.Parse(json)!.AsObject();
            var layers = root["config"]!["layers"]!.AsArray();
            layers[0]!["config"]!["batch_shape"] = JsonNode.Parse("[null, 20000]");
            layers[1]!["config"]!["units"] = 20000;
            return root.ToJsonString();
        });

    static string BuildConfig300(string dir) =>
        // Valid JSON: the model's config with a 300 MB string in an extra field (it compresses to a few hundred KB).
        Rewrite(SaveSmall(Path.Combine(dir, "small2.keras")), Path.Combine(dir, "config_300mb.keras"), json =>
            json.TrimEnd()[..^1] + ", \"padding\": \"" + new string('x', 300_000_000) + "\"}");

    static string BuildConfig300Array(string dir) =>
        Rewrite(SaveSmall(Path.Combine(dir, "small3.keras")), Path.Combine(dir, "config_300mb_array.keras"), json =>
        {
            var sb = new StringBuilder(json.TrimEnd()[..^1], 300_100_000).Append(", \"padding\": [");
            var rnd = new Random(1);
            while (sb.Length < 300_000_000) sb.Append(rnd.Next(50) == 0 ? "1," : "0,");
            return sb.Append("0]}").ToString();
        });

    static string BuildIdxBomb(string dir)
    {
        var path = Path.Combine(dir, "train-labels-idx1-ubyte.gz");
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.SmallestSize);
        gz.Write(new byte[] { 0, 0, 0x08, 1, 0, 0, 0, 10 }); // unsigned bytes, 1 dimension: 10
        var chunk = new byte[1 << 20];
        for (int i = 0; i < 1024; i++) gz.Write(chunk);
        return path;
    }

    static string BuildDeep(string dir)
    {
        // 2,000 Dense(4) layers (identity kernels, no bias) between 2,000 Activation layers, saved from
        // a model built in one go (the constructor), as the issue's 5 KB config of 4,000 layers.
        var layers = new List<Layers.Layer> { new Layers.InputLayer(new[] { 4 }) };
        for (int i = 0; i < 4000; i++)
            layers.Add(i % 2 == 0 ? keras.layers.Dense(4, use_bias: false, kernel_initializer: "identity") : keras.layers.Activation("linear"));
        var path = Path.Combine(dir, "deep_4000.keras");
        keras.Sequential(layers).save(path);
        return path;
    }
}
