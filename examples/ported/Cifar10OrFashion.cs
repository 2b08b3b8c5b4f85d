// CIFAR-10 cannot be downloaded on these machines. The CIFAR-10 ports run on the official CIFAR-10
// python files when they are found (keras.datasets.cifar10's search path) and --quick is not given;
// otherwise on Fashion-MNIST as 28×28×1 images, with the same 10 classes and the same network.
using KerasSharp.TFLearn;
using TorchSharp;

namespace Ported;

public static class Cifar10OrFashion
{
    /// <summary>TFLearn's <c>cifar10.load_data()</c>: ((X [N, H, W, C] in [0, 1], Y labels), (X_test, Y_test)).</summary>
    public static ((torch.Tensor X, torch.Tensor Y), (torch.Tensor X_test, torch.Tensor Y_test)) load_data(Options run, int quickTrain, int quickTest)
    {
        if (!run.Quick && KerasSharp.Datasets.Cifar10Dataset.Find(null) is not null)
        {
            Console.WriteLine("CIFAR-10 (the original's data)");
            return tflearn.datasets.cifar10.load_data();
        }
        var (x, y, tx, ty) = tflearn.datasets.fashion_mnist.load_data();
        if (run.Quick) { x = x[..quickTrain]; y = y[..quickTrain]; tx = tx[..quickTest]; ty = ty[..quickTest]; }
        Console.WriteLine($"Fashion-MNIST as 28×28×1 images (CIFAR-10 cannot be downloaded here): {x.shape[0]} training and {tx.shape[0]} test samples");
        return ((x.view(-1, 28, 28, 1), y), (tx.view(-1, 28, 28, 1), ty));
    }
}
