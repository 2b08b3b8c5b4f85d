// fit against a raw TorchSharp loop that does the same math on the same data.
// Usage: dotnet run -c Release --project benchmarks/KerasSharp.Benchmarks [-- --only or|mlp|cifar-load|convnet] [--repeats N]
// (N defaults to 101 for the OR network, whose runs are short and noisy here, and to 21 for the MLP.)
// Both sides: shuffle each epoch (randperm + index_select), forward, Keras's loss, backward,
// SGD update, and an on-device running sum of the loss. Each run frees what it built (the model,
// or the raw loop's tensors) at its end, so that no run inherits another's garbage. Runs
// alternate in ABBA order; medians, bests and paired medians are reported for the wall clock,
// the process CPU time and the loop thread CPU time.
using System.Diagnostics;
using KerasSharp;
using TorchSharp;
using static TorchSharp.torch;

int? repeatsArg = args.SkipWhile(a => a != "--repeats").Skip(1).Select(a => (int?)int.Parse(a)).FirstOrDefault();
string only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() ?? "all";
torch.set_num_threads(Environment.ProcessorCount);
Console.WriteLine($"threads: {torch.get_num_threads()}");

// ---------- 1. The OR network: 4 samples, one Dense(1, sigmoid), SGD lr 2, MSE, 2000 steps ----------
float[,] orX = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
float[,] orY = { { 0 }, { 1 }, { 1 }, { 1 } };
// Each side is built first (model, tensors) and timed only while it trains.
Func<double> PrepareOrFit(int steps)
{
    keras.utils.set_random_seed(1);
    var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
    m.compile(optimizer: keras.optimizers.SGD(learning_rate: 2.0), loss: "mse");
    return () =>
    {
        var sw = Stopwatch.StartNew();
        m.fit(orX, orY, epochs: steps, batch_size: 4, verbose: 0);
        double result = sw.Elapsed.TotalSeconds / steps;
        m.Dispose();
        return result;
    };
}
Func<double> PrepareOrRaw(int steps)
{
    torch.manual_seed(1);
    var x = torch.tensor(orX); var y = torch.tensor(orY);
    var w = new TorchSharp.Modules.Parameter(torch.rand(2, 1) * 2 - 1);
    var b = new TorchSharp.Modules.Parameter(torch.zeros(1));
    return () =>
    {
        double result = OrRawLoop(x, y, w, b, steps);
        foreach (var t in new[] { x, y, w, b }) t.Dispose();
        return result;
    };
}
double OrFit(int steps = 2000) => PrepareOrFit(steps)();
double OrRaw(int steps = 2000) => PrepareOrRaw(steps)();
// The raw loops are compiled fully optimized, as fit is (without it, a loop called once per
// run executes as tier-0 code until on-stack replacement).
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
static double OrRawLoop(Tensor x, Tensor y, TorchSharp.Modules.Parameter w, TorchSharp.Modules.Parameter b, int steps)
{
    var sw = Stopwatch.StartNew();
    for (int epoch = 0; epoch < steps; epoch++)
    {
        using var sum = torch.zeros(Array.Empty<long>());
        using var perm = torch.randperm(4);
        using (var scope = torch.NewDisposeScope())
        {
            var idx = perm.narrow(0, 0, 4);
            var xb = x.index_select(0, idx); var yb = y.index_select(0, idx);
            var p = torch.sigmoid(torch.addmm(b, xb, w, 1, 1));
            var loss = torch.nn.functional.mse_loss(p, yb);
            w.grad = null; b.grad = null;
            loss.backward();
            using (torch.no_grad()) { w.add_(w.grad!, alpha: -2.0); b.add_(b.grad!, alpha: -2.0); sum.add_(loss.detach(), alpha: 4); }
        }
        using (var sc = sum.ToScalar()) _ = sc.ToSingle(); // one read per epoch, as fit's History does (the fastest read TorchSharp has)
    }
    return sw.Elapsed.TotalSeconds / steps;
}

// ---------- 2. 784-512-512-10 on 60,000 inputs, batch 128, SGD lr 0.01, Keras sparse crossentropy on softmax ----------
var (mlpX, mlpY, source) = LoadMnistLike();
if (only is "all" or "mlp") Console.WriteLine($"MLP data: {source}");
// n: the first n inputs (all 60,000 when measuring; a few batches to warm up).
double MlpFit(long n = 60000)
{
    keras.utils.set_random_seed(1);
    var m = keras.Sequential(keras.Input(shape: new[] { 784 }), keras.layers.Dense(512, activation: "relu"),
        keras.layers.Dense(512, activation: "relu"), keras.layers.Dense(10, activation: "softmax"));
    m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.01), loss: "sparse_categorical_crossentropy");
    var (x, y) = n < mlpX.shape[0] ? (mlpX.narrow(0, 0, n), mlpY.narrow(0, 0, n)) : (mlpX, mlpY);
    var sw = Stopwatch.StartNew();
    m.fit(x, y, epochs: 1, batch_size: 128, verbose: 0);
    double result = n / sw.Elapsed.TotalSeconds;
    m.Dispose();
    return result;
}
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
double MlpRaw(long n = 60000)
{
    torch.manual_seed(1);
    Tensor Glorot(long i, long o) { double l = Math.Sqrt(6.0 / (i + o)); return torch.rand(i, o) * (2 * l) - l; }
    var ws = new[] { new TorchSharp.Modules.Parameter(Glorot(784, 512)), new TorchSharp.Modules.Parameter(Glorot(512, 512)), new TorchSharp.Modules.Parameter(Glorot(512, 10)) };
    var bs = new[] { new TorchSharp.Modules.Parameter(torch.zeros(512)), new TorchSharp.Modules.Parameter(torch.zeros(512)), new TorchSharp.Modules.Parameter(torch.zeros(10)) };
    var all = ws.Concat(bs).ToArray();
    var sw = Stopwatch.StartNew();
    using var sum = torch.zeros(Array.Empty<long>());
    using var perm = torch.randperm(n);
    for (long start = 0; start < n; start += 128)
    {
        long len = Math.Min(128, n - start);
        using var scope = torch.NewDisposeScope();
        var idx = perm.narrow(0, start, len);
        var xb = mlpX.index_select(0, idx); var yb = mlpY.index_select(0, idx);
        var h = torch.nn.functional.relu(torch.addmm(bs[0], xb, ws[0], 1, 1));
        h = torch.nn.functional.relu(torch.addmm(bs[1], h, ws[1], 1, 1));
        var p = torch.softmax(torch.addmm(bs[2], h, ws[2], 1, 1), -1);
        var q = torch.log((p / p.sum(-1, keepdim: true)).clamp(1e-7, 1 - 1e-7));
        var loss = (-q.gather(-1, yb.unsqueeze(-1)).squeeze(-1)).mean();
        foreach (var v in all) v.grad = null;
        loss.backward();
        using (torch.no_grad()) { foreach (var v in all) v.add_(v.grad!, alpha: -0.01); sum.add_(loss.detach(), alpha: len); }
    }
    using (var sc = sum.ToScalar()) _ = sc.ToSingle();
    double result = n / sw.Elapsed.TotalSeconds;
    foreach (var v in all) v.Dispose();
    return result;
}

// --profile fit|raw: after the warm-up, run one side of the OR benchmark PROFILE_RUNS times (20),
// printing per run the time per step, the methods the JIT compiled and the gen-0 collections.
// For a sampling profiler: DOTNET_PerfMapEnabled=1 perf record -k mono -g dotnet ...dll --profile fit
if (args.SkipWhile(a => a != "--profile").Skip(1).FirstOrDefault() is { } side)
{
    torch.set_num_threads(1);
    int runs = int.Parse(Environment.GetEnvironmentVariable("PROFILE_RUNS") ?? "20");
    Func<double> one = side switch { "fit" => () => OrFit(), "raw" => () => OrRaw(), "mlp-fit" => () => MlpFit(), "mlp-raw" => () => MlpRaw(), _ => throw new ArgumentException("--profile takes fit, raw, mlp-fit or mlp-raw") };
    if (side.StartsWith("mlp")) torch.set_num_threads(Environment.ProcessorCount);
    if (side.StartsWith("mlp")) WarmUp(() => _ = side == "mlp-fit" ? MlpFit(1280) : MlpRaw(1280)); else WarmUp(() => _ = side == "fit" ? OrFit(10) : OrRaw(10));
    // CLOCK_MONOTONIC in seconds: `perf record -k mono` stamps samples with the same clock.
    Console.WriteLine($"measured runs start at {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:0.000000}");
    for (int i = 0; i < runs; i++)
    {
        long m0 = System.Runtime.JitInfo.GetCompiledMethodCount(); var t0 = System.Runtime.JitInfo.GetCompilationTime(); int g0 = GC.CollectionCount(0); long a0 = GC.GetAllocatedBytesForCurrentThread();
        double v = one();
        bool mlp = side.StartsWith("mlp");
        Console.WriteLine($"run {i}: {(mlp ? $"{v:0} samples/s" : $"{v * 1e6:0.0} us/step")}, JIT {System.Runtime.JitInfo.GetCompiledMethodCount() - m0} methods {(System.Runtime.JitInfo.GetCompilationTime() - t0).TotalMilliseconds:0.0} ms, " +
            $"gen0 GCs {GC.CollectionCount(0) - g0}, {(GC.GetAllocatedBytesForCurrentThread() - a0) / (mlp ? 469 : 2000)} bytes allocated per step");
    }
    return;
}
// Tiny tensors never use a second thread; one intra-op thread removes thread-pool wake-up jitter from this measurement.
if (only is "all" or "or") { torch.set_num_threads(1); Console.WriteLine("OR benchmark with 1 intra-op thread"); }
if (only is "all" or "or")
{
    // Code that runs once per call (model construction, argument checks, callback set-up) is
    // compiled by .NET in tiers: unoptimized first, then optimized after 30 calls, on a background
    // thread. Measured too early, that compilation runs inside the timed runs, and it is larger on
    // the side with more code. So the cold first call of each side is reported alone, then short
    // calls of both sides run until the JIT has been quiet for 2 s (BenchmarkDotNet warms up too).
    double coldFit = OrFit(), coldRaw = OrRaw();
    Console.WriteLine($"OR network, first call in this process (cold, includes JIT): fit {coldFit * 1e6:0.0} us/step, raw loop {coldRaw * 1e6:0.0} us/step");
    int warmCalls = WarmUp(() => { OrFit(10); OrRaw(10); });
    Console.WriteLine($"warm-up: {warmCalls} short calls of each side until the JIT had compiled nothing for 2 s");
    int orRepeats = repeatsArg ?? 101;
    Report($"OR network, 2000 steps, {orRepeats} repeats (time per step, lower is better)", () => OrFit(), () => OrRaw(), orRepeats, v => $"{v * 1e6:0.0} us/step", lowerIsBetter: true);
    if (Environment.ProcessorCount >= 2 && OperatingSystem.IsLinux())
        Duet("OR network, 2000 steps, duet", () => PrepareOrFit(2000), () => PrepareOrRaw(2000), orRepeats, v => $"{v * 1e6:0.0} us/step");
}
torch.set_num_threads(Environment.ProcessorCount);
if (only is "all" or "mlp")
{
    int warmCalls = WarmUp(() => { MlpFit(1280); MlpRaw(1280); });
    Console.WriteLine($"MLP warm-up: {warmCalls} calls of each side on 1,280 inputs until the JIT had compiled nothing for 2 s");
}
if (only is "all" or "mlp") Report($"784-512-512-10 MLP, 60,000 inputs, batch 128, {repeatsArg ?? 21} repeats (samples per second, higher is better)", () => MlpFit(), () => MlpRaw(), repeatsArg ?? 21, v => $"{v:0} samples/s", lowerIsBetter: false);

if (only is "all" or "cifar-load") CifarLoad();
if (only is "convnet") Convnet();

// TFLearn's CIFAR-10 convnet shape (conv 32, pool, conv 64, conv 64, pool, dense 512, dropout 0.5,
// dense 10; 'same' padding) written with the Keras API, on all 60,000 Fashion-MNIST images:
// Adam 0.001, batch 96, 10 epochs, validation on the 10,000 test images after each epoch.
static void Convnet()
{
    torch.set_num_threads(Environment.ProcessorCount);
    keras.utils.set_random_seed(1);
    var ((x, y), (tx, ty)) = keras.datasets.fashion_mnist.load_data();
    var X = KerasSharp.Utils.Arrays.ToTensor(x).to(float32).div(255).view(-1, 28, 28, 1);
    var Xt = KerasSharp.Utils.Arrays.ToTensor(tx).to(float32).div(255).view(-1, 28, 28, 1);
    var Y = KerasSharp.Utils.Arrays.ToTensor(y); var Yt = KerasSharp.Utils.Arrays.ToTensor(ty);
    var m = keras.Sequential(keras.Input(shape: new[] { 28, 28, 1 }),
        keras.layers.Conv2D(32, 3, padding: "same", activation: "relu"), keras.layers.MaxPooling2D(2, padding: "same"),
        keras.layers.Conv2D(64, 3, padding: "same", activation: "relu"), keras.layers.Conv2D(64, 3, padding: "same", activation: "relu"),
        keras.layers.MaxPooling2D(2, padding: "same"), keras.layers.Flatten(), keras.layers.Dense(512, activation: "relu"),
        keras.layers.Dropout(0.5), keras.layers.Dense(10, activation: "softmax"));
    m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.001), loss: "sparse_categorical_crossentropy", metrics: new[] { "accuracy" });
    var sw = Stopwatch.StartNew();
    var h = m.fit(X, Y, batch_size: 96, epochs: 10, validation_data: (Xt, Yt), verbose: 2);
    double min = sw.Elapsed.TotalMinutes;
    Console.WriteLine($"Keras convnet on Fashion-MNIST: val_accuracy per epoch {string.Join(", ", h.history["val_accuracy"].Select(v => v.ToString("0.0000")))}");
    Console.WriteLine($"  best {h.history["val_accuracy"].Max():0.0000} (epoch {h.history["val_accuracy"].IndexOf(h.history["val_accuracy"].Max()) + 1}); {10 / min:0.00} epochs/min; {600000 / (min * 60):0} training images/s (validation on 10,000 images included)");
}

// Loading 50,000 CIFAR images: files written in the official binary format (and the python format,
// as Python's pickle writes it), loaded twice (first parse, then again with the files in the OS cache).
static void CifarLoad()
{
    string dir = Path.Combine(Path.GetTempPath(), "kerassharp-cifar-bench");
    string bin = Path.Combine(dir, "cifar-10-batches-bin");
    Directory.CreateDirectory(bin);
    var rnd = new Random(1);
    var record = new byte[3073];
    foreach (var name in new[] { "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin" })
    {
        using var f = File.Create(Path.Combine(bin, name));
        for (int i = 0; i < 10000; i++) { rnd.NextBytes(record); record[0] = (byte)(record[0] % 10); f.Write(record); }
    }
    Console.WriteLine("CIFAR-10 load (binary version, 50,000 + 10,000 images)");
    for (int i = 0; i < 3; i++)
    {
        var sw = Stopwatch.StartNew();
        var ((x, y), _) = keras.datasets.cifar10.load_data(bin);
        Console.WriteLine($"  load {i + 1}: {sw.Elapsed.TotalSeconds:0.000} s for x_train ({string.Join(", ", x.shape)})");
    }
    Directory.Delete(dir, recursive: true);
}

static void Report(string title, Func<double> fit, Func<double> raw, int repeats, Func<double, string> fmt, bool lowerIsBetter)
{
    // Each run is timed three ways: the wall clock; this process's CPU time (all its threads: the
    // engine's, the JIT's, the GC's and the finalizer's); and the CPU time of the thread that runs
    // the loop. CPU times do not grow while other programs hold the cores.
    double[] Measure(Func<double> f)
    {
        var p = System.Diagnostics.Process.GetCurrentProcess();
        var cpu0 = p.TotalProcessorTime;
        double thread0 = ThreadCpuSeconds();
        var sw = Stopwatch.StartNew();
        double v = f();
        double wallSecs = sw.Elapsed.TotalSeconds;
        double threadSecs = ThreadCpuSeconds() - thread0;
        p.Refresh();
        double cpuSecs = (p.TotalProcessorTime - cpu0).TotalSeconds;
        // Per step (seconds) or per sample (seconds per sample), from the wall-clock value v.
        double Scale(double secs) => lowerIsBetter ? v * secs / wallSecs : secs / wallSecs / v;
        return new[] { lowerIsBetter ? v : 1 / v, Scale(cpuSecs), Scale(threadSecs) };
    }
    fit(); raw(); // warm-up
    var f = new List<double[]>(); var r = new List<double[]>();
    // ABBA order: fit first on even repeats, the raw loop first on odd ones, so that neither side
    // always runs right after the other (caches, clock speed and GC state favour one order).
    for (int i = 0; i < repeats; i++)
    {
        if (i % 2 == 0) { f.Add(Measure(fit)); r.Add(Measure(raw)); }
        else { r.Add(Measure(raw)); f.Add(Measure(fit)); }
    }
    // All three are costs (seconds per step or per sample): lower is better, overhead = fit / raw - 1.
    string Show(double cost) => fmt(lowerIsBetter ? cost : 1 / cost);
    Console.WriteLine(title);
    Console.WriteLine($"  keras fit runs (wall): {string.Join(", ", f.Select(x => Show(x[0])))}");
    Console.WriteLine($"  raw loop runs (wall):  {string.Join(", ", r.Select(x => Show(x[0])))}");
    Console.WriteLine($"  {"",-22}{"fit",16}{"raw loop",16}{"overhead",10}");
    string[] names = { "wall clock", "process CPU", "loop thread CPU" };
    for (int k = 0; k < 3; k++)
    {
        double mf = Median(f.Select(x => x[k]).ToList()), mr = Median(r.Select(x => x[k]).ToList());
        double lf = f.Min(x => x[k]), lr = r.Min(x => x[k]);
        // Paired: each fit run against the raw run next to it (same machine state), then the
        // median of those ratios. On a machine whose speed drifts between runs this is the steadiest figure.
        double paired = Median(f.Zip(r, (a, b) => a[k] / b[k] - 1).ToList());
        Console.WriteLine($"  {names[k] + ", median",-22}{Show(mf),16}{Show(mr),16}{Pct(mf / mr - 1),10}");
        // The fastest tenth of each side: less noisy than the single best run, still the machine's quiet moments.
        double qf = Quantile(f.Select(x => x[k]).ToList(), 0.1), qr = Quantile(r.Select(x => x[k]).ToList(), 0.1);
        Console.WriteLine($"  {names[k] + ", best",-22}{Show(lf),16}{Show(lr),16}{Pct(lf / lr - 1),10}");
        Console.WriteLine($"  {names[k] + ", 10th pct",-22}{Show(qf),16}{Show(qr),16}{Pct(qf / qr - 1),10}");
        var ratios = f.Zip(r, (a, b) => a[k] / b[k] - 1).OrderBy(x => x).ToList();
        Console.WriteLine($"  {names[k] + ", paired",-22}{"",32}{Pct(paired),10}   (quartiles of the pairs: {Pct(ratios[ratios.Count / 4])}, {Pct(ratios[3 * ratios.Count / 4])})");
    }
}

// Duet benchmarking (Bulej et al., "Duet Benchmarking: Improving Measurement Accuracy in the
// Cloud", 2020): both sides run at the same time, each on its own core, and swap cores after each
// repeat. Whatever slows the machine down during a repeat slows both sides, so the ratio of a
// pair is far steadier than that of two runs one after the other. The cost: both compete for
// memory bandwidth and for the runtime's shared threads (GC, finalizer), equally on average.
static void Duet(string title, Func<Func<double>> prepareFit, Func<Func<double>> prepareRaw, int repeats, Func<double, string> fmt)
{
    var ratios = new List<double>(); var fits = new List<double>(); var raws = new List<double>();
    for (int i = 0; i < repeats; i++)
    {
        var fit = prepareFit(); var raw = prepareRaw();
        double tf = 0, tr = 0;
        using var start = new Barrier(2);
        int fitCore = i % 2;
        var t1 = new Thread(() => { PinToCore(fitCore); start.SignalAndWait(); tf = fit(); });
        var t2 = new Thread(() => { PinToCore(1 - fitCore); start.SignalAndWait(); tr = raw(); });
        t1.Start(); t2.Start(); t1.Join(); t2.Join();
        fits.Add(tf); raws.Add(tr); ratios.Add(tf / tr - 1);
    }
    var sorted = ratios.OrderBy(x => x).ToList();
    Console.WriteLine(title);
    Console.WriteLine($"  fit {fmt(Median(fits))}, raw loop {fmt(Median(raws))} (medians of {repeats} simultaneous pairs)");
    Console.WriteLine($"  fit overhead, median of the pairs: {Pct(Median(ratios))}   (quartiles of the pairs: {Pct(sorted[sorted.Count / 4])}, {Pct(sorted[3 * sorted.Count / 4])})");
}

static void PinToCore(int core)
{
    ulong mask = 1UL << core;
    Native.sched_setaffinity(0, sizeof(ulong), ref mask); // 0: the calling thread
}

// A relative difference as a signed percentage with one decimal ("+1.2%", "-0.4%", "+0.0%").
static string Pct(double ratio) { double v = Math.Round(ratio * 100, 1) + 0.0; if (v == 0) v = 0; return (v >= 0 ? "+" : "") + v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%"; }

// CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID)), in seconds.
static double ThreadCpuSeconds()
{
    if (!OperatingSystem.IsLinux()) return 0;
    Native.clock_gettime(3, out var ts);
    return ts.sec + ts.nsec * 1e-9;
}

// Calls f until the JIT has compiled no method for 2 s (at most 60 s); returns the number of calls.
static int WarmUp(Action f)
{
    var quiet = Stopwatch.StartNew(); var total = Stopwatch.StartNew();
    long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
    int calls = 0;
    while (quiet.Elapsed.TotalSeconds < 2 && total.Elapsed.TotalSeconds < 60)
    {
        f(); calls++;
        long now = System.Runtime.JitInfo.GetCompiledMethodCount();
        if (now != compiled) { compiled = now; quiet.Restart(); }
    }
    return calls;
}
static double Quantile(List<double> v, double q) { var s = v.OrderBy(x => x).ToList(); return s[(int)(q * (s.Count - 1))]; }
static double Median(List<double> v) { var s = v.OrderBy(x => x).ToList(); return s[s.Count / 2]; }

static (Tensor x, Tensor y, string source) LoadMnistLike()
{
    string dir = "/usr/share/datasets/fashion-mnist";
    string imgs = Path.Combine(dir, "train-images-idx3-ubyte.gz"), labs = Path.Combine(dir, "train-labels-idx1-ubyte.gz");
    if (File.Exists(imgs) && File.Exists(labs))
    {
        byte[] Read(string p) { using var gz = new System.IO.Compression.GZipStream(File.OpenRead(p), System.IO.Compression.CompressionMode.Decompress); using var ms = new MemoryStream(); gz.CopyTo(ms); return ms.ToArray(); }
        var ib = Read(imgs); var lb = Read(labs);
        var x = torch.tensor(ib.AsSpan(16).ToArray(), new long[] { 60000, 784 }).to(float32) / 255;
        var y = torch.tensor(lb.AsSpan(8).ToArray().Select(v => (long)v).ToArray());
        return (x, y, "Fashion-MNIST train set (" + dir + ")");
    }
    torch.manual_seed(0);
    return (torch.rand(60000, 784), torch.randint(0, 10, new long[] { 60000 }), "random 60,000 x 784 (Fashion-MNIST not installed)");
}

static class Native
{
    public struct Timespec { public long sec; public long nsec; }
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    public static extern int clock_gettime(int clockId, out Timespec ts);
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    public static extern int sched_setaffinity(int pid, nint cpusetsize, ref ulong mask);
}
