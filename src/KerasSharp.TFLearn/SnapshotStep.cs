using KerasSharp.Callbacks;
using KerasSharp.Training;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's snapshot_step: every N training steps, evaluate on the validation set (when there is
/// one), print the block with val_loss and val_acc followed by "--", and save a checkpoint when
/// checkpoint_path is set.
/// </summary>
internal sealed class SnapshotStep(DNN dnn, TermLogger term, int every, (object x, object y)? validation) : Callback
{
    long seen;

    public override void on_epoch_begin(int epoch, Logs? logs = null) => seen = 0;

    public override void on_train_batch_end(int batch, Logs logs)
    {
        seen = (long)logs.GetCount(dnn.KerasModel.Config!.TrainOps[0].Prefix + "loss");
        if (term.Step % every != 0) return;
        var values = new Dictionary<string, double>();
        if (validation is { } v)
            foreach (var kv in dnn.KerasModel.evaluate(v.x, v.y, batch_size: 128, verbose: 0).ToDictionary()) values[kv.Key] = kv.Value;
        term.Snapshot(values, seen);
        if (dnn.checkpoint_path is { } cp) dnn.save($"{cp}-{term.Step}");
    }
}
