// The article's experiments in one command: five comparisons of CIFAR-10 networks (or Fashion-MNIST),
// each variant a TensorBoard run, then a report with tables and plots.
//
//   dotnet run -c Release --project examples/Experiments -- --experiment all --epochs 5 --limit 10000
//   dotnet run -c Release --project examples/Experiments -- report --logdir tensorboard-logs
//   tensorboard --logdir tensorboard-logs
using System.CommandLine;
using Experiments;

var experiment = new Option<string>("--experiment") { Description = "Which comparison to run.", DefaultValueFactory = _ => "all" };
experiment.AcceptOnlyFromAmong(new[] { "all" }.Concat(Definitions.All.Select(e => e.Name)).ToArray());
var dataset = new Option<string?>("--dataset") { Description = "cifar10 or fashion-mnist (default: CIFAR-10 when present or downloadable, else Fashion-MNIST)." };
dataset.AcceptOnlyFromAmong("cifar10", "fashion-mnist");
var epochs = new Option<int>("--epochs") { Description = "Epochs per variant.", DefaultValueFactory = _ => 10 };
var limit = new Option<int>("--limit") { Description = "Use only the first N training and validation images (0: all).", DefaultValueFactory = _ => 0 };
var seed = new Option<int>("--seed") { Description = "Random seed; each variant starts from it.", DefaultValueFactory = _ => 1 };
var logdir = new Option<string>("--logdir") { Description = "Where the TensorBoard runs and report.md go.", DefaultValueFactory = _ => "tensorboard-logs" };

var root = new RootCommand("KerasSharp101: the article's experiments (layers, dropout, l2, batch-size, learning-rate) with TensorBoard runs and a report.")
{
    experiment, dataset, epochs, limit, seed, logdir,
};
root.SetAction(parse =>
{
    int e = parse.GetValue(epochs), l = parse.GetValue(limit);
    if (e <= 0) { Console.Error.WriteLine($"--epochs must be a positive number, received {e}."); return 2; }
    if (l < 0) { Console.Error.WriteLine($"--limit must be 0 (all) or positive, received {l}."); return 2; }
    string dir = parse.GetValue(logdir)!;
    Console.CancelKeyPress += (_, args) =>
    {
        if (Runner.StopRequested) return; // a second Ctrl-C ends the program at once
        args.Cancel = true;
        Runner.StopRequested = true;
        Console.Error.WriteLine("\nCtrl-C: stopping after this batch; finished variants keep their logs and go into the report (Ctrl-C again to quit now).");
    };
    try
    {
        var finished = Runner.Run(new Options(parse.GetValue(experiment)!, parse.GetValue(dataset), e, l, parse.GetValue(seed), dir));
        var report = Report.Write(dir);
        Console.WriteLine($"Report: {report}");
        Console.WriteLine($"TensorBoard: tensorboard --logdir {dir}");
        return Runner.StopRequested ? 130 : 0;
    }
    catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException)
    {
        Console.Error.WriteLine(ex.Message);
        return 1;
    }
});

var reportLogdir = new Option<string>("--logdir") { Description = "The log folder to read.", DefaultValueFactory = _ => "tensorboard-logs" };
var report = new Command("report", "Rebuild report.md from the TensorBoard logs alone (works on runs from earlier days).") { reportLogdir };
report.SetAction(parse =>
{
    string dir = parse.GetValue(reportLogdir)!;
    if (!Directory.Exists(dir)) { Console.Error.WriteLine($"No log folder '{dir}'."); return 1; }
    Console.WriteLine($"Report: {Report.Write(dir)}");
    return 0;
});
root.Subcommands.Add(report);
return root.Parse(args).Invoke();
