// TFLearn examples/images/convnet_cifar10.py, ported line for line (see README.md).
// (examples/Cifar10Convnet is the same port as a stand-alone program with options for benchmarks.)
using KerasSharp.TFLearn;
using static KerasSharp.TFLearn.tflearn;
using static KerasSharp.TFLearn.tflearn.data_utils;

namespace Ported;

public static class convnet_cifar10
{
    public static Result Run(Options run)
    {
        // Data loading and preprocessing (CIFAR-10 when its files are here and --quick is not given, else Fashion-MNIST)
        var ((X, Y), (X_test, Y_test)) = Cifar10OrFashion.load_data(run, quickTrain: 4000, quickTest: 1000);
        (X, Y) = shuffle(X, Y);
        Y = to_categorical(Y);
        Y_test = to_categorical(Y_test);

        // Real-time data preprocessing
        var img_prep = new ImagePreprocessing();
        img_prep.add_featurewise_zero_center();
        img_prep.add_featurewise_stdnorm();

        // Real-time data augmentation
        var img_aug = new ImageAugmentation();
        img_aug.add_random_flip_leftright();
        img_aug.add_random_rotation(max_angle: 25.0);

        // Convolutional network building
        var network = input_data(shape: [null, (int)X.shape[1], (int)X.shape[2], (int)X.shape[3]], data_preprocessing: img_prep, data_augmentation: img_aug);
        network = conv_2d(network, 32, 3, activation: "relu");
        network = max_pool_2d(network, 2);
        network = conv_2d(network, 64, 3, activation: "relu");
        network = conv_2d(network, 64, 3, activation: "relu");
        network = max_pool_2d(network, 2);
        network = fully_connected(network, 512, activation: "relu");
        network = dropout(network, 0.5);
        network = fully_connected(network, 10, activation: "softmax");
        network = regression(network, optimizer: "adam", loss: "categorical_crossentropy", learning_rate: 0.001);

        // Train using classifier
        using var model = tflearn.DNN(network, tensorboard_verbose: 0);
        model.fit(X, Y, n_epoch: run.Quick ? 1 : 50, shuffle: true, validation_set: (X_test, Y_test),
                  show_metric: true, batch_size: 96, run_id: "cifar10_cnn");

        // The port's check: accuracy on the test set.
        return new Result("test accuracy", model.evaluate(X_test, Y_test)[0], Floor: 0.60);
    }
}
