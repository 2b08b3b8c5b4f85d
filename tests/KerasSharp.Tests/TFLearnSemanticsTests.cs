using KerasSharp;
using KerasSharp.Layers;
using KerasSharp.TFLearn;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>Each TFLearn-specific semantic, with a number that Keras's semantics would not give.</summary>
public class TFLearnSemanticsTests
{
    static void Quiet(Action a)
    {
        var previous = Console.Out;
        Console.SetOut(TextWriter.Null);
        try { a(); } finally { Console.SetOut(previous); }
    }

    [Fact]
    public void L2_regularizer_is_weight_decay_times_half_the_sum_of_squares()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        var fc = tflearn.fully_connected(g, 1, bias: false, regularizer: "L2", weight_decay: 0.1);
        var r = tflearn.regression(fc, optimizer: "sgd", loss: "mean_square", metric: null);
        var m = tflearn.DNN(r);
        m.set_weights(fc.W!, new float[,] { { 1 }, { 2 } });
        // The prediction error is 0, so the loss is the penalty alone: 0.1 · (1 + 4) / 2 (Keras's L2 would give 0.5).
        Assert.Equal(0.25, m.evaluate(new float[,] { { 0, 0 } }, new float[,] { { 0 } })[0], 6);
        Assert.Contains("Known regularizer names: L1, L2", Assert.Throws<ArgumentException>(() => tflearn.fully_connected(g, 1, regularizer: "l2")).Message);
    }

    [Fact]
    public void Dropout_keep_prob_is_the_fraction_kept()
    {
        var g = tflearn.input_data(shape: [null, 100000]);
        var d = tflearn.dropout(g, 0.8);
        keras.utils.set_random_seed(0);
        var y = d.Layer!.Apply(torch.ones(1, 100000), training: true);
        double kept = (y != 0).to(torch.float32).mean().item<float>();
        Assert.InRange(kept, 0.79, 0.81); // Keras's Dropout(0.8) would keep 0.2
        Assert.Equal(1.25f, y.max().item<float>(), 5);
        Assert.Equal(1f, d.Layer!.Apply(torch.ones(1, 100000), training: false).min().item<float>());
    }

    [Fact]
    public void Conv_and_pooling_pad_same_by_default()
    {
        var g = tflearn.input_data(shape: [null, 5, 5, 1]);
        var c = tflearn.conv_2d(g, 4, 3);
        Assert.Equal(new int?[] { null, 5, 5, 4 }, c.shape);   // Keras's default 'valid' gives 3×3
        var p = tflearn.max_pool_2d(c, 2);
        Assert.Equal(new int?[] { null, 3, 3, 4 }, p.shape);   // 'valid' gives 2×2
        Assert.Equal(new int?[] { null, 3, 3, 4 }, tflearn.avg_pool_2d(c, 2).shape);
    }

    [Fact]
    public void Dnn_clips_gradients_to_global_norm_5()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        var fc = tflearn.fully_connected(g, 1, bias: false);
        var m = tflearn.DNN(tflearn.regression(fc, optimizer: "sgd", learning_rate: 0.1, loss: "mean_square", metric: null));
        m.set_weights(fc.W!, new float[,] { { 1 }, { 0 } });
        Quiet(() => m.fit(new float[,] { { 100, 0 } }, new float[,] { { 0 } }, n_epoch: 1, snapshot_epoch: false));
        // The gradient is 2·100·100 = 20000; clipped to norm 5 the step is 0.1·5 (unclipped Keras would reach −1999).
        Assert.Equal(new float[] { 0.5f, 0f }, m.get_weights(fc.W!).ToArray<float>());
    }

    /// <summary>
    /// The global-norm clip on the CPU (TFLearn's clip_gradients), small and large gradients,
    /// against Keras 3.15.1's clip_by_global_norm (keras.src.optimizers.base_optimizer), run with
    /// ../shared/tools/keras3/kpython on the same float32 gradients.
    /// </summary>
    [Fact]
    public void Global_norm_clip_matches_keras_for_small_and_large_gradients()
    {
        static void Near(float[] expected, float[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Abs(expected[i]), $"[{i}] expected {expected[i]}, got {actual[i]}");
        }
        // Small gradients: norm √174 > 5.
        var small = new[] { torch.tensor(new float[,] { { 3, 4 }, { 1, -2 } }), torch.tensor(new float[] { 12, 0.5f, -0.25f }) };
        KerasSharp.Optimizers.Optimizer.ClipByGlobalNorm(small, 5.0);
        Near(new[] { 1.1361273527145386f, 1.5148364305496216f, 0.3787091076374054f, -0.7574182152748108f }, small[0].data<float>().ToArray());
        Near(new[] { 4.544509410858154f, 0.1893545538187027f, -0.09467727690935135f }, small[1].data<float>().ToArray());
        // The same gradients, the first one a transposed (non-contiguous) view: the engine's norm path, same numbers.
        var transposed = new[] { torch.tensor(new float[,] { { 3, 1 }, { 4, -2 } }).t(), torch.tensor(new float[] { 12, 0.5f, -0.25f }) };
        Assert.False(transposed[0].is_contiguous());
        KerasSharp.Optimizers.Optimizer.ClipByGlobalNorm(transposed, 5.0);
        Near(new[] { 1.1361273527145386f, 1.5148364305496216f, 0.3787091076374054f, -0.7574182152748108f }, transposed[0].contiguous().data<float>().ToArray());
        Near(new[] { 4.544509410858154f, 0.1893545538187027f, -0.09467727690935135f }, transposed[1].data<float>().ToArray());
        // Below the clip nothing changes.
        var under = new[] { torch.tensor(new float[] { 3, 4 }) };
        KerasSharp.Optimizers.Optimizer.ClipByGlobalNorm(under, 100.0);
        Assert.Equal(new float[] { 3, 4 }, under[0].data<float>().ToArray());
        // A gradient of 5,000 values with a small one.
        var mixed = new[] { torch.full(5000, 0.1f), torch.tensor(new float[] { 12, 0.5f, -0.25f }) };
        KerasSharp.Optimizers.Optimizer.ClipByGlobalNorm(mixed, 5.0);
        var big = mixed[0].data<float>().ToArray();
        Near(Enumerable.Repeat(0.03586902841925621f, 5000).ToArray(), big);
        Near(new[] { 4.304283618927002f, 0.17934514582157135f, -0.08967257291078568f }, mixed[1].data<float>().ToArray());
    }

    [Fact]
    public void Binary_crossentropy_takes_logits()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        var fc = tflearn.fully_connected(g, 1, bias: false);
        var m = tflearn.DNN(tflearn.regression(fc, optimizer: "sgd", loss: "binary_crossentropy", metric: null));
        m.set_weights(fc.W!, new float[,] { { 0 }, { 0 } });
        // Logit 0 → log 2 whatever the label (a probability-based crossentropy would see p = 0 and give 16.1 for y = 1).
        Assert.Equal(Math.Log(2), m.evaluate(new float[,] { { 1, 1 } }, new float[,] { { 1 } })[0], 5);
    }

    [Fact]
    public void Adam_uses_epsilon_1e_8_and_hinge_loss_keeps_labels_as_given()
    {
        var g = tflearn.input_data(shape: [null, 1]);
        var fc = tflearn.fully_connected(g, 1, bias: false);
        var r = tflearn.regression(fc, optimizer: "adam", loss: "hinge_loss", metric: null);
        var m = tflearn.DNN(r);
        Assert.Equal(1e-8, ((KerasSharp.Optimizers.Adam)m.KerasModel.optimizer!).epsilon);
        m.set_weights(fc.W!, new float[,] { { 0.5f } });
        // mean(max(1 − y·ŷ, 0)) with y = 0 kept as 0: 1 (Keras maps 0 to −1 and gives 1.5).
        Assert.Equal(1.0, m.evaluate(new float[,] { { 1 } }, new float[,] { { 0 } })[0], 6);
    }

    [Fact]
    public void Ftrl_step_follows_tensorflow()
    {
        var opt = tflearn.optimizers.Ftrl(learning_rate: 3.0);
        var w = new TorchSharp.Modules.Parameter(torch.tensor(new float[] { 1f, -2f }));
        w.grad = torch.tensor(new float[] { 0.5f, -1f });
        opt.apply_gradients(new[] { w });
        double[] W0 = { 1, -2 }, G = { 0.5, -1 };
        var expected = W0.Zip(G, (x, g) =>
        {
            double accNew = 0.1 + g * g;
            double linear = g - (Math.Sqrt(accNew) - Math.Sqrt(0.1)) / 3.0 * x;
            double quadratic = Math.Sqrt(accNew) / 3.0;
            return Math.Abs(linear) > 0 ? -linear / quadratic : 0;
        }).ToArray();
        var got = w.detach().data<float>().ToArray();
        for (int i = 0; i < 2; i++) Assert.Equal(expected[i], got[i], 5);
    }

    [Fact]
    public void Local_response_normalization_does_not_divide_alpha_by_the_window()
    {
        var lrn = new LocalResponseNormalization(depth_radius: 1, bias: 1.0, alpha: 0.5, beta: 1.0);
        lrn.Apply(keras.Input(shape: new[] { 1, 1, 3 }));
        var x = torch.tensor(new float[] { 1, 2, 3 }).view(1, 1, 1, 3); // channels-last, as tf.nn.lrn
        var y = lrn.Apply(x).reshape(-1).data<float>().ToArray();
        Assert.Equal(1 / (1 + 0.5 * (1 + 4)), y[0], 5);
        Assert.Equal(2 / (1 + 0.5 * (1 + 4 + 9)), y[1], 5);
        Assert.Equal(3 / (1 + 0.5 * (4 + 9)), y[2], 5);
    }

    [Fact]
    public void Merge_concat_and_sum_shapes_and_unknown_mode()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        var a = tflearn.fully_connected(g, 3);
        var b = tflearn.fully_connected(g, 3);
        Assert.Equal(new int?[] { null, 6 }, tflearn.merge([a, b], mode: "concat").shape);
        Assert.Equal(new int?[] { null, 3 }, tflearn.merge([a, b], mode: "elemwise_sum").shape);
        Assert.Contains("Known modes: elemwise_mul, elemwise_sum, concat", Assert.Throws<ArgumentException>(() => tflearn.merge([a, b], mode: "max")).Message);
    }

    [Fact]
    public void Logical_py_xor_with_two_regressions_learns()
    {
        keras.utils.set_random_seed(1);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        var g = tflearn.input_data(shape: [null, 2]);
        var g_nand = tflearn.fully_connected(g, 32, activation: "linear");
        g_nand = tflearn.fully_connected(g_nand, 32, activation: "linear");
        g_nand = tflearn.fully_connected(g_nand, 1, activation: "sigmoid");
        g_nand = tflearn.regression(g_nand, optimizer: "sgd", learning_rate: 2.0, loss: "binary_crossentropy");
        var g_or = tflearn.fully_connected(g, 32, activation: "linear");
        g_or = tflearn.fully_connected(g_or, 32, activation: "linear");
        g_or = tflearn.fully_connected(g_or, 1, activation: "sigmoid");
        g_or = tflearn.regression(g_or, optimizer: "sgd", learning_rate: 2.0, loss: "binary_crossentropy");
        var m = tflearn.DNN(tflearn.merge([g_nand, g_or], mode: "elemwise_mul"));
        Quiet(() => m.fit(X, new object[] { new float[][] { [1f], [1f], [1f], [0f] }, new float[][] { [0f], [1f], [1f], [1f] } }, n_epoch: 400, snapshot_epoch: false));
        var p = X.Select(x => m.predict([x])[0][0]).ToArray();
        Assert.True(p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1, string.Join(", ", p));
        Assert.Equal(2, m.KerasModel.Config!.TrainOps.Count);
        Assert.Equal(new[] { "SGD_", "SGD_1_" }, m.KerasModel.Config!.TrainOps.Select(o => o.Prefix));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(8, true)]
    public void Xor_needs_a_hidden_layer(int hidden, bool learns)
    {
        keras.utils.set_random_seed(1);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        var g = tflearn.input_data(shape: [null, 2]);
        if (hidden > 0) g = tflearn.fully_connected(g, hidden, activation: "tanh", weights_init: "xavier");
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        var m = tflearn.DNN(tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square"));
        Quiet(() => m.fit(X, new float[][] { [0f], [1f], [1f], [0f] }, n_epoch: 2000, snapshot_epoch: false));
        var p = X.Select(x => m.predict([x])[0][0]).ToArray();
        bool ok = p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1;
        Assert.Equal(learns, ok);
        if (!learns) Assert.All(p, v => Assert.InRange(v, 0.4, 0.6));
    }

    [Fact]
    public void Show_metric_and_validation_print_tflearn_lines_and_snapshot_separator()
    {
        keras.utils.set_random_seed(1);
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 2, activation: "softmax");
        var m = tflearn.DNN(tflearn.regression(g, optimizer: "adam", learning_rate: 0.1, loss: "categorical_crossentropy"));
        var sw = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(sw);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y = [[1f, 0f], [0f, 1f], [0f, 1f], [0f, 1f]];
        try { m.fit(X, Y, n_epoch: 2, validation_set: (X, Y), show_metric: true, run_id: "VAL"); }
        finally { Console.SetOut(previous); }
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Validation samples: 4", lines);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^\| Adam \| epoch: 002 \| loss: \d\.\d{5} - acc: \d\.\d{4} \| val_loss: \d\.\d{5} - val_acc: \d\.\d{4} -- iter: 4/4$"));
        Assert.Equal("--", lines[^1]);
        Assert.Equal(new[] { 1.0 }.Length, m.evaluate(X, Y).Length);
    }

    [Fact]
    public void Image_preprocessing_uses_training_statistics_at_predict_time_and_augmentation_keeps_shapes()
    {
        var prep = new ImagePreprocessing();
        prep.add_featurewise_zero_center();
        prep.add_featurewise_stdnorm();
        var aug = new ImageAugmentation();
        aug.add_random_flip_leftright();
        aug.add_random_rotation(max_angle: 25.0);
        var g = tflearn.input_data(shape: [null, 4, 4, 1], data_preprocessing: prep, data_augmentation: aug);
        var f = tflearn.fully_connected(g, 2, activation: "softmax");
        var m = tflearn.DNN(tflearn.regression(f));
        var x = torch.arange(0, 32, dtype: torch.float32).view(2, 4, 4, 1);
        Quiet(() => m.fit(x, new float[][] { [1f, 0f], [0f, 1f] }, n_epoch: 1, snapshot_epoch: false));
        Assert.Equal(15.5f, prep.Mean!.item<float>(), 4);
        Assert.Equal((float)Math.Sqrt((32 * 32 - 1) / 12.0), prep.Std!.item<float>(), 3);
        var flipped = new ImageAugmentation();
        flipped.add_random_flip_leftright();
        keras.utils.set_random_seed(3);
        var one = torch.arange(0, 4, dtype: torch.float32).view(1, 1, 4, 1).expand(64, 1, 4, 1).contiguous();
        var outRows = flipped.Apply(one).reshape(64, 4).data<float>().ToArray();
        int flips = Enumerable.Range(0, 64).Count(i => outRows[i * 4] == 3f);
        int same = Enumerable.Range(0, 64).Count(i => outRows[i * 4] == 0f);
        Assert.Equal(64, flips + same);
        Assert.InRange(flips, 16, 48);
    }

    [Fact]
    public void Snapshot_step_validates_every_n_steps_and_a_fraction_holds_out_the_last_part()
    {
        keras.utils.set_random_seed(1);
        var x = torch.rand(100, 2);
        var y = (x.sum(1, keepdim: true) > 1).to(torch.float32);
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        var m = tflearn.DNN(tflearn.regression(g, optimizer: "sgd", learning_rate: 1.0, loss: "mean_square"));
        m.write_summaries = false;
        var sw = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(sw);
        try { m.fit(x, y, n_epoch: 1, validation_set: 0.2, batch_size: 10, snapshot_epoch: false, snapshot_step: 4, show_metric: true); }
        finally { Console.SetOut(previous); }
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("KerasSharp:")).ToList();
        Assert.Contains("Training samples: 80", lines);
        Assert.Contains("Validation samples: 20", lines);
        var snapshots = lines.Select((l, i) => (l, i)).Where(p => p.l == "--" && p.i > 6).Select(p => lines[p.i - 1]).ToList();
        Assert.Equal(2, snapshots.Count); // steps 4 and 8 of 8
        Assert.All(snapshots, l => Assert.Matches(@"^\| SGD \| epoch: 001 \| loss: \d\.\d{5} - binary_acc: \d\.\d{4} \| val_loss: \d\.\d{5} - val_binary_acc: \d\.\d{4} -- iter: \d{2}/80$", l));
        Assert.EndsWith("iter: 40/80", snapshots[0]);
        Assert.EndsWith("iter: 80/80", snapshots[1]);
    }

    [Theory]
    [InlineData("not")]
    [InlineData("or")]
    [InlineData("and")]
    public void Logical_py_not_or_and_graphs_learn_in_100_epochs(string op)
    {
        keras.backend.clear_session();
        keras.utils.set_random_seed(1);
        float[][] X = op == "not" ? [[0f], [1f]] : [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y = op switch { "not" => [[1f], [0f]], "or" => [[0f], [1f], [1f], [1f]], _ => [[0f], [0f], [0f], [1f]] };
        var g = tflearn.input_data(shape: [null, X[0].Length]);
        g = tflearn.fully_connected(g, 128, activation: "linear");
        g = tflearn.fully_connected(g, 128, activation: "linear");
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        g = tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square");
        var m = tflearn.DNN(g);
        m.write_summaries = false;
        Quiet(() => m.fit(X, Y, n_epoch: 100, snapshot_epoch: false));
        for (int i = 0; i < X.Length; i++) Assert.True(Math.Abs(m.predict([X[i]])[0][0] - Y[i][0]) < 0.1, $"{op} row {i}: {m.predict([X[i]])[0][0]}");
    }
}
