// The article's experiments in one command: five comparisons of CIFAR-10 networks (or Fashion-MNIST),
// each variant trained with several seeds, each run a TensorBoard run, then a report with tables
// (mean ± std over seeds), plots with bands, and a verdict per claim.
//
//   dotnet run -c Release --project examples/Experiments -- --quick          # a five-minute tour of all five
//   dotnet run -c Release --project examples/Experiments -- --epochs 8 --limit 10000 --seeds 3
//   dotnet run -c Release --project examples/Experiments -- report            # rebuild report.md from the logs
//   tensorboard --logdir tensorboard-logs
using System.CommandLine;
using Experiments;

// --quick: 5 comparisons × 11 variants × 2 seeds of 2 epochs on 1,200 images (960 to train, 240 to
// validate) and 500 test images: about five minutes on a 2-core machine. Options given explicitly win.
const int QuickEpochs = 2, QuickLimit = 1200, QuickSeeds = 2;
string defaultLogs = KerasSharp.TensorBoard.LogRoot.Find();

var experiment = new Option<string>("--experiment") { Description = "Which comparison to run.", DefaultValueFactory = _ => "all" };
experiment.AcceptOnlyFromAmong(new[] { "all" }.Concat(Definitions.All.Select(e => e.Name)).ToArray());
var dataset = new Option<string?>("--dataset") { Description = "cifar10 or fashion-mnist (default: CIFAR-10 when present or downloadable, else Fashion-MNIST)." };
dataset.AcceptOnlyFromAmong("cifar10", "fashion-mnist");
var epochs = new Option<int>("--epochs") { Description = "Epochs per run.", DefaultValueFactory = _ => 10 };
var limit = new Option<int>("--limit") { Description = "Use only the first N training images (validation is split from them) and the first N test images (0: all).", DefaultValueFactory = _ => 0 };
var seed = new Option<int>("--seed") { Description = "The first random seed; the runs of a variant use seed, seed + 1, ...", DefaultValueFactory = _ => 1 };
var seeds = new Option<int>("--seeds") { Description = "How many seeds each variant runs with.", DefaultValueFactory = _ => 3 };
var validation = new Option<double>("--validation-split") { Description = "The fraction of the training images held out for validation.", DefaultValueFactory = _ => 0.2 };
var quick = new Option<bool>("--quick") { Description = $"A five-minute tour: {QuickEpochs} epochs, {QuickLimit} images, {QuickSeeds} seeds, runs in <logdir>/quick (unless given)." };
var logdir = new Option<string>("--logdir") { Description = "Where the TensorBoard runs and report.md go.", DefaultValueFactory = _ => defaultLogs };

var root = new RootCommand("KerasSharp101: the article's experiments (layers, dropout, l2, batch-size, learning-rate) with several seeds, TensorBoard runs and a report.")
{
    experiment, dataset, epochs, limit, seed, seeds, validation, quick, logdir,
};
root.SetAction(parse =>
{
    bool q = parse.GetValue(quick);
    bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
    T Pick<T>(Option<T> option, T quickValue) => q && !Given(option) ? quickValue : parse.GetValue(option)!;
    int e = Pick(epochs, QuickEpochs), l = Pick(limit, QuickLimit), s = Pick(seeds, QuickSeeds);
    string dir = q && !Given(logdir) ? Path.Combine(defaultLogs, "quick") : parse.GetValue(logdir)!;
    if (e <= 0) { Console.Error.WriteLine($"--epochs must be a positive number, received {e}."); return 2; }
    if (l < 0) { Console.Error.WriteLine($"--limit must be 0 (all) or positive, received {l}."); return 2; }
    if (s <= 0) { Console.Error.WriteLine($"--seeds must be a positive number, received {s}."); return 2; }
    double v = parse.GetValue(validation);
    if (!(v > 0 && v < 1)) { Console.Error.WriteLine($"--validation-split must be a fraction between 0 and 1, received {v}."); return 2; }
    Console.CancelKeyPress += (_, args) =>
    {
        if (Runner.StopRequested) return; // a second Ctrl-C ends the program at once
        args.Cancel = true;
        Runner.StopRequested = true;
        Console.Error.WriteLine("\nCtrl-C: stopping after this batch; finished runs keep their logs and go into the report (Ctrl-C again to quit now).");
    };
    try
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Runner.Run(new Options(parse.GetValue(experiment)!, parse.GetValue(dataset), e, l, parse.GetValue(seed), s, v, dir));
        var report = Report.Write(dir);
        Console.WriteLine($"Report: {report} ({clock.Elapsed.TotalMinutes:0.0} min in all)");
        Console.WriteLine($"TensorBoard: tensorboard --logdir {dir}");
        return Runner.StopRequested ? 130 : 0;
    }
    catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or InvalidDataException)
    {
        Console.Error.WriteLine(ex.Message);
        return 1;
    }
});

var reportLogdir = new Option<string>("--logdir") { Description = "The log folder to read.", DefaultValueFactory = _ => defaultLogs };
var report = new Command("report", "Rebuild report.md from the TensorBoard logs alone (works on runs from earlier days).") { reportLogdir };
report.SetAction(parse =>
{
    string dir = parse.GetValue(reportLogdir)!;
    if (!Directory.Exists(dir)) { Console.Error.WriteLine($"No log folder '{dir}'."); return 1; }
    try { Console.WriteLine($"Report: {Report.Write(dir)}"); }
    catch (Exception ex) when (ex is IOException or InvalidDataException) { Console.Error.WriteLine(ex.Message); return 1; }
    return 0;
});
root.Subcommands.Add(report);
return root.Parse(args).Invoke();
