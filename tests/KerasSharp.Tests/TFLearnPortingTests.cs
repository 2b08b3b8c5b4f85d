using KerasSharp;
using KerasSharp.TFLearn;
using TorchSharp;
using Xunit;
using static KerasSharp.TFLearn.tflearn.data_utils;

namespace KerasSharp.Tests;

/// <summary>
/// Issue 17's frictions on the TFLearn side, each written as the Python line is written in C#
/// (the Python line in the comment above it). Expected texts and metric values come from numpy 1.24
/// and Keras 3.15.1 through kpython: tests/KerasSharp.Tests/KerasOracle/tflearn_numpy_and_metrics.py.
/// </summary>
public class TFLearnPortingTests
{
    static string Capture(Action a)
    {
        var sw = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(sw);
        try { a(); } finally { Console.SetOut(previous); }
        return sw.ToString();
    }

    static string Tmp(string name) => Path.Combine(Path.GetTempPath(), $"kerassharp-tflearn-{Guid.NewGuid():N}-{name}");

    // ----- data_utils -----

    [Fact]
    public void To_categorical_with_nb_classes_on_arrays_ndarrays_and_tensors()
    {
        // Y = to_categorical(Y, nb_classes=3)
        float[][] Y = to_categorical(new[] { 0, 2, 1 }, nb_classes: 3);
        Assert.Equal(new[] { new[] { 1f, 0f, 0f }, new[] { 0f, 0f, 1f }, new[] { 0f, 1f, 0f } }, Y);
        // (X, Y), (X_test, Y_test) = keras.datasets.cifar10.load_data(); Y = to_categorical(Y, 10): labels arrive as an [N, 1] NDArray.
        var labels = new NumSharp.NDArray(new byte[] { 3, 0, 9 }, new NumSharp.Shape(3, 1));
        NumSharp.NDArray onehot = tflearn.data_utils.to_categorical(labels, 10);
        Assert.Equal(new long[] { 3, 10 }, onehot.shape);
        Assert.Equal(1f, onehot.GetSingle(0, 3));
        Assert.Equal(1f, onehot.GetSingle(2, 9));
        Assert.Equal(3f, onehot.ToArray<float>().Sum());
        // A tensor of labels, on a float tensor as TFLearn's loaders give them (truncated as numpy's int32 cast).
        var t = to_categorical(torch.tensor(new float[] { 1f, 0f, 2.7f }), 3);
        Assert.Equal(new float[] { 0, 1, 0, 1, 0, 0, 0, 0, 1 }, t.data<float>().ToArray());
        Assert.Equal(torch.float32, t.dtype);
    }

    [Fact]
    public void To_categorical_without_nb_classes_makes_one_column_per_value_present()
    {
        // TFLearn data_utils.to_categorical(y) with nb_classes=None: (y[:, None] == np.unique(y)), the distinct values in sorted order.
        float[][] Y = to_categorical(new[] { 5, 2, 5, 7 });
        Assert.Equal(new[] { new[] { 0f, 1f, 0f }, new[] { 1f, 0f, 0f }, new[] { 0f, 1f, 0f }, new[] { 0f, 0f, 1f } }, Y);
        // On a tensor too (it used to need nb_classes).
        var t = to_categorical(torch.tensor(new long[] { 1, 0, 1 }));
        Assert.Equal(new long[] { 3, 2 }, t.shape);
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 1 }, t.data<float>().ToArray());
    }

    [Fact]
    public void To_categorical_names_the_label_that_does_not_fit()
    {
        var e = Assert.Throws<ArgumentException>(() => to_categorical(new[] { 0, 3, 1 }, 3));
        Assert.Equal("to_categorical: label 3 (sample 1) is out of bounds for nb_classes=3; labels must be integers in [0, 3).", e.Message);
        Assert.Contains("takes a 1-D array of labels", Assert.Throws<ArgumentException>(() => to_categorical(torch.zeros(2, 2))).Message);
    }

    [Fact]
    public void Shuffle_deconstructs_to_the_types_it_was_given()
    {
        keras.utils.set_random_seed(3);
        float[][] X = Enumerable.Range(0, 50).Select(i => new[] { (float)i, 2f * i }).ToArray();
        int[] Y = Enumerable.Range(0, 50).ToArray();
        // X, Y = shuffle(X, Y)
        var (X2, Y2) = shuffle(X, Y);
        Assert.IsType<float[][]>(X2);
        Assert.IsType<int[]>(Y2);
        Assert.NotEqual(Y, Y2);
        Assert.Equal(Y.OrderBy(v => v), Y2.OrderBy(v => v));
        for (int i = 0; i < 50; i++) Assert.Equal(new[] { (float)Y2[i], 2f * Y2[i] }, X2[i]);
        Assert.NotSame(X[Y2[0]], X2[0]); // rows are copied, as numpy's arr[p] copies
        // Tensors and NumSharp arrays keep their types (and dtypes) as well.
        var (tx, ny) = tflearn.data_utils.shuffle(torch.arange(6).reshape(3, 2), new NumSharp.NDArray(new int[] { 0, 1, 2 }));
        Assert.Equal(NumSharp.NPTypeCode.Int32, ny.typecode);
        var rows = tx.data<long>().ToArray();
        var order = ny.ToArray<int>();
        for (int i = 0; i < 3; i++) Assert.Equal(2L * order[i], rows[2 * i]);
        Assert.Equal("shuffle: all arrays must have the same length along the first axis; received 3, 2.",
            Assert.Throws<ArgumentException>(() => shuffle(new[] { 1, 2, 3 }, new[] { 1, 2 })).Message);
    }

    // ----- printing weights and predictions as numpy prints them -----

    [Theory]
    [InlineData("scalar_weight", new float[] { 0.2565f }, new[] { 1 }, "[0.2565]")]
    [InlineData("mixed", new float[] { 0.5f, 1.25f, -3f, 4f }, new[] { 2, 2 }, "[[ 0.5   1.25]\n [-3.    4.  ]]")]
    [InlineData("scientific", new float[] { 1e-5f, 1f, -2.5f }, new[] { 3 }, "[ 1.0e-05  1.0e+00 -2.5e+00]")]
    [InlineData("ratio", new float[] { 0.001f, 2f }, new[] { 2 }, "[1.e-03 2.e+00]")]
    [InlineData("rounded", new float[] { 0.012345679f, 1.5f }, new[] { 2 }, "[0.01234568 1.5       ]")]
    [InlineData("tie", new float[] { 0.001953125f, 1f }, new[] { 2 }, "[0.00195312 1.        ]")]
    [InlineData("nonfinite", new float[] { float.NaN, 1.5f, float.NegativeInfinity }, new[] { 3 }, "[ nan  1.5 -inf]")]
    [InlineData("predict_rank1", new float[] { 1.5315033f, 1.5585315f, 1.5855598f }, new[] { 3 }, "[1.5315033 1.5585315 1.5855598]")]
    public void Arrays_print_as_numpy_1_24_prints_them(string oracleName, float[] values, int[] shape, string numpy)
    {
        _ = oracleName; // the key in tflearn_numpy_and_metrics.py's output
        Assert.Equal(numpy, new TFLearnArray(values, shape).ToString());
    }

    [Fact]
    public void Long_arrays_wrap_at_75_columns_and_summarize_above_1000_values_as_numpy()
    {
        var sevenths = Enumerable.Range(0, 12).Select(i => i / 7f).ToArray();
        Assert.Equal("[[0.         0.14285715 0.2857143  0.42857143]\n [0.5714286  0.71428573 0.85714287 1.        ]\n [1.1428572  1.2857143  1.4285715  1.5714285 ]]",
            new TFLearnArray(sevenths, new[] { 3, 4 }).ToString());
        var wide = Enumerable.Range(0, 20).Select(i => (i - 10f) / 3f).ToArray();
        Assert.Equal("[-3.3333333  -3.         -2.6666667  -2.3333333  -2.         -1.6666666\n -1.3333334  -1.         -0.6666667  -0.33333334  0.          0.33333334\n  0.6666667   1.          1.3333334   1.6666666   2.          2.3333333\n  2.6666667   3.        ]",
            new TFLearnArray(wide, new[] { 20 }).ToString());
        var big = Enumerable.Range(0, 1500).Select(i => i / 10f).ToArray();
        Assert.Equal("[[0.000e+00 1.000e-01 2.000e-01 ... 4.700e+00 4.800e+00 4.900e+00]\n [5.000e+00 5.100e+00 5.200e+00 ... 9.700e+00 9.800e+00 9.900e+00]\n [1.000e+01 1.010e+01 1.020e+01 ... 1.470e+01 1.480e+01 1.490e+01]\n ...\n [1.350e+02 1.351e+02 1.352e+02 ... 1.397e+02 1.398e+02 1.399e+02]\n [1.400e+02 1.401e+02 1.402e+02 ... 1.447e+02 1.448e+02 1.449e+02]\n [1.450e+02 1.451e+02 1.452e+02 ... 1.497e+02 1.498e+02 1.499e+02]]",
            new TFLearnArray(big, new[] { 30, 50 }).ToString());
        var cube = Enumerable.Range(0, 24).Select(i => i - 12f).ToArray();
        Assert.Equal("[[[-12. -11. -10.  -9.]\n  [ -8.  -7.  -6.  -5.]\n  [ -4.  -3.  -2.  -1.]]\n\n [[  0.   1.   2.   3.]\n  [  4.   5.   6.   7.]\n  [  8.   9.  10.  11.]]]",
            new TFLearnArray(cube, new[] { 2, 3, 4 }).ToString());
    }

    [Fact]
    public void Get_weights_concatenates_as_text()
    {
        var input_ = tflearn.input_data(shape: [null]);
        var linear = tflearn.single_unit(input_);
        var m = tflearn.DNN(tflearn.regression(linear, optimizer: "sgd", loss: "mean_square", metric: "R2", learning_rate: 0.01));
        m.set_weights(linear.W!, new float[] { 0.2565f });
        m.set_weights(linear.b!, new float[] { 0.5f });
        // print("Y = " + str(m.get_weights(linear.W)) + "*X + " + str(m.get_weights(linear.b)))
        Assert.Equal("Y = [0.2565]*X + [0.5]", "Y = " + m.get_weights(linear.W!) + "*X + " + m.get_weights(linear.b!));
        Assert.Equal(new[] { 1 }, m.get_weights(linear.W!).shape);
    }

    // ----- linear_regression.py: input_data(shape=[None]), single_unit, metric='R2' -----

    [Fact]
    public void Linear_regression_example_learns_and_prints_its_result()
    {
        keras.utils.set_random_seed(1);
        float[] X = [3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f, 7.042f, 10.791f, 5.313f, 7.997f, 5.654f, 9.27f, 3.1f];
        float[] Y = [1.7f, 2.76f, 2.09f, 3.19f, 1.694f, 1.573f, 3.366f, 2.596f, 2.53f, 1.221f, 2.827f, 3.465f, 1.65f, 2.904f, 2.42f, 2.94f, 1.3f];
        var input_ = tflearn.input_data(shape: [null]);
        var linear = tflearn.single_unit(input_);
        var regression = tflearn.regression(linear, optimizer: "sgd", loss: "mean_square", metric: "R2", learning_rate: 0.01);
        var m = tflearn.DNN(regression);
        m.write_summaries = false;
        var text = Capture(() => m.fit(X, Y, n_epoch: 1000, show_metric: true, snapshot_epoch: false));
        var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Matches(@"^\| SGD \| epoch: 1000 \| loss: 0\.\d{5} - R2: 0\.\d{4} -- iter: 17/17$", last);
        Assert.Matches(@"^Y = \[0\.\d+\]\*X \+ \[0\.\d+\]$", "Y = " + m.get_weights(linear.W!) + "*X + " + m.get_weights(linear.b!));
        var p = m.predict([3.2f, 3.3f, 3.4f]);
        Assert.Equal(new[] { 3 }, p.shape);
        Assert.Matches(@"^\[\d\.\d+ \d\.\d+ \d\.\d+\]$", p.ToString());
        // linear_regression.py: "should output (close, not exact) y = [1.5315033197402954, 1.5585315227508545, 1.5855598449707031]"
        double[] tflearnSays = { 1.5315033197402954, 1.5585315227508545, 1.5855598449707031 };
        for (int i = 0; i < 3; i++) Assert.InRange(p[i][0], tflearnSays[i] - 0.1, tflearnSays[i] + 0.1);
    }

    [Fact]
    public void Input_data_of_one_dimension_is_one_value_per_sample()
    {
        // tflearn.input_data(shape=[None])
        var g = tflearn.input_data(shape: [null]);
        Assert.Equal(new int?[] { null }, g.shape);
        // A single dimension is kept as TFLearn keeps it: [5] is a batch of exactly 5 values.
        Assert.Equal(new int?[] { 5 }, tflearn.input_data(shape: [5]).shape);
        Assert.Equal(new int?[] { null, 28, 28, 1 }, tflearn.input_data(shape: [28, 28, 1]).shape);
        Assert.Contains("shape [] has no batch dimension", Assert.Throws<ArgumentException>(() => tflearn.input_data(shape: [])).Message);
        Assert.Contains("takes one value per sample", Assert.Throws<ArgumentException>(() => tflearn.single_unit(tflearn.input_data(shape: [null, 3]))).Message);
    }

    // ----- feeds by name -----

    [Fact]
    public void Fit_evaluate_and_predict_take_dictionaries_by_input_and_regression_name()
    {
        keras.utils.set_random_seed(1);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y = [[0f], [1f], [1f], [1f]];
        var g = tflearn.input_data(shape: [null, 2], name: "input");
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        g = tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square", name: "target");
        var m = tflearn.DNN(g);
        m.write_summaries = false;
        // m.fit({'input': X}, {'target': Y}, n_epoch=200, snapshot_epoch=False)
        Capture(() => m.fit(new Dictionary<string, object> { ["input"] = X }, new Dictionary<string, object> { ["target"] = Y }, n_epoch: 200, snapshot_epoch: false));
        Assert.True(m.predict(new Dictionary<string, object> { ["input"] = new float[][] { [1f, 1f] } })[0][0] > 0.8);
        Assert.Single(m.evaluate(new Dictionary<string, object> { ["input"] = X }, new Dictionary<string, object> { ["target"] = Y }));
        var e = Assert.Throws<ArgumentException>(() => m.fit(new Dictionary<string, object> { ["InputData"] = X }, Y, n_epoch: 1));
        Assert.Equal("Feed dict asks for variable named 'InputData' but no such variable is known to exist. The network's input is named 'input' (input_data(name: ...)).", e.Message);
    }

    [Fact]
    public void Default_feed_names_are_tflearns_InputData_and_TargetsData()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        var a = tflearn.regression(tflearn.fully_connected(g, 1), optimizer: "sgd", loss: "mean_square");
        var b = tflearn.regression(tflearn.fully_connected(g, 1), optimizer: "sgd", loss: "mean_square");
        var m = tflearn.DNN(tflearn.merge([a, b], mode: "elemwise_sum"));
        m.write_summaries = false;
        float[][] X = [[0f, 1f]], Y = [[1f]];
        Capture(() => m.fit(new Dictionary<string, object> { ["InputData"] = X },
            new Dictionary<string, object> { ["TargetsData"] = Y, ["TargetsData_1"] = Y }, n_epoch: 1, snapshot_epoch: false));
        Assert.Contains("The network's targets are named: TargetsData, TargetsData_1",
            Assert.Throws<ArgumentException>(() => m.evaluate(X, new Dictionary<string, object> { ["target"] = Y })).Message);
    }

    // ----- layers: highway -----

    [Fact]
    public void Highway_gate_starts_at_minus_one_and_its_limits_are_the_carry_and_a_dense_layer()
    {
        var g = tflearn.input_data(shape: [null, 4]);
        var h = tflearn.highway(g, 4, activation: "elu", transform_dropout: 0.8, weights_init: "xavier");
        Assert.Equal(new int?[] { null, 4 }, h.shape);
        Assert.Equal(new[] { "kernel", "bias", "W_T", "b_T" }, h.Layer!.variables.Select(w => w.name));
        Assert.All(h.b_t!.Value.data<float>().ToArray(), v => Assert.Equal(-1f, v));
        Assert.NotEqual(h.W!.Value.data<float>().ToArray(), h.W_t!.Value.data<float>().ToArray()); // one initializer, two draws
        var x = torch.tensor(new float[] { 0.5f, -1f, 2f, 0.25f, 1f, 1f, -0.5f, 3f }).reshape(2, 4);
        // Gate shut (b_T → −∞): the layer carries x through.
        h.b_t!.Assign(torch.full(4, -1e4f));
        Assert.Equal(x.data<float>().ToArray(), h.Layer.Apply(x).data<float>().ToArray());
        // Gate open (b_T → +∞): the layer is a Dense layer with W, b and the activation.
        h.b_t!.Assign(torch.full(4, 1e4f));
        var dense = keras.layers.Dense(4, activation: "elu");
        dense.Apply(keras.Input(shape: new[] { 4 }));
        dense.set_weights(new[] { h.Layer.get_weights()[0], h.Layer.get_weights()[1] });
        var expected = dense.Apply(x).data<float>().ToArray();
        var got = h.Layer.Apply(x).data<float>().ToArray();
        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], got[i], 5);
        Assert.Contains("needs as many inputs as units", Assert.Throws<ArgumentException>(() => tflearn.highway(g, 8)).Message);
    }

    [Fact]
    public void Highway_dnn_example_trains_with_top_k_and_saves_and_loads()
    {
        keras.utils.set_random_seed(2);
        var X = torch.rand(64, 12);
        var Y = to_categorical(X.argmax(1) % 4, 4);
        // input_layer = tflearn.input_data(shape=[None, 784]); dense1 = fully_connected(..., 'elu', regularizer='L2', weight_decay=0.001)
        var input_layer = tflearn.input_data(shape: [null, 12]);
        var dense1 = tflearn.fully_connected(input_layer, 8, activation: "elu", regularizer: "L2", weight_decay: 0.001);
        var highway = dense1;
        for (int i = 0; i < 3; i++)
            highway = tflearn.highway(highway, 8, activation: "elu", regularizer: "L2", weight_decay: 0.001, transform_dropout: 0.8);
        var softmax = tflearn.fully_connected(highway, 4, activation: "softmax");
        // top_k = tflearn.metrics.Top_k(3); net = tflearn.regression(softmax, optimizer=sgd, metric=top_k, loss='categorical_crossentropy')
        var top_k = tflearn.metrics.Top_k(3);
        var net = tflearn.regression(softmax, optimizer: tflearn.optimizers.SGD(learning_rate: 0.1), metric: top_k, loss: "categorical_crossentropy");
        var model = tflearn.DNN(net, tensorboard_verbose: 0);
        model.write_summaries = false;
        var text = Capture(() => model.fit(X, Y, n_epoch: 2, validation_set: (X, Y), show_metric: true, run_id: "highway_dense_model"));
        Assert.Matches(@"\| SGD \| epoch: 002 \| loss: \d\.\d{5} - top3: \d\.\d{4} \| val_loss: \d\.\d{5} - val_top3: \d\.\d{4} -- iter: 64/64", text);
        string path = Tmp("highway.keras");
        try
        {
            model.save(path);
            var before = model.predict(X).ToTFLearnArray().ToArray<float>();
            var loaded = keras.models.load_model(path, compile: false);
            var after = loaded.predict(X, verbose: 0);
            Assert.Equal(before, after.ToArray<float>());
        }
        finally { File.Delete(path); }
    }

    // ----- metrics -----

    [Fact]
    public void Top_k_and_R2_match_keras_on_the_same_batch()
    {
        var pred = torch.tensor(new float[] { 0.1f, 0.5f, 0.3f, 0.1f, 0.6f, 0.1f, 0.2f, 0.1f, 0.05f, 0.15f, 0.3f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f }).reshape(4, 4);
        var truth = to_categorical(torch.tensor(new long[] { 1, 3, 0, 2 }), 4);
        // Keras 3.15.1 TopKCategoricalAccuracy(k=3) → 0.75, k=1 → 0.25 (tflearn_numpy_and_metrics.py)
        Assert.Equal(0.75f, tflearn.metrics.Top_k(3).build(pred, truth).item<float>());
        Assert.Equal(0.25f, tflearn.Top_k().build(pred, truth).item<float>());
        Assert.Equal("top3", tflearn.metrics.Top_k(3).name);
        var yt = torch.tensor(new float[] { 1.7f, 2.76f, 2.09f, 3.19f, 1.694f }).reshape(5, 1);
        var yp = torch.tensor(new float[] { 1.6f, 2.9f, 2.0f, 3.0f, 1.8f }).reshape(5, 1);
        // Keras 3.15.1 R2Score → 0.952069878578186
        Assert.Equal(0.952069878578186, tflearn.metrics.R2().build(yp, yt).item<float>(), 6);
        Assert.Equal("R2", tflearn.metrics.get("R2").name);
        Assert.Equal("Invalid metrics: top5. Known TFLearn metric names: Accuracy, accuracy, Top_k, top_k, R2 (WeightedR2 and Prediction_Counts are not ported).",
            Assert.Throws<ArgumentException>(() => tflearn.metrics.get("top5")).Message);
    }

    [Fact]
    public void Accuracy_is_binary_on_logits_for_one_output_and_named_as_tflearn_names_it()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        var one = tflearn.regression(tflearn.fully_connected(g, 1), metric: tflearn.metrics.Accuracy());
        var m = tflearn.DNN(one);
        var fc = one.Layer!;
        fc.set_weights(new[] { new NumSharp.NDArray(new float[] { 1f, -1f }, new NumSharp.Shape(2, 1)), new NumSharp.NDArray(new float[] { 0f }) });
        // Logits 1, −1, 0.5 against labels 1, 0, 0: TFLearn thresholds logits at 0, so 2 of 3 are right.
        float[][] X = [[1f, 0f], [0f, 1f], [0.5f, 0f]];
        Assert.Equal(2.0 / 3, m.evaluate(X, new float[][] { [1f], [0f], [0f] })[0], 6);
        Assert.Equal("binary_acc", m.KerasModel.Config!.TrainOps[0].Metrics[0].name);
        Assert.Equal("BinaryAccuracy", m.KerasModel.Config!.TrainOps[0].Metrics[0].class_name);
        var three = tflearn.DNN(tflearn.regression(tflearn.fully_connected(g, 3), optimizer: "sgd"));
        Assert.Equal("acc", three.KerasModel.Config!.TrainOps[0].Metrics[0].name);
    }

    sealed class WrappedSgd
    {
        readonly KerasSharp.Optimizers.Optimizer inner = keras.optimizers.SGD(learning_rate: 0.5);
        public bool Built { get; private set; }
        public void build(object? step_tensor = null) => Built = true;
        public KerasSharp.Optimizers.Optimizer get_tensor() => inner;
    }

    [Fact]
    public void Regression_takes_an_optimizer_object_that_yields_an_optimizer_and_shows_its_class_name()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        var opt = new WrappedSgd();
        var m = tflearn.DNN(tflearn.regression(tflearn.fully_connected(g, 1), optimizer: opt, loss: "mean_square", metric: null));
        Assert.True(opt.Built);
        Assert.Equal("WrappedSgd", m.KerasModel.Config!.TrainOps[0].DisplayName);
        Assert.Same(opt.get_tensor(), m.KerasModel.Config!.TrainOps[0].Optimizer);
        Assert.Contains("yields no Optimizer", Assert.Throws<ArgumentException>(() => tflearn.regression(g, optimizer: 42)).Message);
    }

    // ----- variables -----

    [Fact]
    public void Layer_variables_by_name_and_their_values()
    {
        var input_layer = tflearn.input_data(shape: [null, 3], name: "input");
        var dense1 = tflearn.fully_connected(input_layer, 2, name: "dense1_vars");
        var model = tflearn.DNN(tflearn.regression(tflearn.fully_connected(dense1, 2, activation: "softmax")));
        // dense1_vars = tflearn.variables.get_layer_variables_by_name('dense1')
        var dense1_vars = tflearn.variables.get_layer_variables_by_name("dense1_vars");
        Assert.Equal(2, dense1_vars.Count);
        Assert.Same(dense1.W, dense1_vars[0]);
        Assert.Same(dense1.b, dense1_vars[1]);
        // print(model.get_weights(dense1_vars[0])); print(tflearn.variables.get_value(dense1_vars[1]))
        Assert.Equal(model.get_weights(dense1_vars[0]).ToString(), tflearn.variables.get_value(dense1.W!).ToString());
        Assert.Equal("[0. 0.]", tflearn.variables.get_value(dense1_vars[1]).ToString());
        Assert.Empty(tflearn.get_layer_variables_by_name("no_such_layer"));
    }

    // ----- checkpoints and fine-tuning -----

    static DNN Classifier(int classes, bool restoreLast, out TFLearnTensor last, string? checkpoint = null, int? max = null)
    {
        var network = tflearn.input_data(shape: [null, 6]);
        network = tflearn.fully_connected(network, 5, activation: "relu");
        last = tflearn.fully_connected(network, classes, activation: "softmax", restore: restoreLast);
        var m = tflearn.DNN(tflearn.regression(last, optimizer: "adam", loss: "categorical_crossentropy", learning_rate: 0.01),
            checkpoint_path: checkpoint, max_checkpoints: max);
        m.write_summaries = false;
        return m;
    }

    [Fact]
    public void Load_leaves_restore_false_layers_alone_and_names_a_layer_that_does_not_fit()
    {
        keras.utils.set_random_seed(4);
        string path = Tmp("cifar10_cnn");
        try
        {
            var trained = Classifier(10, true, out _);
            trained.save(path);
            var savedFirst = trained.KerasModel.layers[1].get_weights()[0].ToArray<float>();
            // softmax = fully_connected(network, num_classes, activation='softmax', restore=False); model.load('cifar10_cnn')
            var finetune = Classifier(2, false, out var softmax);
            var fresh = finetune.get_weights(softmax.W!).ToArray<float>();
            finetune.load(path);
            Assert.Equal(savedFirst, finetune.KerasModel.layers[1].get_weights()[0].ToArray<float>());
            Assert.Equal(fresh, finetune.get_weights(softmax.W!).ToArray<float>());
            // Without restore=False the shape that changed is an error naming the layer.
            var plain = Classifier(2, true, out var plainSoftmax);
            var e = Assert.Throws<InvalidDataException>(() => plain.load(path));
            Assert.Contains($"layer '{plainSoftmax.Layer!.name}'", e.Message);
            Assert.Contains("restore: false", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Snapshot_epoch_false_saves_no_epoch_checkpoints_and_max_checkpoints_prunes_step_snapshots()
    {
        keras.utils.set_random_seed(5);
        var X = torch.rand(40, 6);
        var Y = to_categorical(X.argmax(1) % 2, 2);
        string dir = Tmp("ckpt");
        Directory.CreateDirectory(dir);
        try
        {
            var m = Classifier(2, true, out _, checkpoint: Path.Combine(dir, "model_finetuning"), max: 1);
            // model.fit(X, Y, n_epoch=3, batch_size=4, snapshot_step=2, snapshot_epoch=False)
            Capture(() => m.fit(X, Y, n_epoch: 3, batch_size: 4, snapshot_step: 2, snapshot_epoch: false));
            Assert.Equal(15, m.LastCheckpoints!.Written.Count); // 30 steps, a snapshot every 2
            Assert.Equal(new[] { "model_finetuning-30" }, Directory.GetFiles(dir).Select(Path.GetFileName));
            var n = Classifier(2, true, out _, checkpoint: Path.Combine(dir, "epochs"));
            Capture(() => n.fit(X, Y, n_epoch: 2, batch_size: 40, snapshot_epoch: false));
            Assert.Empty(n.LastCheckpoints!.Written);
            Capture(() => n.fit(X, Y, n_epoch: 2, batch_size: 40, snapshot_epoch: true));
            Assert.Equal(new[] { "epochs-1", "epochs-2" }, n.LastCheckpoints!.Written.Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, true); }
    }

    // ----- the console -----

    [Fact]
    public void Console_shows_tensorflows_moving_average_and_reads_the_engine_only_when_it_refreshes()
    {
        keras.utils.set_random_seed(1);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y = [[0f], [1f], [1f], [1f]];
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        var m = tflearn.DNN(tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square", metric: null));
        m.write_summaries = false;
        double before = m.evaluate(X, Y)[0];
        var first = Capture(() => m.fit(X, Y, n_epoch: 1, snapshot_epoch: false, run_id: "EMA"));
        // TF's ExponentialMovingAverage(0.9, num_updates=0) at the first step: decay min(0.9, 1/10) = 0.1 from a shadow of 0,
        // so the console shows 0.9 × the first batch's loss.
        Assert.EndsWith($"| SGD | epoch: 001 | loss: {(0.9 * before).ToString("0.00000", System.Globalization.CultureInfo.InvariantCulture)} -- iter: 4/4",
            first.TrimEnd('\n'));
        Capture(() => m.fit(X, Y, n_epoch: 2000, snapshot_epoch: false));
        Assert.Equal(2000, m.LastLogger!.Step);
        Assert.InRange(m.LastLogger.Reads, 1, 100); // about one read a second, and one at the end, not 2000
    }
}
