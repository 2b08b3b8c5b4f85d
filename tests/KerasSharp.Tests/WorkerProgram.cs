using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Training;

namespace KerasSharp.Tests;

/// <summary>Entry point for child processes that tests start (the kill-and-resume test).</summary>
public static class WorkerProgram
{
    /// <summary>
    /// --backup-worker BACKUP_DIR OUT_WEIGHTS KILL_AFTER_EPOCH (−1: never);
    /// --hostile CASE[::ARG||ARG...]... (the hostile-input cases, see <see cref="Hostile.HostileCases"/>).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length == 4 && args[0] == "--backup-worker") return BackupWorker(args[1], args[2], int.Parse(args[3]));
        if (args.Length >= 1 && args[0] == "--hostile") return Hostile.HostileCases.RunCases(args[1..]);
        Console.Error.WriteLine("KerasSharp.Tests: run with dotnet test; as a program it only serves the tests' child processes.");
        return 2;
    }

    /// <summary>The data of the kill test: 256 fixed samples.</summary>
    public static (float[,] x, float[,] y) Data()
    {
        var x = new float[256, 4];
        var y = new float[256, 1];
        for (int i = 0; i < 256; i++)
        {
            for (int j = 0; j < 4; j++) x[i, j] = (float)Math.Sin(i * 0.37 + j * 1.3);
            y[i, 0] = x[i, 0] * x[i, 1] + x[i, 2] > 0 ? 1 : 0;
        }
        return (x, y);
    }

    sealed class Blocker(string dir, int killAfterEpoch) : Callback
    {
        int epoch;
        public override void on_epoch_begin(int e, Logs? logs = null) => epoch = e;
        public override void on_train_batch_end(int batch, Logs logs)
        {
            if (epoch == killAfterEpoch + 1 && batch == 3)
            {
                File.WriteAllText(Path.Combine(dir, "mid-epoch"), epoch.ToString());
                Thread.Sleep(Timeout.Infinite); // the parent kills this process here, mid-epoch
            }
        }
    }

    static int BackupWorker(string backupDir, string outWeights, int killAfterEpoch)
    {
        keras.utils.set_random_seed(7);
        var model = keras.Sequential(keras.Input(shape: new[] { 4 }), keras.layers.Dense(16, activation: "relu"),
            keras.layers.Dropout(0.2), keras.layers.Dense(1, activation: "sigmoid"));
        model.compile(optimizer: "adam", loss: "binary_crossentropy");
        var (x, y) = Data();
        var callbacks = new List<Callback> { keras.callbacks.BackupAndRestore(backupDir) };
        if (killAfterEpoch >= 0) callbacks.Add(new Blocker(backupDir, killAfterEpoch));
        model.fit(x, y, batch_size: 16, epochs: 6, callbacks: callbacks, verbose: 0);
        model.save_weights(outWeights);
        return 0;
    }
}
