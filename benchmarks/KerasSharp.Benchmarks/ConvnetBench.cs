using System.Diagnostics;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.Benchmarks;

/// <summary>
/// TFLearn's CIFAR-10 convnet shape (conv 32, pool, conv 64, conv 64, pool, dense 512, dropout 0.5,
/// dense 10, 'same' padding, ReLU) on 10,000 Fashion-MNIST images, Adam 0.001, batch 96, one epoch
/// per run, with and without validation on 2,000 test images: Keras fit (channels-last, as Keras)
/// against the fastest raw loop (batches in channels-last memory seen as NCHW, the layout fit's Conv2D
/// hands the engine and oneDNN's faster one here; contiguous OIHW kernels; Adam in the passes fit's Adam
/// makes, with cached scalars) and the idiomatic TorchSharp loop (nn.Sequential, nn.CrossEntropyLoss
/// on logits, optim.Adam, a DataLoader over contiguous NCHW images, as the tutorials write it).
/// </summary>
static class ConvnetBench
{
    const int N = 10000, NVal = 2000, Batch = 96;
    static Tensor x = null!, y = null!, xv = null!, yv = null!, xNchw = null!, xvNchw = null!;

    static void Load()
    {
        if (x is not null) return;
        var ((xs, ys), (ts, tys)) = keras.datasets.fashion_mnist.load_data();
        x = (Utils.Arrays.ToTensor(xs).to(float32) / 255).reshape(-1, 28, 28, 1).narrow(0, 0, N).contiguous().DetachFromDisposeScope();
        y = Utils.Arrays.ToTensor(ys).to(int64).narrow(0, 0, N).contiguous().DetachFromDisposeScope();
        xv = (Utils.Arrays.ToTensor(ts).to(float32) / 255).reshape(-1, 28, 28, 1).narrow(0, 0, NVal).contiguous().DetachFromDisposeScope();
        yv = Utils.Arrays.ToTensor(tys).to(int64).narrow(0, 0, NVal).contiguous().DetachFromDisposeScope();
        xNchw = x.permute(0, 3, 1, 2).contiguous();
        xvNchw = xv.permute(0, 3, 1, 2).contiguous();
    }

    public static double Fit(bool validate)
    {
        keras.utils.set_random_seed(1);
        using var m = keras.Sequential(keras.Input(shape: new[] { 28, 28, 1 }),
            keras.layers.Conv2D(32, 3, padding: "same", activation: "relu"), keras.layers.MaxPooling2D(2, padding: "same"),
            keras.layers.Conv2D(64, 3, padding: "same", activation: "relu"), keras.layers.Conv2D(64, 3, padding: "same", activation: "relu"),
            keras.layers.MaxPooling2D(2, padding: "same"), keras.layers.Flatten(), keras.layers.Dense(512, activation: "relu"),
            keras.layers.Dropout(0.5), keras.layers.Dense(10, activation: "softmax"));
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.001), loss: "sparse_categorical_crossentropy", metrics: new[] { "accuracy" });
        var sw = Stopwatch.StartNew();
        m.fit(x, y, batch_size: Batch, epochs: 1, verbose: 0, validation_data: validate ? (xv, yv) : null);
        return sw.Elapsed.TotalSeconds / N;
    }

    static TorchSharp.Modules.Parameter Glorot(long[] shape, long fanIn, long fanOut)
    {
        double l = Math.Sqrt(6.0 / (fanIn + fanOut));
        return new TorchSharp.Modules.Parameter(torch.empty(shape).uniform_(-l, l));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Raw(bool validate)
    {
        torch.manual_seed(1);
        var p = new[]
        {
            Glorot(new long[] { 32, 1, 3, 3 }, 9, 288), new TorchSharp.Modules.Parameter(torch.zeros(32)),
            Glorot(new long[] { 64, 32, 3, 3 }, 288, 576), new TorchSharp.Modules.Parameter(torch.zeros(64)),
            Glorot(new long[] { 64, 64, 3, 3 }, 576, 576), new TorchSharp.Modules.Parameter(torch.zeros(64)),
            Glorot(new long[] { 3136, 512 }, 3136, 512), new TorchSharp.Modules.Parameter(torch.zeros(512)),
            Glorot(new long[] { 512, 10 }, 512, 10), new TorchSharp.Modules.Parameter(torch.zeros(10)),
        };
        var m = p.Select(t => torch.zeros_like(t)).ToArray();
        var v = p.Select(t => torch.zeros_like(t)).ToArray();
        const double lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        using Scalar sb1 = b1.ToScalar(), s1b1 = (1 - b1).ToScalar(), sb2 = b2.ToScalar(), s1b2 = (1 - b2).ToScalar(), seps = eps.ToScalar(),
            clipLo = 1e-7.ToScalar(), clipHi = (1 - 1e-7).ToScalar(), zero = 0.0.ToScalar();
        using var lerpWeight = torch.tensor(1 - b1);
        var pad1 = new long[] { 1, 1 }; var k2 = new long[] { 2, 2 };
        Tensor Forward(Tensor xb, bool training)
        {
            var h = F.relu(F.conv2d(xb, p[0], p[1], padding: pad1));
            h = F.max_pool2d(h, k2);
            h = F.relu(F.conv2d(h, p[2], p[3], padding: pad1));
            h = F.relu(F.conv2d(h, p[4], p[5], padding: pad1));
            h = F.max_pool2d(h, k2);
            // Flatten in Keras's (H, W, C) order, as the Keras model's Dense sees it.
            h = h.permute(0, 2, 3, 1).reshape(h.shape[0], -1);
            h = F.dropout(F.relu(torch.addmm(p[7], h, p[6], 1, 1)), 0.5, training);
            return torch.softmax(torch.addmm(p[9], h, p[8], 1, 1), -1);
        }
        using var lossSum = torch.zeros(Array.Empty<long>());
        using var accSum = torch.zeros(Array.Empty<long>());
        var sw = Stopwatch.StartNew();
        lossSum.fill_(zero); accSum.fill_(zero);
        long t = 0;
        using (var perm = torch.randperm(N))
            for (long start = 0; start < N; start += Batch)
            {
                long len = Math.Min(Batch, N - start);
                using var scope = torch.NewDisposeScope();
                var idx = perm.narrow(0, start, len);
                // Channels-last memory (NHWC storage seen as NCHW), the layout fit's Conv2D hands the engine:
                // oneDNN's convolutions run faster on it here than on contiguous NCHW (measured, see docs/benchmarks.md).
                var xb = x.index_select(0, idx).permute(0, 3, 1, 2); var yb = y.index_select(0, idx);
                var prob = Forward(xb, true);
                var loss = (-torch.log(prob.clamp(clipLo, clipHi)).gather(-1, yb.unsqueeze(-1))).mean();
                foreach (var q in p) q.grad = null;
                loss.backward();
                t++;
                double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
                using (torch.no_grad())
                {
                    for (int i = 0; i < p.Length; i++)
                    {
                        var g = p[i].grad!;
                        m[i].lerp_(g, lerpWeight);
                        v[i].mul_(sb2).addcmul_(g, g, value: s1b2);
                        p[i].addcdiv_(m[i], v[i].sqrt().add_(seps), value: -alpha);
                    }
                    lossSum.add_(loss, alpha: len);
                    accSum.add_((prob.argmax(-1) == yb).sum());
                }
            }
        using (var sc = lossSum.ToScalar()) _ = sc.ToSingle();
        using (var sc = accSum.ToScalar()) _ = sc.ToSingle();
        if (validate)
            using (torch.no_grad())
            {
                lossSum.fill_(zero); accSum.fill_(zero);
                for (long start = 0; start < NVal; start += Batch)
                {
                    long len = Math.Min(Batch, NVal - start);
                    using var scope = torch.NewDisposeScope();
                    var xb = xv.narrow(0, start, len).permute(0, 3, 1, 2); var yb = yv.narrow(0, start, len);
                    var prob = Forward(xb, false);
                    lossSum.add_((-torch.log(prob.clamp(clipLo, clipHi)).gather(-1, yb.unsqueeze(-1))).sum());
                    accSum.add_((prob.argmax(-1) == yb).sum());
                }
                using (var sc = lossSum.ToScalar()) _ = sc.ToSingle();
                using (var sc = accSum.ToScalar()) _ = sc.ToSingle();
            }
        double cost = sw.Elapsed.TotalSeconds / N;
        foreach (var q in p.Concat(m).Concat(v)) q.Dispose();
        return cost;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Idiomatic(bool validate)
    {
        torch.manual_seed(1);
        using var model = nn.Sequential(
            ("conv1", nn.Conv2d(1, 32, 3, padding: 1)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
            ("conv2", nn.Conv2d(32, 64, 3, padding: 1)), ("relu2", nn.ReLU()),
            ("conv3", nn.Conv2d(64, 64, 3, padding: 1)), ("relu3", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()), ("fc1", nn.Linear(3136, 512)), ("relu4", nn.ReLU()), ("drop", nn.Dropout(0.5)),
            ("fc2", nn.Linear(512, 10)));
        var opt = torch.optim.Adam(model.parameters(), 0.001);
        using var lossFn = nn.CrossEntropyLoss();
        using var data = torch.utils.data.TensorDataset(xNchw, y);
        using var loader = torch.utils.data.DataLoader(data, Batch, shuffle: true);
        var sw = Stopwatch.StartNew();
        model.train();
        double total = 0; long correct = 0;
        foreach (var batch in loader)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            var logits = model.forward(batch[0]);
            var loss = lossFn.forward(logits, batch[1]);
            loss.backward();
            opt.step();
            total += loss.item<float>();
            correct += (logits.argmax(-1) == batch[1]).sum().item<long>();
        }
        if (validate)
        {
            model.eval();
            using var vdata = torch.utils.data.TensorDataset(xvNchw, yv);
            using var vloader = torch.utils.data.DataLoader(vdata, Batch, shuffle: false);
            using (torch.no_grad())
                foreach (var batch in vloader)
                {
                    using var scope = torch.NewDisposeScope();
                    var logits = model.forward(batch[0]);
                    total += lossFn.forward(logits, batch[1]).item<float>();
                    correct += (logits.argmax(-1) == batch[1]).sum().item<long>();
                }
        }
        return sw.Elapsed.TotalSeconds / N;
    }

    public static void Run(int? repeats)
    {
        Load();
        torch.set_num_threads(Environment.ProcessorCount);
        int n = repeats ?? 5;
        foreach (bool validate in new[] { false, true })
            Harness.Compare($"Convnet, 10,000 Fashion-MNIST images, batch 96, one epoch per run{(validate ? ", validation on 2,000 images" : "")}, {n} repeats (images per second)",
                new[] { new Side("keras fit", () => Fit(validate)), new Side("fastest raw loop", () => Raw(validate)), new Side("idiomatic TorchSharp", () => Idiomatic(validate)) },
                n, v => $"{Harness.F(1 / v, "0")} images/s");
    }
}
