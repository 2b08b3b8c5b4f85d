using NumSharp;

namespace KerasSharp.Datasets;

/// <summary><c>keras.datasets</c>.</summary>
public sealed class DatasetsApi
{
    internal static readonly DatasetsApi Instance = new();
    /// <summary>CIFAR-10.</summary>
    public Cifar10Dataset cifar10 { get; } = new();
    /// <summary>MNIST.</summary>
    public MnistDataset mnist { get; } = new("mnist");
    /// <summary>Fashion-MNIST.</summary>
    public MnistDataset fashion_mnist { get; } = new("fashion-mnist");
    /// <summary>How much a dataset file may make a load allocate (<see cref="DatasetLimits.Default"/>; not a Keras API).</summary>
    public DatasetLimits limits => DatasetLimits.Default;
}

/// <summary>keras.datasets.cifar10.</summary>
public sealed class Cifar10Dataset
{
    const string Url = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz";
    const string Sha256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce";

    /// <summary>Finds the data folder (cifar-10-batches-py or -bin), or null.</summary>
    public static string? Find(string? path)
    {
        var candidates = new List<string>();
        if (path is not null) { candidates.Add(path); candidates.Add(Path.Combine(path, "cifar-10-batches-py")); candidates.Add(Path.Combine(path, "cifar-10-batches-bin")); }
        var root = DataCache.Root();
        candidates.Add(Path.Combine(root, "cifar-10-batches-py"));
        candidates.Add(Path.Combine(root, "cifar-10-batches-bin"));
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "data_batch_1")) || File.Exists(Path.Combine(c, "data_batch_1.bin")));
    }

    /// <summary>
    /// Keras's load_data: ((x_train uint8 [50000, 32, 32, 3], y_train uint8 [50000, 1]), (x_test, y_test)).
    /// Looks in <paramref name="path"/>, then the cache; downloads the official archive when missing.
    /// </summary>
    public ((NDArray x_train, NDArray y_train), (NDArray x_test, NDArray y_test)) load_data(string? path = null)
    {
        var dir = Find(path);
        if (dir is null)
        {
            string root = DataCache.Root();
            string hint = $"To use CIFAR-10 offline, download cifar-10-python.tar.gz (or cifar-10-binary.tar.gz) from https://www.cs.toronto.edu/~kriz/cifar.html " +
                          $"and extract it so that '{Path.Combine(root, "cifar-10-batches-py")}' (or -bin) holds data_batch_1..5 and test_batch, or pass load_data(path: ...).";
            string archive = Path.Combine(root, "cifar-10-python.tar.gz");
            if (!File.Exists(archive)) DataCache.Download(Url, archive, Sha256, hint);
            DataCache.ExtractTarGz(archive, Path.Combine(root, "cifar-10-python"));
            dir = Path.Combine(root, "cifar-10-batches-py");
            Directory.Move(Path.Combine(root, "cifar-10-python", "cifar-10-batches-py"), dir);
        }
        var sources = Directory.EnumerateFiles(dir).Where(f => Path.GetFileName(f).StartsWith("data_batch_") || Path.GetFileName(f).StartsWith("test_batch")).ToList();
        byte[] x, y, tx, ty;
        if (ParseCache.TryRead(dir, sources) is { Length: 4 } cached) (x, y, tx, ty) = (cached[0], cached[1], cached[2], cached[3]);
        else
        {
            ((x, y, _), (tx, ty, _)) = Cifar.ReadDirectory(dir);
            ParseCache.Write(dir, sources, x, y, tx, ty);
        }
        int n = y.Length, tn = ty.Length;
        return ((new NDArray(x, new Shape(n, 32, 32, 3)), new NDArray(y, new Shape(n, 1))),
                (new NDArray(tx, new Shape(tn, 32, 32, 3)), new NDArray(ty, new Shape(tn, 1))));
    }
}

/// <summary>keras.datasets.mnist and keras.datasets.fashion_mnist (IDX files, gzip or not; mnist.npz for MNIST).</summary>
public sealed class MnistDataset
{
    readonly string name;
    internal MnistDataset(string name) => this.name = name;

    static readonly string[] Files = { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" };
    static readonly Dictionary<string, string> FashionHashes = new()
    {
        ["train-labels-idx1-ubyte.gz"] = "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        ["train-images-idx3-ubyte.gz"] = "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        ["t10k-labels-idx1-ubyte.gz"] = "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
        ["t10k-images-idx3-ubyte.gz"] = "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
    };
    const string MnistNpzHash = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1";
    const string Origin = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    static string? FileIn(string dir, string stem) =>
        new[] { stem + ".gz", stem }.Select(f => Path.Combine(dir, f)).FirstOrDefault(File.Exists);

    /// <summary>The folders searched for IDX files, in order.</summary>
    public IEnumerable<string> SearchPath(string? path)
    {
        if (path is not null) yield return path;
        yield return Path.Combine(DataCache.Root(), name);
        yield return $"/usr/share/datasets/{name}";
    }

    /// <summary>The folder holding all four IDX files, or null.</summary>
    public string? Find(string? path) => SearchPath(path).FirstOrDefault(d => Files.All(f => FileIn(d, f) is not null));

    /// <summary>Keras's load_data: ((x_train uint8 [60000, 28, 28], y_train uint8 [60000]), (x_test, y_test)).</summary>
    public ((NDArray x_train, NDArray y_train), (NDArray x_test, NDArray y_test)) load_data(string? path = null)
    {
        if (name == "mnist")
        {
            string npz = path is not null && path.EndsWith(".npz", StringComparison.Ordinal) ? path : Path.Combine(DataCache.Root(), "mnist.npz");
            if (File.Exists(npz)) return FromNpz(npz);
        }
        var dir = Find(path);
        if (dir is null)
        {
            string root = DataCache.Root();
            string hint = name == "fashion-mnist"
                ? $"Install Debian's package (apt-get install dataset-fashion-mnist), or put the four IDX files (train-images-idx3-ubyte.gz, ...) in '{Path.Combine(root, name)}', or pass load_data(path: ...)."
                : $"Put mnist.npz in '{root}', or the four IDX files in '{Path.Combine(root, name)}', or pass load_data(path: ...).";
            if (name == "mnist")
            {
                string npz = Path.Combine(root, "mnist.npz");
                DataCache.Download(Origin + "mnist.npz", npz, MnistNpzHash, hint);
                return FromNpz(npz);
            }
            dir = Path.Combine(root, name);
            foreach (var (file, hash) in FashionHashes)
                if (!File.Exists(Path.Combine(dir, file))) DataCache.Download(Origin + file, Path.Combine(dir, file), hash, hint);
        }
        var (xd, x) = Idx.Read(FileIn(dir, Files[0])!, 3);
        var (yd, y) = Idx.Read(FileIn(dir, Files[1])!, 1);
        var (txd, tx) = Idx.Read(FileIn(dir, Files[2])!, 3);
        var (tyd, ty) = Idx.Read(FileIn(dir, Files[3])!, 1);
        if (xd[0] != yd[0]) throw new InvalidDataException($"'{dir}': {xd[0]} training images but {yd[0]} training labels.");
        if (txd[0] != tyd[0]) throw new InvalidDataException($"'{dir}': {txd[0]} test images but {tyd[0]} test labels.");
        return ((new NDArray(x, new Shape(xd)), new NDArray(y, new Shape(yd))), (new NDArray(tx, new Shape(txd)), new NDArray(ty, new Shape(tyd))));
    }

    static ((NDArray, NDArray), (NDArray, NDArray)) FromNpz(string path)
    {
        var d = Npz.Read(path);
        NDArray Get(string k) => d.TryGetValue(k, out var v) ? new NDArray(v.data, new Shape(v.shape.Select(s => (int)s).ToArray()))
            : throw new InvalidDataException($"'{path}' has no array '{k}' (it holds: {string.Join(", ", d.Keys)}).");
        return ((Get("x_train"), Get("y_train")), (Get("x_test"), Get("y_test")));
    }
}
