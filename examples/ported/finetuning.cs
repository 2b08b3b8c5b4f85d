// TFLearn examples/basics/finetuning.py, ported line for line (see README.md).
//
// The original loads 'cifar10_cnn', a model trained elsewhere, and your_dataset(), a placeholder. Here
// CIFAR-10 cannot be downloaded, so the port first trains the same network on one part of Fashion-MNIST
// and saves it as cifar10_cnn (Pretrain below, not in the original), and your_dataset() is another part.
using KerasSharp;
using KerasSharp.TFLearn;
using static KerasSharp.TFLearn.tflearn;
using TorchSharp;

namespace Ported;

public static class finetuning
{
    public static Result Run(Options run)
    {
        string dir = Gallery.WorkDir("finetuning");
        var (pretrainX, pretrainY) = Pretrain(run, dir);
        keras.backend.clear_session();

        // Data loading
        // Note: You input here any dataset you would like to finetune
        var (X, Y) = your_dataset(run);
        int num_classes = 10;

        // Redefinition of convnet_cifar10 network (on 28×28 grey images: Fashion-MNIST's shape)
        var (softmax, conv) = Network(num_classes, restoreSoftmax: false);
        var regression = tflearn.regression(softmax, optimizer: "adam", loss: "categorical_crossentropy", learning_rate: 0.001);

        using var model = tflearn.DNN(regression, checkpoint_path: Path.Combine(dir, "model_finetuning"), max_checkpoints: 3, tensorboard_verbose: 0);
        // Load pre-existing model, restoring all weights, except softmax layer ones
        var freshSoftmax = model.get_weights(softmax.W!).ToArray<float>();
        model.load(Path.Combine(dir, "cifar10_cnn"));

        // The port's checks: the first convolution is the pre-trained one, the softmax layer is not.
        Gallery.Check(model.get_weights(conv.W!).ToArray<float>().SequenceEqual(pretrainX), "load did not restore the pre-trained convolution.");
        Gallery.Check(model.get_weights(softmax.W!).ToArray<float>().SequenceEqual(freshSoftmax) && !freshSoftmax.SequenceEqual(pretrainY),
            "load changed the softmax layer made with restore: false.");

        // Start finetuning
        model.fit(X, Y, n_epoch: run.Quick ? 1 : 10, validation_set: 0.1, shuffle: true,
                  show_metric: true, batch_size: 64, snapshot_step: 200,
                  snapshot_epoch: false, run_id: "model_finetuning");

        model.save(Path.Combine(dir, "model_finetuning"));

        // The port's check: accuracy on Fashion-MNIST's test set.
        var (_, _, testX, testY) = tflearn.datasets.fashion_mnist.load_data(one_hot: true);
        int n = run.Quick ? 1000 : 10000;
        return new Result("test accuracy", model.evaluate(testX[..n].reshape(-1, 28, 28, 1), testY[..n])[0], Floor: 0.60);
    }

    /// <summary>The network of the script (and of convnet_cifar10.py, which it redefines), on 28×28×1 inputs.</summary>
    static (TFLearnTensor softmax, TFLearnTensor firstConv) Network(int num_classes, bool restoreSoftmax)
    {
        var network = input_data(shape: [null, 28, 28, 1]);
        var conv = network = conv_2d(network, 32, 3, activation: "relu");
        network = max_pool_2d(network, 2);
        network = dropout(network, 0.75);
        network = conv_2d(network, 64, 3, activation: "relu");
        network = conv_2d(network, 64, 3, activation: "relu");
        network = max_pool_2d(network, 2);
        network = dropout(network, 0.5);
        network = fully_connected(network, 512, activation: "relu");
        network = dropout(network, 0.5);
        // Finetuning Softmax layer (Setting restore=False to not restore its weights)
        var softmax = fully_connected(network, num_classes, activation: "softmax", restore: restoreSoftmax);
        return (softmax, conv);
    }

    /// <summary>Not in the original: trains the network on Fashion-MNIST's first samples and saves it as cifar10_cnn.
    /// Returns the saved first convolution's and softmax layer's weights.</summary>
    static (float[] conv, float[] softmax) Pretrain(Options run, string dir)
    {
        var (X, Y, _, _) = tflearn.datasets.fashion_mnist.load_data(one_hot: true);
        int n = run.Quick ? 3000 : 50000;
        var (softmax, conv) = Network(10, restoreSoftmax: true);
        using var model = tflearn.DNN(tflearn.regression(softmax, optimizer: "adam", loss: "categorical_crossentropy", learning_rate: 0.001));
        model.fit(X[..n].reshape(-1, 28, 28, 1), Y[..n], n_epoch: run.Quick ? 1 : 10, shuffle: true, batch_size: 96, run_id: "cifar10_cnn");
        model.save(Path.Combine(dir, "cifar10_cnn"));
        return (model.get_weights(conv.W!).ToArray<float>(), model.get_weights(softmax.W!).ToArray<float>());
    }

    /// <summary>The original's placeholder for "your own dataset": here Fashion-MNIST samples that pre-training did not see.</summary>
    static (torch.Tensor X, torch.Tensor Y) your_dataset(Options run)
    {
        var (X, Y, _, _) = tflearn.datasets.fashion_mnist.load_data(one_hot: true);
        int from = run.Quick ? 3000 : 50000, to = run.Quick ? 4500 : 60000;
        return (X[from..to].reshape(-1, 28, 28, 1), Y[from..to]);
    }
}
