using System.Diagnostics;
using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Benchmarks;

/// <summary>
/// Process memory (RSS) over long runs: it must stay flat. Prints RSS at the start and the end, and
/// the slope of a least-squares line through the samples taken after the first tenth (MB per 1,000
/// units). No garbage collection is forced: the library must free native memory itself.
/// </summary>
static class MemoryBench
{
    static void Report(string title, string unit, List<(double at, double rss)> samples, double per = 1000, int skipDivisor = 10)
    {
        var tail = samples.Skip(Math.Max(1, samples.Count / skipDivisor)).ToList();
        double slope = Harness.Slope(tail.Select(s => s.at).ToList(), tail.Select(s => s.rss).ToList()) * per;
        Console.WriteLine($"{title}: RSS {Harness.F(samples[0].rss)} MB at the start, {Harness.F(samples[^1].rss)} MB at the end, " +
            $"peak {Harness.F(samples.Max(s => s.rss))} MB; slope {Harness.F(slope, "0.000")} MB per {(per == 1 ? "" : per.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " ")}{unit} ({samples.Count} samples)");
    }

    static readonly float[,] X = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    static readonly float[,] Y = { { 0 }, { 1 }, { 1 }, { 1 } };

    // The OR network of the first section (and of its warm-up), compiled.
    static KerasSharp.Models.Sequential OrModel()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 2.0), loss: "mse", metrics: new[] { "accuracy" });
        return m;
    }

    public static void Run()
    {
        torch.set_num_threads(1);
        // Growth is measured once the process is warm: the JIT has compiled the loops (its code and the
        // runtime's first-use structures are memory that a process pays once, not per epoch).
        int calls = Harness.WarmUp(() =>
        {
            using var m = OrModel();
            m.fit(X, Y, epochs: 20, batch_size: 4, verbose: 0, callbacks: new[] { keras.callbacks.LambdaCallback(on_epoch_end: (e, logs) => Harness.RssMb()) });
            _ = m.predict(X);
            _ = m.evaluate(X, Y, verbose: 0);
        });
        Console.WriteLine($"Memory: warm-up of {calls} short fit/predict/evaluate calls until the JIT had compiled nothing for 2 s");
        // 1. 10,000 OR epochs in one fit, RSS every 250 epochs.
        {
            var samples = new List<(double, double)> { (0, Harness.RssMb()) };
            using var m = OrModel();
            m.fit(X, Y, epochs: 10000, batch_size: 4, verbose: 0, callbacks: new[]
            {
                keras.callbacks.LambdaCallback(on_epoch_end: (e, logs) => { if ((e + 1) % 250 == 0) samples.Add((e + 1, Harness.RssMb())); }),
            });
            Report("10,000 OR epochs (one fit, accuracy metric, a callback reading the logs)", "epochs", samples);
        }
        // 2. 10,000 predict calls.
        {
            using var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(16, activation: "relu"), keras.layers.Dense(1, activation: "sigmoid"));
            var samples = new List<(double, double)> { (0, Harness.RssMb()) };
            for (int i = 1; i <= 10000; i++)
            {
                _ = m.predict(X);
                if (i % 250 == 0) samples.Add((i, Harness.RssMb()));
            }
            Report("10,000 predict calls", "calls", samples);
        }
        // 3. 200 models built, trained and disposed.
        {
            var samples = new List<(double, double)> { (0, Harness.RssMb()) };
            for (int i = 1; i <= 200; i++)
            {
                using (var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(64, activation: "relu"), keras.layers.Dense(1, activation: "sigmoid")))
                {
                    m.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: new[] { "accuracy" });
                    m.fit(X, Y, epochs: 20, verbose: 0);
                    _ = m.evaluate(X, Y, verbose: 0);
                }
                if (i % 5 == 0) samples.Add((i, Harness.RssMb()));
            }
            Report("200 models built, trained 20 epochs, evaluated and disposed", "models", samples);
        }
        torch.set_num_threads(Environment.ProcessorCount);
        ExperimentsRun();
    }

    /// <summary>
    /// 4. A full experiments run (examples/Experiments --quick --seeds 6: the five comparisons, 11 variants,
    /// 6 seeds each, 66 fits in one process), in a child process whose RSS is read from /proc every second.
    /// </summary>
    static void ExperimentsRun()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "KerasSharp101.sln"))) dir = Path.GetDirectoryName(dir);
        string? dll = dir is null ? null : Path.Combine(dir, "examples", "Experiments", "bin", "Release", "net10.0", "linux-x64", "Experiments.dll");
        if (dll is null || !File.Exists(dll))
        {
            Console.WriteLine("A full experiments run: skipped (build it first: dotnet build -c Release examples/Experiments)");
            return;
        }
        string logs = Path.Combine(Path.GetTempPath(), "kerassharp-bench-experiments");
        if (Directory.Exists(logs)) Directory.Delete(logs, true);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "--quick", "--seeds", "6", "--logdir", logs }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var drainErr = p.StandardError.ReadToEndAsync();
        var samples = new List<(double, double)>();
        // RSS after each run (the runner prints "    run: ..." when a fit and its test are done), by variant:
        // the seeds of one variant train the same network, so RSS should not grow from its first run to its last.
        var afterRun = new List<List<double>>();
        string? variant = null;
        var clock = Stopwatch.StartNew();
        var reader = Task.Run(() =>
        {
            string? line;
            while ((line = p.StandardOutput.ReadLine()) is not null)
            {
                // "[3/66] dropout/with-dropout seed 1: ... (batch 96, ...)" starts a run of a variant.
                int open = line.IndexOf("] ", StringComparison.Ordinal), seed = line.IndexOf(" seed ", StringComparison.Ordinal);
                if (line.StartsWith('[') && open > 0 && seed > open && line.Contains("(batch ", StringComparison.Ordinal))
                {
                    string name = line[(open + 2)..seed];
                    if (name != variant) { variant = name; lock (afterRun) afterRun.Add(new List<double>()); }
                }
                else if (line.StartsWith("    run: ", StringComparison.Ordinal) && ChildRssMb(p.Id) is double r)
                    lock (afterRun) { if (afterRun.Count == 0) afterRun.Add(new List<double>()); afterRun[^1].Add(r); }
            }
        });
        while (!p.WaitForExit(1000))
            if (ChildRssMb(p.Id) is double rss) samples.Add((clock.Elapsed.TotalMinutes, rss));
        reader.Wait();
        if (p.ExitCode != 0 || samples.Count < 10)
        {
            Console.WriteLine($"A full experiments run: the child exited with {p.ExitCode} after {clock.Elapsed.TotalMinutes:0.0} min; stderr: {drainErr.Result.Trim()}");
            return;
        }
        int fits = Directory.Exists(logs) ? Directory.GetFiles(logs, "events.out.tfevents.*", SearchOption.AllDirectories).Length : 0;
        Report($"A full experiments run (Experiments --quick --seeds 6, {clock.Elapsed.TotalMinutes:0.0} min, {fits} event files; RSS of the child process, slope after the first third: loading the data)", "minute", samples, per: 1, skipDivisor: 3);
        var variants = afterRun.Where(v => v.Count >= 2).ToList();
        if (variants.Count > 0)
        {
            var growth = variants.Select(v => v[^1] - v[0]).ToList();
            Console.WriteLine($"  RSS after each run, within each of the {variants.Count} variants ({variants[0].Count} seeds of one network each): " +
                $"change from its first run to its last: median {Harness.F(Harness.Median(growth))} MB, largest {Harness.F(growth.Max())} MB, smallest {Harness.F(growth.Min())} MB; " +
                $"after the first run {Harness.F(variants[0][0])} MB, after the last {Harness.F(variants[^1][^1])} MB");
        }
        try { Directory.Delete(logs, true); } catch (IOException) { }
    }

    static double? ChildRssMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { }
        return null;
    }
}

/// <summary>
/// fit on a dataset larger than the memory it may use: 2 GB of float32 samples written to a file,
/// read batch by batch by a PyDataset with a FileStream (no memory map, whose pages would count as
/// RSS). RSS is sampled every 100 batches; the figure is the peak above the RSS before fit.
/// </summary>
static class StreamBench
{
    const int Features = 784, BatchSize = 256;

    sealed class FileDataset(string path, long samples, int workers) : PyDataset(workers: workers, max_queue_size: 4)
    {
        public override int __len__() => (int)((samples + BatchSize - 1) / BatchSize);
        public override object __getitem__(int index)
        {
            long start = (long)index * BatchSize;
            int n = (int)Math.Min(BatchSize, samples - start);
            var values = new float[n * Features];
            using (var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                f.Seek(start * Features * 4, SeekOrigin.Begin);
                f.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            }
            // The label: the sign of the first feature (something to learn), computed on the host. (On a
            // worker thread, `x > 0` would make an implicit Scalar that TorchSharp does not keep alive
            // during the native call: under this allocation rate the finalizer freed it mid-call once.)
            var labels = new float[n];
            for (int i = 0; i < n; i++) labels[i] = values[(long)i * Features] > 0 ? 1f : 0f;
            return (torch.tensor(values, new long[] { n, Features }), torch.tensor(labels, new long[] { n, 1 }));
        }
    }

    public static void Run(double gigabytes)
    {
        torch.set_num_threads(Environment.ProcessorCount);
        long samples = (long)(gigabytes * 1e9 / (Features * 4));
        string path = Path.Combine(Path.GetTempPath(), "kerassharp-stream-bench.f32");
        var sw = Stopwatch.StartNew();
        using (var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var rnd = new Random(1);
            var row = new float[Features * 1024];
            var bytes = new byte[row.Length * 4];
            for (long s = 0; s < samples; s += 1024)
            {
                int n = (int)Math.Min(1024, samples - s);
                for (int i = 0; i < n * Features; i++) row[i] = (float)(rnd.NextDouble() * 2 - 1);
                Buffer.BlockCopy(row, 0, bytes, 0, n * Features * 4);
                f.Write(bytes, 0, n * Features * 4);
            }
        }
        Console.WriteLine($"Streaming: wrote {samples:N0} samples × {Features} float32 = {new FileInfo(path).Length / 1e9:0.00} GB in {sw.Elapsed.TotalSeconds:0} s to {path}");
        try
        {
            using var m = keras.Sequential(keras.Input(shape: new[] { Features }), keras.layers.Dense(64, activation: "relu"), keras.layers.Dense(1, activation: "sigmoid"));
            m.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: new[] { "accuracy" });
            GC.Collect();
            double before = Harness.RssMb(), peak = before;
            int batches = 0;
            var cb = keras.callbacks.LambdaCallback(on_train_batch_end: (b, _) => { if (++batches % 100 == 0) peak = Math.Max(peak, Harness.RssMb()); });
            sw.Restart();
            var h = m.fit(new FileDataset(path, samples, workers: 2), epochs: 1, verbose: 0, callbacks: new[] { cb });
            double after = Harness.RssMb();
            Console.WriteLine($"Streaming fit, one epoch over {gigabytes:0.0} GB ({batches:N0} batches of {BatchSize}, 2 worker threads): {sw.Elapsed.TotalSeconds:0} s, " +
                $"{samples / sw.Elapsed.TotalSeconds:0} samples/s, accuracy {h.history["accuracy"][0]:0.000}");
            Console.WriteLine($"  RSS before fit {Harness.F(before)} MB, peak during fit {Harness.F(peak)} MB (+{Harness.F(peak - before)} MB), after {Harness.F(after)} MB");
        }
        finally { File.Delete(path); }
    }
}
