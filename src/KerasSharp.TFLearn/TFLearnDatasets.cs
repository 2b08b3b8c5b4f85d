using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary><c>tflearn.datasets</c>: TFLearn's loaders, scaled to [0, 1] as TFLearn's are.</summary>
public sealed class TFLearnDatasets
{
    internal static readonly TFLearnDatasets Instance = new();
    /// <summary>tflearn.datasets.cifar10.</summary>
    public Cifar10Loader cifar10 { get; } = new();
    /// <summary>tflearn.datasets.mnist.</summary>
    public MnistLoader mnist { get; } = new("mnist");
    /// <summary>Fashion-MNIST in TFLearn's mnist form (not in TFLearn; same shapes as its mnist loader).</summary>
    public MnistLoader fashion_mnist { get; } = new("fashion-mnist");

    static Tensor Labels(NumSharp.NDArray y, bool oneHot, int classes)
    {
        var t = Utils.Arrays.ToTensor(y).reshape(-1).to(int64);
        return oneHot ? torch.nn.functional.one_hot(t, classes).to(float32) : t;
    }

    /// <summary>TFLearn's cifar10 loader.</summary>
    public sealed class Cifar10Loader
    {
        /// <summary>((X float [50000, 32, 32, 3] in [0, 1], Y), (X_test, Y_test)); Y one-hot when asked.</summary>
        public ((Tensor X, Tensor Y), (Tensor X_test, Tensor Y_test)) load_data(string? dirname = null, bool one_hot = false)
        {
            var ((x, y), (tx, ty)) = keras.datasets.cifar10.load_data(dirname);
            return ((Utils.Arrays.ToTensor(x).to(float32) / 255, Labels(y, one_hot, 10)), (Utils.Arrays.ToTensor(tx).to(float32) / 255, Labels(ty, one_hot, 10)));
        }
    }

    /// <summary>TFLearn's mnist loader.</summary>
    public sealed class MnistLoader
    {
        readonly string name;
        internal MnistLoader(string name) => this.name = name;
        /// <summary>(trainX float [N, 784] in [0, 1], trainY, testX, testY); Y one-hot when asked.</summary>
        public (Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) load_data(string? data_dir = null, bool one_hot = false)
        {
            var ds = name == "mnist" ? keras.datasets.mnist : keras.datasets.fashion_mnist;
            var ((x, y), (tx, ty)) = ds.load_data(data_dir);
            Tensor Flat(NumSharp.NDArray a) { var t = Utils.Arrays.ToTensor(a); return t.reshape(t.shape[0], -1).to(float32) / 255; }
            return (Flat(x), Labels(y, one_hot, 10), Flat(tx), Labels(ty, one_hot, 10));
        }
    }
}
