// The gallery's entry point and the helpers every port shares.
//
//   dotnet run -c Release --project examples/ported -- <script> [--quick]
//   dotnet run -c Release --project examples/ported -- all --quick
//
// Each script prints one line "RESULT <script>: <metric> <value> >= floor <floor> (<seconds> s)"
// when its result clears its floor, or "FAILED <script>: ..." and the run exits 1.
using System.Diagnostics;
using KerasSharp;
using NumSharp;

namespace Ported;

/// <summary>What a script measured and the least value it accepts.</summary>
public sealed record Result(string Metric, double Value, double Floor);

/// <summary>A script's settings: --quick, and any other arguments.</summary>
public sealed record Options(bool Quick, string[] Args)
{
    public int Int(string name, int fallback) { int i = Array.IndexOf(Args, name); return i >= 0 && i + 1 < Args.Length ? int.Parse(Args[i + 1]) : fallback; }
}

/// <summary>A check inside a script failed (a shape, a restored weight): the script's result is a failure.</summary>
public sealed class CheckFailed(string message) : Exception(message);

public static class Gallery
{
    /// <summary>The scripts, in the order `all` runs them.</summary>
    public static readonly (string Name, Func<Options, Result> Main)[] Scripts =
    [
        ("linear_regression", linear_regression.Run),
        ("dnn", dnn.Run),
        ("convnet_mnist", convnet_mnist.Run),
        ("weights_persistence", weights_persistence.Run),
        ("finetuning", finetuning.Run),
        ("network_in_network", network_in_network.Run),
        ("alexnet", alexnet.Run),
        ("convnet_cifar10", convnet_cifar10.Run),
        ("highway_dnn", highway_dnn.Run),
        ("mnist_convnet", mnist_convnet.Run),
        ("sequential_model", sequential_model.Run),
        ("functional_api", functional_api.Run),
        ("training_with_built_in_methods", training_with_built_in_methods.Run),
    ];

    public static int Main(string[] args)
    {
        string[] names = Scripts.Select(s => s.Name).ToArray();
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("Usage: Ported <script>|all [--quick]\nScripts: " + string.Join(", ", names));
            return args.Length == 0 ? 2 : 0;
        }
        var run = new Options(args.Contains("--quick"), args[1..]);
        var chosen = args[0] == "all" ? Scripts : Scripts.Where(s => s.Name == args[0]).ToArray();
        if (chosen.Length == 0)
        {
            Console.Error.WriteLine($"Unknown script '{args[0]}'. Known scripts: {string.Join(", ", names)}, or all.");
            return 2;
        }
        var lines = new List<string>();
        int failures = 0;
        var total = Stopwatch.StartNew();
        foreach (var (name, main) in chosen)
        {
            Console.WriteLine($"==> {name}{(run.Quick ? " --quick" : "")}");
            // Each script starts as a fresh Python process would: the same seed, layer names counted from zero.
            keras.backend.clear_session();
            keras.utils.set_random_seed(1);
            np.random.seed(1);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            scriptClock.Restart();
            string line;
            try
            {
                var r = main(run);
                clock.Stop();
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                bool ok = r.Value >= r.Floor;
                if (!ok) failures++;
                line = ok
                    ? $"RESULT {name}: {r.Metric} {r.Value:0.0000} >= floor {r.Floor:0.0000} ({clock.Elapsed.TotalSeconds:0.0} s, cpu {cpuSeconds:0.0} s)"
                    : $"FAILED {name}: {r.Metric} {r.Value:0.0000} is below the floor {r.Floor:0.0000} ({clock.Elapsed.TotalSeconds:0.0} s, cpu {cpuSeconds:0.0} s)";
            }
            catch (Exception e) when (e is CheckFailed or IOException or InvalidDataException)
            {
                failures++;
                line = $"FAILED {name}: {e.Message}";
            }
            Console.WriteLine(line);
            lines.Add(line);
        }
        if (chosen.Length > 1)
        {
            Console.WriteLine($"==> summary ({total.Elapsed.TotalSeconds:0.0} s)");
            foreach (var l in lines) Console.WriteLine(l);
        }
        return failures == 0 ? 0 : 1;
    }

    static readonly Stopwatch scriptClock = new();

    /// <summary>Prints how long the script has run, before a section's name (the port's addition, for sizing --quick).</summary>
    public static void Mark(string section) => Console.WriteLine($"[{scriptClock.Elapsed.TotalSeconds:0.0} s] {section}");

    /// <summary>Throws <see cref="CheckFailed"/> with the message when the condition is false.</summary>
    public static void Check(bool condition, string message) { if (!condition) throw new CheckFailed(message); }

    /// <summary>
    /// The mean categorical cross-entropy of a TFLearn network's predictions against one-hot targets (the
    /// port's check where --quick trains too briefly for accuracy to say much: the loss must fall).
    /// <paramref name="logits"/>: the network ends without softmax (softmax_categorical_crossentropy).
    /// </summary>
    public static double CrossEntropy(KerasSharp.TFLearn.DNN model, TorchSharp.torch.Tensor X, TorchSharp.torch.Tensor Y, bool logits = false)
    {
        var p = model.predict(X);
        var rows = TorchSharp.torch.tensor(p.SelectMany(r => r).ToArray()).reshape(p.Count, -1);
        var probs = logits ? rows.softmax(1) : rows;
        return -(Y * probs.clamp_min(1e-7f).log()).sum(1).mean().item<float>();
    }

    /// <summary>A folder for the files a script writes (checkpoints, saved models), emptied first.</summary>
    public static string WorkDir(string script)
    {
        string dir = Path.Combine(Path.GetTempPath(), "kerassharp-ported", script);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
