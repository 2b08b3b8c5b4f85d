using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// One batch as the trainer consumes it: the inputs in the model's input order, the targets by
/// model output (null where an output has none), the per-sample weights, on the training device.
/// Tensors an adapter made ahead of time (prefetch) are listed in <see cref="Owned"/>; the trainer
/// attaches them to the step's dispose scope. Tensors made while the step's scope is open belong
/// to it already.
/// </summary>
internal sealed class Batch
{
    public required Tensor[] X;
    public Tensor?[] Y = Array.Empty<Tensor?>();
    public Tensor? SampleWeight;
    public long Size;
    public List<Tensor>? Owned;
    /// <summary>Made from arrays: every batch of the call has the same dtypes, ranks and trailing dimensions.</summary>
    public bool FromArrays;

    /// <summary>Hands the prefetched tensors to the step's scope.</summary>
    public void AttachTo(DisposeScope? scope)
    {
        if (Owned is null) return;
        if (scope is null) foreach (var t in Owned) t.Dispose();
        else foreach (var t in Owned) scope.Attach(t);
        Owned = null;
    }

    /// <summary>Frees the prefetched tensors of a batch nobody consumed.</summary>
    public void Discard()
    {
        if (Owned is null) return;
        foreach (var t in Owned) t.Dispose();
        Owned = null;
    }
}

/// <summary>
/// Keras's data adapters, in one shape: something that yields batches epoch after epoch. The
/// trainer never converts user types itself; it asks for an adapter and pulls one batch at a
/// time.
/// </summary>
internal abstract class DataAdapter : IDisposable
{
    /// <summary>Batches per epoch, or null when the source does not say (a generator).</summary>
    public abstract long? NumBatches { get; }
    /// <summary>Samples per epoch, when known.</summary>
    public virtual long? NumSamples => null;
    /// <summary>The batch size, when the adapter batches itself.</summary>
    public virtual int? BatchSize => null;
    /// <summary>True when the source carries targets.</summary>
    public abstract bool HasTargets { get; }

    /// <summary>The batches of one pass over the data, in order (shuffled where asked).</summary>
    public abstract IEnumerable<Batch> Batches();

    /// <summary>Called when an epoch begins (PyDataset's on_epoch_begin).</summary>
    public virtual void OnEpochBegin() { }
    /// <summary>Called when an epoch ends (PyDataset's on_epoch_end).</summary>
    public virtual void OnEpochEnd() { }

    /// <inheritdoc />
    public virtual void Dispose() { }
}
