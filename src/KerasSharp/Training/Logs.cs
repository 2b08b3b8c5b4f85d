using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// The logs handed to callbacks: metric name → value. During training the values live on the
/// device (the trainer's running loss and metrics) and are read back all at once, only when a
/// callback asks for one, so a loop whose callbacks show nothing reads nothing back from the engine.
/// </summary>
public sealed class Logs : IReadOnlyDictionary<string, double>
{
    readonly List<(string key, Tracker? tracker, Tensor? kept)> lazy = new(2);
    readonly Dictionary<string, double> values = new(StringComparer.Ordinal);
    readonly Dictionary<string, double> counts = new(StringComparer.Ordinal);
    readonly List<string> order = new(2);
    bool materialized = true;

    /// <summary>
    /// Called by the trainer before the running values change: logs nobody has read yet take this
    /// step's results on the device (no read from the engine), so that a callback that kept them, as
    /// Keras allows, still reads this step's values.
    /// </summary>
    internal void KeepValues()
    {
        if (materialized) return;
        using (torch.no_grad())
            for (int i = 0; i < lazy.Count; i++)
                if (lazy[i].kept is null && lazy[i].tracker is { } t)
                    lazy[i] = (lazy[i].key, null, t.Result().detach().DetachFromDisposeScope());
    }

    /// <summary>Number of reads from the engine so far (for tests and benchmarks).</summary>
    public static long EngineReads;

    /// <summary>Adds a value the trainer keeps on the device.</summary>
    internal void AddLazy(string key, Tracker tracker)
    {
        lazy.Add((key, tracker, null));
        if (tracker.HostCount is double c) counts[key] = c;
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

    /// <summary>
    /// The current value behind a key as a device tensor (no read from the engine), for callbacks
    /// that keep their own device-side statistics; null when the key holds a plain value.
    /// </summary>
    public Tensor? GetTensor(string key)
    {
        foreach (var (k, tracker, kept) in lazy)
            if (k == key) return kept ?? tracker?.Result();
        return null;
    }

    /// <summary>How many samples the value behind a key has seen so far (0 when unknown).</summary>
    public double GetCount(string key) => counts.TryGetValue(key, out var c) ? c : 0;

    /// <summary>Reads every pending value now (one read from the engine).</summary>
    public void Materialize()
    {
        if (materialized) return;
        materialized = true;
        if (lazy.Count == 0) return;
        float[] data;
        using (var d = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var results = lazy.Select(l => l.kept ?? l.tracker!.Result()).ToArray();
            if (results[0].device_type == DeviceType.CPU)
            {
                // On the CPU each value is read with ToScalar (one native call; item() builds an accessor first).
                data = new float[results.Length];
                for (int i = 0; i < data.Length; i++) { using var sc = results[i].ToScalar(); data[i] = sc.ToSingle(); }
            }
            else
            {
                var stacked = torch.stack(results.Select(r => r.reshape(Array.Empty<long>()).to(float32)).ToArray()).cpu();
                data = stacked.data<float>().ToArray();
            }
        }
        Interlocked.Increment(ref EngineReads);
        for (int i = 0; i < lazy.Count; i++) values[lazy[i].key] = data[i];
        foreach (var l in lazy) l.kept?.Dispose();
        lazy.Clear();
    }

    /// <inheritdoc />
    public double this[string key] { get { Materialize(); return values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"No log named '{key}'. Known: {string.Join(", ", order)}."); } }
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
