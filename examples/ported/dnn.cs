// TFLearn examples/images/dnn.py, ported line for line (see README.md).
using KerasSharp.TFLearn;

namespace Ported;

public static class dnn
{
    public static Result Run(Options run)
    {
        // Data loading and preprocessing (Fashion-MNIST: MNIST cannot be downloaded here)
        var (X, Y, testX, testY) = FashionMnist.Load(run, quickTrain: 10000, quickTest: 2000);

        // Building deep neural network
        var input_layer = tflearn.input_data(shape: [null, 784]);
        var dense1 = tflearn.fully_connected(input_layer, 64, activation: "tanh", regularizer: "L2", weight_decay: 0.001);
        var dropout1 = tflearn.dropout(dense1, 0.8);
        var dense2 = tflearn.fully_connected(dropout1, 64, activation: "tanh", regularizer: "L2", weight_decay: 0.001);
        var dropout2 = tflearn.dropout(dense2, 0.8);
        var softmax = tflearn.fully_connected(dropout2, 10, activation: "softmax");

        // Regression using SGD with learning rate decay and Top-3 accuracy
        var sgd = tflearn.SGD(learning_rate: 0.1, lr_decay: 0.96, decay_step: 1000);
        var top_k = tflearn.metrics.Top_k(3);
        var net = tflearn.regression(softmax, optimizer: sgd, metric: top_k, loss: "categorical_crossentropy");

        // Training
        using var model = tflearn.DNN(net, tensorboard_verbose: 0);
        model.fit(X, Y, n_epoch: run.Quick ? 2 : 20, validation_set: (testX, testY), show_metric: true, run_id: "dense_model");

        // The port's check: top-3 accuracy on the test set.
        return new Result("top3 test accuracy", model.evaluate(testX, testY)[0], Floor: 0.85);
    }
}
