using PureHDF;
using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras BackupAndRestore: after every epoch writes one backup file (weights, optimizer state, the
/// finished epoch and the random generator's state) by rename; a run that is killed and started
/// again resumes after the last finished epoch and, with a fixed seed, ends with the same weights as
/// a run that never stopped. The backup is deleted when training ends (delete_checkpoint). A
/// damaged backup is a clear error naming the file (see <see cref="on_train_begin"/>).
/// </summary>
public sealed class BackupAndRestore(string backup_dir, bool delete_checkpoint = true) : Callback
{
    string File => Path.Combine(backup_dir, "latest.weights.h5");

    /// <summary>The epoch training resumed after, or null when it started fresh.</summary>
    public int? ResumedAfterEpoch { get; private set; }

    /// <summary>
    /// Resumes from the backup when there is one. The backup's epoch and random generator state are
    /// read and checked before anything is handed to the model or the engine; a backup that is not
    /// one, or is damaged, is an <see cref="InvalidDataException"/> that names the file and what is
    /// wrong (delete the file to start afresh), never a native abort.
    /// </summary>
    public override void on_train_begin(Logs? logs = null)
    {
        ResumedAfterEpoch = null;
        if (!System.IO.File.Exists(File)) return;
        var (epoch, rng) = ReadState(File);
        try { model.load_weights(File); }
        catch (Exception e) when (e is not (OutOfMemoryException or InvalidDataException))
        {
            throw Damaged(File, $"its weights do not load into model \"{model.name}\" ({e.Message})", e);
        }
        using (var state = TorchSharp.torch.tensor(rng)) TorchSharp.torch.set_rng_state(state);
        ResumedAfterEpoch = (int)epoch;
        model.ResumeAtEpoch = (int)epoch + 1;
    }

    static InvalidDataException Damaged(string file, string what, Exception? inner = null) =>
        new($"BackupAndRestore: the backup '{file}' is damaged or not a KerasSharp backup: {what}. Delete it to start training afresh.", inner);

    /// <summary>The finished epoch and the random generator state stored in a backup, checked.</summary>
    static (long epoch, byte[] rng) ReadState(string file)
    {
        long[] epochs;
        byte[] rng;
        try
        {
            using var f = PureHDF.H5File.OpenRead(file);
            epochs = f.Dataset("kerassharp_backup/epoch").Read<long[]>();
            rng = f.Dataset("kerassharp_backup/rng_state").Read<byte[]>();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Damaged(file, $"its epoch and random generator state cannot be read ({e.Message})", e);
        }
        if (epochs.Length != 1 || epochs[0] < 0 || epochs[0] >= int.MaxValue)
            throw Damaged(file, $"the finished epoch must be one number ≥ 0, the file holds [{string.Join(", ", epochs.Take(5))}{(epochs.Length > 5 ? ", ..." : "")}]");
        CheckRngState(rng, file);
        return (epochs[0], rng);
    }

    /// <summary>
    /// Checks a CPU random generator state (as <c>torch.get_rng_state()</c> gives it) before it goes
    /// to the engine, which aborts the process on a state it rejects: the state must have the
    /// engine's size, and its Mersenne Twister must be seeded with a position inside its 624 words
    /// (libtorch's CPUGeneratorImpl::set_state and mt19937::is_valid). Throws an
    /// <see cref="InvalidDataException"/> naming <paramref name="source"/> and the fault.
    /// </summary>
    public static void CheckRngState(byte[] state, string source)
    {
        ArgumentNullException.ThrowIfNull(state);
        long expected;
        using (var current = TorchSharp.torch.get_rng_state()) expected = current.numel();
        if (state.Length != expected)
            throw Damaged(source, $"its random generator state has {state.Length} bytes, the engine's has {expected}");
        // CPUGeneratorImplStateLegacy: uint64 the_initial_seed, int32 left, int32 seeded, uint64 next, uint64 state[624], ...
        const int N = 624;
        int left = BitConverter.ToInt32(state, 8);
        int seeded = BitConverter.ToInt32(state, 12);
        ulong next = BitConverter.ToUInt64(state, 16);
        if (seeded == 0) throw Damaged(source, "its random generator state is marked as never seeded");
        if (left < 1 || left > N) throw Damaged(source, $"its random generator state has left={left}, expected 1 to {N}");
        if (next > N) throw Damaged(source, $"its random generator state has next={next}, expected 0 to {N}");
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
