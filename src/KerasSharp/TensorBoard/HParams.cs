using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KerasSharp.TensorBoard.Proto;
using KerasSharp.TensorBoard.Proto.HParams;

namespace KerasSharp.TensorBoard;

/// <summary>
/// TensorBoard's HParams plugin: session start and end info in each run directory, and one
/// experiment summary at the log root that lists every hyper-parameter and metric of the runs
/// under it (rewritten as runs are added, so there is only ever one).
/// </summary>
public static class HParams
{
    const string ExperimentTag = "_hparams_/experiment";
    const string StartTag = "_hparams_/session_start_info";
    const string EndTag = "_hparams_/session_end_info";
    const string ExperimentSuffix = ".hparams-experiment";

    static Summary.Types.Value Plugin(string tag, HParamsPluginData data) => new()
    {
        Tag = tag,
        Metadata = new SummaryMetadata { PluginData = new() { PluginName = "hparams", Content = data.ToByteString() } },
        Tensor = new TensorProto { Dtype = Proto.DataType.DtFloat, TensorShape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dim { Size = 0 } } } },
    };

    static Value ToValue(object? v) => v switch
    {
        null => Value.ForNull(),
        bool b => Value.ForBool(b),
        string s => Value.ForString(s),
        IConvertible c when v is int or long or float or double or decimal or short or byte => Value.ForNumber(Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture)),
        _ => Value.ForString(v.ToString() ?? ""),
    };

    /// <summary>Writes session_start_info (the run's hyper-parameters) into the run's writer.</summary>
    public static void WriteSessionStart(SummaryWriter writer, IReadOnlyDictionary<string, object?> hparams, string? groupName = null)
    {
        var start = new SessionStartInfo { StartTimeSecs = SummaryWriter.Now(), GroupName = groupName ?? "" };
        foreach (var kv in hparams) start.Hparams[kv.Key] = ToValue(kv.Value);
        writer.Write(0, Plugin(StartTag, new HParamsPluginData { Version = 0, SessionStartInfo = start }));
    }

    /// <summary>Writes session_end_info with the run's status.</summary>
    public static void WriteSessionEnd(SummaryWriter writer, bool success)
    {
        var end = new SessionEndInfo { Status = success ? Status.Success : Status.Failure, EndTimeSecs = SummaryWriter.Now() };
        writer.Write(0, Plugin(EndTag, new HParamsPluginData { Version = 0, SessionEndInfo = end }));
    }

    /// <summary>
    /// Rewrites the single experiment summary at <paramref name="root"/> from the session start
    /// infos of every run below it, with the given metrics (tag, group) (group = run sub-directory, "" for the run itself).
    /// </summary>
    public static void UpdateExperiment(string root, IEnumerable<(string tag, string group)> metrics)
    {
        Directory.CreateDirectory(root);
        var log = TensorBoardLog.Read(root);
        var values = new SortedDictionary<string, List<Value>>(StringComparer.Ordinal);
        foreach (var run in log.Runs.Values)
            foreach (var kv in run.HParams)
            {
                if (!values.TryGetValue(kv.Key, out var list)) values[kv.Key] = list = new List<Value>();
                if (!list.Contains(kv.Value)) list.Add(kv.Value);
            }
        var exp = new Experiment { TimeCreatedSecs = SummaryWriter.Now() };
        foreach (var (name, list) in values)
        {
            var info = new HParamInfo { Name = name };
            var kinds = list.Select(v => v.KindCase).Distinct().ToList();
            info.Type = kinds.Count == 1 ? kinds[0] switch
            {
                Value.KindOneofCase.NumberValue => Proto.HParams.DataType.Float64,
                Value.KindOneofCase.BoolValue => Proto.HParams.DataType.Bool,
                _ => Proto.HParams.DataType.String,
            } : Proto.HParams.DataType.String;
            if (kinds.Count == 1)
            {
                var lv = new ListValue();
                lv.Values.AddRange(kinds[0] == Value.KindOneofCase.NumberValue ? list.OrderBy(v => v.NumberValue) : list.OrderBy(v => v.ToString(), StringComparer.Ordinal));
                info.DomainDiscrete = lv;
            }
            exp.HparamInfos.Add(info);
        }
        foreach (var (tag, group) in metrics.Distinct())
            exp.MetricInfos.Add(new MetricInfo
            {
                Name = new MetricName { Tag = tag, Group = group },
                DatasetType = group == "validation" || tag.Contains("Validation") ? DatasetType.DatasetValidation : DatasetType.DatasetTraining,
            });
        foreach (var old in Directory.EnumerateFiles(root, "*" + ExperimentSuffix)) File.Delete(old);
        using var w = new SummaryWriter(root, filename_suffix: ExperimentSuffix);
        w.Write(0, Plugin(ExperimentTag, new HParamsPluginData { Version = 0, Experiment = exp }));
    }
}
