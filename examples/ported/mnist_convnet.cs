// keras-io examples/vision/mnist_convnet.py, ported line for line (see README.md).
using KerasSharp;
using NumSharp;
using static KerasSharp.keras;

namespace Ported;

public static class mnist_convnet
{
    public static Result Run(Options run)
    {
        // ## Prepare the data

        // Model / data parameters
        int num_classes = 10;
        int[] input_shape = [28, 28, 1];

        // Load the data and split it between train and test sets (Fashion-MNIST: MNIST cannot be downloaded here)
        var ((x_train, y_train), (x_test, y_test)) = keras.datasets.fashion_mnist.load_data();
        if (run.Quick) { x_train = x_train[":6000"]; y_train = y_train[":6000"]; x_test = x_test[":2000"]; y_test = y_test[":2000"]; }

        // Scale images to the [0, 1] range
        x_train = x_train.astype(NPTypeCode.Single) / 255;
        x_test = x_test.astype(NPTypeCode.Single) / 255;
        // Make sure images have shape (28, 28, 1)
        x_train = np.expand_dims(x_train, -1);
        x_test = np.expand_dims(x_test, -1);
        Console.WriteLine($"x_train shape: {x_train.Shape}");
        Console.WriteLine($"{x_train.shape[0]} train samples");
        Console.WriteLine($"{x_test.shape[0]} test samples");

        // convert class vectors to binary class matrices
        y_train = keras.utils.to_categorical(y_train, num_classes);
        y_test = keras.utils.to_categorical(y_test, num_classes);

        // ## Build the model
        using var model = keras.Sequential(
            keras.Input(shape: input_shape),
            layers.Conv2D(32, kernel_size: (3, 3), activation: "relu"),
            layers.MaxPooling2D(pool_size: (2, 2)),
            layers.Conv2D(64, kernel_size: (3, 3), activation: "relu"),
            layers.MaxPooling2D(pool_size: (2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(num_classes, activation: "softmax"));

        model.summary();

        // ## Train the model
        int batch_size = 128;
        int epochs = run.Quick ? 2 : 15;

        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: new[] { "accuracy" });

        model.fit(x_train, y_train, batch_size: batch_size, epochs: epochs, validation_split: 0.1);

        // ## Evaluate the trained model
        var score = model.evaluate(x_test, y_test, verbose: 0);
        Console.WriteLine($"Test loss: {score[0]}");
        Console.WriteLine($"Test accuracy: {score[1]}");

        // The port's check: the test accuracy.
        return new Result("test accuracy", score[1], Floor: 0.65);
    }
}
