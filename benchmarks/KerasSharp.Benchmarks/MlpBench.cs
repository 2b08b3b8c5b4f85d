using System.Diagnostics;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.Benchmarks;

/// <summary>
/// A 784-512-512-10 MLP on the 60,000 Fashion-MNIST training images, batch 128, SGD lr 0.01, one
/// epoch per run: Keras fit (softmax output, Keras's sparse crossentropy) against the fastest raw
/// loop of the same math, the idiomatic TorchSharp loop (nn.Sequential of Linear/ReLU on logits,
/// nn.CrossEntropyLoss, optim.SGD, a DataLoader over a TensorDataset), and predict against a raw
/// forward pass.
/// </summary>
static class MlpBench
{
    static Tensor x = null!, y = null!;
    static string source = "";

    public static void Load()
    {
        if (x is not null) return;
        string dir = "/usr/share/datasets/fashion-mnist";
        if (File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz")))
        {
            var ((xs, ys), _) = keras.datasets.fashion_mnist.load_data();
            x = (Utils.Arrays.ToTensor(xs).to(float32) / 255).reshape(-1, 784).DetachFromDisposeScope();
            y = Utils.Arrays.ToTensor(ys).to(int64).DetachFromDisposeScope();
            source = "Fashion-MNIST train set (" + dir + ")";
            return;
        }
        torch.manual_seed(0);
        x = torch.empty(60000, 784).uniform_(0, 1);
        y = torch.randint(0, 10, new long[] { 60000 });
        source = "random 60,000 x 784 (Fashion-MNIST not installed)";
    }

    static KerasSharp.Models.Sequential Model()
    {
        keras.utils.set_random_seed(1);
        return keras.Sequential(keras.Input(shape: new[] { 784 }), keras.layers.Dense(512, activation: "relu"),
            keras.layers.Dense(512, activation: "relu"), keras.layers.Dense(10, activation: "softmax"));
    }

    public static double Fit(long n = 60000)
    {
        using var m = Model();
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.01), loss: "sparse_categorical_crossentropy");
        var (xs, ys) = n < x.shape[0] ? (x.narrow(0, 0, n), y.narrow(0, 0, n)) : (x, y);
        var sw = Stopwatch.StartNew();
        m.fit(xs, ys, epochs: 1, batch_size: 128, verbose: 0);
        return sw.Elapsed.TotalSeconds / n;
    }

    static TorchSharp.Modules.Parameter Glorot(long i, long o)
    {
        double l = Math.Sqrt(6.0 / (i + o));
        return new TorchSharp.Modules.Parameter(torch.empty(i, o).uniform_(-l, l));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Raw(long n = 60000)
    {
        torch.manual_seed(1);
        var ws = new[] { Glorot(784, 512), Glorot(512, 512), Glorot(512, 10) };
        var bs = new[] { new TorchSharp.Modules.Parameter(torch.zeros(512)), new TorchSharp.Modules.Parameter(torch.zeros(512)), new TorchSharp.Modules.Parameter(torch.zeros(10)) };
        var all = ws.Concat(bs).ToArray();
        using Scalar minusLr = (-0.01).ToScalar(), eps = 1e-7.ToScalar(), oneMinusEps = (1 - 1e-7).ToScalar(), zero = 0.0.ToScalar();
        var batchScalars = new Dictionary<long, Scalar>();
        using var sum = torch.zeros(Array.Empty<long>());
        var sw = Stopwatch.StartNew();
        sum.fill_(zero);
        using (var perm = torch.randperm(n))
            for (long start = 0; start < n; start += 128)
            {
                long len = Math.Min(128, n - start);
                if (!batchScalars.TryGetValue(len, out var lenScalar)) batchScalars[len] = lenScalar = ((double)len).ToScalar();
                using var scope = torch.NewDisposeScope();
                var idx = perm.narrow(0, start, len);
                var xb = x.index_select(0, idx); var yb = y.index_select(0, idx);
                var h = F.relu(torch.addmm(bs[0], xb, ws[0], 1, 1));
                h = F.relu(torch.addmm(bs[1], h, ws[1], 1, 1));
                var p = torch.softmax(torch.addmm(bs[2], h, ws[2], 1, 1), -1);
                var q = torch.log((p / p.sum(-1, keepdim: true)).clamp(eps, oneMinusEps));
                var loss = (-q.gather(-1, yb.unsqueeze(-1)).squeeze(-1)).mean();
                foreach (var v in all) v.grad = null;
                loss.backward();
                using (torch.no_grad()) { foreach (var v in all) v.add_(v.grad!, alpha: minusLr); sum.add_(loss, alpha: lenScalar); }
            }
        using (var sc = sum.ToScalar()) _ = sc.ToSingle();
        double cost = sw.Elapsed.TotalSeconds / n;
        foreach (var v in all) v.Dispose();
        foreach (var s in batchScalars.Values) s.Dispose();
        return cost;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Idiomatic(long n = 60000)
    {
        torch.manual_seed(1);
        using var model = nn.Sequential(("fc1", nn.Linear(784, 512)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(512, 512)), ("relu2", nn.ReLU()), ("fc3", nn.Linear(512, 10)));
        var opt = torch.optim.SGD(model.parameters(), 0.01);
        using var lossFn = nn.CrossEntropyLoss();
        var (xs, ys) = n < x.shape[0] ? (x.narrow(0, 0, n), y.narrow(0, 0, n)) : (x, y);
        using var data = torch.utils.data.TensorDataset(xs, ys);
        using var loader = torch.utils.data.DataLoader(data, 128, shuffle: true);
        var sw = Stopwatch.StartNew();
        double total = 0;
        foreach (var batch in loader)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            var loss = lossFn.forward(model.forward(batch[0]), batch[1]);
            loss.backward();
            opt.step();
            total += loss.item<float>();
        }
        return sw.Elapsed.TotalSeconds / n;
    }

    // ----- predict -----

    static KerasSharp.Models.Sequential? predictModel;
    static Tensor[]? rawWeights;

    static void PreparePredict()
    {
        if (predictModel is not null) return;
        predictModel = Model();
        rawWeights = predictModel.variables.Select(w => w.Value.detach()).ToArray();
    }

    public static double Predict(int batch)
    {
        PreparePredict();
        var xs = x.narrow(0, 0, 10000);
        var sw = Stopwatch.StartNew();
        var p = predictModel!.predict(xs, batch_size: batch);
        return sw.Elapsed.TotalSeconds / 10000;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double RawForward(int batch)
    {
        PreparePredict();
        var w = rawWeights!;
        var xs = x.narrow(0, 0, 10000);
        var sw = Stopwatch.StartNew();
        var parts = new List<Tensor>();
        using (torch.no_grad())
            for (long start = 0; start < 10000; start += batch)
            {
                long len = Math.Min(batch, 10000 - start);
                using var scope = torch.NewDisposeScope();
                var h = F.relu(torch.addmm(w[1], xs.narrow(0, start, len), w[0], 1, 1));
                h = F.relu(torch.addmm(w[3], h, w[2], 1, 1));
                parts.Add(torch.softmax(torch.addmm(w[5], h, w[4], 1, 1), -1).MoveToOuterDisposeScope());
            }
        using var all = torch.cat(parts.ToArray(), 0);
        // predict hands back an array: the raw side reads its values out too.
        _ = all.data<float>().ToArray();
        foreach (var t in parts) t.Dispose();
        return sw.Elapsed.TotalSeconds / 10000;
    }

    public static void Run(int? repeats)
    {
        Load();
        torch.set_num_threads(Environment.ProcessorCount);
        Console.WriteLine($"MLP data: {source}; {torch.get_num_threads()} intra-op threads");
        int calls = Harness.WarmUp(() => { Fit(1280); Raw(1280); Idiomatic(1280); });
        Console.WriteLine($"  warm-up: {calls} calls of each side on 1,280 inputs until the JIT had compiled nothing for 2 s");
        int n = repeats ?? 11;
        Harness.Compare($"784-512-512-10 MLP, 60,000 inputs, batch 128, one epoch per run, {n} repeats (µs per sample)",
            new[] { new Side("keras fit", () => Fit()), new Side("fastest raw loop", () => Raw()), new Side("idiomatic TorchSharp", () => Idiomatic()) },
            n, v => $"{Harness.F(v * 1e6, "0.00")} us/sample");
        foreach (int batch in new[] { 32, 256 })
            Harness.Compare($"predict on 10,000 inputs, batch {batch}, {3 * n} repeats (µs per sample)",
                new[] { new Side("keras predict", () => Predict(batch)), new Side("raw forward pass", () => RawForward(batch)) },
                3 * n, v => $"{Harness.F(v * 1e6, "0.00")} us/sample");
    }
}
