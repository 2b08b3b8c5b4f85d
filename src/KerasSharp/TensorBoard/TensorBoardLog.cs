using System.Buffers.Binary;
using Google.Protobuf.WellKnownTypes;
using KerasSharp.TensorBoard.Proto;
using KerasSharp.TensorBoard.Proto.HParams;

namespace KerasSharp.TensorBoard;

/// <summary>One scalar point.</summary>
public readonly record struct ScalarPoint(long Step, double WallTime, double Value);

/// <summary>Everything read from one run directory.</summary>
public sealed class RunData
{
    /// <summary>The run name: the directory relative to the log root ("." for the root).</summary>
    public required string Name { get; init; }
    /// <summary>tag → points, in file order.</summary>
    public Dictionary<string, List<ScalarPoint>> Scalars { get; } = new(StringComparer.Ordinal);
    /// <summary>tag → (step, histogram).</summary>
    public Dictionary<string, List<(long step, HistogramProto histogram)>> Histograms { get; } = new(StringComparer.Ordinal);
    /// <summary>tag → (step, image); an image summary holding several images adds one entry per image.</summary>
    public Dictionary<string, List<(long step, Summary.Types.Image image)>> Images { get; } = new(StringComparer.Ordinal);
    /// <summary>tag → (step, text).</summary>
    public Dictionary<string, List<(long step, string text)>> Texts { get; } = new(StringComparer.Ordinal);
    /// <summary>The op graph from the run's graph_def event, if any.</summary>
    public GraphDef? Graph { get; internal set; }
    /// <summary>Keras model JSON written under graph_keras_model, if any.</summary>
    public string? KerasGraph { get; internal set; }
    /// <summary>The hyper-parameters from session_start_info.</summary>
    public Dictionary<string, Value> HParams { get; } = new(StringComparer.Ordinal);
    /// <summary>The session's end status, if written.</summary>
    public Status? SessionStatus { get; internal set; }
    /// <summary>The experiment summary, if this run holds one.</summary>
    public Experiment? Experiment { get; internal set; }
    /// <summary>Every tag of every kind.</summary>
    public IEnumerable<string> Tags => Scalars.Keys.Concat(Histograms.Keys).Concat(Images.Keys).Concat(Texts.Keys).Distinct();
}

/// <summary>
/// Reads TensorBoard logs: runs (directories holding tfevents files), tags and series. Checks both
/// CRCs of every record; a truncated last record is skipped (as TensorBoard does, it may still be
/// being written); any other damage is an <see cref="InvalidDataException"/> naming the file and
/// the byte offset of the damaged record. Files are read record by record, so memory stays bounded
/// by the largest record whatever the file claims.
/// </summary>
public sealed class TensorBoardLog
{
    /// <summary>run name → data.</summary>
    public Dictionary<string, RunData> Runs { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads every run under logdir.</summary>
    public static TensorBoardLog Read(string logdir)
    {
        if (!Directory.Exists(logdir)) throw new DirectoryNotFoundException($"TensorBoard log directory '{logdir}' does not exist.");
        var log = new TensorBoardLog();
        var files = Directory.EnumerateFiles(logdir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains("tfevents", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var f in files)
        {
            string rel = Path.GetRelativePath(logdir, Path.GetDirectoryName(f)!);
            string name = rel.Replace('\\', '/');
            if (!log.Runs.TryGetValue(name, out var run)) log.Runs[name] = run = new RunData { Name = name };
            foreach (var (offset, e) in ReadRecords(f))
            {
                try { Add(run, e); }
                catch (Exception ex) when (ex is Google.Protobuf.InvalidProtocolBufferException or FormatException or OverflowException or InvalidCastException)
                {
                    throw new InvalidDataException($"TensorBoard event file '{f}' is corrupt at byte offset {offset}: a summary in the record does not parse ({ex.Message}).", ex);
                }
            }
        }
        return log;
    }

    /// <summary>The events of one file.</summary>
    public static IEnumerable<Event> ReadEvents(string path) => ReadRecords(path).Select(r => r.e);

    /// <summary>The events of one file with the byte offset of each record.</summary>
    public static IEnumerable<(long offset, Event e)> ReadRecords(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1 << 16);
        long length = f.Length, offset = 0;
        var header = new byte[12];
        var crc = new byte[4];
        while (offset < length)
        {
            if (length - offset < 12) yield break; // partial header: not yet written
            f.ReadExactly(header);
            ulong len = BinaryPrimitives.ReadUInt64LittleEndian(header);
            uint lenCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            if (lenCrc != RecordFormat.MaskedCrc(header.AsSpan(0, 8)))
                throw Corrupt(path, offset, "the length checksum does not match.");
            if ((ulong)(length - offset - 12) < len + 4) yield break; // partial record: not yet written
            if (len > (ulong)Array.MaxLength) throw Corrupt(path, offset, $"a record of {len} bytes is larger than a reader can hold.");
            var body = new byte[len];
            f.ReadExactly(body);
            f.ReadExactly(crc);
            if (BinaryPrimitives.ReadUInt32LittleEndian(crc) != RecordFormat.MaskedCrc(body))
                throw Corrupt(path, offset, "the data checksum does not match.");
            yield return (offset, Parse(path, offset, body));
            offset += 12 + (long)len + 4;
        }
    }

    static InvalidDataException Corrupt(string path, long offset, string what) =>
        new($"TensorBoard event file '{path}' is corrupt at byte offset {offset}: {what}");

    static Event Parse(string path, long offset, byte[] body)
    {
        try { return Event.Parser.ParseFrom(body); }
        catch (Google.Protobuf.InvalidProtocolBufferException ex) { throw Corrupt(path, offset, ex.Message); }
    }

    static void Add(RunData run, Event e)
    {
        if (e.WhatCase == Event.WhatOneofCase.GraphDef) { run.Graph = GraphDef.Parser.ParseFrom(e.GraphDef); return; }
        if (e.WhatCase != Event.WhatOneofCase.Summary) return;
        foreach (var v in e.Summary.Value)
        {
            string plugin = v.Metadata?.PluginData?.PluginName ?? "";
            switch (v.ValueCase)
            {
                case Summary.Types.Value.ValueOneofCase.SimpleValue:
                    Series(run.Scalars, v.Tag).Add(new ScalarPoint(e.Step, e.WallTime, v.SimpleValue));
                    break;
                case Summary.Types.Value.ValueOneofCase.Histo:
                    Series(run.Histograms, v.Tag).Add((e.Step, v.Histo));
                    break;
                case Summary.Types.Value.ValueOneofCase.Image:
                    Series(run.Images, v.Tag).Add((e.Step, v.Image));
                    break;
                case Summary.Types.Value.ValueOneofCase.Tensor when plugin == "scalars" && v.Tensor.FloatVal.Count == 1:
                    Series(run.Scalars, v.Tag).Add(new ScalarPoint(e.Step, e.WallTime, v.Tensor.FloatVal[0]));
                    break;
                case Summary.Types.Value.ValueOneofCase.Tensor when plugin == "images" && v.Tensor.StringVal.Count >= 2:
                {
                    // tf.summary.image's tensor: ["W", "H", png₀, png₁, ...]
                    int w = int.Parse(v.Tensor.StringVal[0].ToStringUtf8(), System.Globalization.CultureInfo.InvariantCulture);
                    int h = int.Parse(v.Tensor.StringVal[1].ToStringUtf8(), System.Globalization.CultureInfo.InvariantCulture);
                    var series = Series(run.Images, v.Tag);
                    foreach (var png in v.Tensor.StringVal.Skip(2))
                        series.Add((e.Step, new Summary.Types.Image { Width = w, Height = h, EncodedImageString = png }));
                    break;
                }
                case Summary.Types.Value.ValueOneofCase.Tensor when plugin == "text":
                    Series(run.Texts, v.Tag).Add((e.Step, v.Tensor.StringVal.Count > 0 ? v.Tensor.StringVal[0].ToStringUtf8() : ""));
                    break;
                case Summary.Types.Value.ValueOneofCase.Tensor when plugin == "graph_keras_model":
                    run.KerasGraph = v.Tensor.StringVal.Count > 0 ? v.Tensor.StringVal[0].ToStringUtf8() : null;
                    break;
                default:
                    if (plugin == "hparams")
                    {
                        var d = HParamsPluginData.Parser.ParseFrom(v.Metadata!.PluginData.Content);
                        if (d.SessionStartInfo is { } s) foreach (var kv in s.Hparams) run.HParams[kv.Key] = kv.Value;
                        if (d.SessionEndInfo is { } end) run.SessionStatus = end.Status;
                        if (d.Experiment is { } x) run.Experiment = x;
                    }
                    break;
            }
        }
    }

    static List<T> Series<T>(Dictionary<string, List<T>> d, string tag)
    {
        if (!d.TryGetValue(tag, out var list)) d[tag] = list = new List<T>();
        return list;
    }
}
