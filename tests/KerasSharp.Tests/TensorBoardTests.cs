using Google.Protobuf;
using KerasSharp;
using KerasSharp.TensorBoard;
using KerasSharp.TensorBoard.Proto;
using KerasSharp.TFLearn;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

public class TensorBoardTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-tb-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }
    static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();

    [Fact]
    public void Crc32c_check_value()
    {
        Assert.Equal(0xE3069283u, RecordFormat.Crc32C("123456789"u8));
    }

    [Fact]
    public void File_version_record_matches_the_golden_bytes()
    {
        var e = new Event { WallTime = 1.0, FileVersion = "brain.Event:2" };
        Assert.Equal("09000000000000f03f1a0d627261696e2e4576656e743a32", Hex(e.ToByteArray()));
        Assert.Equal("1800000000000000" + "a37f4b22" + "09000000000000f03f1a0d627261696e2e4576656e743a32" + "86bf577a", Hex(RecordFormat.Frame(e.ToByteArray())));
    }

    [Fact]
    public void Scalar_record_matches_the_golden_bytes()
    {
        var e = new Event { WallTime = 1.0, Step = 1, Summary = new Summary { Value = { Summaries.Scalar("loss", 0.5) } } };
        var data = e.ToByteArray();
        Assert.Equal("09000000000000f03f" + "1001" + "2a0d" + "0a0b" + "0a046c6f7373" + "150000003f", Hex(data));
        Assert.Equal(0x2dd89b12u, RecordFormat.MaskedCrc(RecordFormat.Frame(data).AsSpan(0, 8)));
        Assert.Equal(0xb15df927u, RecordFormat.MaskedCrc(data));
    }

    [Fact]
    public void Every_summary_kind_round_trips()
    {
        var dir = TempDir();
        var values = torch.tensor(new float[] { -2f, 0f, 0f, 1.5f, 3f });
        using (var w = new SummaryWriter(dir))
        {
            Assert.Matches(@"^events\.out\.tfevents\.\d{10}\.[^.]+(\.[^.]+)*\.\d+\.\d+$", Path.GetFileName(w.FilePath));
            w.add_scalar("loss", 0.25, 3);
            w.add_histogram("weights", values, 3);
            w.add_image("img", torch.tensor(new float[] { 0f, 1f, 0.5f, 0.25f }).view(2, 2, 1), 3);
            w.add_text("notes", "**hello** world", 3);
            HParams.WriteSessionStart(w, new Dictionary<string, object?> { ["lr"] = 0.01, ["optimizer"] = "adam", ["deep"] = true });
            HParams.WriteSessionEnd(w, success: true);
        }
        var first = TensorBoardLog.ReadEvents(Directory.GetFiles(dir)[0]).First();
        Assert.Equal("brain.Event:2", first.FileVersion);
        Assert.InRange(first.WallTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        var run = TensorBoardLog.Read(dir).Runs["."];
        Assert.Equal(new ScalarPoint(3, run.Scalars["loss"][0].WallTime, 0.25), run.Scalars["loss"][0]);
        var h = run.Histograms["weights"][0].histogram;
        Assert.Equal((-2.0, 3.0, 5.0, 2.5, 15.25), (h.Min, h.Max, h.Num, h.Sum, h.SumSquares));
        Assert.Equal(5.0, h.Bucket.Sum());
        Assert.Equal(h.Bucket.Count, h.BucketLimit.Count);
        Assert.Equal(2.0, h.Bucket[h.BucketLimit.ToList().FindIndex(l => l > 0 && l < 1e-11)]); // the two zeros: first limit above 0
        var img = run.Images["img"][0].image;
        Assert.Equal((2, 2, 1), (img.Height, img.Width, img.Colorspace));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, img.EncodedImageString.ToByteArray().Take(4));
        Assert.Equal("**hello** world", run.Texts["notes"][0].text);
        Assert.Equal(0.01, run.HParams["lr"].NumberValue);
        Assert.Equal("adam", run.HParams["optimizer"].StringValue);
        Assert.True(run.HParams["deep"].BoolValue);
        Assert.Equal(KerasSharp.TensorBoard.Proto.HParams.Status.Success, run.SessionStatus);
    }

    [Fact]
    public void A_file_cut_anywhere_in_its_last_record_still_reads_every_earlier_record()
    {
        var dir = TempDir();
        string path;
        using (var w = new SummaryWriter(dir)) { path = w.FilePath; for (int i = 0; i < 3; i++) w.add_scalar("x", i, i); }
        var bytes = File.ReadAllBytes(path);
        int lastStart = bytes.Length - TensorBoardLog.ReadEvents(path).Last().CalculateSize() - 16;
        Assert.Equal(3, TensorBoardLog.ReadEvents(path).Count(e => e.Summary is not null));
        var cut = Path.Combine(dir, "cut");
        Directory.CreateDirectory(cut);
        for (int n = lastStart; n < bytes.Length; n++)
        {
            var f = Path.Combine(cut, "events.out.tfevents.cut");
            File.WriteAllBytes(f, bytes.AsSpan(0, n).ToArray());
            var points = TensorBoardLog.Read(cut).Runs["."].Scalars["x"];
            Assert.Equal(new double[] { 0, 1 }, points.Select(p => p.Value));
        }
    }

    [Fact]
    public void Damage_before_the_last_record_is_reported_with_file_and_offset()
    {
        var dir = TempDir();
        string path;
        using (var w = new SummaryWriter(dir)) { path = w.FilePath; w.add_scalar("x", 1, 1); w.add_scalar("x", 2, 2); }
        var bytes = File.ReadAllBytes(path);
        int second = 12 + (int)BitConverter.ToUInt64(bytes, 0) + 4;
        bytes[second + 14] ^= 0xFF; // inside the second record's data
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => TensorBoardLog.Read(dir));
        Assert.Equal($"TensorBoard event file '{path}' is corrupt at byte offset {second}: the data checksum does not match.", e.Message);
    }

    [Fact]
    public void Ten_threads_writing_to_one_writer_lose_no_record()
    {
        var dir = TempDir();
        using (var w = new SummaryWriter(dir, flush_secs: 0.01))
            Parallel.For(0, 10, new ParallelOptions { MaxDegreeOfParallelism = 10 }, t => { for (int i = 0; i < 500; i++) w.add_scalar($"t{t}", i, i); });
        var run = TensorBoardLog.Read(dir).Runs["."];
        for (int t = 0; t < 10; t++) Assert.Equal(Enumerable.Range(0, 500).Select(i => (double)i), run.Scalars[$"t{t}"].Select(p => p.Value));
    }

    [Fact]
    public void Keras_callback_writes_train_and_validation_runs_with_keras_tags_graph_and_hparams()
    {
        var root = TempDir();
        keras.backend.clear_session();
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(4, activation: "relu"), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
        float[,] x = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } }, y = { { 0 }, { 1 }, { 1 }, { 1 } };
        var tb = keras.callbacks.TensorBoard(log_dir: Path.Combine(root, "run1"), histogram_freq: 1, write_images: true, update_freq: 1);
        var h = m.fit(x, y, batch_size: 2, epochs: 3, validation_data: (x, y), callbacks: new[] { tb }, verbose: 0);
        var log = TensorBoardLog.Read(root);
        Assert.Equal(new[] { ".", "run1", "run1/train", "run1/validation" }, log.Runs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var train = log.Runs["run1/train"];
        foreach (var tag in new[] { "epoch_loss", "epoch_accuracy", "epoch_learning_rate", "batch_loss", "batch_accuracy", "dense/kernel/histogram", "dense_1/bias/histogram", "dense/kernel/image" })
            Assert.Contains(tag, train.Tags);
        Assert.Equal(h.history["loss"], train.Scalars["epoch_loss"].Select(p => p.Value), new Tol(1e-6));
        Assert.Equal(new long[] { 0, 1, 2 }, train.Scalars["epoch_loss"].Select(p => p.Step));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, train.Scalars["batch_loss"].Select(p => p.Step));
        Assert.Contains("\"class_name\":\"Sequential\"", train.KerasGraph);
        var val = log.Runs["run1/validation"];
        Assert.Equal(h.history["val_accuracy"], val.Scalars["epoch_accuracy"].Select(p => p.Value), new Tol(1e-6));
        Assert.DoesNotContain("epoch_val_loss", val.Tags);
        var session = log.Runs["run1"];
        Assert.Equal("Adam", session.HParams["optimizer"].StringValue);
        Assert.Equal(0.01, session.HParams["learning_rate"].NumberValue, 9);
        Assert.Equal(2, session.HParams["batch_size"].NumberValue);
        Assert.Equal(2, session.HParams["layers"].NumberValue);
        var exp = log.Runs["."].Experiment!;
        Assert.Contains(exp.HparamInfos, i => i.Name == "learning_rate");
        Assert.Contains(exp.MetricInfos, i => i.Name.Tag == "epoch_accuracy" && i.Name.Group == "validation");

        // A second run with the same log_dir goes to run1_1; the experiment lists both learning rates.
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.1), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
        var tb2 = keras.callbacks.TensorBoard(log_dir: Path.Combine(root, "run1"));
        m.fit(x, y, epochs: 1, callbacks: new[] { tb2 }, verbose: 0);
        Assert.Equal(Path.Combine(root, "run1_1"), tb2.RunDirectory);
        var exp2 = TensorBoardLog.Read(root).Runs["."].Experiment!;
        Assert.Equal(new[] { 0.01, 0.1 }, exp2.HparamInfos.Single(i => i.Name == "learning_rate").DomainDiscrete.Values.Select(v => v.NumberValue).OrderBy(v => v));
        Assert.Single(Directory.GetFiles(root));
    }

    [Fact]
    public void Tflearn_dnn_writes_one_run_with_tensorflow_tags()
    {
        var root = TempDir();
        keras.backend.clear_session();
        keras.utils.set_random_seed(1);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y = [[0f], [1f], [1f], [1f]];
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 3, activation: "relu");
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        g = tflearn.regression(g, optimizer: "sgd", learning_rate: 1.0, loss: "mean_square");
        var m = tflearn.DNN(g, tensorboard_verbose: 3, tensorboard_dir: root);
        var previous = Console.Out;
        Console.SetOut(TextWriter.Null);
        try { m.fit(X, Y, n_epoch: 5, validation_set: (X, Y), show_metric: true, run_id: "tfl"); }
        finally { Console.SetOut(previous); }
        var log = TensorBoardLog.Read(root);
        Assert.Equal(new[] { ".", "tfl" }, log.Runs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var run = log.Runs["tfl"];
        foreach (var tag in new[] { "Loss", "SGD/Loss/raw", "BinaryAccuracy", "BinaryAccuracy/__raw_", "Loss/Validation", "BinaryAccuracy/Validation",
                     "FullyConnected/W/Gradients", "FullyConnected/W", "FullyConnected_1/b", "FullyConnected/Activations", "FullyConnected/Sparsity" })
            Assert.Contains(tag, run.Tags);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, run.Scalars["Loss"].Select(p => p.Step)); // nothing at step 1
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, run.Scalars["Loss/Validation"].Select(p => p.Step));
        Assert.Equal("tfl", run.HParams["run_id"].StringValue);
        Assert.Contains(log.Runs["."].Experiment!.MetricInfos, i => i.Name.Tag == "Loss/Validation" && i.Name.Group == "");
    }

    sealed class Tol(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(double obj) => 0;
    }
}
