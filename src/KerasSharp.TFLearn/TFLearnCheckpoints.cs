using KerasSharp.Callbacks;
using KerasSharp.Training;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's checkpoints (callbacks.py ModelSaver, with TensorFlow's Saver): at each snapshot the
/// model is saved to checkpoint_path-&lt;step&gt; (at epoch ends only with snapshot_epoch; at
/// snapshot_step steps), keeping the newest max_checkpoints of them (None or 0: all); and when a
/// snapshot's validation accuracy beats best_val_accuracy, to
/// best_checkpoint_path + int(10000 · round(val_acc, 4)). Files are in the .keras format, written by rename.
/// </summary>
public sealed class TFLearnCheckpoints : Callback
{
    readonly DNN dnn;
    readonly TermLogger term;
    readonly bool snapshotEpoch;
    readonly string? metricLabel;
    readonly List<string> kept = new();
    readonly List<string> written = new();

    internal TFLearnCheckpoints(DNN dnn, TermLogger term, bool snapshotEpoch, string? metricLabel)
    {
        this.dnn = dnn; this.term = term; this.snapshotEpoch = snapshotEpoch; this.metricLabel = metricLabel;
    }

    /// <summary>The checkpoint files written (the pruned ones included).</summary>
    public IReadOnlyList<string> Written => written;
    /// <summary>The snapshot files kept, oldest first.</summary>
    public IReadOnlyList<string> Kept => kept;

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (snapshotEpoch) Save(term.Step);
        CheckBest(logs);
    }

    /// <summary>A snapshot_step snapshot: save, and check the validation accuracy.</summary>
    internal void Snapshot(long step, IReadOnlyDictionary<string, double> validation)
    {
        Save(step);
        CheckBest(validation);
    }

    void Save(long step)
    {
        if (dnn.checkpoint_path is not { } cp) return;
        string path = $"{cp}-{step}";
        dnn.save(path);
        written.Add(path);
        // TensorFlow's Saver: a path saved again moves to the newest place; the oldest beyond max_to_keep are deleted.
        kept.Remove(path);
        kept.Add(path);
        if (dnn.max_checkpoints is int max && max > 0)
            while (kept.Count > max)
            {
                if (File.Exists(kept[0])) File.Delete(kept[0]);
                kept.RemoveAt(0);
            }
    }

    void CheckBest(IReadOnlyDictionary<string, double> validation)
    {
        if (dnn.best_checkpoint_path is not { } bp || metricLabel is null) return;
        string prefix = dnn.KerasModel.Config!.TrainOps[0].Prefix;
        if (!validation.TryGetValue("val_" + prefix + metricLabel, out var acc) || !(acc > dnn.best_val_accuracy)) return;
        dnn.best_val_accuracy = acc;
        string path = bp + ((int)(10000 * Math.Round(acc, 4, MidpointRounding.ToEven))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        dnn.save(path);
        written.Add(path);
    }
}
