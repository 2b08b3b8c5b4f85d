using System.Buffers.Binary;
using Experiments;
using KerasSharp.TensorBoard;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>The experiments program end to end on a few hundred real Fashion-MNIST images, and its verdict rule.</summary>
public class ExperimentsTests
{
    [Fact]
    public void Every_experiment_runs_each_variant_with_each_seed_and_reports_mean_and_spread()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ks-exp-" + Guid.NewGuid().ToString("N"));
        var console = new StringWriter();
        var finished = Runner.Run(new Options("all", "fashion-mnist", Epochs: 1, Limit: 150, Seed: 1, Seeds: 2, ValidationSplit: 0.2, LogDir: dir, Output: console));
        Assert.Equal(new[] { "layers", "dropout", "l2", "batch-size", "learning-rate" }, finished);
        Assert.Contains("Dataset: fashion-mnist (asked for with --dataset); 120 training, 30 validation (the last 0.2 of the training images) and 150 test images.", console.ToString());
        Assert.Matches(@"\[22/22\] learning-rate/large-lr seed 2  epoch 1/1  loss \d+\.\d{4}  acc \d\.\d{4}  val_acc \d\.\d{4}  ETA \d+:\d{2} \(all: \d+:\d{2}\)", console.ToString());

        var log = TensorBoardLog.Read(dir);
        var sessions = Definitions.All.SelectMany(e => e.Variants.SelectMany(v => new[] { 1, 2 }.Select(s => $"{e.Name}/{v.Name}/seed-{s}"))).ToList();
        Assert.Equal(sessions.SelectMany(s => new[] { s, s + "/test" }).OrderBy(x => x, StringComparer.Ordinal), log.Runs.Keys.OrderBy(x => x, StringComparer.Ordinal));
        foreach (var name in sessions)
        {
            var run = log.Runs[name];
            // TFLearn writes its per-step tags from step 2 on; the large batch takes one step (120 images).
            var perStep = name.StartsWith("batch-size/large-batch", StringComparison.Ordinal) ? Array.Empty<string>() : new[] { "Loss", "Adam/Loss/raw", "Accuracy" };
            foreach (var tag in perStep.Concat(new[] { "Loss/Validation", "Accuracy/Validation", "epoch_accuracy", "epoch_val_accuracy", "time_seconds", "Conv2D/kernel/histogram" }))
                Assert.True(run.Tags.Contains(tag), $"{name} lacks {tag}");
            Assert.NotNull(run.Graph);
            Assert.Equal(name.Split('/')[1], run.HParams["variant"].StringValue);
            Assert.Equal(name.EndsWith("seed-1") ? 1 : 2, run.HParams["seed"].NumberValue);
            Assert.Equal(new long[] { 1 }, run.Scalars["epoch_val_accuracy"].Select(p => p.Step));
            Assert.Equal(new[] { "Accuracy", "Loss" }, log.Runs[name + "/test"].Scalars.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Null(run.Experiment);
            // One writer per run directory: one event file each.
            Assert.Single(Directory.GetFiles(Path.Combine(dir, name)));
        }
        Assert.Equal(0.1, log.Runs["learning-rate/large-lr/seed-1"].HParams["learning_rate"].NumberValue, 9);
        Assert.Equal(512, log.Runs["batch-size/large-batch/seed-2"].HParams["batch_size"].NumberValue);
        Assert.Equal(0.5, log.Runs["dropout/with-dropout/seed-1"].HParams["dropout_keep_prob"].NumberValue);
        Assert.Equal(new long[] { 2 }, log.Runs["layers/deep/seed-1/test"].Scalars["Accuracy"].Select(p => p.Step)); // after 2 steps (120 images in batches of 96)
        var (summaries, stale) = RunSummary.Read(dir);
        Assert.Equal(22, summaries.Count);
        Assert.Single(summaries.Select(r => r.Sweep).Distinct());
        Assert.Empty(stale);

        var report = File.ReadAllText(Report.Write(dir));
        foreach (var e in Definitions.All)
        {
            Assert.Contains($"## {e.Name}", report);
            var png = Path.Combine(dir, $"{e.Name}.png");
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8));
            Assert.Equal((800, 500), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
        }
        Assert.Contains("| variant | settings | seeds | train acc | val acc | test acc | train loss | val loss | gap | params | steps | time |", report);
        Assert.Matches(@"\| deep \| 3 sets: conv 32/64/64, pool, fully connected 256/128/10 \| 2 \| \d+\.\d ± \d+\.\d \| \d+\.\d ± \d+\.\d \| \d+\.\d ± \d+\.\d \| \d+\.\d{3} ± \d+\.\d{3} \| \d+\.\d{3} ± \d+\.\d{3} \| -?\d+\.\d ± \d+\.\d \| 352,330 \| 2 \| \d+\.\d s \|", report);
        Assert.Matches(@"\| large-batch \| batch 512 \| 2 \|.*\| 352,330 \| 1 \| \d+\.\d s \|", report);
        Assert.Equal(5, report.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\*\*Verdict: (held|did not hold|unclear)\.\*\*$")));
        Assert.Matches(@"\| layers \| The deeper network .* \| \*\*(held|did not hold|unclear)\*\* \|", report);
        Assert.Contains("- The small batch's steps are noisier: step-to-step loss noise small-batch ", report);

        // The report can be rebuilt from the logs alone.
        File.Delete(Path.Combine(dir, "report.md"));
        Assert.Equal(report.Split('\n').Skip(3).ToArray(), File.ReadAllText(Report.Write(dir)).Split('\n').Skip(3).ToArray());
    }

    static RunSummary Run(string variant, int seed, double valAcc, double trainAcc) =>
        new("layers", variant, "", seed, "2026-01-01T00:00:00", $"layers/{variant}/seed-{seed}", new[] { (1L, trainAcc) }, new[] { (1L, valAcc) },
            new[] { (1L, 1.0) }, new[] { (1L, 1.0) }, Array.Empty<double>(), double.NaN, double.NaN, 0, 0, 96, 0.001);

    static Dictionary<string, List<RunSummary>> Layers(double[] deepVal, double[] shallowVal, double[] deepTrain, double[] shallowTrain) => new()
    {
        ["deep"] = deepVal.Select((v, i) => Run("deep", i + 1, v, deepTrain[i])).ToList(),
        ["shallow"] = shallowVal.Select((v, i) => Run("shallow", i + 1, v, shallowTrain[i])).ToList(),
    };

    [Fact]
    public void A_claim_is_decided_only_where_the_difference_exceeds_the_spread_across_seeds()
    {
        var layers = Definitions.All.Single(e => e.Name == "layers");
        // deep 0.80 ± 0.01 against shallow 0.70 ± 0.01 on validation, 0.90 ± 0.01 against 0.80 ± 0.01 on training: held.
        var held = Verdict.Decide(layers, Layers(new[] { 0.79, 0.80, 0.81 }, new[] { 0.69, 0.70, 0.71 }, new[] { 0.89, 0.90, 0.91 }, new[] { 0.79, 0.80, 0.81 }));
        Assert.Equal("held", held.Word);
        Assert.Equal(new[] { Outcome.Supports, Outcome.Supports }, held.Checks.Select(c => c.Outcome));
        Assert.Equal("The deep network is more accurate on validation: validation accuracy deep 80.0% ± 1.0 against shallow 70.0% ± 1.0 (difference 10.0 points, spread across seeds 2.0 points): supports the claim.",
            held.Checks[0].Sentence);
        // The same means with seeds spread by ± 6 points: unclear.
        var spread = Verdict.Decide(layers, Layers(new[] { 0.74, 0.80, 0.86 }, new[] { 0.64, 0.70, 0.76 }, new[] { 0.89, 0.90, 0.91 }, new[] { 0.79, 0.80, 0.81 }));
        Assert.Equal("unclear", spread.Word);
        Assert.Equal(Outcome.Unclear, spread.Checks[0].Outcome);
        // The shallow network clearly ahead on validation: did not hold.
        var against = Verdict.Decide(layers, Layers(new[] { 0.69, 0.70, 0.71 }, new[] { 0.79, 0.80, 0.81 }, new[] { 0.89, 0.90, 0.91 }, new[] { 0.79, 0.80, 0.81 }));
        Assert.Equal("did not hold", against.Word);
        // One seed: no spread, nothing decided, however large the difference.
        var one = Verdict.Decide(layers, Layers(new[] { 0.99 }, new[] { 0.10 }, new[] { 0.99 }, new[] { 0.10 }));
        Assert.Equal("unclear", one.Word);
        Assert.EndsWith("unclear (one seed: no spread to compare with).", one.Checks[0].Sentence);
        // A variant without runs: not checked.
        Assert.Equal("not checked", Verdict.Decide(layers, new Dictionary<string, List<RunSummary>> { ["deep"] = new() { Run("deep", 1, 0.8, 0.9) } }).Word);
    }
}
