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
    public void Files_one_process_opens_in_a_directory_sort_in_the_order_they_were_opened()
    {
        // TensorBoard's DirectoryWatcher reads a run's files in name order and skips a file that sorts before the current one.
        // The writers' numbers cross a power of ten here (…9 to …10), where unpadded decimal names would sort backwards.
        var dir = TempDir();
        var paths = new List<string>();
        static long Number(string path) => long.Parse(path[(path.LastIndexOf('.') + 1)..]);
        long n;
        using (var w = new SummaryWriter(Path.Combine(dir, "first"))) n = Number(w.FilePath);
        long crossing = 10;
        while (crossing <= n) crossing *= 10;
        while (n <= crossing)
            using (var w = new SummaryWriter(Path.Combine(dir, "run"))) { paths.Add(w.FilePath); n = Number(w.FilePath); }
        Assert.Equal(paths, paths.OrderBy(p => p, StringComparer.Ordinal));
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

    static Models.Model OrModel(double learning_rate = 0.01)
    {
        keras.backend.clear_session();
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(4, activation: "relu"), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: learning_rate), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
        return m;
    }

    static readonly float[,] OrX = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } }, OrY = { { 0 }, { 1 }, { 1 }, { 1 } };

    [Fact]
    public void Keras_callback_writes_keras_3s_runs_tags_and_steps()
    {
        var root = TempDir();
        var m = OrModel();
        var tb = keras.callbacks.TensorBoard(log_dir: Path.Combine(root, "run1"), histogram_freq: 1, write_images: true, update_freq: 1);
        var h = m.fit(OrX, OrY, batch_size: 2, epochs: 3, validation_data: (OrX, OrY), callbacks: new[] { tb }, verbose: 0);
        var log = TensorBoardLog.Read(root);
        Assert.Equal(new[] { "run1", "run1/train", "run1/validation" }, log.Runs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var train = log.Runs["run1/train"];
        string kernel = m.layers[0].variables[0].path, bias = m.layers[1].variables[1].path;
        Assert.Equal(new[] { "batch_accuracy", "batch_loss", "epoch_accuracy", "epoch_learning_rate", "epoch_loss" }, train.Scalars.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(h.history["loss"], train.Scalars["epoch_loss"].Select(p => p.Value), new Tol(1e-6));
        Assert.Equal(new long[] { 0, 1, 2 }, train.Scalars["epoch_loss"].Select(p => p.Step));
        Assert.Equal(new[] { 0.01, 0.01, 0.01 }, train.Scalars["epoch_learning_rate"].Select(p => p.Value), new Tol(1e-9));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, train.Scalars["batch_loss"].Select(p => p.Step)); // the global batch, from 1
        Assert.Equal(new[] { $"{kernel}/histogram", $"{m.layers[0].variables[1].path}/histogram", $"{m.layers[1].variables[0].path}/histogram", $"{bias}/histogram" }, train.Histograms.Keys);
        Assert.Equal(new long[] { 0, 1, 2 }, train.Histograms[$"{kernel}/histogram"].Select(x => x.step));
        Assert.Equal(new long[] { 0, 1, 2 }, train.Images[$"{kernel}/image"].Select(x => x.step));
        // Keras's _log_weight_as_image: a [2, 4] kernel is one image 2 high and 4 wide; a bias of 4 one column 4 high;
        // a [4, 1] kernel squeezes to [4], a column too; a bias of 1 squeezes to a scalar and is not drawn.
        (int, int) Size(string tag) => (train.Images[tag][0].image.Height, train.Images[tag][0].image.Width);
        Assert.Equal(3, train.Images.Count);
        Assert.Equal((2, 4), Size($"{kernel}/image"));
        Assert.Equal((4, 1), Size($"{m.layers[0].variables[1].path}/image"));
        Assert.Equal((4, 1), Size($"{m.layers[1].variables[0].path}/image"));
        Assert.Contains("\"class_name\":\"Sequential\"", train.KerasGraph);
        Assert.Equal(new[] { "input_layer", $"{m.layers[0].name}/kernel", $"{m.layers[0].name}/bias", $"{m.layers[0].name}/Dense", $"{m.layers[0].name}/Relu",
            $"{m.layers[1].name}/kernel", $"{m.layers[1].name}/bias", $"{m.layers[1].name}/Dense", $"{m.layers[1].name}/Sigmoid" }, train.Graph!.Node.Select(n => n.Name));
        var val = log.Runs["run1/validation"];
        Assert.Equal(new[] { "epoch_accuracy", "epoch_loss", "evaluation_accuracy_vs_iterations", "evaluation_loss_vs_iterations" }, val.Scalars.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(h.history["val_accuracy"], val.Scalars["epoch_accuracy"].Select(p => p.Value), new Tol(1e-6));
        Assert.Equal(h.history["val_loss"], val.Scalars["evaluation_loss_vs_iterations"].Select(p => p.Value), new Tol(1e-6));
        Assert.Equal(new long[] { 2, 4, 6 }, val.Scalars["evaluation_loss_vs_iterations"].Select(p => p.Step)); // optimizer.iterations
        var session = log.Runs["run1"];
        Assert.Equal("Adam", session.HParams["optimizer"].StringValue);
        Assert.Equal(0.01, session.HParams["learning_rate"].NumberValue, 9);
        Assert.Equal(2, session.HParams["batch_size"].NumberValue);
        Assert.Equal(2, session.HParams["layers"].NumberValue);
        Assert.Equal(KerasSharp.TensorBoard.Proto.HParams.Status.Success, session.SessionStatus);
        Assert.All(log.Runs.Values, r => Assert.Null(r.Experiment));

        // A second run with the same log_dir adds its files there, as in Keras, and says so; nothing is written beside log_dir.
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.1), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
        var tb2 = keras.callbacks.TensorBoard(log_dir: Path.Combine(root, "run1"));
        var console = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(console);
        try { m.fit(OrX, OrY, epochs: 1, callbacks: new[] { tb2 }, verbose: 0); }
        finally { Console.SetOut(previous); }
        Assert.Equal($"TensorBoard: '{Path.Combine(root, "run1")}' already holds a run; this run's event files go beside it (as in Keras), and TensorBoard draws both as one run. Give each run its own log_dir to compare them.\n", console.ToString());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(root, "run1", "train")).Length);
        Assert.Equal(new long[] { 0, 1, 2, 0 }, TensorBoardLog.Read(root).Runs["run1/train"].Scalars["epoch_loss"].Select(p => p.Step));
        Assert.Empty(Directory.GetFiles(root));
        Assert.Equal(new[] { "run1" }, Directory.GetDirectories(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Keras_callback_update_freq_n_writes_every_nth_batch_and_steps_per_second()
    {
        var root = TempDir();
        var m = OrModel();
        var tb = keras.callbacks.TensorBoard(log_dir: root, update_freq: 2, write_steps_per_second: true, write_graph: false);
        m.fit(OrX, OrY, batch_size: 1, epochs: 2, callbacks: new[] { tb }, verbose: 0);
        var train = TensorBoardLog.Read(root).Runs["train"];
        Assert.Equal(new long[] { 2, 4, 6, 8 }, train.Scalars["batch_loss"].Select(p => p.Step));
        Assert.Equal(new long[] { 2, 4, 6, 8 }, train.Scalars["batch_steps_per_second"].Select(p => p.Step));
        Assert.Equal(new long[] { 0, 1 }, train.Scalars["epoch_steps_per_second"].Select(p => p.Step));
        Assert.All(train.Scalars["epoch_steps_per_second"], p => Assert.True(p.Value > 0));
        Assert.Null(train.Graph);
        Assert.Null(train.KerasGraph);
        Assert.False(TensorBoardLog.Read(root).Runs.ContainsKey("validation"));
    }

    [Fact]
    public void Keras_callback_in_evaluate_writes_evaluation_scalars_at_the_optimizer_iterations()
    {
        var root = TempDir();
        var m = OrModel();
        m.fit(OrX, OrY, batch_size: 2, epochs: 2, verbose: 0);
        var r = m.evaluate(OrX, OrY, batch_size: 4, verbose: 0, callbacks: new[] { keras.callbacks.TensorBoard(log_dir: Path.Combine(root, "eval")) });
        var log = TensorBoardLog.Read(root);
        Assert.Equal(new[] { "eval/validation" }, log.Runs.Keys);
        var v = log.Runs["eval/validation"].Scalars;
        var loss = v["evaluation_loss_vs_iterations"].Single();
        Assert.Equal(4L, loss.Step); // 2 epochs of 2 batches
        Assert.Equal(r["loss"], loss.Value, 6);
        Assert.Equal(4L, v["evaluation_accuracy_vs_iterations"].Single().Step);
    }

    [Fact]
    public void Keras_callback_reads_and_writes_nothing_outside_its_run_directory()
    {
        var root = TempDir();
        File.WriteAllText(Path.Combine(root, "events.out.tfevents.garbage"), "not an event file");
        Directory.CreateDirectory(Path.Combine(root, "other"));
        File.WriteAllBytes(Path.Combine(root, "other", "events.out.tfevents.1.x.1.1.hparams-experiment"), new byte[] { 1, 2, 3 });
        var before = Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(f => (f, File.Exists(f) ? File.GetLastWriteTimeUtc(f) : default)).ToList();
        var m = OrModel();
        m.fit(OrX, OrY, epochs: 2, validation_data: (OrX, OrY), callbacks: new[] { keras.callbacks.TensorBoard(log_dir: Path.Combine(root, "run")) }, verbose: 0);
        var after = Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(Path.Combine(root, "run"), StringComparison.Ordinal))
            .Select(f => (f, File.Exists(f) ? File.GetLastWriteTimeUtc(f) : default)).ToList();
        Assert.Equal(before, after);
        Assert.Equal("not an event file", File.ReadAllText(Path.Combine(root, "events.out.tfevents.garbage")));
    }

    [Fact]
    public void Keras_callback_rejects_what_keras_rejects_with_a_clear_message()
    {
        Assert.Equal("TensorBoard: update_freq must be 'epoch', 'batch' or a positive integer, received 0.",
            Assert.Throws<ArgumentException>(() => keras.callbacks.TensorBoard(update_freq: 0)).Message);
        Assert.Equal("TensorBoard: update_freq must be 'epoch', 'batch' or a positive integer, received epochs.",
            Assert.Throws<ArgumentException>(() => keras.callbacks.TensorBoard(update_freq: "epochs")).Message);
        Assert.Equal("Profiling is not available in KerasSharp (as with Keras's torch backend). Received: profile_batch=5 (must be 0)",
            Assert.Throws<ArgumentException>(() => keras.callbacks.TensorBoard(profile_batch: 5)).Message);
        Assert.Equal("TensorBoard: embeddings are not available (KerasSharp has no Embedding layer). Received: embeddings_freq=1 (must be 0) and embeddings_metadata=None (must be None)",
            Assert.Throws<ArgumentException>(() => keras.callbacks.TensorBoard(embeddings_freq: 1)).Message);
        Assert.Equal("TensorBoard: histogram_freq must be 0 (no histograms) or a positive number of epochs, received -1.",
            Assert.Throws<ArgumentException>(() => keras.callbacks.TensorBoard(histogram_freq: -1)).Message);
    }

    [Fact]
    public void Images_are_written_as_tf_summary_image_writes_them()
    {
        // tf.image.convert_image_dtype(x, uint8, saturate=True): x · 255.5, clamped to [0, 255], truncated.
        var v = Summaries.Images("w", torch.tensor(new float[] { -1f, 0f, 0.5f, 0.999f, 1f, 2f, 0.25f, 0.1f }).view(4, 1, 2, 1), max_outputs: 3);
        Assert.Equal("images", v.Metadata.PluginData.PluginName);
        Assert.Equal(new long[] { 5 }, v.Tensor.TensorShape.Dim.Select(d => d.Size));
        Assert.Equal(new[] { "2", "1" }, v.Tensor.StringVal.Take(2).Select(b => b.ToStringUtf8()));
        Assert.Equal(Png.Encode(new byte[] { 0, 0 }, 1, 2, 1), v.Tensor.StringVal[2].ToByteArray());
        Assert.Equal(Png.Encode(new byte[] { 127, 255 }, 1, 2, 1), v.Tensor.StringVal[3].ToByteArray());
        Assert.Equal(Png.Encode(new byte[] { 255, 255 }, 1, 2, 1), v.Tensor.StringVal[4].ToByteArray());
    }

    [Fact]
    public void Tflearn_dnn_writes_one_run_with_tensorflow_tags_and_its_op_graph()
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
        m.hparams_group = "or-group";
        m.show_progress = false;
        m.fit(X, Y, n_epoch: 5, validation_set: (X, Y), show_metric: true, run_id: "tfl");
        var log = TensorBoardLog.Read(root);
        Assert.Equal(new[] { "tfl" }, log.Runs.Keys);
        Assert.Single(Directory.GetFiles(Path.Combine(root, "tfl")));
        var run = log.Runs["tfl"];
        foreach (var tag in new[] { "Loss", "SGD/Loss/raw", "BinaryAccuracy", "BinaryAccuracy/__raw_", "Loss/Validation", "BinaryAccuracy/Validation",
                     "FullyConnected/W/Gradients", "FullyConnected/W", "FullyConnected_1/b", "FullyConnected/Activations", "FullyConnected/Sparsity" })
            Assert.Contains(tag, run.Tags);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, run.Scalars["Loss"].Select(p => p.Step)); // nothing at step 1
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, run.Scalars["Loss/Validation"].Select(p => p.Step));
        Assert.Equal("tfl", run.HParams["run_id"].StringValue);
        Assert.Null(run.Experiment);
        Assert.Equal(new[] { "InputData", "FullyConnected/W", "FullyConnected/b", "FullyConnected/Dense", "FullyConnected/Relu",
            "FullyConnected_1/W", "FullyConnected_1/b", "FullyConnected_1/Dense", "FullyConnected_1/Sigmoid" }, run.Graph!.Node.Select(n => n.Name));
        var dense = run.Graph.Node.Single(n => n.Name == "FullyConnected/Dense");
        Assert.Equal(new[] { "InputData", "FullyConnected/W", "FullyConnected/b" }, dense.Input);
        Assert.Equal(new long[] { -1, 3 }, dense.Attr["_output_shapes"].List.Shape[0].Dim.Select(d => d.Size));
        Assert.Equal(new long[] { 2, 3 }, run.Graph.Node.Single(n => n.Name == "FullyConnected/W").Attr["shape"].Shape.Dim.Select(d => d.Size));
    }

    [Fact]
    public void Log_root_is_the_nearest_tensorboard_logs_folder_above_the_working_directory()
    {
        var top = TempDir();
        Directory.CreateDirectory(Path.Combine(top, "tensorboard-logs"));
        var deep = Path.Combine(top, "examples", "OrOperator");
        Directory.CreateDirectory(deep);
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(deep);
            Assert.Equal(Path.Combine(top, "tensorboard-logs"), LogRoot.Find());
            Assert.Equal(Path.Combine(deep, "no-such-logs"), LogRoot.Find("no-such-logs"));
        }
        finally { Directory.SetCurrentDirectory(previous); }
        Assert.Equal("LogRoot.Find: name must be a single folder name, received 'a/b'.", Assert.Throws<ArgumentException>(() => LogRoot.Find("a/b")).Message);
    }

    sealed class Tol(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(double obj) => 0;
    }
}
