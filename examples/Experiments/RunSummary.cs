using KerasSharp.TensorBoard;

namespace Experiments;

/// <summary>One run (one variant, one seed), as read back from its TensorBoard files.</summary>
public sealed record RunSummary(string Experiment, string Variant, string Settings, long Seed, string Sweep, string Run,
    IReadOnlyList<(long epoch, double value)> TrainAcc, IReadOnlyList<(long epoch, double value)> ValAcc,
    IReadOnlyList<(long epoch, double value)> TrainLoss, IReadOnlyList<(long epoch, double value)> ValLoss,
    IReadOnlyList<double> RawLoss, double TestAcc, double TestLoss, long Params, double Seconds, int BatchSize, double LearningRate)
{
    static double Last(IReadOnlyList<(long, double v)> s) => s.Count > 0 ? s[^1].v : double.NaN;
    /// <summary>Training accuracy of the last epoch.</summary>
    public double FinalTrainAcc => Last(TrainAcc);
    /// <summary>Validation accuracy after the last epoch.</summary>
    public double FinalValAcc => Last(ValAcc);
    /// <summary>Training loss of the last epoch.</summary>
    public double FinalTrainLoss => Last(TrainLoss);
    /// <summary>Validation loss after the last epoch.</summary>
    public double FinalValLoss => Last(ValLoss);
    /// <summary>Training minus validation accuracy.</summary>
    public double Gap => FinalTrainAcc - FinalValAcc;
    /// <summary>Training steps taken (TFLearn writes the raw loss from step 2 on).</summary>
    public int Steps => RawLoss.Count + 1;
    /// <summary>How noisy the steps are: standard deviation of the step-to-step change of the raw batch loss.</summary>
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

    /// <summary>
    /// Reads the runs the experiments program wrote beneath logdir
    /// (<c>&lt;experiment&gt;/&lt;variant&gt;/seed-&lt;n&gt;</c>; only the experiments' folders are
    /// read), and keeps for each experiment the runs of its newest sweep (one invocation of the
    /// program), so that runs of an earlier, differently sized invocation never mix into the
    /// statistics. Also returns the runs that hold an HParams experiment summary.
    /// </summary>
    public static (List<RunSummary> runs, List<string> experimentSummaries) Read(string logDir)
    {
        var all = new List<RunSummary>();
        var summaries = new List<string>();
        foreach (var e in Definitions.All)
        {
            string dir = Path.Combine(logDir, e.Name);
            if (!Directory.Exists(dir)) continue;
            var log = TensorBoardLog.Read(dir);
            foreach (var (rel, r) in log.Runs)
            {
                string name = rel == "." ? e.Name : $"{e.Name}/{rel}";
                if (r.Experiment is not null) summaries.Add(name);
                var parts = name.Split('/');
                if (parts.Length != 3) continue;
                string? H(string k) => r.HParams.TryGetValue(k, out var v) && v.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue ? v.StringValue : null;
                double Num(string k) => r.HParams.TryGetValue(k, out var v) && v.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue ? v.NumberValue : double.NaN;
                if (H("experiment") != parts[0] || H("variant") != parts[1] || H("sweep") is not { } sweep) continue;
                List<(long, double)> S(string tag) => r.Scalars.TryGetValue(tag, out var s) ? s.Select(p => (p.Step, p.Value)).ToList() : new();
                var raw = r.Scalars.Where(kv => kv.Key.EndsWith("/Loss/raw", StringComparison.Ordinal)).SelectMany(kv => kv.Value).OrderBy(p => p.Step).Select(p => p.Value).ToList();
                double Test(string tag) => log.Runs.TryGetValue(rel + "/test", out var t) && t.Scalars.TryGetValue(tag, out var s) && s.Count > 0 ? s[^1].Value : double.NaN;
                var time = S("time_seconds");
                all.Add(new RunSummary(parts[0], parts[1], H("settings") ?? "", (long)Num("seed"), sweep, name,
                    S("epoch_accuracy"), S("epoch_val_accuracy"), S("epoch_loss"), S("epoch_val_loss"), raw,
                    Test("Accuracy"), Test("Loss"), (long)Num("params"), time.Count > 0 ? time[^1].Item2 : double.NaN, (int)Num("batch_size"), Num("learning_rate")));
            }
        }
        var newest = all.GroupBy(x => x.Experiment)
            .SelectMany(g => { string sweep = g.Select(x => x.Sweep).Max(StringComparer.Ordinal)!; return g.Where(x => x.Sweep == sweep); })
            .OrderBy(x => x.Run, StringComparer.Ordinal).ToList();
        return (newest, summaries);
    }
}
