namespace KerasSharp.Datasets;

/// <summary>
/// CIFAR-10's two official formats: the python version (pickled batches) and the binary version.
/// A batch file larger than <see cref="DatasetLimits.max_array_bytes"/> is refused before it is read.
/// </summary>
public static class Cifar
{
    /// <summary>Images per batch file in the official data.</summary>
    public const int ImagesPerBatch = 10000;
    const int ImageBytes = 3 * 32 * 32;

    /// <summary>Reads one python batch: images as NHWC bytes and labels.</summary>
    public static (byte[] nhwc, byte[] labels, int count) ReadPythonBatch(string path, DatasetLimits? limits = null)
    {
        var obj = Pickle.Load(ReadBounded(path, limits), path) as Dictionary<object, object?>
            ?? throw new InvalidDataException($"'{path}' is not a CIFAR-10 python batch: the pickle does not hold a dict.");
        if (!obj.TryGetValue("data", out var dataObj) || dataObj is not PickledArray data)
            throw new InvalidDataException($"'{path}' is not a CIFAR-10 python batch: no 'data' array.");
        var labelsObj = obj.TryGetValue("labels", out var l) ? l : obj.TryGetValue("fine_labels", out var f) ? f : null;
        if (labelsObj is not List<object?> labelList)
            throw new InvalidDataException($"'{path}' is not a CIFAR-10 python batch: no 'labels' list.");
        if (data.DType != "u1" && data.DType != "|u1")
            throw new InvalidDataException($"'{path}': 'data' has dtype {data.DType}, expected uint8.");
        if (data.Shape.Length != 2 || data.Shape[1] != ImageBytes)
            throw new InvalidDataException($"'{path}': 'data' has shape ({string.Join(", ", data.Shape)}), expected (N, {ImageBytes}).");
        int n = (int)data.Shape[0];
        if (data.Data.Length != (long)n * ImageBytes)
            throw new InvalidDataException($"'{path}': 'data' holds {data.Data.Length} bytes, its shape needs {(long)n * ImageBytes}.");
        if (labelList.Count != n)
            throw new InvalidDataException($"'{path}': {labelList.Count} labels for {n} images.");
        var labels = labelList.Select((o, i) => o is long v && v is >= 0 and < 256 ? (byte)v : throw new InvalidDataException($"'{path}': label {i} is {o}, expected 0–9.")).ToArray();
        return (ChwToHwc(data.Data, n), labels, n);
    }

    /// <summary>Reads one binary batch: records of 1 label byte and 3072 pixel bytes.</summary>
    public static (byte[] nhwc, byte[] labels, int count) ReadBinaryBatch(string path, DatasetLimits? limits = null)
    {
        var b = ReadBounded(path, limits);
        const int record = 1 + ImageBytes;
        if (b.Length == 0 || b.Length % record != 0)
            throw new InvalidDataException($"'{path}' has the wrong length for a CIFAR-10 binary batch: {b.Length} bytes is not a whole number of {record}-byte records.");
        int n = b.Length / record;
        var labels = new byte[n];
        var chw = new byte[n * ImageBytes];
        for (int i = 0; i < n; i++)
        {
            labels[i] = b[i * record];
            if (labels[i] > 9) throw new InvalidDataException($"'{path}': record {i} has label {labels[i]}, expected 0–9 (is this the CIFAR-100 binary format?).");
            Buffer.BlockCopy(b, i * record + 1, chw, i * ImageBytes, ImageBytes);
        }
        return (ChwToHwc(chw, n), labels, n);
    }

    /// <summary>The whole file, when it is within <see cref="DatasetLimits.max_array_bytes"/>.</summary>
    static byte[] ReadBounded(string path, DatasetLimits? limits)
    {
        using var f = File.OpenRead(path);
        (limits ?? DatasetLimits.Default).CheckArray($"'{path}'", f.Length);
        var b = new byte[f.Length];
        f.ReadExactly(b);
        return b;
    }

    static byte[] ChwToHwc(byte[] chw, int n)
    {
        var hwc = new byte[chw.Length];
        Parallel.For(0, n, i =>
        {
            int o = i * ImageBytes;
            for (int c = 0; c < 3; c++)
                for (int p = 0; p < 1024; p++)
                    hwc[o + p * 3 + c] = chw[o + c * 1024 + p];
        });
        return hwc;
    }

    /// <summary>Reads the whole dataset from a cifar-10-batches-py or cifar-10-batches-bin directory.</summary>
    public static ((byte[] x, byte[] y, int n) train, (byte[] x, byte[] y, int n) test) ReadDirectory(string dir, DatasetLimits? limits = null)
    {
        limits ??= DatasetLimits.Default;
        bool py = File.Exists(Path.Combine(dir, "data_batch_1"));
        bool bin = File.Exists(Path.Combine(dir, "data_batch_1.bin"));
        if (!py && !bin) throw new FileNotFoundException($"'{dir}' holds neither data_batch_1 (python version) nor data_batch_1.bin (binary version).");
        Func<string, (byte[], byte[], int)> read = py ? f => ReadPythonBatch(f, limits) : f => ReadBinaryBatch(f, limits);
        string ext = py ? "" : ".bin";
        var parts = Enumerable.Range(1, 5).Select(i =>
        {
            var f = Path.Combine(dir, $"data_batch_{i}{ext}");
            if (!File.Exists(f)) throw new FileNotFoundException($"CIFAR-10 file '{f}' is missing.");
            return read(f);
        }).ToList();
        var testFile = Path.Combine(dir, "test_batch" + ext);
        if (!File.Exists(testFile)) throw new FileNotFoundException($"CIFAR-10 file '{testFile}' is missing.");
        var test = read(testFile);
        int n = parts.Sum(p => p.Item3);
        limits.CheckTotal($"'{dir}'", (long)n * ImageBytes);
        var x = new byte[(long)n * ImageBytes];
        var y = new byte[n];
        int at = 0;
        foreach (var (px, py2, pn) in parts)
        {
            Buffer.BlockCopy(px, 0, x, at * ImageBytes, pn * ImageBytes);
            Buffer.BlockCopy(py2, 0, y, at, pn);
            at += pn;
        }
        return ((x, y, n), test);
    }
}
