using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Files KerasSharp writes, opened by the real Keras 3.15.1 (../shared/tools/keras3/kpython, which
/// runs KerasOracle/saving_load_in_keras.py once per test): Keras loads them compiled, predicts what
/// KerasSharp predicts (within 1e-6), holds the same optimizer state variable by variable, and
/// prints the same summary; a file Keras saves again loads back in KerasSharp with the same
/// predictions and optimizer state.
/// </summary>
public class KerasInteropTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-interop-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }

    sealed record Case(string Name, Model Model, torch.Tensor X, string? WeightsOf = null, bool Resave = false);

    static torch.Tensor Data(params long[] shape) => torch.randn(shape);

    static float[,] OneHot(long[] labels, int classes)
    {
        var y = new float[labels.Length, classes];
        for (int i = 0; i < labels.Length; i++) y[i, labels[i]] = 1;
        return y;
    }

    /// <summary>Runs Keras on the cases (one kpython call) and returns its result per case.</summary>
    static Dictionary<string, JsonElement> RunKeras(string dir, IReadOnlyList<Case> cases)
    {
        var manifest = new List<object>();
        foreach (var c in cases)
        {
            var d = new Dictionary<string, object?>
            {
                ["file"] = Path.Combine(dir, c.WeightsOf ?? c.Name),
                ["x"] = c.X.to(torch.float32).contiguous().data<float>().ToArray(),
                ["x_shape"] = c.X.shape,
            };
            if (c.WeightsOf is not null) d["weights"] = Path.Combine(dir, c.Name);
            if (c.Resave) d["resave"] = Path.Combine(dir, "keras_" + c.Name);
            manifest.Add(d);
        }
        string mf = Path.Combine(dir, "manifest.json"), rf = Path.Combine(dir, "result.json");
        File.WriteAllText(mf, JsonSerializer.Serialize(new { cases = manifest }));
        SavingKerasRunner.Run(SavingKerasRunner.TestPath("KerasOracle", "saving_load_in_keras.py"), mf, rf);
        using var doc = JsonDocument.Parse(File.ReadAllText(rf));
        Assert.Equal("3.15.1", doc.RootElement.GetProperty("keras_version").GetString());
        var results = doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone()).ToList();
        return cases.Select((c, i) => (c.Name, results[i])).ToDictionary(p => p.Name, p => p.Item2);
    }

    static void AssertClose(float[] got, IReadOnlyList<double> keras, string what)
    {
        Assert.Equal(keras.Count, got.Length);
        for (int i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(got[i] - keras[i]) <= 1e-6 * Math.Max(1, Math.Abs(keras[i])), $"{what}[{i}]: KerasSharp {got[i]:R}, Keras {keras[i]:R}");
    }

    static double[] Doubles(JsonElement a) => a.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Keras's optimizer variables equal KerasSharp's: names, shapes and values, bit for bit.</summary>
    static void AssertSameOptimizerState(Model m, JsonElement kerasOptimizer, string what)
    {
        var mine = OptimizerState.Read(m.optimizer!, m);
        var theirs = kerasOptimizer.GetProperty("variables").EnumerateArray().ToList();
        // Keras names Nadam's u_product, an unnamed Variable, "variable" plus a counter over the process.
        Assert.Equal(theirs.Select(v => System.Text.RegularExpressions.Regex.Replace(v.GetProperty("name").GetString()!, "^variable_[0-9]+$", "variable")), mine.Select(v => v.name));
        for (int i = 0; i < mine.Count; i++)
        {
            Assert.Equal(theirs[i].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), mine[i].shape);
            var values = mine[i].data switch { int[] n => n.Select(x => (double)x).ToArray(), float[] f => f.Select(x => (double)x).ToArray(), _ => Array.Empty<double>() };
            Assert.True(Doubles(theirs[i].GetProperty("values")).SequenceEqual(values), $"{what}: optimizer variable {mine[i].name} differs");
        }
        Assert.Equal("int32", theirs[0].GetProperty("dtype").GetString());
    }

    static float[][] Predict(Model m, torch.Tensor x) => m.outputs.Count == 1 ? new[] { m.predict(x).ToArray<float>() } : m.predict_outputs(x).Select(a => a.ToArray<float>()).ToArray();

    static void Fit(Model m, torch.Tensor x, object y, int epochs = 2) => m.fit(x, y, batch_size: 4, epochs: epochs, shuffle: false, verbose: 0);

    static List<Case> BuildCases()
    {
        var cases = new List<Case>();
        keras.backend.clear_session();
        keras.utils.set_random_seed(11);

        // An MLP with Adam state, an L2 kernel regularizer, a he_normal initializer and Dropout; its weights also alone.
        var x4 = Data(8, 4);
        var y3 = OneHot(new long[] { 0, 1, 2, 1, 0, 2, 2, 1 }, 3);
        var mlp = keras.Sequential(new Layer[] { keras.Input(shape: new[] { 4 }),
            keras.layers.Dense(8, activation: "relu", kernel_initializer: "he_normal", kernel_regularizer: keras.regularizers.L2(0.01)),
            keras.layers.Dropout(0.3), keras.layers.Dense(3, activation: "softmax") }, name: "mlp");
        mlp.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "categorical_crossentropy", metrics: new[] { "accuracy" });
        Fit(mlp, x4, y3);
        cases.Add(new Case("mlp_adam.keras", mlp, x4));
        cases.Add(new Case("mlp_adam.weights.h5", mlp, x4, WeightsOf: "mlp_adam.keras"));
        cases.Add(new Case("mlp_adam_legacy.h5", mlp, x4));

        // A convnet with BatchNormalization (moving statistics updated by training), pooling, a strided convolution.
        var ximg = Data(6, 8, 8, 2);
        var conv = keras.Sequential(new Layer[] { keras.Input(shape: new[] { 8, 8, 2 }),
            keras.layers.Conv2D(4, 3, padding: "same", activation: "relu"), keras.layers.BatchNormalization(), keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(3, new Int2(2, 1), strides: new Int2(1, 2), use_bias: false), keras.layers.Flatten(), keras.layers.Dense(2, activation: "sigmoid") }, name: "convnet");
        conv.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.005, beta_1: 0.8), loss: "binary_crossentropy");
        Fit(conv, ximg, new float[,] { { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0, 0 }, { 1, 0 }, { 0, 1 } });
        cases.Add(new Case("convnet_bn.keras", conv, ximg));

        // A functional model with Add, Multiply and Concatenate, and RMSprop with momentum and centered.
        var x3 = Data(8, 3);
        var a = keras.Input(shape: new[] { 3 }, name: "a");
        var h1 = keras.layers.Dense(4, activation: "tanh", name: "h1").Apply(a);
        var h2 = keras.layers.Dense(4, name: "h2").Apply(a);
        var cat = keras.layers.Concatenate(name: "cat").Apply(keras.layers.Add(name: "sum").Apply(h1, h2), keras.layers.Multiply(name: "product").Apply(h1, h2), h1);
        var func = keras.Model(a, keras.layers.Dense(2, name: "out").Apply(cat), name: "merges");
        // Full names: Keras 3.15.1's legacy .h5 loader cannot read back "mse" or "mae" (it looks for keras.metrics.mse and fails), even in its own files.
        func.compile(optimizer: keras.optimizers.RMSprop(learning_rate: 0.01, rho: 0.8, momentum: 0.5, centered: true), loss: "mean_squared_error", metrics: new[] { "mean_absolute_error" });
        Fit(func, x3, Data(8, 2));
        cases.Add(new Case("functional_rmsprop.keras", func, x3));
        cases.Add(new Case("functional_rmsprop_legacy.h5", func, x3));

        // Every other optimizer, with its state, on a small net.
        var opts = new (string name, Optimizers.Optimizer opt)[]
        {
            ("sgd_nesterov", keras.optimizers.SGD(learning_rate: 0.05, momentum: 0.9, nesterov: true)),
            ("sgd", keras.optimizers.SGD(learning_rate: 0.1)),
            ("rmsprop", keras.optimizers.RMSprop(learning_rate: 0.01)),
            ("adagrad", keras.optimizers.Adagrad(learning_rate: 0.05, initial_accumulator_value: 0.2)),
            ("adadelta", keras.optimizers.Adadelta(learning_rate: 0.5, rho: 0.9)),
            ("adamax", keras.optimizers.Adamax(learning_rate: 0.003)),
            ("nadam", keras.optimizers.Nadam(learning_rate: 0.004)),
        };
        foreach (var (name, opt) in opts)
        {
            var m = keras.Sequential(new Layer[] { keras.Input(shape: new[] { 3 }), keras.layers.Dense(2, activation: "relu"), keras.layers.Dense(1) }, name: "opt_" + name);
            m.compile(optimizer: opt, loss: "mse");
            Fit(m, x3, Data(8, 1));
            cases.Add(new Case($"optimizer_{name}.keras", m, x3));
        }

        // The layers, initializers and regularizers a config can name, in one uncompiled model without an Input, built by build().
        var xz = Data(2, 8, 8, 4);
        var zoo = keras.Sequential(new Layer[]
        {
            keras.layers.Conv2D(4, 3, padding: "same", dilation_rate: 2, groups: 2, activation: "elu", kernel_initializer: "lecun_normal",
                bias_initializer: keras.initializers.Constant(0.1), kernel_regularizer: keras.regularizers.L1L2(0.01, 0.02), activity_regularizer: keras.regularizers.L1(0.001)),
            keras.layers.BatchNormalization(momentum: 0.9, epsilon: 1e-2, center: false),
            keras.layers.AveragePooling2D(2, strides: 1, padding: "same"),
            keras.layers.Conv2D(6, new Int2(2, 1), strides: new Int2(1, 2), use_bias: false, activation: "selu", kernel_initializer: "glorot_normal"),
            keras.layers.Reshape(new[] { 7, 4, 6 }),
            keras.layers.GlobalMaxPooling2D(),
            keras.layers.Dense(5, activation: "softsign", kernel_initializer: keras.initializers.RandomUniform(-0.5, 0.5, seed: 3), bias_regularizer: keras.regularizers.L2(0.1)),
            keras.layers.Activation("softmax"),
        }, name: "zoo");
        zoo.build(new int?[] { null, 8, 8, 4 });
        cases.Add(new Case("zoo_uncompiled.keras", zoo, xz));

        var xa = Data(3, 6) * 2;
        var acts = keras.Input(shape: new[] { 6 }, name: "acts_in");
        var branches = new[] { "relu", "sigmoid", "tanh", "softmax", "elu", "selu", "softplus", "softsign", "leaky_relu", "silu", "exponential", "hard_sigmoid", "mish", "log_softmax", "linear" }
            .Select(n => keras.layers.Dense(2, activation: n, name: "act_" + n).Apply(acts)).ToArray();
        var actModel = keras.Model(acts, keras.layers.Concatenate(name: "all").Apply(branches), name: "activations");
        cases.Add(new Case("activations.keras", actModel, xa));

        // Several outputs compiled with a loss per output name (one given as an object), loss
        // weights, metrics per output (an object among them) and weighted metrics.
        var mi = keras.Input(shape: new[] { 3 }, name: "features");
        var o1 = keras.layers.Dense(1, activation: "sigmoid", name: "o1").Apply(mi);
        var o2 = keras.layers.Dense(2, activation: "softmax", name: "o2").Apply(mi);
        var multi = keras.Model(new[] { mi }, new[] { o1, o2 }, name: "two_outputs");
        multi.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.002),
            loss: new Dictionary<string, object> { ["o1"] = "binary_crossentropy", ["o2"] = keras.losses.CategoricalCrossentropy(label_smoothing: 0.1) },
            loss_weights: new Dictionary<string, object> { ["o1"] = 1.0, ["o2"] = 0.5 },
            metrics: new Dictionary<string, object> { ["o1"] = new[] { "accuracy" }, ["o2"] = new object[] { "accuracy", keras.metrics.CategoricalAccuracy() } },
            weighted_metrics: new[] { "mse" });
        cases.Add(new Case("two_outputs.keras", multi, x3));
        return cases;
    }

    [SavingKerasFact]
    public void Keras_loads_kerassharp_files_and_predicts_holds_and_prints_what_kerassharp_does()
    {
        var dir = TempDir();
        var cases = BuildCases();
        foreach (var c in cases)
        {
            if (c.Name.EndsWith(".weights.h5")) c.Model.save_weights(Path.Combine(dir, c.Name));
            else c.Model.save(Path.Combine(dir, c.Name));
        }
        var keras3 = RunKeras(dir, cases);
        foreach (var c in cases)
        {
            var r = keras3[c.Name];
            Assert.False(r.TryGetProperty("error", out var err), $"{c.Name}: Keras failed: {err}\n{(r.TryGetProperty("traceback", out var tb) ? tb.GetString() : "")}");
            var mine = Predict(c.Model, c.X);
            var theirs = r.GetProperty("y").EnumerateArray().ToList();
            Assert.Equal(theirs.Count, mine.Length);
            for (int o = 0; o < mine.Length; o++) AssertClose(mine[o], Doubles(theirs[o]), $"{c.Name} output {o}");
            var warnings = r.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
            if (c.Name.EndsWith("_legacy.h5"))
            {
                // Keras 3.15.1's legacy loader builds the optimizer on model._trainable_variables, which a
                // model that keeps its weights in layers leaves empty: it takes only the counter and the
                // learning rate from the file. KerasSharp's reader takes the whole state back.
                var vars = r.GetProperty("optimizer").GetProperty("variables");
                Assert.Equal(c.Model.optimizer!.iterations, vars[0].GetProperty("values")[0].GetDouble());
                Assert.Equal((float)c.Model.optimizer.learning_rate, vars[1].GetProperty("values")[0].GetDouble());
                var back = keras.models.load_model(Path.Combine(dir, c.Name));
                Assert.Equal(mine[0], back.predict(c.X).ToArray<float>());
                var before = OptimizerState.Read(c.Model.optimizer, c.Model);
                var after = OptimizerState.Read(back.optimizer!, back);
                Assert.Equal(before.Select(v => v.name), after.Select(v => v.name));
                for (int i = 0; i < before.Count; i++) Assert.Equal(before[i].data.Cast<object>(), after[i].data.Cast<object>());
                continue;
            }
            if (c.Model.optimizer is { } opt && OptimizerState.IsBuilt(opt))
            {
                Assert.DoesNotContain(warnings, w => w.Contains("Skipping variable loading"));
                AssertSameOptimizerState(c.Model, r.GetProperty("optimizer"), c.Name);
                Assert.Equal(r.GetProperty("summary").GetString(), c.Model.summary_text(76));
            }
            if (c.Model.optimizer is null) Assert.Equal(r.GetProperty("summary").GetString(), c.Model.summary_text(76));
        }
        // Keras read the compile arguments as KerasSharp was given them.
        var cc = keras3["two_outputs.keras"].GetProperty("compile_config");
        Assert.Equal("binary_crossentropy", cc.GetProperty("loss").GetProperty("o1").GetString());
        Assert.Equal("CategoricalCrossentropy", cc.GetProperty("loss").GetProperty("o2").GetProperty("class_name").GetString());
        Assert.Equal(0.1, cc.GetProperty("loss").GetProperty("o2").GetProperty("config").GetProperty("label_smoothing").GetDouble());
        Assert.Equal(0.5, cc.GetProperty("loss_weights").GetProperty("o2").GetDouble());
        Assert.Equal("accuracy", cc.GetProperty("metrics").GetProperty("o2")[0].GetString());
        Assert.Equal("CategoricalAccuracy", cc.GetProperty("metrics").GetProperty("o2")[1].GetProperty("class_name").GetString());
        Assert.Equal("mse", cc.GetProperty("weighted_metrics")[0].GetString());
        Assert.Equal("Adam", keras3["two_outputs.keras"].GetProperty("optimizer").GetProperty("class_name").GetString());
    }

    [SavingKerasFact]
    public void A_model_trained_3_epochs_goes_through_keras_and_back_with_the_same_predictions_and_optimizer_state()
    {
        var dir = TempDir();
        keras.utils.set_random_seed(21);
        var x = Data(12, 6, 6, 1);
        var y = new long[] { 0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2 };
        var m = keras.Sequential(new Layer[] { keras.Input(shape: new[] { 6, 6, 1 }),
            keras.layers.Conv2D(3, 3, activation: "relu"), keras.layers.BatchNormalization(), keras.layers.Flatten(), keras.layers.Dense(3, activation: "softmax") }, name: "round_trip");
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "sparse_categorical_crossentropy", metrics: new[] { "accuracy" });
        m.fit(x, y, batch_size: 4, epochs: 3, shuffle: false, verbose: 0);
        Assert.Equal(9, m.optimizer!.iterations);
        m.save(Path.Combine(dir, "trained.keras"));
        var r = RunKeras(dir, new[] { new Case("trained.keras", m, x, Resave: true) })["trained.keras"];
        Assert.False(r.TryGetProperty("error", out var err), $"Keras failed: {err}");
        AssertClose(m.predict(x).ToArray<float>(), Doubles(r.GetProperty("y")[0]), "Keras's predictions");

        var back = keras.models.load_model(Path.Combine(dir, "keras_trained.keras"));
        Assert.Equal(m.predict(x).ToArray<float>(), back.predict(x).ToArray<float>());
        Assert.Equal(9, back.optimizer!.iterations);
        var before = OptimizerState.Read(m.optimizer, m);
        var after = OptimizerState.Read(back.optimizer, back);
        Assert.Equal(before.Select(v => v.name), after.Select(v => v.name));
        for (int i = 0; i < before.Count; i++) Assert.Equal(before[i].data.Cast<object>(), after[i].data.Cast<object>());
        // The same state continues the same way: one more epoch on both gives the same weights.
        m.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
        back.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
        Assert.Equal(m.get_weights().SelectMany(w => w.ToArray<float>()), back.get_weights().SelectMany(w => w.ToArray<float>()));
    }
}
