using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KerasSharp.TensorBoard.Proto;
using KerasSharp.TensorBoard.Proto.HParams;

namespace KerasSharp.TensorBoard;

/// <summary>
/// TensorBoard's HParams plugin data: session_start_info (the hyper-parameters) and
/// session_end_info (the status) in each session's run directory. No experiment summary is
/// written: without one, TensorBoard's hparams plugin builds the experiment from the sessions
/// themselves (backend_context.py, _compute_experiment_from_runs): the hyper-parameters are the
/// union of every session's, and the metrics are every scalar tag of every run at or below a
/// session (group = the run's path below the session, "" for the session's own run). So any
/// number of programs writing sessions beneath one logdir show one experiment, and nothing
/// outside a run's own directory is read or written.
/// </summary>
public static class HParams
{
    const string StartTag = "_hparams_/session_start_info";
    const string EndTag = "_hparams_/session_end_info";

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
}
