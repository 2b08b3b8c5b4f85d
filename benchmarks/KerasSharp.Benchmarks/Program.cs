// Keras fit, predict and TFLearn's DNN against the TorchSharp loops a user would write instead, and
// memory and streaming figures. docs/benchmarks.md holds the numbers of one run and how to read them.
//
// Usage: dotnet run -c Release --project benchmarks/KerasSharp.Benchmarks [-- --only SECTION] [--repeats N] [--stream-gb G]
// SECTION: timing (or, mlp and convnet), or (fit and TFLearn's OR program against raw and idiomatic loops), mlp (and predict),
// convnet (10,000 images, with and without validation), memory (RSS over long runs), stream (fit on a
// file larger than the memory it may use; 2 GB by default), cifar-load, convnet-full (10 epochs on all
// 60,000 images, for accuracy), hostile-memory (peak RSS of loading hostile files, each in a child process),
// clip (TFLearn's global-norm clip on the CPU). "all" (the default) runs or, mlp, convnet, memory and stream.
// The timing sections run in a child process with fixed malloc thresholds (Allocator.cs); --malloc-default runs them here, with glibc's defaults.
using System.Diagnostics;
using KerasSharp;
using KerasSharp.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

int? repeats = args.SkipWhile(a => a != "--repeats").Skip(1).Select(a => (int?)int.Parse(a)).FirstOrDefault();
string only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() ?? "all";
double streamGb = args.SkipWhile(a => a != "--stream-gb").Skip(1).Select(a => double.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(2.0);
// The timing sections' child process (--child) leaves the header to its parent.
if (!args.Contains("--child")) Console.WriteLine($"KerasSharp benchmarks: {Environment.ProcessorCount} cores, TorchSharp {typeof(torch).Assembly.GetName().Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var total = Stopwatch.StartNew();
if (only is "all" or "timing" or "or" or "mlp" or "convnet")
{
    if (Allocator.Fixed || args.Contains("--malloc-default"))
    {
        Console.WriteLine($"Timing sections: {Allocator.Describe()}");
        if (only is "all" or "timing" or "or") OrBench.Run(repeats);
        if (only is "all" or "timing" or "mlp") MlpBench.Run(repeats);
        if (only is "all" or "timing" or "convnet") ConvnetBench.Run(repeats);
    }
    else
    {
        // The same sections in a child process with fixed malloc thresholds (Allocator.cs says why).
        var childArgs = args.ToList();
        int at = childArgs.IndexOf("--only");
        if (at < 0) childArgs.AddRange(new[] { "--only", "timing" });
        else childArgs[at + 1] = only == "all" ? "timing" : only;
        childArgs.Add("--child");
        int rc = Allocator.RunChild(childArgs);
        if (rc != 0) { Console.Error.WriteLine($"The timing sections' child process failed with exit code {rc}."); return rc; }
    }
}
if (only is "all" or "memory") MemoryBench.Run();
if (only is "all" or "stream") StreamBench.Run(streamGb);
if (only is "cifar-load") CifarLoad();
if (only is "hostile-memory") HostileMemoryBench.Run();
if (only is "clip") ClipBench();
if (only is "convnet-full") Convnet();
Console.WriteLine($"total {total.Elapsed.TotalMinutes:0.0} min");
return 0;

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

// TFLearn's clip_gradients on the CPU (Optimizer.ClipByGlobalNorm): a weight gradient of each size and
// a bias gradient of one value, norm below the clip (the common step), against an engine norm and a
// read-back per gradient (the way it was done before small gradients were read in place).
static void ClipBench()
{
    torch.set_num_threads(1);
    Console.WriteLine("Global-norm clip of two CPU gradients (weights of N values, bias of 1), 100,000 calls, µs per call");
    foreach (int size in new[] { 2, 256, 1024, 1025, 4096 })
    {
        using var w = torch.full(new long[] { size, 1 }, 0.001f);
        using var b = torch.tensor(new float[] { 0.05f });
        var gs = new[] { w, b };
        const int n = 100000;
        for (int rep = 0; rep < 2; rep++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < n; i++) KerasSharp.Optimizers.Optimizer.ClipByGlobalNorm(gs, 5.0);
            double clip = sw.Elapsed.TotalMilliseconds * 1000 / n;
            sw.Restart();
            for (int i = 0; i < n; i++) foreach (var g in gs) { using var norm = g.norm(); using var read = norm.ToScalar(); _ = read.ToSingle(); }
            Console.WriteLine($"  N = {size,5}: ClipByGlobalNorm {clip:0.000}, engine norm and read per gradient {sw.Elapsed.TotalMilliseconds * 1000 / n:0.000}");
        }
    }
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
