// TFLearn examples/images/convnet_mnist.py, ported line for line (see README.md).
using KerasSharp.TFLearn;
using static KerasSharp.TFLearn.tflearn;

namespace Ported;

public static class convnet_mnist
{
    public static Result Run(Options run)
    {
        // Data loading and preprocessing (Fashion-MNIST: MNIST cannot be downloaded here)
        var (X, Y, testX, testY) = FashionMnist.Load(run, quickTrain: 3000, quickTest: 1000);
        X = X.reshape(-1, 28, 28, 1);
        testX = testX.reshape(-1, 28, 28, 1);

        // Building convolutional network
        var network = input_data(shape: [null, 28, 28, 1], name: "input");
        network = conv_2d(network, 32, 3, activation: "relu", regularizer: "L2");
        network = max_pool_2d(network, 2);
        network = local_response_normalization(network);
        network = conv_2d(network, 64, 3, activation: "relu", regularizer: "L2");
        network = max_pool_2d(network, 2);
        network = local_response_normalization(network);
        network = fully_connected(network, 128, activation: "tanh");
        network = dropout(network, 0.8);
        network = fully_connected(network, 256, activation: "tanh");
        network = dropout(network, 0.8);
        network = fully_connected(network, 10, activation: "softmax");
        network = regression(network, optimizer: "adam", learning_rate: 0.01, loss: "categorical_crossentropy", name: "target");

        // Training
        using var model = tflearn.DNN(network, tensorboard_verbose: 0);
        model.fit(new Dictionary<string, object> { ["input"] = X }, new Dictionary<string, object> { ["target"] = Y }, n_epoch: run.Quick ? 1 : 20,
            validation_set: (new Dictionary<string, object> { ["input"] = testX }, new Dictionary<string, object> { ["target"] = testY }),
            snapshot_step: 100, show_metric: true, run_id: "convnet_mnist");

        // The port's check: accuracy on the test set.
        return new Result("test accuracy", model.evaluate(new Dictionary<string, object> { ["input"] = testX }, new Dictionary<string, object> { ["target"] = testY })[0], Floor: 0.58);
    }
}
