using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using KerasSharp;
using KerasSharp.TFLearn;
using PureHDF;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

public class SavingTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-save-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }
    static float[] Out(KerasSharp.Models.Model m, object x) => m.predict(x).ToArray<float>();
    static readonly float[,] X = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };

    static KerasSharp.Models.Sequential Dense()
    {
        keras.backend.clear_session();
        keras.utils.set_random_seed(3);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(4, activation: "relu", kernel_regularizer: keras.regularizers.L2(0.01)),
            keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
        m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 5, verbose: 0);
        return m;
    }

    [Fact]
    public void Dense_network_round_trips_bit_for_bit_and_keeps_its_optimizer_state()
    {
        var m = Dense();
        var path = Path.Combine(TempDir(), "m.keras");
        m.save(path);
        var loaded = keras.models.load_model(path);
        Assert.Equal(Out(m, X), Out(loaded, X));
        Assert.Equal(m.optimizer!.iterations, loaded.optimizer!.iterations);
        Assert.Equal("Adam", loaded.optimizer.class_name);
        // Training continues from the same state: one more epoch on both gives the same weights.
        keras.utils.set_random_seed(9);
        m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 1, shuffle: false, verbose: 0);
        keras.utils.set_random_seed(9);
        loaded.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 1, shuffle: false, verbose: 0);
        Assert.Equal(m.get_weights().SelectMany(w => w.ToArray<float>()), loaded.get_weights().SelectMany(w => w.ToArray<float>()));
    }

    [Fact]
    public void Cifar_convnet_round_trips_bit_for_bit()
    {
        keras.utils.set_random_seed(4);
        var m = keras.Sequential(keras.Input(shape: new[] { 32, 32, 3 }),
            keras.layers.Conv2D(8, 3, padding: "same", activation: "relu"), keras.layers.MaxPooling2D(2, padding: "same"),
            keras.layers.Conv2D(8, 3, padding: "same", activation: "relu"), keras.layers.BatchNormalization(), keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(), keras.layers.Dense(16, activation: "relu"), keras.layers.Dropout(0.5), keras.layers.Dense(10, activation: "softmax"));
        m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        var x = torch.rand(8, 32, 32, 3);
        m.fit(x, torch.randint(0, 10, new long[] { 8 }), epochs: 1, verbose: 0);
        var path = Path.Combine(TempDir(), "conv.keras");
        m.save(path);
        var loaded = keras.models.load_model(path);
        Assert.Equal(Out(m, x), Out(loaded, x));
        Assert.Equal(m.summary_text(76).Replace("Optimizer", "").Split('\n').Length, loaded.summary_text(76).Replace("Optimizer", "").Split('\n').Length);
    }

    [Fact]
    public void Functional_model_with_merges_round_trips_bit_for_bit()
    {
        keras.utils.set_random_seed(5);
        var a = keras.Input(shape: new[] { 2 });
        var h1 = keras.layers.Dense(3, activation: "tanh").Apply(a);
        var h2 = keras.layers.Dense(3, activation: "relu").Apply(a);
        var sum = keras.layers.Add().Apply(h1, h2);
        var cat = keras.layers.Concatenate().Apply(sum, h1);
        var m = keras.Model(a, keras.layers.Dense(1).Apply(cat));
        var path = Path.Combine(TempDir(), "f.keras");
        m.save(path);
        var loaded = keras.models.load_model(path);
        Assert.Equal("Functional", loaded.class_name);
        Assert.Equal(Out(m, X), Out(loaded, X));
    }

    [Fact]
    public void Archive_layout_matches_keras_3()
    {
        var m = Dense();
        var dir = TempDir();
        var path = Path.Combine(dir, "m.keras");
        m.save(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal(new[] { "config.json", "metadata.json", "model.weights.h5" }, zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal));
            using var meta = JsonDocument.Parse(new StreamReader(zip.GetEntry("metadata.json")!.Open()).ReadToEnd());
            Assert.Equal(new[] { "date_saved", "keras_version" }, meta.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
            Assert.Equal("3.15.1", meta.RootElement.GetProperty("keras_version").GetString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}@\d{2}:\d{2}:\d{2}$", meta.RootElement.GetProperty("date_saved").GetString());
            using var cfg = JsonDocument.Parse(new StreamReader(zip.GetEntry("config.json")!.Open()).ReadToEnd());
            var root = cfg.RootElement;
            Assert.Equal(new[] { "build_config", "class_name", "compile_config", "config", "module", "registered_name" }, root.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal("keras", root.GetProperty("module").GetString());
            Assert.Equal("Sequential", root.GetProperty("class_name").GetString());
            var layers = root.GetProperty("config").GetProperty("layers").EnumerateArray().ToList();
            Assert.Equal(new[] { "InputLayer", "Dense", "Dense" }, layers.Select(l => l.GetProperty("class_name").GetString()));
            Assert.Equal("keras.layers", layers[1].GetProperty("module").GetString());
            var dense = layers[1].GetProperty("config");
            foreach (var key in new[] { "name", "trainable", "dtype", "units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint", "quantization_config" })
                Assert.True(dense.TryGetProperty(key, out _), key);
            Assert.Equal("GlorotUniform", dense.GetProperty("kernel_initializer").GetProperty("class_name").GetString());
            Assert.Equal("L2", dense.GetProperty("kernel_regularizer").GetProperty("class_name").GetString());
            Assert.Equal(0.01, dense.GetProperty("kernel_regularizer").GetProperty("config").GetProperty("l2").GetDouble());
            Assert.Equal(new int?[] { null, 2 }, layers[0].GetProperty("config").GetProperty("batch_shape").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (int?)null : e.GetInt32()));
            // compile's arguments as given, as Keras writes them (see Fixtures/keras3's files).
            var cc = root.GetProperty("compile_config");
            Assert.Equal("Adam", cc.GetProperty("optimizer").GetProperty("class_name").GetString());
            Assert.Equal("binary_crossentropy", cc.GetProperty("loss").GetString());
            Assert.Equal("accuracy", cc.GetProperty("metrics")[0].GetString());
            Assert.Equal(new[] { "jit_compile", "loss", "loss_weights", "metrics", "optimizer", "run_eagerly", "steps_per_execution", "weighted_metrics" },
                cc.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new int?[] { null, 2 }, root.GetProperty("config").GetProperty("build_input_shape").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (int?)null : e.GetInt32()));
            zip.GetEntry("model.weights.h5")!.ExtractToFile(Path.Combine(dir, "w.h5"));
        }
        using var h5 = H5File.OpenRead(Path.Combine(dir, "w.h5"));
        ulong[] Shape(string p) => h5.Dataset(p).Space.Dimensions;
        Assert.True(h5.LinkExists("vars"));
        Assert.Equal(new ulong[] { 2, 4 }, Shape("layers/dense/vars/0"));
        Assert.Equal(new ulong[] { 4 }, Shape("layers/dense/vars/1"));
        Assert.Equal(new ulong[] { 4, 1 }, Shape("layers/dense_1/vars/0"));
        Assert.Equal(new ulong[] { 1 }, Shape("layers/dense_1/vars/1"));
        Assert.Equal(new[] { "dense", "dense_1" }, h5.Group("layers").Children().Select(c => c.Name).OrderBy(n => n));
        // The counter is int32, as Keras writes it on the numpy, JAX and torch backends.
        Assert.Equal(4, h5.Dataset("optimizer/vars/0").Type.Size);
        Assert.Equal(5, h5.Dataset("optimizer/vars/0").Read<int[]>()[0]); // iterations after 5 steps
        Assert.Equal(new ulong[] { 2, 4 }, Shape("optimizer/vars/2")); // first slot of the first kernel
        Assert.Equal(2 + 2 * 4, h5.Group("optimizer/vars").Children().Count()); // Adam: momentum and velocity of 4 variables
        Assert.Equal("adam", h5.Group("optimizer/vars").Attribute("name").Read<string>());
        Assert.Equal(m.layers[0].name, h5.Group("layers/dense/vars").Attribute("name").Read<string>());
    }

    /// <summary>The config.json of a file the real Keras 3.15.1 wrote (Fixtures/keras3/make_fixtures.py).</summary>
    static string KerasConfig()
    {
        using var zip = ZipFile.OpenRead(SavingKerasRunner.TestPath("Fixtures", "keras3", "mlp_adam.keras"));
        return new StreamReader(zip.GetEntry("config.json")!.Open()).ReadToEnd();
    }

    static void ZipEntries(string path, params (string name, byte[] data)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, data) in entries) { using var s = zip.CreateEntry(name).Open(); s.Write(data); }
    }

    [Fact]
    public void The_npz_weights_variant_is_refused_with_the_reason()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "npz.keras");
        ZipEntries(path, ("metadata.json", Encoding.UTF8.GetBytes("{}")), ("config.json", Encoding.UTF8.GetBytes(KerasConfig())), ("model.weights.npz", new byte[] { 1 }));
        var e = Assert.Throws<NotSupportedException>(() => keras.models.load_model(path));
        Assert.Equal($"'{path}' holds its weights as model.weights.npz (Keras's weights_format=\"npz\"). KerasSharp does not read that variant: " +
            "Keras 3.15.1 writes it as pickled Python objects and cannot read it back itself (np.load with allow_pickle=False). Save the model with Keras's default weights format (model.weights.h5).", e.Message);
    }

    [Fact]
    public void Damaged_or_foreign_files_give_clear_errors()
    {
        var dir = TempDir();
        var junk = Path.Combine(dir, "junk.keras");
        File.WriteAllText(junk, "not a zip");
        Assert.StartsWith($"'{junk}' is not a valid .keras file (not a zip archive)", Assert.Throws<InvalidDataException>(() => keras.models.load_model(junk)).Message);

        var noConfig = Path.Combine(dir, "noconfig.keras");
        ZipEntries(noConfig, ("metadata.json", Encoding.UTF8.GetBytes("{}")));
        Assert.Equal($"'{noConfig}' is not a complete .keras file: the entry 'config.json' is missing.", Assert.Throws<InvalidDataException>(() => keras.models.load_model(noConfig)).Message);

        var lstm = Path.Combine(dir, "lstm.keras");
        ZipEntries(lstm, ("config.json", Encoding.UTF8.GetBytes(KerasConfig().Replace("\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\"", "\"class_name\": \"ConvLSTM2D\", \"config\": {\"name\": \"dense\""))));
        Assert.StartsWith("Unsupported layer class 'ConvLSTM2D': KerasSharp cannot create it. Supported layer classes: Activation, Add,", Assert.Throws<NotSupportedException>(() => keras.models.load_model(lstm)).Message);

        var escape = Path.Combine(dir, "escape.keras");
        ZipEntries(escape, ("../../etc/cron.d/x", new byte[] { 1 }), ("config.json", Encoding.UTF8.GetBytes(KerasConfig())));
        Assert.Equal($"'{escape}' contains the entry '../../etc/cron.d/x', whose path leaves the archive; the file is refused.", Assert.Throws<InvalidDataException>(() => keras.models.load_model(escape)).Message);

        var m = Dense();
        var good = Path.Combine(dir, "m.keras");
        m.save(good);
        var wide = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(5), keras.layers.Dense(1));
        var e = Assert.Throws<InvalidDataException>(() => wide.load_weights(good));
        Assert.Equal($"'{good}': weight 'layers/dense/vars/0' of layer '{wide.layers[0].name}' has shape (2, 4), the model expects (2, 5).", e.Message);
        Assert.Equal("Invalid filepath extension for saving. Please add either a `.keras` extension for the native Keras format (recommended) or a `.h5` extension. Received: filepath=m.tf.",
            Assert.Throws<ArgumentException>(() => m.save("m.tf")).Message);
    }

    [Fact]
    public void A_failed_save_leaves_the_existing_file_whole()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "m.keras");
        Dense().save(path);
        var before = File.ReadAllBytes(path);
        var unbuilt = keras.Sequential(keras.layers.Dense(1));
        Assert.Throws<InvalidOperationException>(() => unbuilt.save(path));
        var broken = keras.Sequential(keras.Input(shape: new[] { 2 }), new ThrowingLayer());
        Assert.Throws<IOException>(() => broken.save(path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "m.keras" }, Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    /// <summary>A layer whose weights fail to serialize halfway through writing.</summary>
    sealed class ThrowingLayer() : KerasSharp.Layers.Layer("throwing")
    {
        public override void build(int?[][] s) => AddWeight("w", new long[] { 2 }, KerasSharp.Initializers.InitializersApi.Get("ones"));
        public override int?[] compute_output_shape(int?[][] s) => s[0];
        public override torch.Tensor call(torch.Tensor[] x, bool training) => x[0];
        public override Dictionary<string, object?> get_config() => new() { ["name"] = name, ["fails"] = new Failing() };
        sealed class Failing { public int Value => throw new IOException("disk full (simulated)"); }
    }

    [Fact]
    public void Model_checkpoint_formats_keras_templates_and_keeps_the_best()
    {
        var dir = TempDir();
        keras.utils.set_random_seed(3);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.5), loss: "mse");
        var y = new float[,] { { 0 }, { 1 }, { 1 }, { 1 } };
        var all = keras.callbacks.ModelCheckpoint(Path.Combine(dir, "ck-{epoch:02d}-{val_loss:.2f}.keras"));
        var best = keras.callbacks.ModelCheckpoint(Path.Combine(dir, "best.weights.h5"), save_best_only: true, save_weights_only: true);
        var h = m.fit(X, y, epochs: 3, validation_data: (X, y), callbacks: new Callbacks.Callback[] { all, best }, verbose: 0);
        Assert.Equal(Enumerable.Range(1, 3).Select(e => Path.Combine(dir, $"ck-{e:00}-{h.history["val_loss"][e - 1].ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}.keras")), all.Saved);
        Assert.All(all.Saved, p => Assert.True(File.Exists(p)));
        Assert.Equal(3, best.Saved.Count); // the loss falls every epoch
        Assert.Equal("ck-07-0.50.keras", Callbacks.ModelCheckpoint.Format("ck-{epoch:02d}-{val_loss:.2f}.keras", new Dictionary<string, double> { ["epoch"] = 7, ["val_loss"] = 0.4987 }));
        Assert.Contains("'val_acc' is not among the logged values", Assert.Throws<Callbacks.ModelCheckpoint.KeyError>(() => Callbacks.ModelCheckpoint.Format("{val_acc:.2f}", new Dictionary<string, double> { ["epoch"] = 1 })).Message);
        Assert.Contains("must end in `.weights.h5`", Assert.Throws<ArgumentException>(() => keras.callbacks.ModelCheckpoint("x.keras", save_weights_only: true)).Message);
    }

    static float[] ReadWeights(string path)
    {
        using var f = H5File.OpenRead(path);
        return new[] { "layers/dense/vars/0", "layers/dense/vars/1", "layers/dense_1/vars/0", "layers/dense_1/vars/1" }.SelectMany(p => f.Dataset(p).Read<float[]>()).ToArray();
    }

    static Process Worker(string backupDir, string outFile, int killAfter)
    {
        var dll = typeof(WorkerProgram).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--backup-worker", backupDir, outFile, killAfter.ToString() }) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    [Fact]
    public void A_run_killed_mid_epoch_resumes_from_its_backup_and_ends_with_the_same_weights()
    {
        var dir = TempDir();
        var straight = Worker(Path.Combine(dir, "b1"), Path.Combine(dir, "straight.weights.h5"), -1);
        straight.WaitForExit(120_000);
        Assert.True(straight.ExitCode == 0, straight.StandardError.ReadToEnd());

        var b2 = Path.Combine(dir, "b2");
        var doomed = Worker(b2, Path.Combine(dir, "never.weights.h5"), killAfter: 2);
        var marker = Path.Combine(b2, "mid-epoch");
        var sw = Stopwatch.StartNew();
        while (!File.Exists(marker) && sw.Elapsed < TimeSpan.FromSeconds(120) && !doomed.HasExited) Thread.Sleep(50);
        Assert.True(File.Exists(marker), "the worker never reached the middle of epoch 4: " + (doomed.HasExited ? doomed.StandardError.ReadToEnd() : "timeout"));
        doomed.Kill(entireProcessTree: true); // SIGKILL
        doomed.WaitForExit();
        Assert.True(File.Exists(Path.Combine(b2, "latest.weights.h5")));

        var resumed = Worker(b2, Path.Combine(dir, "resumed.weights.h5"), -1);
        resumed.WaitForExit(120_000);
        Assert.True(resumed.ExitCode == 0, resumed.StandardError.ReadToEnd());
        Assert.Equal(ReadWeights(Path.Combine(dir, "straight.weights.h5")), ReadWeights(Path.Combine(dir, "resumed.weights.h5")));
        Assert.False(File.Exists(Path.Combine(b2, "latest.weights.h5"))); // deleted at the end of training
    }

    [Fact]
    public void Tflearn_save_load_and_checkpoints_use_the_keras_format()
    {
        var dir = TempDir();
        keras.utils.set_random_seed(2);
        float[][] Xj = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y = [[1f, 0f], [0f, 1f], [0f, 1f], [0f, 1f]];
        TFLearnTensor Net()
        {
            var g = tflearn.input_data(shape: [null, 2]);
            g = tflearn.fully_connected(g, 8, activation: "relu");
            g = tflearn.fully_connected(g, 2, activation: "softmax");
            return tflearn.regression(g, optimizer: "adam", learning_rate: 0.05);
        }
        var m = tflearn.DNN(Net(), checkpoint_path: Path.Combine(dir, "model.tfl.ckpt"), best_checkpoint_path: Path.Combine(dir, "best"), max_checkpoints: 2);
        m.write_summaries = false;
        var previous = Console.Out;
        Console.SetOut(TextWriter.Null);
        try { m.fit(Xj, Y, n_epoch: 4, validation_set: (Xj, Y), show_metric: true); }
        finally { Console.SetOut(previous); }
        Assert.Equal(new[] { "model.tfl.ckpt-3", "model.tfl.ckpt-4" }, Directory.GetFiles(dir, "model.tfl.ckpt-*").Select(Path.GetFileName).OrderBy(n => n));
        Assert.NotEmpty(Directory.GetFiles(dir, "best*"));
        var file = Path.Combine(dir, "model.tfl");
        m.save(file);
        var other = tflearn.DNN(Net());
        other.load(file);
        Assert.Equal(m.predict(Xj).SelectMany(r => r), other.predict(Xj).SelectMany(r => r));
    }

    sealed class Tol(float tol) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(float obj) => 0;
    }

    [Fact]
    public void Rmsprop_state_is_saved_as_keras_builds_it_velocities_only_and_loads_back()
    {
        keras.utils.set_random_seed(6);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(3), keras.layers.Dense(1));
        m.compile(optimizer: keras.optimizers.RMSprop(learning_rate: 0.01), loss: "mse");
        m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 2, verbose: 0);
        var dir = TempDir();
        var path = Path.Combine(dir, "w.weights.h5");
        m.save_weights(path);
        using (var f = H5File.OpenRead(path))
        {
            Assert.Equal(2 + 4, f.Group("optimizer/vars").Children().Count()); // iterations, learning_rate, one velocity per variable
            Assert.Equal(new ulong[] { 2, 3 }, f.Dataset("optimizer/vars/2").Space.Dimensions);
            Assert.Equal(new ulong[] { 3 }, f.Dataset("optimizer/vars/3").Space.Dimensions);
        }
        var other = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(3), keras.layers.Dense(1));
        other.compile(optimizer: keras.optimizers.RMSprop(learning_rate: 0.01), loss: "mse");
        other.load_weights(path);
        Assert.Equal(2L, other.optimizer!.iterations);
        var v0 = m.optimizer!.SlotsFor(m.trainable_weights[0].Value)[0].data<float>().ToArray();
        Assert.Equal(v0, other.optimizer.SlotsFor(other.trainable_weights[0].Value)[0].data<float>().ToArray());
    }
}
