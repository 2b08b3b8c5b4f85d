namespace KerasSharp.Utils;

/// <summary>
/// Keras's <c>keras.utils.PyDataset</c>: a dataset of batches you index, for data that does not fit
/// in memory or is made on the fly. Override <see cref="__len__"/> (the number of batches) and
/// <see cref="__getitem__"/> (batch <c>index</c> as <c>(x, y)</c>, <c>(x, y, sample_weight)</c> or
/// <c>x</c>), and optionally <see cref="on_epoch_begin"/> and <see cref="on_epoch_end"/>. With
/// <c>workers</c> &gt; 1, batches are made ahead on that many threads, at most
/// <c>max_queue_size</c> ahead, and consumed in order. Python's <c>use_multiprocessing</c> has no
/// meaning in .NET (threads run in parallel), so it is accepted and ignored. With
/// <c>shuffle: true</c>, fit visits the batch indices in a new random order each epoch, as Keras does.
/// </summary>
/// <remarks>C# cannot nest a class under the instance <c>keras.utils</c>: subclass <c>KerasSharp.Utils.PyDataset</c>.</remarks>
public abstract class PyDataset
{
    /// <summary>Threads that make batches ahead (1: made when needed, on the training thread).</summary>
    public int workers { get; }
    /// <summary>Accepted for Keras's signature; ignored (see the class remarks).</summary>
    public bool use_multiprocessing { get; }
    /// <summary>How many batches may be made ahead.</summary>
    public int max_queue_size { get; }

    /// <summary>Keras's signature and defaults.</summary>
    protected PyDataset(int workers = 1, bool use_multiprocessing = false, int max_queue_size = 10)
    {
        if (workers < 1) throw new ArgumentException($"PyDataset: workers must be >= 1, received {workers}.");
        if (max_queue_size < 1) throw new ArgumentException($"PyDataset: max_queue_size must be >= 1, received {max_queue_size}.");
        this.workers = workers; this.use_multiprocessing = use_multiprocessing; this.max_queue_size = max_queue_size;
    }

    /// <summary>The number of batches.</summary>
    public abstract int __len__();

    /// <summary>Batch <paramref name="index"/>: <c>(x, y)</c>, <c>(x, y, sample_weight)</c> or <c>x</c>.</summary>
    public abstract object __getitem__(int index);

    /// <summary>Keras's num_batches: <see cref="__len__"/> by default.</summary>
    public virtual int? num_batches => __len__();

    /// <summary>Called at the start of each epoch.</summary>
    public virtual void on_epoch_begin() { }

    /// <summary>Called at the end of each epoch (reshuffle your data here, as in Keras).</summary>
    public virtual void on_epoch_end() { }
}

/// <summary>Keras's older name for <see cref="PyDataset"/> (keras.utils.Sequence).</summary>
public abstract class Sequence : PyDataset
{
    /// <summary>Keras's signature and defaults.</summary>
    protected Sequence(int workers = 1, bool use_multiprocessing = false, int max_queue_size = 10) : base(workers, use_multiprocessing, max_queue_size) { }
}
