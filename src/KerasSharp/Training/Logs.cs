using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// The logs handed to callbacks: metric name → value. Values live on the device as running sums
/// and are read back all at once, only when a callback asks for one, so a loop whose callbacks
/// show nothing reads nothing back from the engine.
/// </summary>
public sealed class Logs : IReadOnlyDictionary<string, double>
{
    readonly List<(string key, Tensor sum, double count)> lazy = new(2);
    readonly Dictionary<string, double> values = new(StringComparer.Ordinal);
    readonly List<string> order = new(2);
    bool materialized = true;
    bool ownsSums;

    /// <summary>
    /// Called by the trainer before the running sums change: logs nobody has read yet take a copy
    /// of their sums on the device (no read from the engine), so that a callback that kept them, as
    /// Keras allows, still reads this step's values.
    /// </summary>
    internal void KeepValues()
    {
        if (materialized || ownsSums) return;
        using (torch.no_grad())
            for (int i = 0; i < lazy.Count; i++)
                lazy[i] = (lazy[i].key, lazy[i].sum.clone().DetachFromDisposeScope(), lazy[i].count);
        ownsSums = true;
    }

    /// <summary>Number of reads from the engine so far (for tests and benchmarks).</summary>
    public static long EngineReads;

    /// <summary>Adds a value that is a device sum divided by a count.</summary>
    public void AddLazy(string key, Tensor sum, double count)
    {
        lazy.Add((key, sum, count));
        if (!order.Contains(key)) order.Add(key);
        materialized = false;
    }

    /// <summary>Adds or replaces a plain value.</summary>
    public void Set(string key, double value)
    {
        Materialize();
        values[key] = value;
        if (!order.Contains(key)) order.Add(key);
    }

    /// <summary>The device sum behind a key, for callbacks that keep their own device-side statistics.</summary>
    public Tensor? GetTensor(string key) => ownsSums && materialized ? null : lazy.FirstOrDefault(l => l.key == key).sum;

    /// <summary>The count behind a key.</summary>
    public double GetCount(string key) => lazy.FirstOrDefault(l => l.key == key).count;

    /// <summary>Reads every pending value now (one read from the engine).</summary>
    public void Materialize()
    {
        if (materialized) return;
        materialized = true;
        if (lazy.Count == 0) return;
        float[] data;
        // On the CPU each value is read with ToScalar (one native call; item() builds an accessor
        // first). Elsewhere the values are stacked and copied once, inside a local scope.
        if (lazy[0].sum.device_type == DeviceType.CPU)
        {
            data = new float[lazy.Count];
            for (int i = 0; i < data.Length; i++) { using var sc = lazy[i].sum.ToScalar(); data[i] = sc.ToSingle(); }
        }
        else using (var d = torch.NewDisposeScope())
        {
            var stacked = lazy.Count == 1 ? lazy[0].sum.reshape(1).to(float32).cpu()
                : torch.stack(lazy.Select(l => l.sum.reshape(Array.Empty<long>()).to(float32)).ToArray()).cpu();
            data = stacked.data<float>().ToArray();
        }
        Interlocked.Increment(ref EngineReads);
        for (int i = 0; i < lazy.Count; i++) values[lazy[i].key] = data[i] / Math.Max(lazy[i].count, 1e-300);
        if (ownsSums) foreach (var l in lazy) l.sum.Dispose();
    }

    /// <inheritdoc />
    public double this[string key] { get { Materialize(); return values[key]; } }
    /// <summary>The name at a position (insertion order).</summary>
    public string KeyAt(int index) => order[index];
    /// <summary>The value at a position (insertion order).</summary>
    public double ValueAt(int index) { Materialize(); return values[order[index]]; }
    /// <inheritdoc />
    public IEnumerable<string> Keys => order;
    /// <inheritdoc />
    public IEnumerable<double> Values { get { Materialize(); return order.Select(k => values[k]); } }
    /// <inheritdoc />
    public int Count => order.Count;
    /// <inheritdoc />
    public bool ContainsKey(string key) => order.Contains(key);
    /// <inheritdoc />
    public bool TryGetValue(string key, out double value)
    {
        if (!order.Contains(key)) { value = 0; return false; }
        Materialize();
        return values.TryGetValue(key, out value);
    }
    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        Materialize();
        foreach (var k in order) yield return new(k, values[k]);
    }
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A plain copy of the values.</summary>
    public Dictionary<string, double> ToDictionary() => this.ToDictionary(kv => kv.Key, kv => kv.Value);
}

/// <summary>What evaluate returns: the loss, then the metrics, by position or by name.</summary>
public sealed class EvaluateResult : IReadOnlyList<double>
{
    readonly List<string> names;
    readonly List<double> values;
    internal EvaluateResult(IEnumerable<KeyValuePair<string, double>> logs)
    {
        names = logs.Select(kv => kv.Key).ToList();
        values = logs.Select(kv => kv.Value).ToList();
    }
    /// <inheritdoc />
    public double this[int index] => values[index];
    /// <summary>A value by name ("loss", "accuracy").</summary>
    public double this[string name] => values[names.IndexOf(name) is var i && i >= 0 ? i : throw new KeyNotFoundException($"No metric '{name}'. Known: {string.Join(", ", names)}.")];
    /// <summary>The names, in order.</summary>
    public IReadOnlyList<string> Names => names;
    /// <inheritdoc />
    public int Count => values.Count;
    /// <inheritdoc />
    public IEnumerator<double> GetEnumerator() => values.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    /// <summary>var (loss, accuracy) = model.evaluate(...).</summary>
    public void Deconstruct(out double first, out double second) { first = values[0]; second = values[1]; }
    /// <summary>Keras's return_dict form.</summary>
    public Dictionary<string, double> ToDictionary() => names.Zip(values).ToDictionary(p => p.First, p => p.Second);
    /// <summary>The loss.</summary>
    public static implicit operator double(EvaluateResult r) => r.values[0];
    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
