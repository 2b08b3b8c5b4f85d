// fit against a raw TorchSharp loop that does the same math on the same data.
// Usage: dotnet run -c Release --project benchmarks/KerasSharp.Benchmarks [-- --repeats 5]
// Both sides: shuffle each epoch (randperm + index_select), forward, Keras's loss, backward,
// SGD update, and an on-device running sum of the loss. Runs alternate in ABBA order; medians are reported.
using System.Diagnostics;
using KerasSharp;
using TorchSharp;
using static TorchSharp.torch;

int repeats = args.SkipWhile(a => a != "--repeats").Skip(1).Select(int.Parse).FirstOrDefault(21);
string only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() ?? "all";
torch.set_num_threads(Environment.ProcessorCount);
Console.WriteLine($"threads: {torch.get_num_threads()}, repeats: {repeats} (alternating), medians reported");

// ---------- 1. The OR network: 4 samples, one Dense(1, sigmoid), SGD lr 2, MSE, 2000 steps ----------
float[,] orX = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
float[,] orY = { { 0 }, { 1 }, { 1 }, { 1 } };
double OrFit()
{
    keras.utils.set_random_seed(1);
    var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
    m.compile(optimizer: keras.optimizers.SGD(learning_rate: 2.0), loss: "mse");
    var sw = Stopwatch.StartNew();
    m.fit(orX, orY, epochs: 2000, batch_size: 4, verbose: 0);
    return sw.Elapsed.TotalSeconds / 2000;
}
double OrRaw()
{
    torch.manual_seed(1);
    var x = torch.tensor(orX); var y = torch.tensor(orY);
    var w = new TorchSharp.Modules.Parameter(torch.rand(2, 1) * 2 - 1);
    var b = new TorchSharp.Modules.Parameter(torch.zeros(1));
    var sw = Stopwatch.StartNew();
    for (int epoch = 0; epoch < 2000; epoch++)
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
    return sw.Elapsed.TotalSeconds / 2000;
}

// ---------- 2. 784-512-512-10 on 60,000 inputs, batch 128, SGD lr 0.01, Keras sparse crossentropy on softmax ----------
var (mlpX, mlpY, source) = LoadMnistLike();
if (only is "all" or "mlp") Console.WriteLine($"MLP data: {source}");
double MlpFit()
{
    keras.utils.set_random_seed(1);
    var m = keras.Sequential(keras.Input(shape: new[] { 784 }), keras.layers.Dense(512, activation: "relu"),
        keras.layers.Dense(512, activation: "relu"), keras.layers.Dense(10, activation: "softmax"));
    m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.01), loss: "sparse_categorical_crossentropy");
    var sw = Stopwatch.StartNew();
    m.fit(mlpX, mlpY, epochs: 1, batch_size: 128, verbose: 0);
    return 60000 / sw.Elapsed.TotalSeconds;
}
double MlpRaw()
{
    torch.manual_seed(1);
    Tensor Glorot(long i, long o) { double l = Math.Sqrt(6.0 / (i + o)); return torch.rand(i, o) * (2 * l) - l; }
    var ws = new[] { new TorchSharp.Modules.Parameter(Glorot(784, 512)), new TorchSharp.Modules.Parameter(Glorot(512, 512)), new TorchSharp.Modules.Parameter(Glorot(512, 10)) };
    var bs = new[] { new TorchSharp.Modules.Parameter(torch.zeros(512)), new TorchSharp.Modules.Parameter(torch.zeros(512)), new TorchSharp.Modules.Parameter(torch.zeros(10)) };
    var all = ws.Concat(bs).ToArray();
    var sw = Stopwatch.StartNew();
    long n = mlpX.shape[0];
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
    return n / sw.Elapsed.TotalSeconds;
}

// Tiny tensors never use a second thread; one intra-op thread removes thread-pool wake-up jitter from this measurement.
if (only is "all" or "or") { torch.set_num_threads(1); Console.WriteLine("OR benchmark with 1 intra-op thread"); }
if (only is "all" or "or") Report("OR network, 2000 steps (time per step, lower is better)", OrFit, OrRaw, repeats, v => $"{v * 1e6:0.0} us/step", lowerIsBetter: true);
torch.set_num_threads(Environment.ProcessorCount);
if (only is "all" or "mlp") Report("784-512-512-10 MLP, 60,000 inputs, batch 128 (samples per second, higher is better)", MlpFit, MlpRaw, repeats, v => $"{v:0} samples/s", lowerIsBetter: false);

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
    // Each run is timed by the wall clock and by this process's CPU time (all its threads: the
    // engine's, the GC's and the finalizer's). CPU time does not grow when other programs take the
    // cores, so it is the steadier of the two on a shared machine.
    (double wall, double cpu) Measure(Func<double> f)
    {
        var p = System.Diagnostics.Process.GetCurrentProcess();
        var cpu0 = p.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        double v = f();
        double wallSecs = sw.Elapsed.TotalSeconds;
        p.Refresh();
        double cpuSecs = (p.TotalProcessorTime - cpu0).TotalSeconds;
        double ratio = cpuSecs / wallSecs;
        return (v, lowerIsBetter ? v * ratio : ratio / v); // CPU seconds per step, or per sample
    }
    fit(); raw(); // warm-up
    var f = new List<(double wall, double cpu)>(); var r = new List<(double wall, double cpu)>();
    // ABBA order: fit first on even repeats, the raw loop first on odd ones, so that neither side
    // always runs right after the other (caches, clock speed and GC state favour one order).
    for (int i = 0; i < repeats; i++)
    {
        if (i % 2 == 0) { f.Add(Measure(fit)); r.Add(Measure(raw)); }
        else { r.Add(Measure(raw)); f.Add(Measure(fit)); }
    }
    double mf = Median(f.Select(x => x.wall).ToList()), mr = Median(r.Select(x => x.wall).ToList());
    double cf = Median(f.Select(x => x.cpu).ToList()), cr = Median(r.Select(x => x.cpu).ToList());
    double Over(double a, double b) => lowerIsBetter ? a / b - 1 : b / a - 1;
    Console.WriteLine(title);
    Console.WriteLine($"  keras fit : {fmt(mf)} wall   (runs: {string.Join(", ", f.Select(x => fmt(x.wall)))})");
    Console.WriteLine($"  raw loop  : {fmt(mr)} wall   (runs: {string.Join(", ", r.Select(x => fmt(x.wall)))})");
    Console.WriteLine($"  fit overhead over the raw loop, wall clock: {Over(mf, mr) * 100:+0.0;-0.0}%");
    Console.WriteLine($"  fit overhead over the raw loop, CPU time:   {(cf / cr - 1) * 100:+0.0;-0.0}%   (CPU {(lowerIsBetter ? "per step" : "per sample")}: fit {cf * 1e6:0.0} us, raw {cr * 1e6:0.0} us)");
}
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
