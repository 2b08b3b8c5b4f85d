using System.Buffers.Binary;
using Experiments;
using KerasSharp.TensorBoard;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>The experiments program end to end on a few hundred real Fashion-MNIST images.</summary>
public class ExperimentsTests
{
    [Fact]
    public void Every_experiment_writes_runs_tags_hparams_report_tables_and_plots()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ks-exp-" + Guid.NewGuid().ToString("N"));
        var console = new StringWriter();
        var finished = Runner.Run(new Options("all", "fashion-mnist", Epochs: 2, Limit: 300, Seed: 1, LogDir: dir, Output: console));
        Assert.Equal(new[] { "layers", "dropout", "l2", "batch-size", "learning-rate" }, finished);
        Assert.Contains("Dataset: fashion-mnist (asked for with --dataset); 300 training and 300 validation images.", console.ToString());
        Assert.Matches(@"\[11/11\] learning-rate/large-lr  epoch 2/2  loss \d+\.\d{4}  acc \d\.\d{4}  val_acc \d\.\d{4}  ETA \d+:\d{2} \(all: \d+:\d{2}\)", console.ToString());

        var log = TensorBoardLog.Read(dir);
        var expected = Definitions.All.SelectMany(e => e.Variants.Select(v => $"{e.Name}/{v.Name}")).ToList();
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), log.Runs.Keys.Where(k => k != ".").OrderBy(x => x, StringComparer.Ordinal));
        foreach (var name in expected)
        {
            var run = log.Runs[name];
            foreach (var tag in new[] { "Loss", "Adam/Loss/raw", "Accuracy", "Loss/Validation", "Accuracy/Validation", "epoch_accuracy", "epoch_val_accuracy", "Conv2D/W" })
                Assert.True(run.Tags.Contains(tag), $"{name} lacks {tag}");
            Assert.NotNull(run.KerasGraph);
            Assert.Equal(name.Split('/')[1], run.HParams["variant"].StringValue);
            Assert.Equal(new long[] { 1, 2 }, run.Scalars["epoch_val_accuracy"].Select(p => p.Step));
        }
        Assert.Equal(0.1, log.Runs["learning-rate/large-lr"].HParams["learning_rate"].NumberValue, 9);
        Assert.Equal(512, log.Runs["batch-size/large-batch"].HParams["batch_size"].NumberValue);
        Assert.Equal(0.5, log.Runs["dropout/with-dropout"].HParams["dropout_keep_prob"].NumberValue);
        var exp = log.Runs["."].Experiment!;
        Assert.Equal(11, exp.HparamInfos.Single(h => h.Name == "variant").DomainDiscrete.Values.Count);
        Assert.Equal(new[] { 32.0, 96, 512 }, exp.HparamInfos.Single(h => h.Name == "batch_size").DomainDiscrete.Values.Select(v => v.NumberValue));
        Assert.Contains(exp.MetricInfos, m => m.Name.Tag == "Accuracy/Validation");

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
        Assert.Contains("| variant | settings | train acc | val acc | train loss | val loss | gap | best epoch | params | steps | time |", report);
        Assert.Matches(@"\| deep \| 3 sets: conv 32/64/64, pool, fully connected 256/128/10 \| \d\.\d{4} \| \d\.\d{4} \| \d+\.\d{4} \| \d+\.\d{4} \| -?\d\.\d{4} \| [12] \| 352,330 \| 8 \| \d+\.\d s \|", report);
        Assert.Matches(@"\| large-batch \| batch 512 \|.*\| 2 \| \d+\.\d s \|", report);
        Assert.Equal(5, report.Split('\n').Count(l => l.StartsWith("Agrees:") || l.StartsWith("Disagrees:")));

        // The report can be rebuilt from the logs alone.
        File.Delete(Path.Combine(dir, "report.md"));
        Assert.Equal(report.Split('\n').Skip(3).ToArray(), File.ReadAllText(Report.Write(dir)).Split('\n').Skip(3).ToArray());
    }
}
