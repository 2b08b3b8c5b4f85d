using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>
/// A few engine scalars kept by value. Passing a double where TorchSharp takes a Scalar creates a
/// native scalar on every call, freed later by the finalizer thread; a training step that passes the
/// same learning rate, decay rate or batch size each time can take it from here instead.
/// </summary>
/// <remarks>
/// A full cache frees its least recently used scalar to make room. A step that holds scalars in
/// variables while it asks for more must use fewer distinct values than the capacity.
/// </remarks>
internal sealed class ScalarCache : IDisposable
{
    readonly long[] keys;
    readonly long[] lastUse;
    readonly Scalar?[] values;
    long clock;

    public ScalarCache(int capacity = 8) { keys = new long[capacity]; lastUse = new long[capacity]; values = new Scalar?[capacity]; }

    /// <summary>The scalar for <paramref name="value"/>, made on first use.</summary>
    public Scalar Get(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int victim = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } s && keys[i] == bits) { lastUse[i] = ++clock; return s; }
            if (values[i] is null) { victim = i; lastUse[i] = long.MinValue; }
            else if (lastUse[i] < lastUse[victim]) victim = i;
        }
        values[victim]?.Dispose();
        var created = value.ToScalar();
        keys[victim] = bits; values[victim] = created; lastUse[victim] = ++clock;
        return created;
    }

    public void Dispose()
    {
        for (int i = 0; i < values.Length; i++) { values[i]?.Dispose(); values[i] = null; }
    }
}
