using PureHDF;
using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras BackupAndRestore: after every epoch writes one backup file (weights, optimizer state, the
/// finished epoch and the random generator's state) by rename; a run that is killed and started
/// again resumes after the last finished epoch and, with a fixed seed, ends with the same weights as
/// a run that never stopped. The backup is deleted when training ends (delete_checkpoint).
/// </summary>
public sealed class BackupAndRestore(string backup_dir, bool delete_checkpoint = true) : Callback
{
    string File => Path.Combine(backup_dir, "latest.weights.h5");

    /// <summary>The epoch training resumed after, or null when it started fresh.</summary>
    public int? ResumedAfterEpoch { get; private set; }

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        ResumedAfterEpoch = null;
        if (!System.IO.File.Exists(File)) return;
        model.load_weights(File);
        using var f = PureHDF.H5File.OpenRead(File);
        long epoch = f.Dataset("kerassharp_backup/epoch").Read<long[]>()[0];
        var rng = f.Dataset("kerassharp_backup/rng_state").Read<byte[]>();
        TorchSharp.torch.set_rng_state(TorchSharp.torch.tensor(rng));
        ResumedAfterEpoch = (int)epoch;
        model.ResumeAtEpoch = (int)epoch + 1;
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        Directory.CreateDirectory(backup_dir);
        using var state = TorchSharp.torch.get_rng_state();
        var extra = new Dictionary<string, Array>
        {
            ["kerassharp_backup/epoch"] = new long[] { epoch },
            ["kerassharp_backup/rng_state"] = state.data<byte>().ToArray(),
        };
        Saving.KerasArchive.WriteAtomically(File, tmp => Saving.WeightsStore.WriteH5(model, tmp, includeOptimizer: true, extra));
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null)
    {
        if (delete_checkpoint && System.IO.File.Exists(File)) System.IO.File.Delete(File);
    }
}
