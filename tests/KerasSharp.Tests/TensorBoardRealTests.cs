using System.Text.Json;
using Experiments;
using KerasSharp.TensorBoard;
using KerasSharp.TFLearn;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Logs from real fits, read by the real TensorBoard 2.22 backend (../shared/tools/tensorboard/tb-check):
/// the Keras callback, the TFLearn DNN and the experiments program writing beneath one root.
/// </summary>
public class TensorBoardRealTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-tbreal-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }

    /// <summary>
    /// A Keras fit (3 epochs of 8 batches, validation, histograms, images, steps per second,
    /// batch summaries every 2 batches), then evaluate with the same callback.
    /// </summary>
    static Models.Model KerasFit(string logDir, int epochs = 3)
    {
        keras.backend.clear_session();
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(4, activation: "relu"), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
        var x = new float[64, 2];
        var y = new float[64, 1];
        for (int i = 0; i < 64; i++) { x[i, 0] = i % 2; x[i, 1] = i / 2 % 2; y[i, 0] = (i % 2) | (i / 2 % 2); }
        var tb = keras.callbacks.TensorBoard(log_dir: logDir, histogram_freq: 1, write_images: true, write_steps_per_second: true, update_freq: 2);
        m.fit(x, y, batch_size: 8, epochs: epochs, validation_data: (x, y), callbacks: new[] { tb }, verbose: 0);
        m.evaluate(x, y, batch_size: 8, verbose: 0, callbacks: new[] { tb });
        return m;
    }

    /// <summary>TFLearn's OR program, 20 epochs, with validation and accuracy, into dir/or.</summary>
    static void TflearnFit(string dir, int epochs = 20)
    {
        keras.backend.clear_session();
        keras.utils.set_random_seed(1);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y = [[0f], [1f], [1f], [1f]];
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 3, activation: "relu");
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        g = tflearn.regression(g, optimizer: "sgd", learning_rate: 1.0, loss: "mean_square");
        using var m = tflearn.DNN(g, tensorboard_verbose: 3, tensorboard_dir: dir);
        m.show_progress = false;
        m.fit(X, Y, n_epoch: epochs, validation_set: (X, Y), show_metric: true, run_id: "or");
    }

    /// <summary>The experiments program in a very small mode: the layers comparison, 2 seeds, 1 epoch, 100 images (80 to train).</summary>
    static void Experiments(string dir) =>
        Runner.Run(new Options("layers", "fashion-mnist", Epochs: 1, Limit: 100, Seed: 1, Seeds: 2, ValidationSplit: 0.2, LogDir: dir, Output: TextWriter.Null));

    static List<string> Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToList();

    [TensorBoardToolFact]
    public void Keras_tflearn_and_the_experiments_beneath_one_root_are_one_hparams_experiment_in_the_real_tensorboard()
    {
        var root = TempDir();
        var model = KerasFit(Path.Combine(root, "keras", "run"));
        TflearnFit(Path.Combine(root, "tflearn"));
        Experiments(Path.Combine(root, "experiments"));

        var result = TensorBoardTool.Check(root);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var j = result.Json;
        Assert.Empty(j.GetProperty("problems").EnumerateArray());
        Assert.Empty(j.GetProperty("tensorboard_log").EnumerateArray());
        Assert.Equal(new[]
        {
            "experiments/layers/deep/seed-1", "experiments/layers/deep/seed-1/test", "experiments/layers/deep/seed-2", "experiments/layers/deep/seed-2/test",
            "experiments/layers/shallow/seed-1", "experiments/layers/shallow/seed-1/test", "experiments/layers/shallow/seed-2", "experiments/layers/shallow/seed-2/test",
            "keras/run", "keras/run/train", "keras/run/validation", "tflearn/or",
        }, Strings(j.GetProperty("runs")).OrderBy(r => r, StringComparer.Ordinal));

        // Keras's tags, steps and counts: 3 epochs of 8 batches, batch summaries every 2nd batch.
        var train = j.GetProperty("scalars").GetProperty("keras/run/train");
        (int n, long first, long last) S(JsonElement run, string tag)
        {
            var t = run.GetProperty(tag);
            var steps = t.GetProperty("steps");
            return (t.GetProperty("n").GetInt32(), steps[0].GetInt64(), steps[1].GetInt64());
        }
        Assert.Equal((3, 0L, 2L), S(train, "epoch_loss"));
        Assert.Equal((3, 0L, 2L), S(train, "epoch_accuracy"));
        Assert.Equal((3, 0L, 2L), S(train, "epoch_learning_rate"));
        Assert.Equal(0.01, train.GetProperty("epoch_learning_rate").GetProperty("first").GetDouble(), 6);
        Assert.Equal((3, 0L, 2L), S(train, "epoch_steps_per_second"));
        Assert.Equal((12, 2L, 24L), S(train, "batch_loss"));
        Assert.Equal((12, 2L, 24L), S(train, "batch_steps_per_second"));
        var validation = j.GetProperty("scalars").GetProperty("keras/run/validation");
        Assert.Equal((3, 0L, 2L), S(validation, "epoch_loss"));
        // After each epoch's validation (iterations 8, 16, 24), then evaluate (24).
        Assert.Equal((4, 8L, 24L), S(validation, "evaluation_loss_vs_iterations"));
        Assert.Equal((4, 8L, 24L), S(validation, "evaluation_accuracy_vs_iterations"));
        var kernel = model.layers[0].variables[0].path;
        Assert.Equal(3, j.GetProperty("histograms").GetProperty("keras/run/train").GetProperty($"{kernel}/histogram").GetProperty("n").GetInt32());
        Assert.Contains($"{kernel}/image", Strings(j.GetProperty("images").GetProperty("keras/run/train")));

        // Graphs: the op graph of the layers (input, and per Dense layer kernel, bias, Dense, activation), and Keras's conceptual graph.
        var graphs = j.GetProperty("graphs");
        Assert.Equal(9, graphs.GetProperty("keras/run/train").GetProperty("op_graph_nodes").GetInt32());
        Assert.True(graphs.GetProperty("keras/run/train").GetProperty("conceptual:keras").GetInt32() > 0);
        Assert.Equal(9, graphs.GetProperty("tflearn/or").GetProperty("op_graph_nodes").GetInt32());
        Assert.Equal(29, graphs.GetProperty("experiments/layers/deep/seed-1").GetProperty("op_graph_nodes").GetInt32());

        // HParams: one experiment, the union of every program's hyper-parameters and metrics.
        var hp = j.GetProperty("hparams");
        var names = Strings(hp.GetProperty("hparams"));
        foreach (var h in new[] { "optimizer", "learning_rate", "batch_size", "run_id", "params", "experiment", "variant", "seed" }) Assert.Contains(h, names);
        var metrics = Strings(hp.GetProperty("metrics"));
        foreach (var m in new[] { "train:epoch_loss", "validation:epoch_accuracy", "validation:evaluation_accuracy_vs_iterations", "train:batch_loss",
                     "Loss", "BinaryAccuracy/Validation", "Accuracy/Validation", "epoch_val_accuracy", "test:Accuracy" })
            Assert.Contains(m, metrics);
        var groups = hp.GetProperty("session_groups").EnumerateArray().ToList();
        Assert.Equal(new[] { "keras/run", "layers/deep", "layers/shallow", "tflearn/or" }, groups.Select(g => g.GetProperty("name").GetString()).OrderBy(n => n, StringComparer.Ordinal));
        var sessions = groups.SelectMany(g => g.GetProperty("sessions").EnumerateArray().Select(s => (name: s[0].GetString()!, status: s[1].GetString(), metrics: g.GetProperty("metrics")))).ToList();
        Assert.Equal(6, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("STATUS_SUCCESS", s.status));
        Assert.Equal(6, sessions.Count(s => s.metrics.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Number)));
        var kerasGroup = groups.Single(g => g.GetProperty("name").GetString() == "keras/run");
        Assert.Equal(train.GetProperty("epoch_loss").GetProperty("last").GetDouble(), kerasGroup.GetProperty("metrics").GetProperty("train:epoch_loss").GetDouble(), 6);
        Assert.Equal(2, groups.Single(g => g.GetProperty("name").GetString() == "layers/deep").GetProperty("sessions").GetArrayLength());
    }

    [TensorBoardToolFact]
    public void A_tensorboard_reloading_while_kerassharp_trains_ends_with_every_tag_and_point()
    {
        var root = TempDir();
        string stop = Path.Combine(Path.GetTempPath(), "ks-tbreal-stop-" + Guid.NewGuid().ToString("N"));
        string script = Path.Combine(TensorBoardTool.RepositoryRoot, "tests", "KerasSharp.Tests", "TensorBoardLive", "live_reload.py");
        using var reloader = TensorBoardTool.StartPython(script, root, stop, "0.2");
        var stderr = reloader.StandardError.ReadToEndAsync();
        try
        {
            Assert.Equal("ready", reloader.StandardOutput.ReadLine());
            KerasFit(Path.Combine(root, "keras", "run"), epochs: 30);
            TflearnFit(Path.Combine(root, "tflearn"), epochs: 200);
            Experiments(Path.Combine(root, "experiments"));
        }
        finally { File.WriteAllText(stop, ""); }
        string json = reloader.StandardOutput.ReadToEnd();
        Assert.True(reloader.WaitForExit(120_000), "the reloader did not stop");
        Assert.True(reloader.ExitCode == 0, stderr.Result);
        var j = JsonDocument.Parse(json).RootElement;
        Assert.Empty(j.GetProperty("warnings").EnumerateArray());
        // It reloaded while the runs were being written, not only at the end.
        Assert.True(j.GetProperty("reloads_with_runs").GetInt32() >= 5, json[..Math.Min(json.Length, 300)]);

        var log = TensorBoardLog.Read(root);
        var seen = j.GetProperty("runs");
        Assert.Equal(log.Runs.Keys.OrderBy(k => k, StringComparer.Ordinal), seen.EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal));
        int points = 0;
        foreach (var (name, run) in log.Runs)
        {
            var tensors = seen.GetProperty(name).GetProperty("tensors");
            foreach (var (tag, series) in run.Scalars)
            {
                Assert.True(tensors.TryGetProperty(tag, out var n), $"{name}: TensorBoard lost the tag {tag}");
                Assert.True(series.Count == n.GetInt32(), $"{name}/{tag}: TensorBoard holds {n.GetInt32()} points, the files {series.Count}");
                points += series.Count;
            }
            foreach (var (tag, series) in run.Histograms)
                Assert.True(tensors.TryGetProperty(tag, out var n) && n.GetInt32() == series.Count, $"{name}/{tag}: histograms lost");
            Assert.Equal(run.Graph is not null, seen.GetProperty(name).GetProperty("graph").GetBoolean());
        }
        Assert.Equal(240, seen.GetProperty("keras/run/train").GetProperty("tensors").GetProperty("batch_loss").GetInt32() * 2); // every 2nd of 30 × 8 batches
        Assert.Equal(199, seen.GetProperty("tflearn/or").GetProperty("tensors").GetProperty("Loss").GetInt32()); // steps 2..200
        Assert.True(points > 1000, $"only {points} scalar points");
    }
}
