using System.Globalization;
using System.Text;
using KerasSharp.TensorBoard;

namespace Experiments;

/// <summary>One run, as read back from its TensorBoard files.</summary>
public sealed record RunSummary(string Experiment, string Variant, string Settings, string Directory, IReadOnlyList<(long epoch, double value)> TrainAcc,
    IReadOnlyList<(long epoch, double value)> ValAcc, IReadOnlyList<(long epoch, double value)> TrainLoss, IReadOnlyList<(long epoch, double value)> ValLoss,
    IReadOnlyList<double> RawLoss, long Params, double Seconds, int BatchSize, double LearningRate)
{
    static double Last(IReadOnlyList<(long, double v)> s) => s.Count > 0 ? s[^1].v : double.NaN;
    /// <summary>Final training accuracy.</summary>
    public double FinalTrainAcc => Last(TrainAcc);
    /// <summary>Final validation accuracy.</summary>
    public double FinalValAcc => Last(ValAcc);
    /// <summary>Final training loss.</summary>
    public double FinalTrainLoss => Last(TrainLoss);
    /// <summary>Final validation loss.</summary>
    public double FinalValLoss => Last(ValLoss);
    /// <summary>Training minus validation accuracy.</summary>
    public double Gap => FinalTrainAcc - FinalValAcc;
    /// <summary>The epoch with the best validation accuracy.</summary>
    public long BestEpoch => ValAcc.Count == 0 ? 0 : ValAcc.MaxBy(p => p.value).epoch;
    /// <summary>Training steps taken.</summary>
    public int Steps => RawLoss.Count + 1;
    /// <summary>How noisy the steps are: standard deviation of the step-to-step change of the raw loss.</summary>
    public double StepNoise
    {
        get
        {
            if (RawLoss.Count < 3) return double.NaN;
            var d = RawLoss.Zip(RawLoss.Skip(1), (a, b) => b - a).ToList();
            double m = d.Average();
            return Math.Sqrt(d.Sum(x => (x - m) * (x - m)) / d.Count);
        }
    }
}

/// <summary>Builds report.md (tables, plots, and whether each claim held) from the logs alone.</summary>
public static class Report
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Reads the latest run of every variant under logdir.</summary>
    public static List<RunSummary> ReadRuns(string logDir)
    {
        var log = TensorBoardLog.Read(logDir);
        var runs = new List<(RunSummary run, double started)>();
        foreach (var (name, r) in log.Runs)
        {
            if (!r.HParams.TryGetValue("experiment", out var exp) || !r.HParams.TryGetValue("variant", out var variant)) continue;
            List<(long, double)> S(string tag) => r.Scalars.TryGetValue(tag, out var s) ? s.Select(p => (p.Step, p.Value)).ToList() : new();
            var raw = r.Scalars.Where(kv => kv.Key.EndsWith("/Loss/raw", StringComparison.Ordinal)).SelectMany(kv => kv.Value).OrderBy(p => p.Step).Select(p => p.Value).ToList();
            double Scalar(string tag) => r.Scalars.TryGetValue(tag, out var s) && s.Count > 0 ? s[^1].Value : double.NaN;
            double Num(string k) => r.HParams.TryGetValue(k, out var v) ? v.NumberValue : double.NaN;
            var summary = new RunSummary(exp.StringValue, variant.StringValue, r.HParams.TryGetValue("settings", out var st) ? st.StringValue : "", Path.Combine(logDir, name),
                S("epoch_accuracy"), S("epoch_val_accuracy"), S("epoch_loss"), S("epoch_val_loss"), raw,
                (long)(double.IsNaN(Scalar("params")) ? Num("params") : Scalar("params")), Scalar("time_seconds"), (int)Num("batch_size"), Num("learning_rate"));
            runs.Add((summary, Num("started")));
        }
        // A variant run again keeps its old directory; the report uses the newest run of each variant.
        return runs.GroupBy(x => (x.run.Experiment, x.run.Variant)).Select(g => g.OrderBy(x => x.started).Last().run).ToList();
    }

    /// <summary>Whether the runs agree with the article's claim, decided from the numbers.</summary>
    public static (bool? agrees, string sentence) Verdict(Experiment e, IReadOnlyList<RunSummary> runs)
    {
        RunSummary? V(string name) => runs.FirstOrDefault(r => r.Variant == name);
        string P(double x) => (100 * x).ToString("0.0", Inv);
        switch (e.Name)
        {
            case "layers" when V("shallow") is { } s && V("deep") is { } d:
            {
                double diff = d.FinalValAcc - s.FinalValAcc;
                bool agrees = diff > 0 && d.FinalTrainAcc > s.FinalTrainAcc;
                return (agrees, agrees
                    ? $"Agrees: the deep network is {P(diff)} points more accurate on validation ({P(d.FinalValAcc)}% against {P(s.FinalValAcc)}%; the article says about 15%), and the shallow one also fits the training data less well ({P(s.FinalTrainAcc)}% against {P(d.FinalTrainAcc)}%), which is underfitting."
                    : $"Disagrees: the deep network's validation accuracy is {P(d.FinalValAcc)}% against the shallow one's {P(s.FinalValAcc)}% (training {P(d.FinalTrainAcc)}% against {P(s.FinalTrainAcc)}%), not the article's deeper-is-better result.");
            }
            case "dropout" when V("without-dropout") is { } w && V("with-dropout") is { } d:
            {
                bool agrees = w.Gap > d.Gap && w.Gap > 0;
                return (agrees, agrees
                    ? $"Agrees: without dropout, training accuracy runs {P(w.Gap)} points ahead of validation; with dropout the gap is {P(d.Gap)} points."
                    : $"Disagrees: the gap between training and validation accuracy is {P(w.Gap)} points without dropout and {P(d.Gap)} with it, so this run shows no overfitting that dropout removes.");
            }
            case "l2" when V("without-l2") is { } w && V("with-l2") is { } l:
            {
                bool agrees = l.Gap < w.Gap;
                return (agrees, agrees
                    ? $"Agrees: with L2 the training–validation gap is {P(l.Gap)} points, against {P(w.Gap)} without."
                    : $"Disagrees: with L2 the training–validation gap is {P(l.Gap)} points, against {P(w.Gap)} without.");
            }
            case "batch-size" when V("large-batch") is { } lg && V("small-batch") is { } sm:
            {
                bool agrees = lg.Steps < sm.Steps && lg.StepNoise < sm.StepNoise;
                string noise = $"step-to-step loss noise {lg.StepNoise.ToString("0.000", Inv)} against {sm.StepNoise.ToString("0.000", Inv)}";
                return (agrees, agrees
                    ? $"Agrees: the large batch took {lg.Steps} steps against {sm.Steps}, with {noise}."
                    : $"Disagrees: the large batch took {lg.Steps} steps against {sm.Steps}, with {noise}.");
            }
            case "learning-rate" when V("small-lr") is { } s && V("medium-lr") is { } m && V("large-lr") is { } l:
            {
                double firstLoss = l.TrainLoss.Count > 0 ? l.TrainLoss[0].value : double.NaN;
                bool largeFails = l.FinalValAcc < m.FinalValAcc && (l.FinalValAcc < 0.2 || !(l.FinalTrainLoss < 0.9 * firstLoss));
                bool agrees = largeFails && m.FinalValAcc >= s.FinalValAcc;
                return (agrees, agrees
                    ? $"Agrees: the large learning rate does not converge (validation accuracy {P(l.FinalValAcc)}%, loss {l.FinalTrainLoss.ToString("0.00", Inv)} after starting at {firstLoss.ToString("0.00", Inv)}), the medium one reaches {P(m.FinalValAcc)}% and the small one {P(s.FinalValAcc)}%."
                    : $"Disagrees: validation accuracy is {P(s.FinalValAcc)}% (small), {P(m.FinalValAcc)}% (medium) and {P(l.FinalValAcc)}% (large), with the large rate's loss going from {firstLoss.ToString("0.00", Inv)} to {l.FinalTrainLoss.ToString("0.00", Inv)}.");
            }
            default:
                return (null, "Not all variants of this experiment have finished, so the claim is not checked.");
        }
    }

    /// <summary>A PNG plot of training (solid) and validation (dashed) accuracy per epoch for each variant.</summary>
    public static void Plot(Experiment e, IReadOnlyList<RunSummary> runs, string path)
    {
        var plt = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int i = 0;
        foreach (var r in runs)
        {
            var color = palette.GetColor(i++);
            if (r.TrainAcc.Count > 0)
            {
                var t = plt.Add.Scatter(r.TrainAcc.Select(p => (double)p.epoch).ToArray(), r.TrainAcc.Select(p => p.value).ToArray(), color);
                t.LegendText = $"{r.Variant} (training)";
            }
            if (r.ValAcc.Count > 0)
            {
                var v = plt.Add.Scatter(r.ValAcc.Select(p => (double)p.epoch).ToArray(), r.ValAcc.Select(p => p.value).ToArray(), color);
                v.LegendText = $"{r.Variant} (validation)";
                v.LinePattern = ScottPlot.LinePattern.Dashed;
            }
        }
        plt.Title($"{e.Name}: accuracy per epoch");
        plt.XLabel("epoch");
        plt.YLabel("accuracy");
        plt.ShowLegend(ScottPlot.Alignment.LowerRight);
        plt.SavePng(path, 800, 500);
    }

    /// <summary>Writes logdir/report.md and one PNG per experiment; returns the report's path.</summary>
    public static string Write(string logDir, string? datasetNote = null)
    {
        var runs = ReadRuns(logDir);
        var sb = new StringBuilder();
        sb.AppendLine("# KerasSharp101 experiments");
        sb.AppendLine();
        sb.AppendLine($"Built from the TensorBoard logs in `{logDir}` on {DateTime.Now:yyyy-MM-dd HH:mm}. Open them with `tensorboard --logdir {logDir}`.");
        if (datasetNote is not null) { sb.AppendLine(); sb.AppendLine(datasetNote); }
        foreach (var e in Definitions.All)
        {
            var mine = e.Variants.Select(v => runs.FirstOrDefault(r => r.Experiment == e.Name && r.Variant == v.Name)).Where(r => r is not null).Select(r => r!).ToList();
            if (mine.Count == 0) continue;
            sb.AppendLine();
            sb.AppendLine($"## {e.Name}");
            sb.AppendLine();
            sb.AppendLine($"The article: {e.Claim}");
            sb.AppendLine();
            sb.AppendLine("| variant | settings | train acc | val acc | train loss | val loss | gap | best epoch | params | steps | time |");
            sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in mine)
                sb.AppendLine(string.Format(Inv, "| {0} | {1} | {2:0.0000} | {3:0.0000} | {4:0.0000} | {5:0.0000} | {6:0.0000} | {7} | {8:N0} | {9} | {10:0.0} s |",
                    r.Variant, r.Settings, r.FinalTrainAcc, r.FinalValAcc, r.FinalTrainLoss, r.FinalValLoss, r.Gap, r.BestEpoch, r.Params, r.Steps, r.Seconds));
            string png = $"{e.Name}.png";
            Plot(e, mine, Path.Combine(logDir, png));
            sb.AppendLine();
            sb.AppendLine($"![{e.Name}: training (solid) and validation (dashed) accuracy per epoch]({png})");
            sb.AppendLine();
            var (agrees, sentence) = Verdict(e, mine);
            sb.AppendLine(sentence);
        }
        string path = Path.Combine(logDir, "report.md");
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
