using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Keras's PyDataset adapter: batches by index, in order or (shuffle) in a new random order each
/// epoch. With workers &gt; 1, batches are made on worker threads up to max_queue_size ahead; the
/// tensors they make belong to no scope until the trainer attaches them to the step that uses them.
/// </summary>
internal sealed class PyDatasetAdapter : DataAdapter
{
    readonly PyDataset dataset;
    readonly bool shuffle;
    readonly Func<object, object?, object?, Batch> convert;
    bool? hasTargets;

    public PyDatasetAdapter(PyDataset dataset, bool shuffle, Func<object, object?, object?, Batch> convert)
    {
        this.dataset = dataset; this.shuffle = shuffle; this.convert = convert;
        int len = dataset.__len__();
        if (len < 0) throw new ArgumentException($"{dataset.GetType().Name}.__len__() returned {len}; expected the number of batches (>= 0).");
        if (len == 0) throw new ArgumentException($"{dataset.GetType().Name} has 0 batches (__len__() returned 0); fit, evaluate and predict need at least one.");
    }

    /// <inheritdoc />
    public override long? NumBatches => dataset.num_batches;
    /// <inheritdoc />
    public override bool HasTargets => hasTargets ?? true;
    /// <inheritdoc />
    public override void OnEpochBegin() => dataset.on_epoch_begin();
    /// <inheritdoc />
    public override void OnEpochEnd() => dataset.on_epoch_end();

    Batch Get(int index)
    {
        var item = dataset.__getitem__(index);
        var (x, y, sw) = Unpack.Item(item, $"{dataset.GetType().Name}.__getitem__({index})");
        hasTargets ??= y is not null;
        return convert(x, y, sw);
    }

    /// <inheritdoc />
    public override IEnumerable<Batch> Batches()
    {
        int len = dataset.__len__();
        var order = Enumerable.Range(0, len).ToArray();
        if (shuffle) Random.Shared.Shuffle(order);
        if (dataset.workers <= 1)
        {
            foreach (var i in order) yield return Get(i);
            yield break;
        }
        // Made ahead on worker threads, consumed in order.
        int ahead = Math.Max(dataset.max_queue_size, dataset.workers);
        var pending = new Queue<Task<Batch>>();
        using var gate = new SemaphoreSlim(dataset.workers);
        int next = 0;
        Task<Batch> Start(int index) => Task.Run(async () =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                using var scope = torch.NewDisposeScope();
                var b = Get(index);
                var owned = b.X.Concat(b.Y.Where(t => t is not null).Select(t => t!)).ToList();
                if (b.SampleWeight is not null) owned.Add(b.SampleWeight);
                foreach (var t in owned) t.DetachFromDisposeScope();
                b.Owned = owned;
                return b;
            }
            finally { gate.Release(); }
        });
        try
        {
            while (next < len && pending.Count < ahead) pending.Enqueue(Start(order[next++]));
            while (pending.Count > 0)
            {
                var b = pending.Dequeue().GetAwaiter().GetResult();
                if (next < len) pending.Enqueue(Start(order[next++]));
                yield return b;
            }
        }
        finally
        {
            // A stopped epoch (early stopping, an error) frees what was made ahead.
            foreach (var t in pending)
                try { t.GetAwaiter().GetResult().Discard(); } catch (Exception) { }
        }
    }
}
