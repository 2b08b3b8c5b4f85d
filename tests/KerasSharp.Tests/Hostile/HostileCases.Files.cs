using PureHDF;
using System.Runtime.InteropServices;
using KerasSharp.Callbacks;
using KerasSharp.TensorBoard;
using KerasSharp.TFLearn;
using KerasSharp.Training;

namespace KerasSharp.Tests.Hostile;

/// <summary>Hostile cases for files the library writes: event files on a full disk, run folders, backups.</summary>
public static partial class HostileCases
{
    const int RLIMIT_FSIZE = 1, SIGXFSZ = 25; // Linux

    [StructLayout(LayoutKind.Sequential)]
    struct RLimit { public ulong Current, Max; }

    [DllImport("libc", SetLastError = true)] static extern int setrlimit(int resource, ref RLimit limit);
    [DllImport("libc")] static extern IntPtr signal(int signum, IntPtr handler);

    /// <summary>
    /// From here on, no file of this process may grow past <paramref name="bytes"/>: a write beyond
    /// fails with EFBIG ("File too large"), as a write to a full disk fails with ENOSPC. SIGXFSZ, which
    /// would kill the process at that write, is ignored, so the failure reaches the writer as an error.
    /// </summary>
    static void LimitFileSize(long bytes)
    {
        signal(SIGXFSZ, (IntPtr)1); // SIG_IGN
        var l = new RLimit { Current = (ulong)bytes, Max = (ulong)bytes };
        if (setrlimit(RLIMIT_FSIZE, ref l) != 0) throw new InvalidOperationException($"setrlimit failed: errno {Marshal.GetLastPInvokeError()}");
    }

    static readonly float[,] YReg = { { 0 }, { 1 }, { 1 }, { 0 } };

    /// <summary>A callback that, at the first epoch, says it is running and waits until the other process says so too.</summary>
    sealed class Rendezvous(string barrier, string me, string other) : Callback
    {
        public override void on_epoch_begin(int epoch, Logs? logs = null)
        {
            if (epoch != 0) return;
            File.WriteAllText(Path.Combine(barrier, me), "");
            for (int i = 0; i < 1200 && !File.Exists(Path.Combine(barrier, other)); i++) Thread.Sleep(50);
        }
    }

    static void AddFileCases()
    {
        Add("inf_in_y", () => { var m = Fitted("mse", 1, "linear"); m.fit(X4, new float[,] { { 0 }, { float.PositiveInfinity }, { 1 }, { 0 } }, verbose: 0); });
        // A Keras TensorBoard fit whose event files hit the file-size limit mid-run (args: log_dir, on_write_error).
        AddF("tensorboard_file_too_large", a =>
        {
            var m = Fitted("mse", 1, "linear");
            var tb = new KerasSharp.Callbacks.TensorBoard(a[0], write_graph: false, update_freq: "batch", on_write_error: a[1]);
            LimitFileSize(3000);
            var h = m.fit(X4, YReg, batch_size: 1, epochs: 40, callbacks: new Callback[] { tb }, verbose: 0);
            return $"{h.history["loss"].Count} epochs|{tb.WriteError?.Message}";
        });
        // A SummaryWriter whose flush timer meets the failure (args: log_dir); the writer is never disposed, so the exit flushes it too.
        AddF("summarywriter_timer_file_too_large", a =>
        {
            var w = new SummaryWriter(a[0], flush_secs: 0.01);
            LimitFileSize(2000);
            for (int i = 0; i < 200; i++) w.add_scalar("loss", i, i);
            for (int i = 0; i < 3000 && w.WriteErrors.Error is null; i++) Thread.Sleep(10);
            return w.WriteErrors.Error?.Message ?? "no error";
        });
        // The exit flush alone meets the failure (args: log_dir).
        AddF("summarywriter_exit_file_too_large", a =>
        {
            var w = new SummaryWriter(a[0], flush_secs: 3600);
            LimitFileSize(2000);
            for (int i = 0; i < 200; i++) w.add_scalar("loss", i, i);
            return "left open";
        });
        // A TFLearn fit whose summaries hit the limit (args: tensorboard_dir, run_id).
        AddF("tflearn_file_too_large", a =>
        {
            var m = TinyDnn(a[0]);
            LimitFileSize(3000);
            m.fit(X4, YReg, n_epoch: 40, batch_size: 1, run_id: a[1]);
            return $"{m.LastSummaries!.RunDirectory}|{m.LastSummaries.WriteError?.Message}";
        });
        // Two processes started together with one log_dir / run_id (args: dir, barrier folder, me, other).
        AddF("tensorboard_same_log_dir", a =>
        {
            var m = Fitted("mse", 1, "linear");
            var tb = new KerasSharp.Callbacks.TensorBoard(a[0], write_graph: false);
            m.fit(X4, YReg, epochs: 2, callbacks: new Callback[] { tb, new Rendezvous(a[1], a[2], a[3]) }, verbose: 0);
            return tb.RunDirectory;
        });
        AddF("tflearn_same_run_id", a =>
        {
            var m = TinyDnn(a[0]);
            m.fit(X4, YReg, n_epoch: 2, batch_size: 4, run_id: a[1]);
            return m.LastSummaries!.RunDirectory!;
        });
        // A backup that is damaged before the resuming fit (args: backup_dir, what to damage).
        AddF("backup_damaged", a =>
        {
            string dir = a[0], file = Path.Combine(dir, "latest.weights.h5");
            keras.utils.set_random_seed(3);
            var m = Fitted("mse", 1, "linear");
            m.fit(X4, YReg, epochs: 2, callbacks: new Callback[] { new BackupAndRestore(dir, delete_checkpoint: false) }, verbose: 0);
            byte[] rng;
            using (var h5 = PureHDF.H5File.OpenRead(file)) rng = h5.Dataset("kerassharp_backup/rng_state").Read<byte[]>();
            var bytes = File.ReadAllBytes(file);
            int at = bytes.AsSpan().IndexOf(rng);
            if (at < 0 || bytes.AsSpan(at + 1).IndexOf(rng) >= 0) throw new InvalidOperationException("the RNG state is not stored once, contiguously");
            switch (a[1])
            {
                case "rng_left_0": BitConverter.GetBytes(0).CopyTo(bytes, at + 8); break;
                case "rng_next_5000": BitConverter.GetBytes(5000L).CopyTo(bytes, at + 16); break;
                case "rng_unseeded": BitConverter.GetBytes(0).CopyTo(bytes, at + 12); break;
                case "truncated": bytes = bytes[..(bytes.Length / 2)]; break;
                case "epoch_negative":
                    KerasSharp.Saving.WeightsStore.WriteH5(m, file, includeOptimizer: true, new Dictionary<string, Array>
                    {
                        ["kerassharp_backup/epoch"] = new long[] { -4 },
                        ["kerassharp_backup/rng_state"] = rng,
                    });
                    bytes = File.ReadAllBytes(file);
                    break;
                case "rng_short":
                    KerasSharp.Saving.WeightsStore.WriteH5(m, file, includeOptimizer: true, new Dictionary<string, Array>
                    {
                        ["kerassharp_backup/epoch"] = new long[] { 1 },
                        ["kerassharp_backup/rng_state"] = rng[..100],
                    });
                    bytes = File.ReadAllBytes(file);
                    break;
                case "not_a_backup": m.save_weights(file); bytes = File.ReadAllBytes(file); break;
                default: throw new ArgumentException(a[1]);
            }
            File.WriteAllBytes(file, bytes);
            var again = Fitted("mse", 1, "linear");
            again.fit(X4, YReg, epochs: 4, callbacks: new Callback[] { new BackupAndRestore(dir) }, verbose: 0);
            return "resumed";
        });
    }

    static DNN TinyDnn(string tensorboardDir)
    {
        var g = tflearn.input_data(shape: [null, 4]);
        var r = tflearn.regression(tflearn.fully_connected(g, 1), optimizer: "sgd", loss: "mean_square", metric: null);
        return tflearn.DNN(r, tensorboard_dir: tensorboardDir);
    }
}
