using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Training;
using KerasSharp.Utils;
using NumSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>fit, evaluate and predict on every kind of data Keras 3 takes, with sample and class weights.</summary>
public class TrainerDataTests
{
    static readonly float[,] X5 = { { 1, 2, 3 }, { 0.5f, -1, 2 }, { -1, 0, 1 }, { 2, 1, 0 }, { 0, 0, 1 } };
    static readonly float[,] Y5 = { { 1, 0 }, { 0, 1 }, { 0, 1 }, { 1, 0 }, { 1, 0 } };
    static readonly float[] W5 = { 1.0f, 0.5f, 2.0f, 0.0f, 3.0f };

    static KerasSharp.Models.Sequential Softmax3To2()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 3 }), keras.layers.Dense(2, activation: "softmax"));
        m.set_weights(new[] { np.array(new float[,] { { 0.5f, -0.25f }, { 0.1f, 0.3f }, { -0.4f, 0.2f } }), np.array(new float[] { 0.05f, -0.05f }) });
        return m;
    }

    [Fact]
    public void Evaluate_with_sample_weights_matches_keras_and_weighs_only_weighted_metrics()
    {
        // Expected values: tests/KerasSharp.Tests/KerasOracle/trainer_sample_weight.py run with Keras 3.15.1:
        // {"unweighted": {"accuracy": 0.6000000238418579, "loss": 0.6983287334442139},
        //  "weighted": {"accuracy": 0.6000000238418579, "loss": 1.047790765762329}}
        // Keras weighs the loss and weighted_metrics by sample_weight, never `metrics`.
        var m = Softmax3To2();
        m.compile(optimizer: "sgd", loss: "categorical_crossentropy", metrics: new[] { "accuracy" }, weighted_metrics: new[] { "accuracy" });
        var plain = m.evaluate(X5, Y5, batch_size: 2, verbose: 0).ToDictionary();
        Assert.Equal(0.6983287334442139, plain["loss"], 6);
        Assert.Equal(0.6, plain["accuracy"], 6);
        var weighted = m.evaluate(X5, Y5, batch_size: 2, verbose: 0, sample_weight: W5).ToDictionary();
        Assert.Equal(1.047790765762329, weighted["loss"], 6);
        Assert.Equal(0.6, weighted["accuracy"], 6);
        // The predictions are right for samples 1, 2 and 3, of weights 0.5, 2 and 0: 2.5 of 6.5.
        Assert.Equal(2.5 / 6.5, weighted["weighted_accuracy"], 6);
        Assert.Equal(new[] { "loss", "accuracy", "weighted_accuracy" }, weighted.Keys);
    }

    static readonly float[,] Xr = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 2, -1 }, { -1, 2 }, { 0.5f, 0.5f } };
    static readonly int[] Cls = { 0, 1, 0, 2, 1, 0 };
    static readonly Dictionary<int, double> ClassWeight = new() { [0] = 0.5, [1] = 2, [2] = 1.5 };

    /// <summary>
    /// The explicitly weighted loss: y_true holds the class and the sample's weight, and the loss is
    /// the sparse crossentropy (Keras's clipping of probabilities included) times that weight.
    /// </summary>
    static Tensor ExplicitlyWeightedCrossentropy(Tensor yTrue, Tensor yPred)
    {
        var cls = yTrue.narrow(1, 0, 1).to(int64);
        var weight = yTrue.narrow(1, 1, 1).squeeze(1);
        var p = (yPred / yPred.sum(-1, keepdim: true)).clamp(1e-7, 1 - 1e-7);
        return -p.gather(1, cls).squeeze(1).log() * weight;
    }

    static List<float[]> KernelsAfterEachStep(Action<KerasSharp.Models.Sequential, Callback> fit)
    {
        keras.utils.set_random_seed(5);
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }),
            keras.layers.Dense(3, activation: "softmax", kernel_initializer: keras.initializers.Constant(0.1)));
        var kernels = new List<float[]>();
        fit(m, keras.callbacks.LambdaCallback(on_train_batch_end: (_, _) => kernels.Add(m.get_weights()[0].ToArray<float>())));
        return kernels;
    }

    [Fact]
    public void Sample_weight_and_class_weight_fits_equal_a_fit_on_an_explicitly_weighted_loss_step_for_step()
    {
        float[] weights = Cls.Select(c => (float)ClassWeight[c]).ToArray();
        var explicitY = new float[6, 2];
        for (int i = 0; i < 6; i++) { explicitY[i, 0] = Cls[i]; explicitY[i, 1] = weights[i]; }
        var byLoss = KernelsAfterEachStep((m, cb) =>
        {
            m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1), loss: (Func<Tensor, Tensor, Tensor>)ExplicitlyWeightedCrossentropy);
            m.fit(Xr, explicitY, batch_size: 4, epochs: 3, shuffle: false, verbose: 0, callbacks: new[] { cb });
        });
        var bySampleWeight = KernelsAfterEachStep((m, cb) =>
        {
            m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1), loss: "sparse_categorical_crossentropy");
            m.fit(Xr, Cls, batch_size: 4, epochs: 3, shuffle: false, verbose: 0, sample_weight: weights, callbacks: new[] { cb });
        });
        var byClassWeight = KernelsAfterEachStep((m, cb) =>
        {
            m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1), loss: "sparse_categorical_crossentropy");
            m.fit(Xr, Cls, batch_size: 4, epochs: 3, shuffle: false, verbose: 0, class_weight: ClassWeight, callbacks: new[] { cb });
        });
        var unweighted = KernelsAfterEachStep((m, cb) =>
        {
            m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1), loss: "sparse_categorical_crossentropy");
            m.fit(Xr, Cls, batch_size: 4, epochs: 3, shuffle: false, verbose: 0, callbacks: new[] { cb });
        });
        Assert.Equal(6, byLoss.Count);
        for (int s = 0; s < byLoss.Count; s++)
            for (int j = 0; j < byLoss[s].Length; j++)
            {
                Assert.Equal(byLoss[s][j], bySampleWeight[s][j], 5);
                Assert.Equal(byLoss[s][j], byClassWeight[s][j], 5);
            }
        // The weights matter: without them the steps differ.
        Assert.True(Math.Abs(unweighted[^1][0] - byLoss[^1][0]) > 1e-3);
    }

    [Fact]
    public void Class_weight_and_sample_weight_together_are_refused_with_keras_message()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(3, activation: "softmax"));
        m.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy");
        var e = Assert.Throws<ArgumentException>(() => m.fit(Xr, Cls, verbose: 0, class_weight: new Dictionary<int, double> { [0] = 2 }, sample_weight: new float[6]));
        Assert.Equal("You cannot `class_weight` and `sample_weight` at the same time.", e.Message);
    }

    [Fact]
    public void Steps_per_epoch_continues_the_pass_at_the_next_epoch()
    {
        // 10 samples, batch 4: 3 batches per pass. Keras's EpochIterator (keras/src/trainers/epoch_iterator.py)
        // keeps the pass across epochs and ends an epoch early, with a warning, when the pass runs out:
        // steps_per_epoch 2 over 3 epochs runs batches 0, 1 | 2 | 0, 1.
        var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.01), loss: "mse");
        var sizes = new List<double>();
        var x = Enumerable.Range(0, 10).Select(i => new[] { (float)i }).ToArray();
        var h = m.fit(x, x, batch_size: 4, epochs: 3, steps_per_epoch: 2, shuffle: false, verbose: 0,
            callbacks: new[] { keras.callbacks.LambdaCallback(on_train_batch_end: (b, logs) => sizes.Add(logs.GetCount("loss"))) });
        Assert.Equal(3, h.history["loss"].Count);
        Assert.Equal(5, m.optimizer!.iterations);
        // Samples seen within each epoch, after each batch.
        Assert.Equal(new double[] { 4, 8, 2, 4, 8 }, sizes);
    }

    [Fact]
    public void Validation_freq_validates_only_on_the_epochs_asked()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
        m.compile(optimizer: "sgd", loss: "mse");
        var x = new float[,] { { 1 }, { 2 }, { 3 } };
        var h = m.fit(x, x, epochs: 4, verbose: 0, validation_data: (x, x), validation_freq: 2);
        Assert.Equal(4, h.history["loss"].Count);
        Assert.Equal(2, h.history["val_loss"].Count);
        var h2 = m.fit(x, x, epochs: 4, verbose: 0, validation_data: (x, x), validation_freq: new[] { 1, 4 });
        Assert.Equal(2, h2.history["val_loss"].Count);
    }

    [Fact]
    public void Dictionaries_feed_inputs_and_targets_by_name()
    {
        var a = keras.Input(shape: new[] { 2 }, name: "left");
        var b = keras.Input(shape: new[] { 1 }, name: "right");
        var joined = keras.layers.Concatenate().Apply(a, b);
        var o1 = keras.layers.Dense(1, name: "score").Apply(joined);
        var o2 = keras.layers.Dense(2, activation: "softmax", name: "kind").Apply(joined);
        var m = keras.Model(new[] { a, b }, new[] { o1, o2 });
        Assert.Equal(new[] { "score", "kind" }, m.output_names);
        m.compile(optimizer: "adam", loss: new Dictionary<string, object> { ["score"] = "mse", ["kind"] = "sparse_categorical_crossentropy" },
            loss_weights: new Dictionary<string, double> { ["score"] = 1.0, ["kind"] = 0.5 },
            metrics: new Dictionary<string, object> { ["kind"] = new[] { "accuracy" } });
        var x = new Dictionary<string, object> { ["left"] = new float[,] { { 1, 2 }, { 3, 4 } }, ["right"] = new float[,] { { 1 }, { 0 } } };
        var y = new Dictionary<string, object> { ["score"] = new float[] { 1, 2 }, ["kind"] = new[] { 0, 1 } };
        var h = m.fit(x, y, epochs: 2, verbose: 0);
        Assert.Equal(new[] { "loss", "score_loss", "kind_loss", "kind_accuracy" }, h.history.Keys);
        // The total is score_loss + 0.5 · kind_loss.
        var r = m.evaluate(x, y, verbose: 0).ToDictionary();
        Assert.Equal(r["score_loss"] + 0.5 * r["kind_loss"], r["loss"], 5);
        var e = Assert.Throws<ArgumentException>(() => m.fit(new Dictionary<string, object> { ["left"] = new float[2, 2], ["rite"] = new float[2, 1] }, y, verbose: 0));
        Assert.Equal("When providing `x` as a dict, the keys must be the names of the model's inputs. Expected: [left, right], received: [left, rite].", e.Message);
    }

    sealed class Squares(int batches, int workers = 1) : PyDataset(workers: workers)
    {
        public int Calls;
        public int EpochEnds;
        public override int __len__() => batches;
        public override object __getitem__(int index)
        {
            Interlocked.Increment(ref Calls);
            var x = new float[4, 1];
            var y = new float[4, 1];
            for (int i = 0; i < 4; i++) { x[i, 0] = (index * 4 + i) / 10f; y[i, 0] = 2 * x[i, 0] + 1; }
            return (x, y);
        }
        public override void on_epoch_end() => EpochEnds++;
    }

    [Fact]
    public void PyDataset_batches_train_like_the_same_arrays_and_workers_change_nothing()
    {
        float[] Run(object data, bool shuffle)
        {
            keras.utils.set_random_seed(7);
            var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
            m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1), loss: "mse");
            if (data is PyDataset) m.fit(data, epochs: 3, shuffle: shuffle, verbose: 0);
            else m.fit(((float[,], float[,]))data, epochs: 3, verbose: 0);
            return m.get_weights().SelectMany(w => w.ToArray<float>()).ToArray();
        }
        var one = new Squares(5);
        var fromDataset = Run(one, false);
        Assert.Equal(15, one.Calls);
        Assert.Equal(3, one.EpochEnds);
        var four = new Squares(5, workers: 4);
        Assert.Equal(fromDataset, Run(four, false));
        Assert.Equal(15, four.Calls);
        // The same 20 samples as arrays, in order, in batches of 4.
        keras.utils.set_random_seed(7);
        var m2 = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
        m2.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1), loss: "mse");
        var xs = new float[20, 1]; var ys = new float[20, 1];
        for (int i = 0; i < 20; i++) { xs[i, 0] = i / 10f; ys[i, 0] = 2 * xs[i, 0] + 1; }
        m2.fit(xs, ys, batch_size: 4, epochs: 3, shuffle: false, verbose: 0);
        var fromArrays = m2.get_weights().SelectMany(w => w.ToArray<float>()).ToArray();
        for (int i = 0; i < fromArrays.Length; i++) Assert.Equal(fromArrays[i], fromDataset[i], 5);
        // evaluate and predict take it too.
        Assert.Equal(20, keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1)).predict(new Squares(5)).shape[0]);
    }

    [Fact]
    public void Generators_and_torch_data_loaders_feed_fit()
    {
        static IEnumerable<(float[,], float[,])> Batches()
        {
            for (int b = 0; b < 3; b++)
            {
                var x = new float[2, 1]; var y = new float[2, 1];
                for (int i = 0; i < 2; i++) { x[i, 0] = b + i; y[i, 0] = 3 * (b + i); }
                yield return (x, y);
            }
        }
        var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.01), loss: "mse");
        var h = m.fit(Batches(), epochs: 2, verbose: 0);
        Assert.Equal(2, h.history["loss"].Count);
        Assert.Equal(6, m.optimizer!.iterations);

        var x = torch.arange(8, dtype: float32).reshape(8, 1);
        using var ds = torch.utils.data.TensorDataset(x, x * 3);
        using var loader = torch.utils.data.DataLoader(ds, 4);
        var h2 = m.fit(loader, epochs: 1, verbose: 0);
        Assert.Single(h2.history["loss"]);
        Assert.Equal(8, m.optimizer!.iterations);
        var e = Assert.Throws<ArgumentException>(() => m.fit(Batches(), new float[6, 1], verbose: 0));
        Assert.Equal("When providing `x` as a generator, `y` should not be passed. Instead, the targets should be included as part of the generator.", e.Message);
    }

    [Fact]
    public void Empty_data_is_an_error_not_a_zero_loss()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: "sgd", loss: "mse");
        var e = Assert.Throws<ArgumentException>(() => m.fit(new float[0, 2], new float[0, 1], verbose: 0));
        Assert.Equal("The data holds 0 samples; fit, evaluate and predict need at least one.", e.Message);
        Assert.Throws<ArgumentException>(() => m.evaluate(new float[0, 2], new float[0, 1], verbose: 0));
        Assert.Throws<ArgumentException>(() => m.predict(new float[0, 2]));
        var e2 = Assert.Throws<ArgumentException>(() => m.evaluate(new float[2, 2], new float[2, 1], batch_size: 0, verbose: 0));
        Assert.Equal("batch_size must be a positive integer, received 0.", e2.Message);
    }

    [Fact]
    public void Shuffle_batch_keeps_each_batch_together()
    {
        var firsts = new List<float>();
        var m = keras.Sequential(keras.Input(shape: new[] { 1 }), new RecordFirst(firsts), keras.layers.Dense(1));
        m.compile(optimizer: "sgd", loss: "mse");
        var x = Enumerable.Range(0, 12).Select(i => new[] { (float)i }).ToArray();
        m.fit(x, x, batch_size: 4, epochs: 5, shuffle: "batch", verbose: 0);
        Assert.Equal(15, firsts.Count);
        Assert.All(firsts, f => Assert.Contains(f, new[] { 0f, 4f, 8f }));
        Assert.Equal(3, firsts.Distinct().Count());
    }

    /// <summary>A user layer (Keras's subclassing API) that passes its input on and records the first value of each training batch.</summary>
    sealed class RecordFirst(List<float> firsts) : KerasSharp.Layers.Layer(null)
    {
        public override int?[] compute_output_shape(int?[][] inputShapes) => inputShapes[0];
        public override Tensor call(Tensor[] inputs, bool training)
        {
            if (training) firsts.Add(inputs[0][0, 0].item<float>());
            return inputs[0];
        }
    }
}
