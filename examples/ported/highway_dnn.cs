// TFLearn examples/images/highway_dnn.py, ported line for line (see README.md).
using KerasSharp.TFLearn;

namespace Ported;

public static class highway_dnn
{
    public static Result Run(Options run)
    {
        // Data loading and preprocessing (Fashion-MNIST: MNIST cannot be downloaded here)
        var (X, Y, testX, testY) = FashionMnist.Load(run, quickTrain: 10000, quickTest: 2000);

        // Building deep neural network
        var input_layer = tflearn.input_data(shape: [null, 784]);
        var dense1 = tflearn.fully_connected(input_layer, 64, activation: "elu", regularizer: "L2", weight_decay: 0.001);

        // install a deep network of highway layers
        var highway = dense1;
        for (int i = 0; i < 10; i++)
            highway = tflearn.highway(highway, 64, activation: "elu", regularizer: "L2", weight_decay: 0.001, transform_dropout: 0.8);
        var softmax = tflearn.fully_connected(highway, 10, activation: "softmax");

        // Regression using SGD with learning rate decay and Top-3 accuracy
        var sgd = tflearn.SGD(learning_rate: 0.1, lr_decay: 0.96, decay_step: 1000);
        var top_k = tflearn.metrics.Top_k(3);
        var net = tflearn.regression(softmax, optimizer: sgd, metric: top_k, loss: "categorical_crossentropy");

        // Training
        using var model = tflearn.DNN(net, tensorboard_verbose: 0);
        model.fit(X, Y, n_epoch: run.Quick ? 3 : 20, validation_set: (testX, testY), show_metric: true, run_id: "highway_dense_model");

        // The port's check: top-3 accuracy on the test set.
        return new Result("top3 test accuracy", model.evaluate(testX, testY)[0], Floor: 0.60);
    }
}
