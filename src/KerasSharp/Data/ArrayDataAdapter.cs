using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Keras's array adapter: in-memory arrays (any type <see cref="Utils.Arrays.ToTensor"/> takes),
/// cut into batches. Shuffles the whole set each epoch (<c>shuffle: true</c>), only the order of
/// batch-sized blocks (<c>"batch"</c>), or not at all. The arrays stay where they are (host memory);
/// each batch is gathered by index and cast to float32 on the training device, one batch at a time.
/// On an accelerator the next batch is copied while the current one trains.
/// </summary>
internal sealed class ArrayDataAdapter : DataAdapter
{
    readonly Tensor[] xs;
    readonly Tensor?[] ys;
    readonly Tensor? sw;
    readonly long n;
    readonly int batchSize;
    readonly string shuffle; // "true", "batch", "false"
    readonly Device device;
    readonly Func<int, Tensor, Tensor>? castTarget;

    /// <summary>Creates the adapter; <paramref name="castTarget"/> casts, per output, a target batch to what its loss wants (int64 labels, float32 values).</summary>
    public ArrayDataAdapter(Tensor[] xs, Tensor?[] ys, Tensor? sampleWeight, int batchSize, object shuffle, Device device,
        Func<int, Tensor, Tensor>? castTarget = null)
    {
        if (batchSize <= 0) throw new ArgumentException($"batch_size must be a positive integer, received {batchSize}.");
        this.xs = xs; this.ys = ys; sw = sampleWeight; this.batchSize = batchSize; this.device = device; this.castTarget = castTarget;
        this.shuffle = shuffle switch
        {
            bool b => b ? "true" : "false",
            "batch" => "batch",
            _ => throw new ArgumentException($"shuffle must be true, false or \"batch\", received {shuffle}."),
        };
        n = xs[0].shape.Length == 0 ? 0 : xs[0].shape[0];
        var list = xs.Select((t, i) => ($"x[{i}]", t)).ToList();
        for (int i = 0; i < ys.Length; i++) if (ys[i] is { } yt) list.Add(($"y[{i}]", yt));
        if (sw is not null) list.Add(("sample_weight", sw));
        foreach (var (name, t) in list)
            if (t.dim() == 0)
                throw new ArgumentException($"{name} is a scalar; every array must have the samples on its first axis.");
        if (list.Select(p => p.Item2.shape[0]).Distinct().Count() > 1)
            throw new ArgumentException("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. " +
                string.Join(", ", list.Select(p => $"'{p.Item1}' sizes: {p.Item2.shape[0]}")) + ".");
        if (n == 0) throw new ArgumentException("The data holds 0 samples; fit, evaluate and predict need at least one.");
        // A batch has its array's dtype and rank: what each batch needs is known from the arrays.
        xIsFloat = xs.Select(t => t.dtype == float32).ToArray();
        castIsIdentity = new bool?[ys.Length];
    }

    readonly bool[] xIsFloat;
    // Per target: whether castTarget returned its batch unchanged (known after the first batch; it
    // decides from the dtype and rank only, which every batch of an array shares).
    readonly bool?[] castIsIdentity;

    /// <inheritdoc />
    public override long? NumBatches => (n + batchSize - 1) / batchSize;
    /// <inheritdoc />
    public override long? NumSamples => n;
    /// <inheritdoc />
    public override int? BatchSize => batchSize;
    /// <inheritdoc />
    public override bool HasTargets => ys.Any(y => y is not null);

    /// <summary>The arrays, for slicing a validation split.</summary>
    public (Tensor[] xs, Tensor?[] ys, Tensor? sw) Arrays => (xs, ys, sw);

    /// <inheritdoc />
    public override IEnumerable<Batch> Batches()
    {
        long steps = NumBatches!.Value;
        // Made outside the step's scope: the permutation lives for the whole epoch.
        Tensor? perm = shuffle switch
        {
            "true" => torch.randperm(n).DetachFromDisposeScope(),
            "batch" => BlockPermutation().DetachFromDisposeScope(),
            _ => null,
        };
        try
        {
            if (device.type == DeviceType.CPU)
            {
                // The trainer pulls each batch inside its step's dispose scope, so what is made here belongs to that step.
                for (long b = 0; b < steps; b++) yield return Make(b, perm);
                yield break;
            }
            // An accelerator: make (and start copying) batch b+1 before batch b trains.
            Batch? next = Detached(0, perm);
            for (long b = 0; b < steps; b++)
            {
                var current = next!;
                next = b + 1 < steps ? Detached(b + 1, perm) : null;
                yield return current;
            }
        }
        finally { perm?.Dispose(); }
    }

    Tensor BlockPermutation()
    {
        // Keras's shuffle="batch": the batch-sized blocks in a random order, the order inside each block kept.
        long steps = NumBatches!.Value;
        var order = torch.randperm(steps).data<long>().ToArray();
        var idx = new long[n];
        long k = 0;
        foreach (var b in order)
            for (long i = b * batchSize; i < Math.Min(n, (b + 1) * batchSize); i++) idx[k++] = i;
        return torch.tensor(idx);
    }

    Batch Make(long b, Tensor? perm)
    {
        long start = b * batchSize, len = Math.Min(batchSize, n - start);
        // One batch covering the whole permutation takes it as it is (no slice to make and free).
        bool whole = perm is not null && start == 0 && len == n;
        using var slice = whole ? null : perm?.narrow(0, start, len);
        var idx = whole ? perm : slice;
        var x = new Tensor[xs.Length];
        for (int i = 0; i < x.Length; i++) { var xb = Take(xs[i], idx, start, len); x[i] = ToDevice(xIsFloat[i] ? xb : xb.to(float32)); }
        var y = new Tensor?[ys.Length];
        for (int i = 0; i < y.Length; i++)
            if (ys[i] is { } t)
            {
                var yb = Take(t, idx, start, len);
                if (castTarget is not null && castIsIdentity[i] != true)
                {
                    var cast = castTarget(i, yb);
                    castIsIdentity[i] ??= ReferenceEquals(cast, yb);
                    yb = cast;
                }
                y[i] = ToDevice(yb);
            }
        return new Batch { X = x, Y = y, SampleWeight = sw is null ? null : ToDevice(Take(sw, idx, start, len)), Size = len, FromArrays = true };
    }

    static Tensor Take(Tensor t, Tensor? idx, long start, long len) => idx is null ? t.narrow(0, start, len) : t.index_select(0, idx);

    Batch Detached(long b, Tensor? perm)
    {
        using var scope = torch.NewDisposeScope();
        var batch = Make(b, perm);
        var owned = batch.X.Concat(batch.Y.Where(t => t is not null).Select(t => t!)).ToList();
        if (batch.SampleWeight is not null) owned.Add(batch.SampleWeight);
        foreach (var t in owned) t.DetachFromDisposeScope();
        batch.Owned = owned;
        return batch;
    }


    Tensor ToDevice(Tensor t) => device.type == DeviceType.CPU ? t : t.to(device, non_blocking: true);
}
