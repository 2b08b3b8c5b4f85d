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

        // The port's check: the test cross-entropy fell during training (before minus after), and the test accuracy.
        var after = Gallery.CrossEntropy(model, X_test, Y_test, logits: true);
        Console.WriteLine($"Test cross-entropy: {before:0.0000} before training, {after:0.0000} after; test accuracy {model.evaluate(X_test, Y_test)[0]:0.0000}");
        return new Result("test cross-entropy drop", before - after, Floor: 0.05);
    }
}
