using System.Globalization;
using System.Text;

namespace Experiments;

/// <summary>Builds report.md (tables of mean ± std over seeds, plots with bands, and a verdict per claim) from the logs alone.</summary>
public static class Report
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The runs of each variant of an experiment, in the experiment's order.</summary>
    public static Dictionary<string, List<RunSummary>> ByVariant(Experiment e, IEnumerable<RunSummary> runs) =>
        e.Variants.ToDictionary(v => v.Name, v => runs.Where(r => r.Experiment == e.Name && r.Variant == v.Name).OrderBy(r => r.Seed).ToList());

    /// <summary>Per epoch (1, 2, ...): the mean and sample std over seeds of a per-epoch series.</summary>
    public static List<(long epoch, Stats stats)> PerEpoch(IEnumerable<RunSummary> runs, Func<RunSummary, IReadOnlyList<(long epoch, double value)>> series) =>
        runs.SelectMany(r => series(r)).GroupBy(p => p.epoch).OrderBy(g => g.Key).Select(g => (g.Key, Stats.Of(g.Select(p => p.value)))).ToList();

    /// <summary>
    /// A PNG plot of each variant's validation accuracy (solid) and training accuracy (dashed) per
    /// epoch: the mean over seeds, with a band of ± one standard deviation.
    /// </summary>
    public static void Plot(Experiment e, IReadOnlyDictionary<string, List<RunSummary>> runs, string path)
    {
        var plt = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int i = 0;
        foreach (var v in e.Variants)
        {
            var color = palette.GetColor(i++);
            if (!runs.TryGetValue(v.Name, out var mine) || mine.Count == 0) continue;
            foreach (var (label, series, dashed) in new (string, Func<RunSummary, IReadOnlyList<(long, double)>>, bool)[]
                     { ("validation", r => r.ValAcc, false), ("training", r => r.TrainAcc, true) })
            {
                var points = PerEpoch(mine, series);
                if (points.Count == 0) continue;
                double[] xs = points.Select(p => (double)p.epoch).ToArray();
                double[] ys = points.Select(p => p.stats.Mean).ToArray();
                if (points.All(p => double.IsFinite(p.stats.Std)))
                {
                    var band = plt.Add.FillY(xs, points.Select(p => p.stats.Mean - p.stats.Std).ToArray(), points.Select(p => p.stats.Mean + p.stats.Std).ToArray());
                    band.FillColor = color.WithAlpha(dashed ? 0.12 : 0.25);
                    band.LineWidth = 0;
                }
                var line = plt.Add.Scatter(xs, ys, color);
                line.LegendText = $"{v.Name} ({label})";
                if (dashed) line.LinePattern = ScottPlot.LinePattern.Dashed;
            }
        }
        int seeds = runs.Values.Select(r => r.Count).DefaultIfEmpty(0).Max();
        plt.Title($"{e.Name}: accuracy per epoch, mean ± std over {seeds} seed{(seeds == 1 ? "" : "s")}");
        plt.XLabel("epoch");
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1); // whole epochs
        plt.YLabel("accuracy");
        plt.ShowLegend(ScottPlot.Alignment.LowerRight);
        plt.SavePng(path, 800, 500);
    }

    static string Pct(Stats s) => s.N == 0 ? "–" : s.N == 1 || double.IsNaN(s.Std)
        ? (100 * s.Mean).ToString("0.0", Inv) : $"{(100 * s.Mean).ToString("0.0", Inv)} ± {(100 * s.Std).ToString("0.0", Inv)}";

    /// <summary>Writes logdir/report.md and one PNG per experiment; returns the report's path.</summary>
    public static string Write(string logDir)
    {
        var (runs, stale) = RunSummary.Read(logDir);
        // Earlier KerasSharp versions kept one experiment summary at the log root, in a file named *.hparams-experiment.
        stale.AddRange(Directory.EnumerateFiles(logDir, "*.hparams-experiment").Select(Path.GetFileName).OfType<string>());
        var sb = new StringBuilder();
        sb.AppendLine("# KerasSharp101 experiments");
        sb.AppendLine();
        sb.AppendLine($"Built from the TensorBoard logs in `{logDir}` on {DateTime.Now:yyyy-MM-dd HH:mm}. Open them with `tensorboard --logdir {logDir}`.");
        if (stale.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine($"Note: {string.Join(", ", stale.Select(s => $"`{s}`"))} hold(s) an HParams experiment summary (written by an earlier KerasSharp). " +
                          "TensorBoard then shows only the hyper-parameters and metrics listed there; delete it to let TensorBoard build the experiment from every run.");
        }
        var sections = new StringBuilder();
        var overview = new List<string>();
        foreach (var e in Definitions.All)
        {
            var mine = ByVariant(e, runs);
            if (mine.Values.All(l => l.Count == 0)) continue;
            var any = mine.Values.First(l => l.Count > 0)[0];
            var verdict = Verdict.Decide(e, mine);
            overview.Add($"| {e.Name} | {e.Claim} | **{verdict.Word}** |");
            sections.AppendLine();
            sections.AppendLine($"## {e.Name}");
            sections.AppendLine();
            sections.AppendLine($"The article: {e.Claim}");
            sections.AppendLine();
            var seeds = mine.Values.SelectMany(l => l.Select(r => r.Seed)).Distinct().OrderBy(s => s).ToList();
            sections.AppendLine($"Runs of {any.Sweep}, seeds {string.Join(", ", seeds)}. Each cell is the mean ± standard deviation over the seeds; accuracies in %.");
            sections.AppendLine();
            sections.AppendLine("| variant | settings | seeds | train acc | val acc | test acc | train loss | val loss | gap | params | steps | time |");
            sections.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var v in e.Variants)
            {
                var rs = mine[v.Name];
                if (rs.Count == 0) { sections.AppendLine($"| {v.Name} | {v.Settings} | 0 | | | | | | | | | |"); continue; }
                Stats S(Func<RunSummary, double> f) => Stats.Of(rs.Select(f));
                sections.AppendLine(string.Format(Inv, "| {0} | {1} | {2} | {3} | {4} | {5} | {6} | {7} | {8} | {9:N0} | {10} | {11:0.0} s |",
                    v.Name, v.Settings, rs.Count, Pct(S(r => r.FinalTrainAcc)), Pct(S(r => r.FinalValAcc)), Pct(S(r => r.TestAcc)),
                    S(r => r.FinalTrainLoss).ToString("0.000"), S(r => r.FinalValLoss).ToString("0.000"), Pct(S(r => r.Gap)),
                    rs[0].Params, rs[0].Steps, S(r => r.Seconds).Mean));
            }
            string png = $"{e.Name}.png";
            Plot(e, mine, Path.Combine(logDir, png));
            sections.AppendLine();
            sections.AppendLine($"![{e.Name}: validation (solid) and training (dashed) accuracy per epoch, mean ± std over seeds]({png})");
            sections.AppendLine();
            sections.AppendLine($"**Verdict: {verdict.Word}.**{(verdict.Checks.Count == 0 ? " Not every variant has a finished run, so the claim is not checked." : "")}");
            foreach (var c in verdict.Checks) sections.AppendLine($"- {c.Sentence}");
            if (e.Note is not null) { sections.AppendLine(); sections.AppendLine(e.Note); }
        }
        if (overview.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("A claim \"held\" when every check of it differs in its direction by more than the spread across seeds (the sum of the two standard deviations), \"did not hold\" when a check differs against it by more than that, and is \"unclear\" otherwise. The test set is evaluated once, after training; the verdicts use the validation split only.");
            sb.AppendLine();
            sb.AppendLine("| experiment | the article | verdict |");
            sb.AppendLine("|---|---|---|");
            foreach (var line in overview) sb.AppendLine(line);
        }
        sb.Append(sections);
        string path = Path.Combine(logDir, "report.md");
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
