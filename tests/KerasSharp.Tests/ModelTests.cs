using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Training;
using NumSharp;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>Truth tables, seeds, inputs and callbacks through the real fit loop.</summary>
public class ModelTests
{
    static readonly float[,] X = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };

    static float[] Predict(KerasSharp.Models.Model m, float[,] x) => m.predict(x).ToArray<float>();

    static KerasSharp.Models.Sequential SingleUnit(float[,] y, int seed = 1)
    {
        keras.utils.set_random_seed(seed);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 2.0), loss: "mse");
        m.fit(X, y, epochs: 2000, verbose: 0);
        return m;
    }

    [Fact]
    public void Or_single_sigmoid_unit_learns_within_0_1()
    {
        var p = Predict(SingleUnit(new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }), X);
        Assert.True(p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] > 0.9, string.Join(", ", p));
    }

    [Fact]
    public void And_single_sigmoid_unit_learns_within_0_1()
    {
        var p = Predict(SingleUnit(new float[,] { { 0 }, { 0 }, { 0 }, { 1 } }), X);
        Assert.True(p[0] < 0.1 && p[1] < 0.1 && p[2] < 0.1 && p[3] > 0.9, string.Join(", ", p));
    }

    [Fact]
    public void Not_single_sigmoid_unit_learns_within_0_1()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.layers.Dense(1, activation: "sigmoid", input_shape: new[] { 1 }));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 2.0), loss: "mse");
        m.fit(new float[,] { { 0 }, { 1 } }, new float[,] { { 1 }, { 0 } }, epochs: 2000, verbose: 0);
        var p = Predict(m, new float[,] { { 0 }, { 1 } });
        Assert.True(p[0] > 0.9 && p[1] < 0.1, string.Join(", ", p));
    }

    [Fact]
    public void Xor_with_one_hidden_layer_learns_for_a_fixed_seed_through_the_functional_api()
    {
        keras.utils.set_random_seed(1);
        var inputs = keras.Input(shape: new[] { 2 });
        var h = keras.layers.Dense(8, activation: "tanh").Apply(inputs);
        var o = keras.layers.Dense(1, activation: "sigmoid").Apply(h);
        var m = keras.Model(inputs, o);
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.5), loss: "mse", metrics: new[] { "accuracy" });
        var hist = m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 0 } }, epochs: 3000, verbose: 0);
        var p = Predict(m, X);
        Assert.True(p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1, string.Join(", ", p));
        Assert.Equal(1.0, hist.history["accuracy"].Last());
        Assert.Equal(3000, hist.history["loss"].Count);
    }

    [Fact]
    public void Two_runs_with_the_same_seed_give_identical_weights()
    {
        float[] Run()
        {
            keras.utils.set_random_seed(42);
            var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(4, activation: "relu"),
                keras.layers.Dropout(0.25), keras.layers.Dense(1, activation: "sigmoid"));
            m.compile(optimizer: "adam", loss: "binary_crossentropy");
            m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 0 } }, batch_size: 2, epochs: 20, verbose: 0);
            return m.get_weights().SelectMany(w => w.ToArray<float>()).ToArray();
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a, b);
        var c = SingleUnit(new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, seed: 43).get_weights()[0].ToArray<float>();
        Assert.NotEqual(a.Take(2), c);
    }

    [Fact]
    public void Accepts_jagged_double_ndarray_and_tensor_inputs_with_the_same_result()
    {
        double Loss(object x, object y)
        {
            keras.utils.set_random_seed(5);
            var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
            m.compile(optimizer: "sgd", loss: "mse");
            return m.fit(x, y, epochs: 3, shuffle: false, verbose: 0).history["loss"].Last();
        }
        var y = new float[,] { { 0 }, { 1 }, { 1 }, { 1 } };
        double reference = Loss(X, y);
        Assert.Equal(reference, Loss(new[] { new float[] { 0, 0 }, new float[] { 0, 1 }, new float[] { 1, 0 }, new float[] { 1, 1 } }, y));
        Assert.Equal(reference, Loss(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } }, y));
        Assert.Equal(reference, Loss(np.array(X), np.array(y)));
        Assert.Equal(reference, Loss(torch.tensor(X), torch.tensor(y)));
    }

    [Fact]
    public void Sparse_labels_as_int_array_train_with_sparse_categorical_crossentropy_and_accuracy()
    {
        keras.utils.set_random_seed(3);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(16, activation: "relu"), keras.layers.Dense(2, activation: "softmax"));
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.05), loss: "sparse_categorical_crossentropy", metrics: new[] { "accuracy" });
        var h = m.fit(X, new[] { 0, 1, 1, 1 }, epochs: 200, verbose: 0);
        Assert.Equal(1.0, h.history["accuracy"].Last());
        var r = m.evaluate(X, new[] { 0, 1, 1, 1 }, verbose: 0);
        Assert.Equal(new[] { "loss", "accuracy" }, r.Names);
        Assert.Equal(1.0, r["accuracy"]);
        Assert.True(r[0] < 0.1, r.ToString());
    }

    [Fact]
    public void Validation_split_takes_the_last_fraction_and_reports_val_metrics()
    {
        keras.utils.set_random_seed(3);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: "sgd", loss: "mse", metrics: new[] { "mae" });
        var h = m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 2, validation_split: 0.25, verbose: 0);
        Assert.Equal(new[] { "loss", "mae", "val_loss", "val_mae" }, h.history.Keys.ToArray());
        // The validation sample is the last one ([1, 1] → 1); its MSE equals the validation loss.
        var p = m.predict(new float[,] { { 1, 1 } }).GetValue<float>(0, 0);
        Assert.Equal((1 - p) * (1 - p), h.history["val_loss"].Last(), 5);
    }

    [Fact]
    public void Early_stopping_stops_when_the_monitored_loss_stops_improving()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.0), loss: "mse");
        var es = keras.callbacks.EarlyStopping(monitor: "loss", patience: 2);
        var h = m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 50, callbacks: new[] { es }, shuffle: false, verbose: 0);
        Assert.Equal(3, h.history["loss"].Count); // epoch 0 sets best; epochs 1, 2 do not improve; stop at 2
        Assert.Equal(2, es.stopped_epoch);
    }

    [Fact]
    public void Terminate_on_nan_stops_at_the_first_nan_batch()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 1e30), loss: "mse");
        var t = keras.callbacks.TerminateOnNaN();
        var h = m.fit(new float[,] { { 1e10f, 1e10f }, { 1, 1 } }, new float[,] { { 0 }, { 1 } }, epochs: 100, batch_size: 1, callbacks: new[] { t }, verbose: 0);
        Assert.NotNull(t.TerminatedAtBatch);
        Assert.True(h.history["loss"].Count < 100);
    }

    [Fact]
    public void Learning_rate_scheduler_sets_the_rate_and_logs_it()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1), loss: "mse");
        var h = m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 3, verbose: 0,
            callbacks: new[] { keras.callbacks.LearningRateScheduler((epoch, lr) => 0.1 / (epoch + 1)) });
        Assert.Equal(new[] { 0.1, 0.05, 0.1 / 3 }, h.history["learning_rate"]);
    }

    [Fact]
    public void Csv_logger_writes_epoch_then_sorted_metric_names()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ks-{Guid.NewGuid():N}.csv");
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: "sgd", loss: "mse", metrics: new[] { "accuracy" });
        var h = m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 2, verbose: 0, callbacks: new[] { keras.callbacks.CSVLogger(path) });
        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,accuracy,loss", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal(h.history["loss"][1], double.Parse(lines[2].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        File.Delete(path);
    }

    [Fact]
    public void Silent_fit_reads_from_the_engine_once_per_epoch_not_per_batch()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: "sgd", loss: "mse", metrics: new[] { "accuracy" });
        var x = new float[256, 2];
        var y = new float[256, 1];
        long before = Logs.EngineReads;
        m.fit(x, y, batch_size: 8, epochs: 3, verbose: 0); // 32 batches per epoch
        Assert.Equal(3, Logs.EngineReads - before);
    }

    [Fact]
    public void Fit_steps_are_plain_sgd_steps_with_fresh_gradients_each_batch()
    {
        // y = w·x + b, w and b start at 0.5 and 0; two samples, one per batch, no shuffling.
        // Each step: e = w·x + b − y; w −= lr·2e·x; b −= lr·2e (mse over one sample). A gradient
        // left over from the previous batch would be added to the next one and change the result.
        var m = keras.Sequential(keras.Input(shape: new[] { 1 }),
            keras.layers.Dense(1, kernel_initializer: keras.initializers.Constant(0.5), bias_initializer: "zeros"));
        double lr = 0.1;
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: lr), loss: "mse");
        double[] xs = { 1.0, 2.0 }, ys = { 3.0, -1.0 };
        m.fit(new float[,] { { 1 }, { 2 } }, new float[,] { { 3 }, { -1 } }, batch_size: 1, epochs: 2, shuffle: false, verbose: 0);
        double w = 0.5, b = 0;
        for (int epoch = 0; epoch < 2; epoch++)
            for (int i = 0; i < 2; i++)
            {
                double e = w * xs[i] + b - ys[i];
                w -= lr * 2 * e * xs[i];
                b -= lr * 2 * e;
            }
        var weights = m.get_weights();
        Assert.Equal(w, (double)weights[0].GetSingle(0, 0), 5);
        Assert.Equal(b, (double)weights[1].GetSingle(0), 5);
    }

    [Fact]
    public void Dispose_frees_weights_and_optimizer_state_and_later_use_says_so()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(3, activation: "relu"), keras.layers.Dense(1));
        m.compile(optimizer: "adam", loss: "mse");
        m.fit(new float[8, 2], new float[8, 1], epochs: 1, verbose: 0);
        var weights = m.variables.Select(w => w.Value).ToList();
        Assert.Equal(4, weights.Count);
        Assert.Equal(4, m.optimizer!.Variables.Count()); // Adam's m and v for each of 4 weights
        m.Dispose();
        Assert.True(m.IsDisposed);
        Assert.All(weights, t => Assert.True(t.IsInvalid));
        Assert.Empty(m.optimizer!.Variables);
        var e = Assert.Throws<ObjectDisposedException>(() => m.fit(new float[8, 2], new float[8, 1], verbose: 0));
        Assert.Contains("Model \"sequential", e.Message);
        Assert.Contains("was disposed: its weights are freed", e.Message);
        Assert.Throws<ObjectDisposedException>(() => m.predict(new float[1, 2]));
        m.Dispose(); // a second Dispose does nothing
    }

    [Fact]
    public void LambdaCallback_calls_its_functions_and_builds_batch_logs_only_when_asked()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: "sgd", loss: "mse");
        var epochLosses = new List<double>();
        int begins = 0, ends = 0;
        var cb = keras.callbacks.LambdaCallback(on_epoch_end: (e, logs) => epochLosses.Add(logs["loss"]),
            on_train_begin: _ => begins++, on_train_end: _ => ends++);
        long before = Logs.EngineReads;
        var h = m.fit(new float[16, 2], new float[16, 1], batch_size: 4, epochs: 3, verbose: 0, callbacks: new[] { cb });
        Assert.Equal(3, Logs.EngineReads - before); // one read per epoch
        // Without batch functions, fit is told not to build per-batch logs at all.
        static bool UsesBatchHooks(Callback c) => (bool)typeof(Callback).GetProperty("UsesTrainBatchHooks",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(c)!;
        Assert.False(UsesBatchHooks(cb));
        Assert.True(UsesBatchHooks(keras.callbacks.LambdaCallback(on_train_batch_begin: (_, _) => { })));
        Assert.True(UsesBatchHooks(new KeepLogs()));
        Assert.False(UsesBatchHooks(keras.callbacks.EarlyStopping()));
        Assert.Equal(h.history["loss"], epochLosses);
        Assert.Equal((1, 1), (begins, ends));

        var batches = new List<(int batch, double loss)>();
        m.fit(new float[16, 2], new float[16, 1], batch_size: 4, epochs: 2, verbose: 0,
            callbacks: new[] { keras.callbacks.LambdaCallback(on_train_batch_end: (b, logs) => batches.Add((b, logs["loss"]))) });
        Assert.Equal(new[] { 0, 1, 2, 3, 0, 1, 2, 3 }, batches.Select(x => x.batch));
    }

    [Fact]
    public void ReduceLROnPlateau_follows_keras_patience_cooldown_and_min_lr()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 1.0), loss: "mse");
        var cb = keras.callbacks.ReduceLROnPlateau(monitor: "val_loss", factor: 0.5, patience: 2, cooldown: 1, min_lr: 0.2, min_delta: 0);
        cb.Bind(m, new Dictionary<string, object?>());
        cb.on_train_begin();
        double[] valLoss = { 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5 };
        var lrs = new List<double>(); var logged = new List<double>();
        for (int e = 0; e < valLoss.Length; e++)
        {
            var logs = new Logs();
            logs.Set("val_loss", valLoss[e]);
            cb.on_epoch_end(e, logs);
            lrs.Add(m.optimizer!.learning_rate);
            logged.Add(logs["learning_rate"]);
        }
        // Worked by hand from Keras's rules: reduce after 2 epochs without improvement, then skip one
        // epoch (cooldown), never below 0.2; 0.5 at epoch 6 is an improvement and resets the wait.
        Assert.Equal(new[] { 1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2 }, lrs);
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2 }, logged); // the rate the epoch ran with
        var e1 = Assert.Throws<ArgumentException>(() => keras.callbacks.ReduceLROnPlateau(factor: 1.0));
        Assert.Equal("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0", e1.Message); // Keras 3.15.1 reduce_lr_on_plateau.py
    }

    sealed class KeepLogs : Callback
    {
        public readonly List<Logs> Batches = new(), Epochs = new();
        public readonly List<double> BatchLossesReadInside = new();
        public override void on_train_batch_end(int batch, Logs logs) { Batches.Add(logs); BatchLossesReadInside.Add(logs["loss"]); }
        public override void on_epoch_end(int epoch, Logs logs) => Epochs.Add(logs);
    }

    [Fact]
    public void Logs_kept_past_their_step_still_show_that_step()
    {
        // Keras hands each batch a fresh dict, so a callback may keep it and read it later.
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: "sgd", loss: "mse");
        var x = new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
        var y = new float[,] { { 0 }, { 1 }, { 1 }, { 1 }, { 0 }, { 1 }, { 1 }, { 1 }, { 0 }, { 1 }, { 1 }, { 1 } };
        var keep = new KeepLogs();
        var h = m.fit(x, y, batch_size: 4, epochs: 2, verbose: 0, shuffle: false, callbacks: new[] { keep });
        // Read inside the callback, the last batch's running mean is the epoch's loss.
        Assert.Equal(6, keep.BatchLossesReadInside.Count);
        Assert.Equal(h.history["loss"][0], keep.BatchLossesReadInside[2], 6);
        Assert.Equal(h.history["loss"][1], keep.BatchLossesReadInside[5], 6);
        Assert.Equal(h.history["loss"][0], keep.Epochs[0]["loss"]);

        // Kept unread and read after fit: each batch's logs still show that batch's running mean.
        keras.utils.set_random_seed(1);
        var m2 = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m2.compile(optimizer: "sgd", loss: "mse");
        var kept = new List<Logs>();
        var h2 = m2.fit(x, y, batch_size: 4, epochs: 2, verbose: 0, shuffle: false, callbacks: new[] { new LambdaKeep(kept.Add) });
        Assert.Equal(6, kept.Count);
        for (int i = 0; i < 6; i++) Assert.Equal(keep.BatchLossesReadInside[i], kept[i]["loss"], 6);
        Assert.Equal(h2.history["loss"][1], kept[5]["loss"], 6);
    }

    sealed class LambdaKeep(Action<Logs> keep) : Callback
    {
        public override void on_train_batch_end(int batch, Logs logs) => keep(logs);
    }

    [Fact]
    public void Verbose_2_prints_one_keras_line_per_epoch()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: "sgd", loss: "mse", metrics: new[] { "accuracy" });
        var sw = new StringWriter();
        var bar = new ProgbarLogger(sw, dynamic: false);
        var h = m.fit(X, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, epochs: 2, verbose: 2, callbacks: new[] { bar });
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(@"^1/1 - \d+s - \d+(us|ms|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$", lines[1]);
        Assert.Equal("Epoch 2/2", lines[2]);
        Assert.EndsWith($"loss: {h.history["loss"][1]:0.0000}", lines[3]);
    }

    [Fact]
    public void Verbose_1_redirected_prints_one_bar_line_per_epoch()
    {
        keras.utils.set_random_seed(1);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, activation: "sigmoid"));
        m.compile(optimizer: "sgd", loss: "mse");
        var sw = new StringWriter();
        m.fit(new float[100, 2], new float[100, 1], batch_size: 10, epochs: 1, verbose: 1, callbacks: new[] { new ProgbarLogger(sw, dynamic: false) });
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Matches(@"^10/10 ━{20} \d+s \d+(us|ms|s)/step - loss: \d\.\d{4}$", lines[0]);
    }

    [Fact]
    public void Keras_l2_penalty_is_added_to_the_reported_loss()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, use_bias: false, kernel_regularizer: "l2"));
        m.set_weights(new[] { np.array(new float[,] { { 1 }, { 2 } }) });
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.0), loss: "mse");
        // Zero input, zero target: the loss is the penalty alone, Keras's 0.01 · (1 + 4) with no ½.
        var h = m.fit(new float[,] { { 0, 0 } }, new float[,] { { 0 } }, epochs: 1, verbose: 0);
        Assert.Equal(0.05, h.history["loss"][0], 6);
        Assert.Equal(0.05, m.evaluate(new float[,] { { 0, 0 } }, new float[,] { { 0 } }, verbose: 0)[0], 6);
    }
}
