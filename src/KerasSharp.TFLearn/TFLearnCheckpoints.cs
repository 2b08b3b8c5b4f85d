using KerasSharp.Callbacks;
using KerasSharp.Training;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's checkpoints (callbacks.py ModelSaver): at every snapshot, the model is saved to
/// checkpoint_path-&lt;step&gt; (keeping the newest max_checkpoints when set), and when validation
/// accuracy beats best_val_accuracy, to best_checkpoint_path + int(10000 · round(val_acc, 4)).
/// Files are in the .keras format, written by rename.
/// </summary>
public sealed class TFLearnCheckpoints : Callback
{
    readonly DNN dnn;
    readonly TermLogger term;
    readonly List<string> kept = new();

    internal TFLearnCheckpoints(DNN dnn, TermLogger term) { this.dnn = dnn; this.term = term; }

    /// <summary>The checkpoint files written.</summary>
    public IReadOnlyList<string> Written => written;
    readonly List<string> written = new();

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (dnn.checkpoint_path is { } cp)
        {
            string path = $"{cp}-{term.Step}";
            dnn.save(path);
            written.Add(path);
            kept.Add(path);
            if (dnn.max_checkpoints is int max && max > 0)
                while (kept.Count > max) { File.Delete(kept[0]); kept.RemoveAt(0); }
        }
        if (dnn.best_checkpoint_path is { } bp)
        {
            string prefix = dnn.KerasModel.Config!.TrainOps[0].Prefix;
            if (logs.TryGetValue("val_" + prefix + "acc", out var acc) || logs.TryGetValue("val_" + prefix + "binary_acc", out acc))
            {
                if (acc > dnn.best_val_accuracy)
                {
                    dnn.best_val_accuracy = acc;
                    string path = bp + ((int)(10000 * Math.Round(acc, 4, MidpointRounding.ToEven))).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    dnn.save(path);
                    written.Add(path);
                }
            }
        }
    }
}
