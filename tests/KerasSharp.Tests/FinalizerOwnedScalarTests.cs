using System.Diagnostics.Tracing;
using KerasSharp.TFLearn;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// TorchSharp 0.107 makes a native scalar for every number passed where it takes a Scalar and does not
/// put it in a dispose scope, so only the finalizer frees it; when other threads allocate hard (a
/// PyDataset's workers) the finalizer can free it while the native call that uses it is running
/// ("Unknown scalar type", seen twice on a 2 GB streamed fit). The training step passes scalars made
/// once or held for the call instead. These tests hold that deterministically: they count the
/// Scalars (and tensors) the finalizer frees after a fit, by the runtime's FinalizeObject events, and
/// require that training 8 more steps leaves not one more to it.
/// </summary>
public class FinalizerOwnedScalarTests
{
    /// <summary>Counts FinalizeObject events by type; a sentinel object marks the end of a collection.</summary>
    sealed class FinalizerCounter : EventListener
    {
        static readonly IntPtr ScalarType = typeof(Scalar).TypeHandle.Value, TensorType = typeof(Tensor).TypeHandle.Value,
            SentinelType = typeof(Sentinel).TypeHandle.Value;
        int scalars, tensors, sentinels;

        protected override void OnEventSourceCreated(EventSource source)
        {
            // The runtime's GC keyword at Verbose carries FinalizeObject (payload TypeID: the type's method table).
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("FinalizeObject") || e.PayloadNames is null) return;
            int at = e.PayloadNames.IndexOf("TypeID");
            if (at < 0 || e.Payload![at] is not IntPtr type) return;
            if (type == ScalarType) Interlocked.Increment(ref scalars);
            else if (type == TensorType) Interlocked.Increment(ref tensors);
            else if (type == SentinelType) Interlocked.Increment(ref sentinels);
        }

        /// <summary>
        /// Collects everything unreachable and runs its finalizers, round after round until a round
        /// frees nothing more (what a timer or another thread still held a moment ago is counted
        /// here too), and returns the counts once their events have arrived.
        /// </summary>
        public (int scalars, int tensors) CollectAndCount()
        {
            var last = CollectOnce();
            for (int round = 0; round < 50; round++)
            {
                Thread.Sleep(50);
                var now = CollectOnce();
                if (now == last) return now;
                last = now;
            }
            return last;
        }

        /// <summary>Collects until 500 ms pass without a finalization (at most 10 s): what other tests' timers and threads still held.</summary>
        public (int scalars, int tensors) Quiesce()
        {
            var last = CollectAndCount();
            var wait = System.Diagnostics.Stopwatch.StartNew();
            while (wait.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(500);
                var now = CollectAndCount();
                if (now == last) break;
                last = now;
            }
            return last;
        }

        (int scalars, int tensors) CollectOnce()
        {
            int expected = Volatile.Read(ref sentinels) + 1;
            MakeSentinel();
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            // The events come through the runtime's event pipe on another thread; the sentinel's is the
            // last of this collection's finalizers.
            var wait = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref sentinels) < expected)
            {
                if (wait.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The runtime's FinalizeObject event for the sentinel did not arrive in 60 s.");
                Thread.Sleep(20);
            }
            return (Volatile.Read(ref scalars), Volatile.Read(ref tensors));
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static void MakeSentinel() => _ = new Sentinel();
    }

    sealed class Sentinel
    {
        ~Sentinel() { }
    }

    static readonly Tensor X = torch.rand(new long[] { 64, 6 }, generator: new torch.Generator(7));
    static readonly Tensor Labels = torch.randint(0, 3, new long[] { 64 }, generator: new torch.Generator(8));
    static readonly Tensor OneHot = torch.nn.functional.one_hot(Labels, 3).to(float32);
    static readonly Tensor Binary = (X[.., 0] > 0.5).to(float32).reshape(-1, 1);

    /// <summary>Builds a fresh model and fits it for the given epochs (64 samples, batch 16: 4 steps an epoch).</summary>
    static readonly Dictionary<string, Action<int>> Networks = new()
    {
        // Functional: L2, L1L2 and activity regularizers, Add and Average merges, gelu and hard_sigmoid,
        // Huber loss, Adam with global_clipnorm, a metric.
        ["regularized functional, Huber, Adam global_clipnorm"] = epochs =>
        {
            keras.utils.set_random_seed(1);
            var inp = keras.Input(shape: new[] { 6 });
            var a = keras.layers.Dense(8, activation: "gelu", kernel_regularizer: keras.regularizers.L2(0.01), activity_regularizer: keras.regularizers.L1(0.001)).Apply(inp);
            var b = keras.layers.Dense(8, activation: "hard_sigmoid", kernel_regularizer: keras.regularizers.L1L2(0.01, 0.01)).Apply(inp);
            var sum = keras.layers.Add().Apply(new[] { a, b });
            var avg = keras.layers.Average().Apply(new[] { a, sum });
            using var m = keras.Model(inp, keras.layers.Dense(1).Apply(avg));
            m.compile(optimizer: keras.optimizers.Adam(global_clipnorm: 1.0), loss: "huber", metrics: new[] { "mae" });
            m.fit(X, Binary, batch_size: 16, epochs: epochs, verbose: 0);
        },
        // Conv2D, BatchNormalization, pooling, seeded Dropout, sparse crossentropy, RMSprop, validation.
        ["convnet with batch normalization, RMSprop, validation"] = epochs =>
        {
            keras.utils.set_random_seed(2);
            using var m = keras.Sequential(keras.Input(shape: new[] { 2, 3, 1 }), keras.layers.Conv2D(4, 2, padding: "same", activation: "relu"),
                keras.layers.BatchNormalization(), keras.layers.MaxPooling2D(2, padding: "same"), keras.layers.Flatten(),
                keras.layers.Dropout(0.3, seed: 3), keras.layers.Dense(3, activation: "softmax"));
            m.compile(optimizer: keras.optimizers.RMSprop(), loss: "sparse_categorical_crossentropy", metrics: new[] { "accuracy" });
            m.fit(X.reshape(-1, 2, 3, 1), Labels, batch_size: 16, epochs: epochs, verbose: 0, validation_split: 0.25);
        },
        // Embedding, LSTM, GRU, binary crossentropy, SGD with Nesterov momentum and clipnorm.
        ["recurrent, SGD nesterov clipnorm"] = epochs =>
        {
            keras.utils.set_random_seed(4);
            var seq = (X * 9).to(int64);
            using var m = keras.Sequential(keras.Input(shape: new[] { 6 }), keras.layers.Embedding(10, 4), keras.layers.LSTM(4, return_sequences: true),
                keras.layers.GRU(4), keras.layers.Dense(1, activation: "sigmoid"));
            m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.05, momentum: 0.9, nesterov: true, clipnorm: 1.0), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
            m.fit(seq, Binary, batch_size: 16, epochs: epochs, verbose: 0);
        },
        // TFLearn: L2 regularizers, dropout, categorical_crossentropy, Adam, the default clip_gradients, summaries.
        ["TFLearn DNN with L2, dropout, clip_gradients"] = epochs =>
        {
            keras.utils.set_random_seed(5);
            var g = tflearn.input_data(shape: [null, 6]);
            g = tflearn.fully_connected(g, 8, activation: "relu", regularizer: "L2");
            g = tflearn.dropout(g, 0.8);
            g = tflearn.fully_connected(g, 3, activation: "softmax", regularizer: "L2");
            g = tflearn.regression(g, optimizer: "adam", loss: "categorical_crossentropy");
            string logs = Path.Combine(Path.GetTempPath(), "kerassharp-finalizer-test-" + Guid.NewGuid().ToString("N"));
            var previous = Console.Out;
            Console.SetOut(TextWriter.Null);
            try
            {
                using var m = tflearn.DNN(g, tensorboard_dir: logs);
                m.fit(X, OneHot, n_epoch: epochs, batch_size: 16, snapshot_epoch: false);
            }
            finally { Console.SetOut(previous); try { Directory.Delete(logs, true); } catch (IOException) { } }
        },
        // A PyDataset read by two worker threads (where the race showed): sparse labels, Adam, accuracy.
        ["PyDataset with 2 workers"] = epochs =>
        {
            keras.utils.set_random_seed(6);
            using var m = keras.Sequential(keras.Input(shape: new[] { 6 }), keras.layers.Dense(8, activation: "relu"), keras.layers.Dense(3, activation: "softmax"));
            m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: new[] { "accuracy" });
            m.fit(new Batches(), epochs: epochs, verbose: 0);
        },
        // Keras losses with constants, one after another on the same network. (Not log_cosh: TorchSharp's
        // own nn.functional.softplus turns its beta and threshold into two such scalars per call.)
        ["kl_divergence, poisson, squared_hinge, categorical_hinge, msle, mape"] = epochs =>
        {
            foreach (var loss in new[] { "kl_divergence", "poisson", "squared_hinge", "categorical_hinge", "mean_squared_logarithmic_error", "mean_absolute_percentage_error" })
            {
                keras.utils.set_random_seed(7);
                using var m = keras.Sequential(keras.Input(shape: new[] { 6 }), keras.layers.Dense(3, activation: "softmax"));
                m.compile(optimizer: "sgd", loss: loss);
                m.fit(X, OneHot, batch_size: 16, epochs: epochs, verbose: 0);
            }
        },
        // Activations with constants, a Dense layer each. (Not softplus or mish: TorchSharp's own
        // nn.functional.softplus makes two such scalars per call; nor sparsemax.)
        ["elu, leaky_relu, softsign, gelu, hard_sigmoid, hard_tanh, celu, soft_shrink, hard_shrink, sparse_plus, squareplus, sparse_sigmoid"] = epochs =>
        {
            keras.utils.set_random_seed(8);
            var layers = new List<Layers.Layer> { keras.layers.InputLayer(shape: new[] { 6 }) };
            foreach (var activation in new[] { "elu", "leaky_relu", "softsign", "gelu", "hard_sigmoid", "hard_tanh", "celu", "soft_shrink", "hard_shrink", "sparse_plus", "squareplus", "sparse_sigmoid" })
                layers.Add(keras.layers.Dense(5, activation: activation));
            layers.Add(keras.layers.Dense(3, activation: "softmax"));
            using var m = keras.Sequential(layers.ToArray());
            m.compile(optimizer: "sgd", loss: "categorical_crossentropy");
            m.fit(X, OneHot, batch_size: 16, epochs: epochs, verbose: 0);
        },
        // Metrics, confusion-matrix ones included. (Not log_cosh_error: softplus, as above.)
        ["mae, mse, accuracy, top-k, AUC, Precision, Recall, mape, msle, cosine similarity, KL, RMSE"] = epochs =>
        {
            keras.utils.set_random_seed(9);
            using var m = keras.Sequential(keras.Input(shape: new[] { 6 }), keras.layers.Dense(3, activation: "softmax"));
            m.compile(optimizer: "sgd", loss: "categorical_crossentropy", metrics: new[] { "mae", "mse", "accuracy", "top_k_categorical_accuracy", "AUC",
                "Precision", "Recall", "mape", "msle", "cosine_similarity", "kl_divergence", "RootMeanSquaredError" });
            m.fit(X, OneHot, batch_size: 16, epochs: epochs, verbose: 0);
        },
    };

    /// <summary>The 64 samples in 4 batches of 16, made as arrays on the workers.</summary>
    sealed class Batches() : Utils.PyDataset(workers: 2)
    {
        public override int __len__() => 4;
        public override object __getitem__(int index)
        {
            var x = new float[16, 6];
            var y = new long[16];
            for (int i = 0; i < 16; i++)
            {
                for (int j = 0; j < 6; j++) x[i, j] = ((index * 16 + i) * 7 + j * 3) % 11 / 10f;
                y[i] = (index * 16 + i) % 3;
            }
            return (x, y);
        }
    }

    public static IEnumerable<object[]> NetworkNames => Networks.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void Eight_more_training_steps_leave_no_scalar_or_tensor_to_the_finalizer(string network)
    {
        var fit = Networks[network];
        fit(1); // JIT, caches and one-time setup, outside the counted runs
        using var counter = new FinalizerCounter();
        // A fit of 3 epochs runs 8 steps more than a fit of 1 (12 against 4): each finalizer-owned
        // temporary of the step adds 8 to every 3-epoch count. Three times each, interleaved, after
        // what earlier tests left behind has been let go of; the smallest of each kind is compared,
        // so an object another test's thread let go of during a window cannot pass for a leak.
        var scalars = new List<int>[] { new(), new() };
        var tensors = new List<int>[] { new(), new() };
        var before = counter.Quiesce();
        for (int rep = 0; rep < 3; rep++)
            foreach (var (epochs, k) in new[] { (1, 0), (3, 1) })
            {
                fit(epochs);
                var after = counter.CollectAndCount();
                scalars[k].Add(after.scalars - before.scalars);
                tensors[k].Add(after.tensors - before.tensors);
                before = after;
            }
        string Report(List<int>[] counts) => $"1-epoch fits {string.Join(", ", counts[0])}; 3-epoch fits {string.Join(", ", counts[1])}";
        Assert.True(scalars[1].Min() - scalars[0].Min() < 8, $"{network}: Scalars freed by the finalizer after {Report(scalars)}.");
        Assert.True(tensors[1].Min() - tensors[0].Min() < 8, $"{network}: tensors freed by the finalizer after {Report(tensors)}.");
    }
}
