using KerasSharp;
using KerasSharp.TFLearn;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>The article's OR program through the TFLearn facade (partial facade: see issue 3's note).</summary>
public class TFLearnOrTests
{
    static DNN TrainOr(TextWriter console)
    {
        keras.utils.set_random_seed(1);
        float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[][] Y_truth = [[0f], [1f], [1f], [1f]];
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 1, activation: "sigmoid");
        g = tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square");
        var m = tflearn.DNN(g);
        var previous = Console.Out;
        Console.SetOut(console);
        try { m.fit(X, Y_truth, n_epoch: 2000, snapshot_epoch: false, run_id: "ORTEST"); }
        finally { Console.SetOut(previous); }
        return m;
    }

    [Fact]
    public void Or_program_predicts_below_0_1_and_above_0_9_and_prints_tflearn_blocks()
    {
        var console = new StringWriter();
        var m = TrainOr(console);
        Assert.True(m.predict([[0f, 0f]])[0][0] < 0.1);
        Assert.True(m.predict([[0f, 1f]])[0][0] > 0.9);
        Assert.True(m.predict([[1f, 0f]])[0][0] > 0.9);
        Assert.True(m.predict([[1f, 1f]])[0][0] > 0.9);
        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "---------------------------------", "Run id: ORTEST", "Log directory: /tmp/tflearn_logs/",
            "---------------------------------", "Training samples: 4", "Validation samples: 0", "--" }, lines.Where(l => !l.StartsWith("KerasSharp:")).Take(7));
        Assert.Matches(@"^Training Step: 2000  \| total loss: 0\.\d{5} \| time: \d\.\d{3}s$", lines[^2]);
        Assert.Matches(@"^\| SGD \| epoch: 2000 \| loss: 0\.\d{5} -- iter: 4/4$", lines[^1]);
        Assert.Equal(lines[^2].Split("total loss: ")[1][..7], lines[^1].Split("loss: ")[1][..7]);
    }

    [Fact]
    public void Predictions_print_as_numpy_prints_a_float32_array()
    {
        Assert.Equal("[[0.04013482]]", new KerasSharp.TFLearn.Prediction([[0.04013482f]]).ToString());
        Assert.Equal("[[1.]]", new KerasSharp.TFLearn.Prediction([[1f]]).ToString());
    }

    [Fact]
    public void Tflearn_binary_crossentropy_takes_logits_and_unknown_names_list_known_ones()
    {
        var g = tflearn.input_data(shape: [null, 2]);
        g = tflearn.fully_connected(g, 1);
        var e = Assert.Throws<ArgumentException>(() => tflearn.regression(g, optimizer: "adamm"));
        Assert.Equal("Unknown TFLearn optimizer 'adamm'. Known optimizer names: sgd, rmsprop, adam, momentum, adagrad, ftrl, adadelta, nesterov, proximaladagrad.", e.Message);
        Assert.Equal("Unknown TFLearn loss 'mse'. Known loss names: softmax_categorical_crossentropy, categorical_crossentropy, binary_crossentropy, weighted_crossentropy, mean_square, hinge_loss, roc_auc_score.",
            Assert.Throws<ArgumentException>(() => tflearn.regression(g, loss: "mse")).Message);
    }
}
