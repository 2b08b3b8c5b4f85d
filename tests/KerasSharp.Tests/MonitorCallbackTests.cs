using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Models;
using KerasSharp.Training;
using NumSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's callback tests, ported with small models: monitor_callback_test.py,
/// early_stopping_test.py, reduce_lr_on_plateau_test.py, learning_rate_scheduler_test.py and
/// terminate_on_nan_test.py. Each test names the Keras test it ports; the numbers are Keras's.
/// </summary>
public class MonitorCallbackTests
{
    static readonly Random Rng = new(1337);

    static float[,] RandomArray(int rows, int cols)
    {
        var a = new float[rows, cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[i, j] = (float)Rng.NextDouble();
        return a;
    }

    /// <summary>test_utils.get_test_data(10, 10, (3,), 2) with one-hot labels: the values do not matter to these tests.</summary>
    static (float[,] x, float[,] y) TestData(int n = 10)
    {
        var x = RandomArray(n, 3);
        var y = new float[n, 2];
        for (int i = 0; i < n; i++) y[i, Rng.Next(2)] = 1;
        return (x, y);
    }

    static (string stdout, T result) CaptureOut<T>(Func<T> f)
    {
        var old = Console.Out; var w = new StringWriter();
        Console.SetOut(w);
        try { var r = f(); return (w.ToString(), r); }
        finally { Console.SetOut(old); }
    }

    static string CaptureOut(Action f) => CaptureOut(() => { f(); return 0; }).stdout;

    static string CaptureErr(Action f)
    {
        var old = Console.Error; var w = new StringWriter();
        Console.SetError(w);
        try { f(); return w.ToString(); }
        finally { Console.SetError(old); }
    }

    static Model ReluModel(int inputs)
    {
        var m = keras.Sequential(keras.Input(shape: new[] { inputs }), keras.layers.Dense(1, activation: "relu"), keras.layers.Dense(1, activation: "relu"));
        return m;
    }

    // ----- monitor_callback_test.py -----

    [Fact]
    public void Monitor_op_logic_takes_the_direction_from_the_metric()
    {
        // test_monitor_op_logic ("hinge" and F1Score are left out: KerasSharp has no such metrics yet).
        var (x, y) = (RandomArray(10, 5), RandomArray(10, 1));
        var (xt, yt) = (RandomArray(10, 5), RandomArray(10, 1));
        var model = ReluModel(5);
        model.compile(loss: "mae", optimizer: "adam", metrics: new object[] { "mse", "acc", "accuracy" });
        var cases = new (string mode, string monitor, string expected)[]
        {
            ("max", "val_mse", "max"), ("min", "val_loss", "min"), ("auto", "val_mse", "min"), ("auto", "loss", "min"),
            ("auto", "acc", "max"), ("auto", "val_accuracy", "max"),
        };
        foreach (var (mode, monitor, expected) in cases)
        {
            var cb = new MonitorCallback(monitor, mode);
            cb.Bind(model, new Dictionary<string, object?>());
            model.fit(x, y, batch_size: 5, validation_data: (xt, yt), epochs: 2, verbose: 0);
            cb._set_monitor_op();
            Assert.Same(expected == "max" ? MonitorCallback.greater : MonitorCallback.less, cb.monitor_op);
        }
        var unknown = new MonitorCallback("unknown");
        unknown.Bind(model, new Dictionary<string, object?>());
        var e = Assert.Throws<ArgumentException>(() => unknown._set_monitor_op());
        Assert.Equal("MonitorCallback callback received monitor=unknown, but Keras isn't able to automatically determine whether that metric should be maximized or minimized. " +
            "Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.", e.Message);
    }

    [Fact]
    public void Min_delta_counts_in_the_metric_direction()
    {
        // test_min_delta
        var cb = new MonitorCallback(mode: "max", min_delta: 0.5);
        cb._set_monitor_op();
        Assert.True(cb._is_improvement(0.75, 0));
        Assert.True(cb._is_improvement(0.5, null));
        Assert.False(cb._is_improvement(0.5, 0));
        Assert.False(cb._is_improvement(0.2, 0.5));
    }

    // ----- early_stopping_test.py -----

    [Fact]
    public void Early_stopping_takes_the_direction_from_the_metric_and_refuses_an_unknown_monitor()
    {
        // test_early_stopping (without "hinge" and F1Score, which KerasSharp does not have yet)
        var (x, y) = (RandomArray(10, 5), RandomArray(10, 1));
        var (xt, yt) = (RandomArray(10, 5), RandomArray(10, 1));
        var model = ReluModel(5);
        model.compile(loss: "mae", optimizer: "adam", metrics: new object[] { "mse", "acc", "accuracy" });
        foreach (var (mode, monitor, expected) in new[] { ("max", "val_mse", "max"), ("min", "val_loss", "min"), ("auto", "val_mse", "min"),
            ("auto", "loss", "min"), ("auto", "acc", "max"), ("auto", "val_accuracy", "max") })
        {
            var stopper = keras.callbacks.EarlyStopping(patience: 0, monitor: monitor, mode: mode);
            model.fit(x, y, batch_size: 5, validation_data: (xt, yt), callbacks: new[] { stopper }, epochs: 2, verbose: 0);
            Assert.Same(expected == "max" ? MonitorCallback.greater : MonitorCallback.less, stopper.monitor_op);
        }
        Assert.Throws<ArgumentException>(() => model.fit(x, y, batch_size: 5, validation_data: (xt, yt),
            callbacks: new[] { keras.callbacks.EarlyStopping(patience: 0, monitor: "unknown") }, epochs: 2, verbose: 0));
    }

    [Fact]
    public void Early_stopping_patience_stops_at_keras_epoch()
    {
        // test_early_stopping_patience: stopped_epoch == max(patience, 1) + 2
        double[] losses = { 10.0, 9.0, 8.0, 9.0, 8.9, 8.8, 8.7, 8.6, 8.5 };
        foreach (int patience in new[] { 0, 1, 2, 3 })
        {
            var model = ReluModel(1);
            model.compile(loss: "mse", optimizer: "sgd");
            var stopper = keras.callbacks.EarlyStopping(monitor: "loss", patience: patience);
            stopper.Bind(model, new Dictionary<string, object?>());
            stopper.on_train_begin();
            for (int epoch = 0; epoch < losses.Length; epoch++)
            {
                var logs = new Logs(); logs.Set("loss", losses[epoch]);
                stopper.on_epoch_end(epoch, logs);
                if (model.stop_training) break;
            }
            Assert.Equal(Math.Max(patience, 1) + 2, stopper.stopped_epoch);
        }
    }

    [Fact]
    public void Early_stopping_is_reusable_and_honours_baseline_and_start_from_epoch()
    {
        // test_early_stopping_reuse, test_early_stopping_with_baseline, test_early_stopping_with_start_from_epoch
        var data = RandomArray(100, 1);
        var labels = new float[100, 1];
        for (int i = 0; i < 100; i++) labels[i, 0] = data[i, 0] > 0.5f ? 1 : 0;
        var model = ReluModel(1);
        model.compile(optimizer: "sgd", loss: "mae", metrics: new object[] { "mse" });
        var stopper = keras.callbacks.EarlyStopping(monitor: "mse", patience: 3);
        Assert.True(model.fit(data, labels, callbacks: new[] { stopper }, verbose: 0, epochs: 20).epoch.Count >= 3);
        Assert.True(model.fit(data, labels, callbacks: new[] { stopper }, verbose: 0, epochs: 20).epoch.Count >= 3);

        var (x, y) = (RandomArray(10, 5), RandomArray(10, 1));
        var m2 = ReluModel(5);
        m2.compile(optimizer: "sgd", loss: "mae", metrics: new object[] { "mse" });
        Assert.True(m2.fit(x, y, callbacks: new[] { keras.callbacks.EarlyStopping(monitor: "mse", patience: 3, baseline: 0.6) }, verbose: 0, epochs: 20).epoch.Count >= 3);
        Assert.True(m2.fit(x, y, callbacks: new[] { keras.callbacks.EarlyStopping(monitor: "mse", patience: 3, start_from_epoch: 2) }, verbose: 0, epochs: 20).epoch.Count >= 3 + 2);
        Assert.True(m2.fit(x, y, callbacks: new[] { keras.callbacks.EarlyStopping(monitor: "mse", patience: 0, start_from_epoch: 2) }, verbose: 0, epochs: 20).epoch.Count >= 2);
    }

    [Fact]
    public void Early_stopping_clears_its_state_on_train_begin()
    {
        // test_state_reset_across_fit_calls
        var stopper = keras.callbacks.EarlyStopping(monitor: "loss", patience: 3);
        stopper.Bind(ReluModel(1), new Dictionary<string, object?>());
        stopper.on_train_begin();
        stopper.best = 0.1; stopper.wait = 3; stopper.stopped_epoch = 5; stopper.best_epoch = 5; stopper.best_weights = Array.Empty<NDArray>();
        stopper.on_train_begin();
        Assert.Null(stopper.best);
        Assert.Equal(0, stopper.wait);
        Assert.Equal(0, stopper.stopped_epoch);
        Assert.Equal(0, stopper.best_epoch);
        Assert.Null(stopper.best_weights);
    }

    [Fact]
    public void Early_stopping_restores_the_best_weights_at_train_end()
    {
        // test_early_stopping_final_weights_when_restoring_model_weights: Keras's DummyModel holds the epoch as its
        // weights; here a one-weight model holds it.
        var model = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1, use_bias: false));
        void SetWeightToEpoch(int epoch) => model.set_weights(new[] { np.array(new float[,] { { epoch } }) });
        float Weight() => model.get_weights()[0].GetSingle(0, 0);
        int Run(EarlyStopping early, double[] losses, int? otherStopAt = null)
        {
            early.Bind(model, new Dictionary<string, object?>());
            model.stop_training = false;
            int trained = 0;
            early.on_train_begin();
            for (int epoch = 0; epoch < losses.Length; epoch++)
            {
                trained++;
                SetWeightToEpoch(epoch);
                var logs = new Logs(); logs.Set("val_loss", losses[epoch]);
                early.on_epoch_end(epoch, logs);
                if (epoch == otherStopAt) model.stop_training = true;
                if (model.stop_training) break;
            }
            early.on_train_end();
            return trained;
        }
        // The best configuration is epoch 2 (loss 0.1): with patience 2 the weights of epoch 2 come back.
        Run(keras.callbacks.EarlyStopping(monitor: "val_loss", patience: 2, restore_best_weights: true), new[] { 0.2, 0.15, 0.1, 0.11, 0.12 });
        Assert.Equal(2f, Weight());
        // No epoch beats the baseline: training stops after 5 epochs, and epoch 2's weights come back.
        Assert.Equal(5, Run(keras.callbacks.EarlyStopping(monitor: "val_loss", patience: 5, baseline: 0.5, restore_best_weights: true), new[] { 0.9, 0.8, 0.7, 0.71, 0.72, 0.73 }));
        Assert.Equal(2f, Weight());
        // Another callback stops training at epoch 3: the best weights are restored all the same (Keras 3).
        Assert.Equal(4, Run(keras.callbacks.EarlyStopping(monitor: "val_loss", patience: 5, baseline: 0.5, restore_best_weights: true), new[] { 0.9, 0.8, 0.7, 0.71, 0.72, 0.73 }, otherStopAt: 3));
        Assert.Equal(2f, Weight());
    }

    // ----- reduce_lr_on_plateau_test.py -----

    static Model ReduceLrModel(Optimizers.Optimizer optimizer)
    {
        var model = keras.Sequential(keras.Input(shape: new[] { 3 }), keras.layers.Dense(5), keras.layers.Dense(2));
        model.compile(loss: "mse", optimizer: optimizer);
        return model;
    }

    static void FitReduce(Model model, ReduceLROnPlateau reduce, int epochs)
    {
        var (x, y) = TestData(); var (xt, yt) = TestData();
        model.fit(x, y, validation_data: (xt, yt), callbacks: new[] { reduce }, epochs: epochs, verbose: 0);
    }

    [Fact]
    public void Reduce_lr_with_model_fit_min_lr_and_cooldown()
    {
        // test_reduces_lr_with_model_fit: 0.1 → 0.01 (assertEqual on Keras's float32 rate)
        var m = ReduceLrModel(keras.optimizers.Adam(0.1));
        FitReduce(m, keras.callbacks.ReduceLROnPlateau(patience: 1, factor: 0.1, monitor: "val_loss", min_delta: 100), 2);
        Assert.Equal(0.01f, (float)m.optimizer!.learning_rate);
        // test_honors_min_lr
        m = ReduceLrModel(keras.optimizers.Adam(0.1));
        FitReduce(m, keras.callbacks.ReduceLROnPlateau(patience: 1, factor: 0.1, monitor: "val_loss", min_delta: 10, min_lr: 0.005), 4);
        Assert.Equal(0.005f, (float)m.optimizer!.learning_rate);
        // test_cooldown: with a cooldown of 2 the rate is reduced twice in 4 epochs (assertAllClose).
        m = ReduceLrModel(keras.optimizers.Adam(0.1));
        FitReduce(m, keras.callbacks.ReduceLROnPlateau(patience: 1, factor: 0.1, monitor: "val_loss", min_delta: 100, cooldown: 2), 4);
        Assert.Equal(0.001, m.optimizer!.learning_rate, 1e-6);
    }

    [Fact]
    public void Reduce_lr_throws_when_the_optimizer_has_a_schedule()
    {
        // test_throws_when_optimizer_has_schedule
        var m = ReduceLrModel(keras.optimizers.Adam(keras.optimizers.schedules.PolynomialDecay(initial_learning_rate: 0.1, decay_steps: 10)));
        var e = Assert.Throws<InvalidOperationException>(() => FitReduce(m, keras.callbacks.ReduceLROnPlateau(patience: 1, factor: 0.1, monitor: "val_loss", min_delta: 100), 2));
        Assert.StartsWith("This optimizer was created with a `LearningRateSchedule`", e.Message);
    }

    [Fact]
    public void Reduce_lr_verbose_logging()
    {
        // test_verbose_logging
        var m = ReduceLrModel(keras.optimizers.Adam(0.1));
        var (output, _) = CaptureOut(() => { FitReduce(m, keras.callbacks.ReduceLROnPlateau(patience: 1, factor: 0.1, monitor: "val_loss", min_delta: 100, verbose: 1), 2); return 0; });
        Assert.Contains("ReduceLROnPlateau reducing learning rate to 0.01", output);
        // Keras reads its float32 rate: float(np.float32(0.1)) * 0.1 = 0.010000000149011612.
        Assert.Contains("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000149011612.", output);
    }

    [Fact]
    public void Reduce_lr_clears_its_state_on_train_begin()
    {
        // test_state_reset_across_fit_calls
        var reduce = keras.callbacks.ReduceLROnPlateau(patience: 1, factor: 0.1, monitor: "loss", min_delta: 0, cooldown: 2);
        reduce.Bind(ReduceLrModel(keras.optimizers.Adam(0.1)), new Dictionary<string, object?>());
        reduce.on_train_begin();
        reduce.best = 0.5; reduce.wait = 3; reduce.cooldown_counter = 2;
        reduce.on_train_begin();
        Assert.Null(reduce.best);
        Assert.Equal(0, reduce.wait);
        Assert.Equal(0, reduce.cooldown_counter);
        Assert.Equal("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0",
            Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(factor: 1.0)).Message);
    }

    // ----- learning_rate_scheduler_test.py -----

    static Model SchedulerModel(Optimizers.Optimizer optimizer) => ReduceLrModel(optimizer);

    [Fact]
    public void Scheduler_updates_the_learning_rate()
    {
        // test_updates_learning_rate and test_verbose_logging
        var m = SchedulerModel("sgd");
        var (x, y) = TestData();
        var (output, _) = CaptureOut(() => m.fit(x, y, callbacks: new[] { keras.callbacks.LearningRateScheduler(step => 1.0 / (2.0 + step), verbose: 1) }, epochs: 1, verbose: 0));
        Assert.Equal(0.5, m.optimizer!.learning_rate);
        Assert.Contains("LearningRateScheduler setting learning rate to 0.5", output);
        m = SchedulerModel("sgd");
        (output, _) = CaptureOut(() => m.fit(x, y, callbacks: new[] { keras.callbacks.LearningRateScheduler(step => 1.0 / (1.0 + step), verbose: 1) }, epochs: 1, verbose: 0));
        Assert.Contains("LearningRateScheduler setting learning rate to 1.0", output);
    }

    [Fact]
    public void Scheduler_schedule_may_depend_on_the_previous_rate()
    {
        // test_schedule_dependent_on_previous_learning_rate: 0.03 halved twice (assertEqual on Keras's float32 rate)
        var m = SchedulerModel(keras.optimizers.Adam(0.03));
        var (x, y) = TestData();
        m.fit(x, y, callbacks: new[] { keras.callbacks.LearningRateScheduler((step, lr) => lr / 2) }, epochs: 2, verbose: 0);
        Assert.Equal((float)(0.03 / 4.0), (float)m.optimizer!.learning_rate);
    }

    [Fact]
    public void Scheduler_throws_when_the_optimizer_has_a_schedule()
    {
        // test_throws_when_optimizer_has_schedule
        var m = SchedulerModel(keras.optimizers.Adam(keras.optimizers.schedules.PolynomialDecay(initial_learning_rate: 0.1, decay_steps: 10)));
        var (x, y) = TestData();
        var e = Assert.Throws<InvalidOperationException>(() => m.fit(x, y, callbacks: new[] { keras.callbacks.LearningRateScheduler((step, lr) => lr / 2) }, epochs: 2, verbose: 0));
        Assert.StartsWith("This optimizer was created with a `LearningRateSchedule`", e.Message);
    }

    [Fact]
    public void Scheduler_puts_the_learning_rate_in_history()
    {
        // test_learning_rate_in_history
        var m = SchedulerModel("sgd");
        var (x, y) = TestData();
        var history = m.fit(x, y, callbacks: new[] { keras.callbacks.LearningRateScheduler((step, lr) => 0.5) }, epochs: 1, verbose: 0);
        Assert.Equal(0.5, history.history["learning_rate"][0]);
    }

    // ----- terminate_on_nan_test.py -----

    [Fact]
    public void Terminate_on_nan_stops_after_the_first_epoch()
    {
        // test_TerminateOnNaN: five relu Dense(2) layers with kernels of 1e5 overflow the loss in the first epoch.
        var layers = new List<Layers.Layer>();
        for (int i = 0; i < 5; i++) layers.Add(keras.layers.Dense(2, activation: "relu", kernel_initializer: keras.initializers.Constant(1e5)));
        layers.Add(keras.layers.Dense(2));
        var model = keras.Sequential(new Layers.Layer[] { keras.Input(shape: new[] { 3 }) }.Concat(layers));
        model.compile(loss: "mean_squared_error", optimizer: "sgd");
        var (x, y) = TestData(); var (xt, yt) = TestData();
        List<double> loss = null!;
        CaptureOut(() => { loss = model.fit(x, y, batch_size: 4, validation_data: (xt, yt), callbacks: new[] { keras.callbacks.TerminateOnNaN() }, epochs: 20, verbose: 0).history["loss"]; });
        Assert.Single(loss);
        Assert.True(double.IsNaN(loss[0]) || double.IsInfinity(loss[0]));
    }

    sealed class TrackingCallback : Callback
    {
        public bool TrainEndCalled;
        public override void on_train_end(Logs? logs = null) => TrainEndCalled = true;
    }

    [Fact]
    public void Terminate_on_nan_raise_error_throws_and_skips_on_train_end()
    {
        // test_terminate_on_nan_graceful_stop, test_terminate_on_nan_raise_error_raises_error,
        // test_raise_error_terminate_does_not_trigger_on_train_end
        Model Make() { var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1)); m.compile(optimizer: "sgd", loss: "mse"); return m; }
        var x = new float[,] { { 1 }, { 2 } };
        var y = new float[,] { { float.PositiveInfinity }, { float.PositiveInfinity } };
        List<double> graceful = null!;
        CaptureOut(() => { graceful = Make().fit(x, y, epochs: 2, batch_size: 1, callbacks: new[] { keras.callbacks.TerminateOnNaN(raise_error: false) }, verbose: 0).history["loss"]; });
        Assert.True(graceful.Count < 4);
        var e = Assert.Throws<InvalidOperationException>(() => Make().fit(x, y, epochs: 1, batch_size: 1, callbacks: new[] { keras.callbacks.TerminateOnNaN(raise_error: true) }, verbose: 0));
        Assert.StartsWith("NaN or Inf loss encountered at batch 0. Loss value: inf.", e.Message);
        var tracking = new TrackingCallback();
        Assert.Throws<InvalidOperationException>(() => Make().fit(new float[,] { { 1 } }, new float[,] { { float.PositiveInfinity } }, epochs: 1,
            callbacks: new Callback[] { tracking, keras.callbacks.TerminateOnNaN(raise_error: true) }, verbose: 0));
        Assert.False(tracking.TrainEndCalled);
    }

    // ----- callback.py: on_train_batch_* call on_batch_* by default -----

    sealed class OldStyleBatchHooks : Callback
    {
        public readonly List<string> Calls = new();
        public override void on_batch_begin(int batch, Logs? logs = null) => Calls.Add($"begin {batch}");
        public override void on_batch_end(int batch, Logs logs) => Calls.Add($"end {batch} {logs.ContainsKey("loss")}");
    }

    [Fact]
    public void A_subclass_overriding_on_batch_end_is_called_for_each_training_batch()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
        m.compile(optimizer: "sgd", loss: "mse");
        var cb = new OldStyleBatchHooks();
        m.fit(new float[4, 1], new float[4, 1], batch_size: 2, epochs: 1, callbacks: new[] { cb }, verbose: 0);
        Assert.Equal(new[] { "begin 0", "end 0 True", "begin 1", "end 1 True" }, cb.Calls);
    }

    // ----- ModelCheckpoint shares the monitor logic -----

    [Fact]
    public void Model_checkpoint_save_best_only_uses_the_metric_direction_and_saves_when_the_monitor_is_missing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ks-ckpt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
            m.compile(optimizer: "sgd", loss: "mse", metrics: new object[] { "accuracy" });
            var ck = keras.callbacks.ModelCheckpoint(Path.Combine(dir, "best.weights.h5"), monitor: "accuracy", save_best_only: true, save_weights_only: true, verbose: 1);
            ck.Bind(m, new Dictionary<string, object?>());
            var (output, _) = CaptureOut(() =>
            {
                foreach (var (epoch, acc) in new[] { (0, 0.5), (1, 0.4), (2, 0.75) })
                {
                    var logs = new Logs(); logs.Set("accuracy", acc);
                    ck.on_epoch_end(epoch, logs);
                }
                return 0;
            });
            Assert.Same(MonitorCallback.greater, ck.monitor_op); // accuracy rises
            Assert.Equal(2, ck.Saved.Count);
            Assert.Contains("\nEpoch 1: accuracy improved from None to 0.50000, saving model to ", output);
            Assert.Contains("\nEpoch 2: accuracy did not improve from 0.50000", output);
            Assert.Contains("\nEpoch 3: accuracy improved from 0.50000 to 0.75000, saving model to ", output);
            // Keras saves when the monitored value is missing, with a warning.
            string warning = CaptureErr(() => ck.on_epoch_end(3, new Logs()));
            Assert.Contains("Can save best model only with accuracy available.", warning);
            Assert.Equal(3, ck.Saved.Count);
            Assert.Equal("Unrecognized save_freq: often. Expected save_freq are 'epoch' or integer values",
                Assert.Throws<ArgumentException>(() => keras.callbacks.ModelCheckpoint("x.keras", save_freq: "often")).Message);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
