using System.Diagnostics;
using System.Runtime.CompilerServices;
using KerasSharp.TFLearn;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Benchmarks;

/// <summary>
/// The OR network (4 samples, Dense(1, sigmoid), SGD lr 2, mean squared error, 2000 steps of one
/// batch): Keras fit against the fastest raw TorchSharp loop (the caching fit uses: engine scalars
/// made once, the running sum made once and zeroed in place) and the idiomatic TorchSharp loop
/// (nn.Sequential, optim.SGD, nn.MSELoss, loss.item() each step, as the tutorials write it); and
/// TFLearn's OR program against fit.
/// </summary>
static class OrBench
{
    static readonly float[,] X = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    static readonly float[,] Y = { { 0 }, { 1 }, { 1 }, { 1 } };

    public static double Fit(int steps = 2000)
    {
        keras.utils.set_random_seed(1);
        using var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 2.0), loss: "mse");
        var sw = Stopwatch.StartNew();
        m.fit(X, Y, epochs: steps, batch_size: 4, verbose: 0);
        return sw.Elapsed.TotalSeconds / steps;
    }

    public static double Raw(int steps = 2000)
    {
        torch.manual_seed(1);
        using var x = torch.tensor(X); using var y = torch.tensor(Y);
        using var w = new TorchSharp.Modules.Parameter(torch.empty(2, 1).uniform_(-1, 1));
        using var b = new TorchSharp.Modules.Parameter(torch.zeros(1));
        return RawLoop(x, y, w, b, steps);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static double RawLoop(Tensor x, Tensor y, TorchSharp.Modules.Parameter w, TorchSharp.Modules.Parameter b, int steps)
    {
        using Scalar minusLr = (-2.0).ToScalar(), four = 4.0.ToScalar(), zero = 0.0.ToScalar();
        using var sum = torch.zeros(Array.Empty<long>());
        var sw = Stopwatch.StartNew();
        for (int epoch = 0; epoch < steps; epoch++)
        {
            sum.fill_(zero);
            using (var scope = torch.NewDisposeScope())
            {
                var idx = torch.randperm(4);
                var xb = x.index_select(0, idx); var yb = y.index_select(0, idx);
                var p = torch.sigmoid(torch.addmm(b, xb, w, 1, 1));
                var loss = torch.nn.functional.mse_loss(p, yb);
                w.grad = null; b.grad = null;
                loss.backward();
                using (torch.no_grad()) { w.add_(w.grad!, alpha: minusLr); b.add_(b.grad!, alpha: minusLr); sum.add_(loss, alpha: four); }
            }
            using (var sc = sum.ToScalar()) _ = sc.ToSingle(); // one read per epoch, as fit's History does
        }
        return sw.Elapsed.TotalSeconds / steps;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Idiomatic(int steps = 2000)
    {
        torch.manual_seed(1);
        using var x = torch.tensor(X); using var y = torch.tensor(Y);
        using var model = nn.Sequential(("dense", nn.Linear(2, 1)), ("sigmoid", nn.Sigmoid()));
        var opt = torch.optim.SGD(model.parameters(), 2.0);
        using var lossFn = nn.MSELoss();
        var sw = Stopwatch.StartNew();
        for (int epoch = 0; epoch < steps; epoch++)
        {
            using var scope = torch.NewDisposeScope();
            var idx = torch.randperm(4);
            opt.zero_grad();
            var loss = lossFn.forward(model.forward(x.index_select(0, idx)), y.index_select(0, idx));
            loss.backward();
            opt.step();
            _ = loss.item<float>();
        }
        return sw.Elapsed.TotalSeconds / steps;
    }

    /// <summary>
    /// TFLearn's OR program as the README shows it, console and TensorBoard summaries included (console
    /// to a null writer). The switches take one of TFLearn's costs away, to show where a step goes:
    /// DNN's default clip_gradients=5.0, the summaries, the default accuracy metric.
    /// </summary>
    public static double TFLearnProgram(int steps = 2000, bool clip = true, bool summaries = true, bool metric = true)
    {
        keras.utils.set_random_seed(1);
        float[][] x = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] yTruth = [[0f], [1f], [1f], [1f]];
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        g = metric ? tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square")
            : tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square", metric: null);
        string logs = Path.Combine(Path.GetTempPath(), "kerassharp-bench-tflearn");
        using var m = tflearn.DNN(g, clip_gradients: clip ? 5.0 : 0.0, tensorboard_dir: logs);
        m.write_summaries = summaries;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        var sw = Stopwatch.StartNew();
        try { m.fit(x, yTruth, n_epoch: steps, snapshot_epoch: false); }
        finally { Console.SetOut(stdout); }
        double cost = sw.Elapsed.TotalSeconds / steps;
        try { Directory.Delete(logs, true); } catch (IOException) { }
        return cost;
    }

    public static void Run(int? repeats)
    {
        torch.set_num_threads(1); // tiny tensors never use a second thread; one intra-op thread removes wake-up jitter
        Console.WriteLine("OR network, 1 intra-op thread, 2000 steps per run");
        double coldFit = Fit(), coldRaw = Raw();
        Console.WriteLine($"  first call in this process (cold, includes JIT): fit {Harness.F(coldFit * 1e6)} us/step, fastest raw loop {Harness.F(coldRaw * 1e6)} us/step");
        int calls = Harness.WarmUp(() => { Fit(10); Raw(10); Idiomatic(10); TFLearnProgram(10); });
        Console.WriteLine($"  warm-up: {calls} short calls of each side until the JIT had compiled nothing for 2 s");
        int n = repeats ?? 41;
        Harness.Compare($"OR network: Keras fit against TorchSharp loops, {n} repeats (µs per step)",
            new[] { new Side("keras fit", () => Fit()), new Side("fastest raw loop", () => Raw()), new Side("idiomatic TorchSharp", () => Idiomatic()) },
            n, v => $"{Harness.F(v * 1e6)} us/step");
        Harness.Compare($"TFLearn's OR program (console and summaries included) against fit, {n} repeats (µs per step)",
            new[] { new Side("keras fit", () => Fit()), new Side("tflearn DNN.fit", () => TFLearnProgram()),
                new Side("  without clip_gradients", () => TFLearnProgram(clip: false)), new Side("  without summaries", () => TFLearnProgram(summaries: false)),
                new Side("  without the metric", () => TFLearnProgram(metric: false)), new Side("  without all three", () => TFLearnProgram(clip: false, summaries: false, metric: false)) },
            n, v => $"{Harness.F(v * 1e6)} us/step");
        Console.WriteLine("  (a TFLearn step costs 1 / that ratio times a fit step)");
        // A run's fixed costs (the run folder, the graph and hparams summaries, closing the files) are
        // spread over its 2000 steps above; the marginal step is what one more step costs: the time of
        // a 4000-step run minus that of a 2000-step run, divided by 2000, for both sides.
        Harness.Compare($"Marginal step: (4000-step run − 2000-step run) / 2000, {n} repeats (µs per step)",
            new[] { new Side("keras fit", () => (Fit(4000) * 4000 - Fit(2000) * 2000) / 2000),
                new Side("tflearn DNN.fit", () => (TFLearnProgram(4000) * 4000 - TFLearnProgram(2000) * 2000) / 2000) },
            n, v => $"{Harness.F(v * 1e6)} us/step");
        torch.set_num_threads(Environment.ProcessorCount);
    }
}
