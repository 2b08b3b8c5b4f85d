using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>
/// A few engine scalars kept by value. Passing a double where TorchSharp takes a Scalar creates a
/// native scalar on every call, freed later by the finalizer thread; a training step that passes the
/// same learning rate or batch size each time can take it from here instead.
/// </summary>
internal sealed class ScalarCache : IDisposable
{
    readonly long[] keys;
    readonly Scalar?[] values;
    int next;

    public ScalarCache(int capacity = 4) { keys = new long[capacity]; values = new Scalar?[capacity]; }

    /// <summary>The scalar for <paramref name="value"/>; the oldest entry makes room for a new value.</summary>
    public Scalar Get(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        for (int i = 0; i < values.Length; i++)
            if (values[i] is { } s && keys[i] == bits) return s;
        values[next]?.Dispose();
        var created = value.ToScalar();
        keys[next] = bits; values[next] = created;
        next = (next + 1) % values.Length;
        return created;
    }

    public void Dispose()
    {
        for (int i = 0; i < values.Length; i++) { values[i]?.Dispose(); values[i] = null; }
    }
}
