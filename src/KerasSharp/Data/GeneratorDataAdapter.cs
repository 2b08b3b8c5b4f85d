using System.Collections;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Keras's generator adapter: any <c>IEnumerable</c> of batches (a C# iterator, a list of
/// batches, TorchSharp's <c>DataLoader</c>), enumerated again at each epoch. Each item is
/// unpacked as Keras does (see <see cref="Unpack"/>), converted, and moved to the device.
/// </summary>
internal sealed class GeneratorDataAdapter : DataAdapter
{
    readonly IEnumerable source;
    readonly Func<object, object?, object?, Batch> convert;
    readonly string what;
    bool? hasTargets;

    public GeneratorDataAdapter(IEnumerable source, Func<object, object?, object?, Batch> convert, string what)
    {
        this.source = source; this.convert = convert; this.what = what;
        // A TorchSharp DataLoader (or any collection) knows its length.
        NumBatchesKnown = source switch
        {
            ICollection c => c.Count,
            TorchSharp.Modules.DataLoader dl => dl.Count,
            TorchSharp.Modules.IterableDataLoader il => il.Count,
            _ => null,
        };
    }

    long? NumBatchesKnown { get; }

    /// <inheritdoc />
    public override long? NumBatches => NumBatchesKnown;

    /// <inheritdoc />
    public override bool HasTargets => hasTargets ?? true;

    /// <inheritdoc />
    public override IEnumerable<Batch> Batches()
    {
        foreach (var item in source)
        {
            var (x, y, sw) = Unpack.Item(item!, what);
            hasTargets ??= y is not null;
            yield return convert(x, y, sw);
        }
    }
}
