// TFLearn examples/images/network_in_network.py, ported line for line (see README.md).
using KerasSharp.TFLearn;
using static KerasSharp.TFLearn.tflearn;
using static KerasSharp.TFLearn.tflearn.data_utils;

namespace Ported;

public static class network_in_network
{
    public static Result Run(Options run)
    {
        // Data loading and preprocessing (CIFAR-10 when its files are here and --quick is not given, else Fashion-MNIST)
        var ((X, Y), (X_test, Y_test)) = Cifar10OrFashion.load_data(run, quickTrain: 512, quickTest: 256);
        (X, Y) = shuffle(X, Y);
        Y = to_categorical(Y);
        Y_test = to_categorical(Y_test);

        // Building 'Network In Network'
        var network = input_data(shape: [null, (int)X.shape[1], (int)X.shape[2], (int)X.shape[3]]);
        network = conv_2d(network, 192, 5, activation: "relu");
        network = conv_2d(network, 160, 1, activation: "relu");
        network = conv_2d(network, 96, 1, activation: "relu");
        network = max_pool_2d(network, 3, strides: 2);
        network = dropout(network, 0.5);
        network = conv_2d(network, 192, 5, activation: "relu");
        network = conv_2d(network, 192, 1, activation: "relu");
        network = conv_2d(network, 192, 1, activation: "relu");
        network = avg_pool_2d(network, 3, strides: 2);
        network = dropout(network, 0.5);
        network = conv_2d(network, 192, 3, activation: "relu");
        network = conv_2d(network, 192, 1, activation: "relu");
        network = conv_2d(network, 10, 1, activation: "relu");
        network = avg_pool_2d(network, 8);
        network = flatten(network);
        network = regression(network, optimizer: "adam", loss: "softmax_categorical_crossentropy", learning_rate: 0.001);

        // Training
        using var model = tflearn.DNN(network);
        var before = Gallery.CrossEntropy(model, X_test, Y_test, logits: true);
        model.fit(X, Y, n_epoch: run.Quick ? 1 : 50, shuffle: true, validation_set: (X_test, Y_test),
                  show_metric: true, batch_size: run.Quick ? 32 : 128, run_id: "cifar10_net_in_net");

        // The port's check. With --quick (16 steps of a network of about 1 GFLOP per image) NiN does not learn
        // yet: its last ReLU convolution first falls to zero, so the test cross-entropy goes to ln(10) = 2.3026.
        // The check is that training ran and did not diverge: the cross-entropy ends below ln(10) + 0.05.
        // Without --quick the check is the test accuracy.
        var after = Gallery.CrossEntropy(model, X_test, Y_test, logits: true);
        double accuracy = model.evaluate(X_test, Y_test)[0];
        Console.WriteLine($"Test cross-entropy: {before:0.0000} before training, {after:0.0000} after; test accuracy {accuracy:0.0000}");
        return run.Quick
            ? new Result("ln(10) + 0.05 - test cross-entropy", Math.Log(10) + 0.05 - after, Floor: 0.0)
            : new Result("test accuracy", accuracy, Floor: 0.50);
    }
}
