using KerasSharp.Callbacks;
using KerasSharp.Training;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's snapshot_step: every N training steps, evaluate on the validation set (when there is
/// one), print the block with val_loss (and, with show_metric, the metric) followed by "--", and
/// save a checkpoint when checkpoint_path is set. A step that ends an epoch whose end is a
/// snapshot anyway is left to the epoch's end (one snapshot, as TFLearn makes).
/// </summary>
internal sealed class SnapshotStep(DNN dnn, TermLogger term, TFLearnCheckpoints checkpoints, TrainingConfig config, int every,
    (object x, object y)? validation, int validationBatchSize, bool epochSnapshots) : Callback
{
    /// <summary>Reads its logs only inside its hooks.</summary>
    public override bool KeepsBatchLogs => false;

    public override void on_train_batch_end(int batch, Logs logs)
    {
        if (term.Step % every != 0) return;
        long seen = (long)logs.GetCount(config.TrainOps[0].Prefix + "loss");
        long samples = @params.TryGetValue("samples", out var s) && s is long l ? l : -1;
        if (epochSnapshots && seen == samples) return;
        var values = validation is { } v
            ? dnn.Validate(config, v.x, v.y, validationBatchSize).ToDictionary(kv => "val_" + kv.Key, kv => kv.Value)
            : new Dictionary<string, double>();
        term.Snapshot(values, seen);
        checkpoints.Snapshot(term.Step, values);
    }
}
