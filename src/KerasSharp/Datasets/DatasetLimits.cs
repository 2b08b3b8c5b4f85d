namespace KerasSharp.Datasets;

/// <summary>
/// How much a dataset file may make the process allocate. Every reader checks a file's declared
/// sizes against these limits before it allocates, so a small hostile file (a gzip bomb, an IDX
/// header or a zip entry that lies about its size) is refused with an error naming the file, the
/// size it asks for and the limit, instead of filling memory. The defaults are generous for the
/// datasets of <c>keras.datasets</c> (MNIST's largest array is 47 MB, CIFAR-10's 153 MB);
/// <c>keras.datasets.limits</c> is the instance the loaders use, and the readers (<see cref="Idx"/>,
/// <see cref="Npz"/>, <see cref="Cifar"/>) take one as an argument. Not a Keras API (Keras reads
/// these files with numpy and gzip, unbounded).
/// </summary>
public sealed class DatasetLimits
{
    /// <summary>The limits the dataset loaders use (<c>keras.datasets.limits</c>); change its properties to raise them.</summary>
    public static DatasetLimits Default { get; } = new();

    long maxArrayBytes = 512L << 20, maxTotalBytes = 2L << 30;
    double maxCompressionRatio = 200;

    /// <summary>The most bytes one array (one IDX file, one .npy entry, one CIFAR batch file) may hold once decompressed: 512 MiB.</summary>
    public long max_array_bytes { get => maxArrayBytes; set => maxArrayBytes = Positive(value, nameof(max_array_bytes)); }

    /// <summary>The most bytes one load may decompress or extract in all (every array of an .npz, every file of an archive): 2 GiB.</summary>
    public long max_total_bytes { get => maxTotalBytes; set => maxTotalBytes = Positive(value, nameof(max_total_bytes)); }

    /// <summary>
    /// The most that compressed data may expand: 200 times (real datasets expand 2 to 10 times; gzip
    /// cannot exceed about 1,032). Checked against the declared size before anything is decompressed.
    /// </summary>
    public double max_compression_ratio
    {
        get => maxCompressionRatio;
        set => maxCompressionRatio = value >= 1 && !double.IsNaN(value) ? value
            : throw new ArgumentException($"max_compression_ratio must be a number ≥ 1, received {value}.", nameof(max_compression_ratio));
    }

    static long Positive(long v, string name) => v > 0 ? v : throw new ArgumentException($"{name} must be a positive number of bytes, received {v}.", name);

    /// <summary>
    /// Refuses a declared size over <see cref="max_array_bytes"/>, or (when <paramref name="compressedBytes"/>
    /// is given) an expansion over <see cref="max_compression_ratio"/>: an <see cref="InvalidDataException"/>
    /// naming <paramref name="what"/>, the size and the limit.
    /// </summary>
    public void CheckArray(string what, long declaredBytes, long? compressedBytes = null)
    {
        if (declaredBytes > max_array_bytes)
            throw new InvalidDataException($"{what} declares {declaredBytes} bytes, more than the limit of {max_array_bytes} bytes for one array; refused before reading. " +
                "If the file is trusted, raise keras.datasets.limits.max_array_bytes.");
        if (compressedBytes is long c && declaredBytes > max_compression_ratio * Math.Max(c, 1))
            throw new InvalidDataException($"{what} declares {declaredBytes} bytes from {c} compressed bytes, an expansion of {declaredBytes / (double)Math.Max(c, 1):0} times, more than the limit of " +
                $"{max_compression_ratio:0.##} times; refused before decompressing (a compression bomb?). If the file is trusted, raise keras.datasets.limits.max_compression_ratio.");
    }

    /// <summary>Refuses a running total over <see cref="max_total_bytes"/>.</summary>
    public void CheckTotal(string what, long totalBytes)
    {
        if (totalBytes > max_total_bytes)
            throw new InvalidDataException($"{what} holds more than the limit of {max_total_bytes} bytes in all; refused. If the file is trusted, raise keras.datasets.limits.max_total_bytes.");
    }
}
