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
    // One entry per key, in insertion order (a handful of keys: a list scanned by name is cheaper than
    // dictionaries, and the trainer makes one Logs per epoch and per shown batch).
    struct Entry
    {
        public string Key;
        public Tracker? Tracker; // pending: the running value on the device
        public Tensor? Kept;     // pending: this step's value, kept on the device
        public double Value;
        public double Count;
    }

    readonly List<Entry> entries = new(2);
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
            for (int i = 0; i < entries.Count; i++)
                if (entries[i] is { Kept: null, Tracker: { } t } e)
                {
                    e.Kept = t.Result().detach().DetachFromDisposeScope();
                    e.Tracker = null;
                    entries[i] = e;
                }
    }

    /// <summary>Number of reads from the engine so far (for tests and benchmarks).</summary>
    public static long EngineReads;

    int IndexOf(string key)
    {
        for (int i = 0; i < entries.Count; i++) if (string.Equals(entries[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Adds a value the trainer keeps on the device.</summary>
    internal void AddLazy(string key, Tracker tracker)
    {
        var e = new Entry { Key = key, Tracker = tracker, Count = tracker.HostCount ?? 0 };
        int i = IndexOf(key);
        if (i >= 0) { entries[i].Kept?.Dispose(); entries[i] = e; }
        else entries.Add(e);
        materialized = false;
    }

    /// <summary>Adds or replaces a plain value.</summary>
    public void Set(string key, double value)
    {
        Materialize();
        int i = IndexOf(key);
        var e = new Entry { Key = key, Value = value, Count = i >= 0 ? entries[i].Count : 0 };
        if (i >= 0) entries[i] = e; else entries.Add(e);
    }

    /// <summary>
    /// The current value behind a key as a device tensor (no read from the engine), for callbacks
    /// that keep their own device-side statistics; null when the key holds a plain value.
    /// </summary>
    public Tensor? GetTensor(string key)
    {
        int i = IndexOf(key);
        if (i < 0) return null;
        var e = entries[i];
        return e.Kept ?? e.Tracker?.Result();
    }

    /// <summary>
    /// For callbacks that show every step (the TFLearn console): the current value behind a key, read now on the host when that
    /// costs no wait and makes no tensor (a running mean on the CPU, or a plain value); false otherwise.
    /// </summary>
    public bool TryReadOnCpu(string key, out double value)
    {
        value = 0;
        int i = IndexOf(key);
        if (i < 0) return false;
        var e = entries[i];
        if (e.Tracker is null && e.Kept is null) { value = e.Value; return true; }
        if (e.Kept is not null || e.Tracker!.ReadOnCpu() is not float v) return false;
        value = v;
        return true;
    }

    /// <summary>How many samples the value behind a key has seen so far (0 when unknown).</summary>
    public double GetCount(string key) => IndexOf(key) is var i && i >= 0 ? entries[i].Count : 0;

    /// <summary>Reads every pending value now (one read from the engine).</summary>
    public void Materialize()
    {
        if (materialized) return;
        materialized = true;
        int pending = 0;
        for (int i = 0; i < entries.Count; i++) if (entries[i].Tracker is not null || entries[i].Kept is not null) pending++;
        if (pending == 0) return;
        // The running means are read on the host, one native read each, with no result tensor made.
        bool hostRead = true;
        for (int i = 0; i < entries.Count && hostRead; i++)
        {
            var e = entries[i];
            if (e.Tracker is null && e.Kept is null) continue;
            if (e.Kept is null && e.Tracker!.ReadOnCpu() is float v) { e.Value = v; e.Tracker = null; entries[i] = e; }
            else hostRead = false;
        }
        if (!hostRead) ReadFromEngine();
        Interlocked.Increment(ref EngineReads);
    }

    void ReadFromEngine()
    {
        var at = new List<int>();
        for (int i = 0; i < entries.Count; i++) if (entries[i].Tracker is not null || entries[i].Kept is not null) at.Add(i);
        float[] data;
        using (var d = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var results = at.Select(i => entries[i].Kept ?? entries[i].Tracker!.Result()).ToArray();
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
        for (int k = 0; k < at.Count; k++)
        {
            var e = entries[at[k]];
            e.Kept?.Dispose();
            e.Value = data[k]; e.Tracker = null; e.Kept = null;
            entries[at[k]] = e;
        }
    }

    /// <inheritdoc />
    public double this[string key]
    {
        get
        {
            int i = IndexOf(key);
            if (i < 0) throw new KeyNotFoundException($"No log named '{key}'. Known: {string.Join(", ", entries.Select(e => e.Key))}.");
            Materialize();
            return entries[i].Value;
        }
    }
    /// <summary>The name at a position (insertion order).</summary>
    public string KeyAt(int index) => entries[index].Key;
    /// <summary>The value at a position (insertion order).</summary>
    public double ValueAt(int index) { Materialize(); return entries[index].Value; }
    /// <inheritdoc />
    public IEnumerable<string> Keys => entries.Select(e => e.Key);
    /// <inheritdoc />
    public IEnumerable<double> Values { get { Materialize(); return entries.Select(e => e.Value).ToList(); } }
    /// <inheritdoc />
    public int Count => entries.Count;
    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;
    /// <inheritdoc />
    public bool TryGetValue(string key, out double value)
    {
        int i = IndexOf(key);
        if (i < 0) { value = 0; return false; }
        Materialize();
        value = entries[i].Value;
        return true;
    }
    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        Materialize();
        for (int i = 0; i < entries.Count; i++) yield return new(entries[i].Key, entries[i].Value);
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
