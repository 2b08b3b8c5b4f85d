// TFLearn examples/basics/weights_persistence.py, ported line for line (see README.md).
using KerasSharp.TFLearn;

namespace Ported;

public static class weights_persistence
{
    public static Result Run(Options run)
    {
        // The files this script writes go to a fresh folder instead of the working directory.
        string dir = Gallery.WorkDir("weights_persistence");

        // MNIST Data (Fashion-MNIST: MNIST cannot be downloaded here)
        var (X, Y, testX, testY) = FashionMnist.Load(run, quickTrain: 10000, quickTest: 2000);

        // Model
        var input_layer = tflearn.input_data(shape: [null, 784], name: "input");
        var dense1 = tflearn.fully_connected(input_layer, 128, name: "dense1");
        var dense2 = tflearn.fully_connected(dense1, 256, name: "dense2");
        var softmax = tflearn.fully_connected(dense2, 10, activation: "softmax");
        var regression = tflearn.regression(softmax, optimizer: "adam", learning_rate: 0.001, loss: "categorical_crossentropy");

        // Define classifier, with model checkpoint (autosave)
        using var model = tflearn.DNN(regression, checkpoint_path: Path.Combine(dir, "model.tfl.ckpt"));

        // Train model, with model checkpoint every epoch and every 200 training steps.
        model.fit(X, Y, n_epoch: 1,
                  validation_set: (testX, testY),
                  show_metric: true,
                  snapshot_epoch: true, // Snapshot (save & evaluate) model every epoch.
                  snapshot_step: 500, // Snapshot (save & evalaute) model every 500 steps.
                  run_id: "model_and_weights");

        // ---------------------
        // Save and load a model
        // ---------------------

        // Manually save model
        model.save(Path.Combine(dir, "model.tfl"));
        var saved = model.get_weights(dense1.W!).ToArray<float>();
        // (the port's check) change a weight, so that load has something to restore
        model.set_weights(dense1.W!, new float[784, 128]);

        // Load a model
        model.load(Path.Combine(dir, "model.tfl"));
        Gallery.Check(model.get_weights(dense1.W!).ToArray<float>().SequenceEqual(saved), "load did not restore dense1's weights as saved.");

        // Or Load a model from auto-generated checkpoint
        // >> model.load("model.tfl.ckpt-500")
        Console.WriteLine("Checkpoints: " + string.Join(", ", Directory.GetFiles(dir, "model.tfl.ckpt*").Select(Path.GetFileName).Order()));

        // Resume training
        model.fit(X, Y, n_epoch: 1,
                  validation_set: (testX, testY),
                  show_metric: true,
                  snapshot_epoch: true,
                  run_id: "model_and_weights");

        // ------------------
        // Retrieving weights
        // ------------------

        // Retrieve a layer weights, by layer name:
        var dense1_vars = tflearn.variables.get_layer_variables_by_name("dense1");
        // Get a variable's value, using model `get_weights` method:
        Console.WriteLine("Dense1 layer weights:");
        Console.WriteLine(model.get_weights(dense1_vars[0]));
        // Or using generic tflearn function:
        Console.WriteLine("Dense1 layer biases:");
        Console.WriteLine(tflearn.variables.get_value(dense1_vars[1]));

        // It is also possible to retrieve a layer weights through its attributes `W`
        // and `b` (if available).
        // Get variable's value, using model `get_weights` method:
        Console.WriteLine("Dense2 layer weights:");
        Console.WriteLine(model.get_weights(dense2.W!));
        // Or using generic tflearn function:
        Console.WriteLine("Dense2 layer biases:");
        Console.WriteLine(tflearn.variables.get_value(dense2.b!));

        // The port's checks: the variables by name are dense1's, and the accuracy on the test set.
        Gallery.Check(dense1_vars.Count == 2 && ReferenceEquals(dense1_vars[0], dense1.W), "get_layer_variables_by_name('dense1') did not return dense1's W and b.");
        return new Result("test accuracy", model.evaluate(testX, testY)[0], Floor: 0.72);
    }
}
