namespace KerasSharp.Saving;

/// <summary>
/// The bounds that loading a model file (<c>keras.models.load_model</c>, <c>load_weights</c>,
/// <c>model_from_json</c>) keeps, so that a small hostile file cannot make the process allocate
/// gigabytes before it is refused. Every bound is checked before the memory it guards is taken:
/// a layer's weights are counted from its config and input shape before the layer is built, and a
/// dataset's declared shape is compared with the model's before its data is read. The defaults
/// are generous for real models; a caller loading a larger one raises them, either for the whole
/// process through <see cref="Default"/> or for the calls inside a <see cref="Use"/> scope:
/// <code>
/// using (LoadLimits.Use(new LoadLimits { MaxParameters = 8L &lt;&lt; 30 }))
///     model = keras.models.load_model("huge.keras");
/// </code>
/// A file over a bound is refused with an <see cref="InvalidDataException"/> that names the file,
/// the part (layer and shape, zip entry, dataset) and the bound.
/// </summary>
public sealed class LoadLimits
{
    /// <summary>
    /// The most parameters (scalar weights, all layers together) a loaded model may have: 2³¹
    /// (8 GiB of float32) by default. Checked layer by layer before each layer is built.
    /// </summary>
    public long MaxParameters { get; init; } = 1L << 31;

    /// <summary>The largest config.json (or model_config attribute) read: 256 MiB by default.</summary>
    public long MaxConfigBytes { get; init; } = 256L << 20;

    /// <summary>The largest uncompressed size of one zip entry of a .keras file: 16 GiB by default (the weights are extracted to a temporary file, not to memory).</summary>
    public long MaxEntryBytes { get; init; } = 16L << 30;

    /// <summary>The largest uncompressed size of all entries of a .keras file together: 32 GiB by default.</summary>
    public long MaxArchiveBytes { get; init; } = 32L << 30;

    /// <summary>
    /// The largest ratio of an entry's uncompressed to compressed size accepted for entries over
    /// 64 MiB: 1000 by default (real weights compress by less than 2; deflate cannot pass about 1032).
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 1000;

    /// <summary>
    /// The fewest bytes of stored weights a parameter must be backed by: 2 by default (float16; Keras
    /// writes float32, 4 bytes). A config asking for more parameters than its weights file could hold
    /// is refused before any layer is built. 0 turns the check off.
    /// </summary>
    public int MinStoredBytesPerParameter { get; init; } = 2;

    static LoadLimits @default = new();
    [ThreadStatic] static LoadLimits? scoped;

    /// <summary>The limits of every load in this process that runs outside a <see cref="Use"/> scope.</summary>
    public static LoadLimits Default
    {
        get => @default;
        set => @default = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The limits in force on this thread now.</summary>
    public static LoadLimits Current => scoped ?? @default;

    /// <summary>Applies <paramref name="limits"/> to the loads this thread makes until the returned scope is disposed.</summary>
    public static IDisposable Use(LoadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var previous = scoped;
        scoped = limits;
        return new Scope(previous);
    }

    sealed class Scope(LoadLimits? previous) : IDisposable
    {
        bool done;
        public void Dispose()
        {
            if (done) return;
            done = true;
            scoped = previous;
        }
    }

    /// <summary>A byte count as people read it ("1.5 GiB", "2,048 bytes").</summary>
    internal static string Bytes(long n)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return n >= 1L << 30 ? string.Format(c, "{0:0.#} GiB ({1:N0} bytes)", n / (double)(1L << 30), n)
            : n >= 1L << 20 ? string.Format(c, "{0:0.#} MiB ({1:N0} bytes)", n / (double)(1L << 20), n)
            : string.Format(c, "{0:N0} bytes", n);
    }

    /// <summary>A count with thousands separators, whatever the culture ("400,040,000").</summary>
    internal static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
