// MNIST cannot be downloaded on these machines; the ports load Fashion-MNIST (same shapes: 60000 + 10000
// 28×28 grey images, 10 classes) from its official IDX files (apt-get install dataset-fashion-mnist).
using KerasSharp.TFLearn;
using TorchSharp;

namespace Ported;

public static class FashionMnist
{
    /// <summary>TFLearn's <c>mnist.load_data(one_hot=True)</c> on Fashion-MNIST: X [N, 784] in [0, 1], Y one-hot;
    /// with --quick only the first <paramref name="quickTrain"/> and <paramref name="quickTest"/> samples.</summary>
    public static (torch.Tensor X, torch.Tensor Y, torch.Tensor testX, torch.Tensor testY) Load(Options run, int quickTrain, int quickTest)
    {
        var (X, Y, testX, testY) = tflearn.datasets.fashion_mnist.load_data(one_hot: true);
        if (run.Quick) { X = X[..quickTrain]; Y = Y[..quickTrain]; testX = testX[..quickTest]; testY = testY[..quickTest]; }
        Console.WriteLine($"Fashion-MNIST (MNIST cannot be downloaded here): {X.shape[0]} training and {testX.shape[0]} test samples");
        return (X, Y, testX, testY);
    }
}
