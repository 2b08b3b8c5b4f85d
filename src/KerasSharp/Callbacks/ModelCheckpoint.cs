using System.Globalization;
using PureHDF;
using System.Text.RegularExpressions;
using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras ModelCheckpoint: saves the model (.keras) or its weights (.weights.h5) at epoch ends or
/// every save_freq batches, to a filepath template such as "ck-{epoch:02d}-{val_loss:.2f}.keras".
/// Each file is written under a temporary name and renamed.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    readonly string filepath, monitor;
    readonly bool saveBestOnly, saveWeightsOnly, maximize;
    readonly int verbose, saveFreq;
    double? best;
    long batches;
    int currentEpoch;

    /// <summary>Keras's signature and defaults; save_freq is "epoch" or a number of batches.</summary>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false,
        bool save_weights_only = false, string mode = "auto", object? save_freq = null, double? initial_value_threshold = null)
    {
        if (save_weights_only && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` (Keras weights format). Received: filepath={filepath}");
        if (!save_weights_only && !filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"The filepath provided must end in `.keras` (Keras model format). Received: filepath={filepath}");
        if (mode != "auto" && mode != "min" && mode != "max") throw new ArgumentException($"ModelCheckpoint: unknown mode '{mode}'. Known modes: auto, min, max.");
        this.filepath = filepath; this.monitor = monitor; this.verbose = verbose; saveBestOnly = save_best_only; saveWeightsOnly = save_weights_only;
        maximize = mode == "max" || (mode == "auto" && (monitor.Contains("acc") || monitor.StartsWith("fmeasure") || monitor.Contains("auc")));
        saveFreq = save_freq switch { null or "epoch" => 0, int n when n > 0 => n, _ => throw new ArgumentException($"ModelCheckpoint: save_freq must be 'epoch' or a positive integer, received {save_freq}.") };
        best = initial_value_threshold;
    }

    /// <summary>The files written so far.</summary>
    public List<string> Saved { get; } = new();

    /// <summary>Python's str.format for {name}, {name:02d}, {name:.2f}, {name:.4e}.</summary>
    public static string Format(string template, IReadOnlyDictionary<string, double> values)
    {
        return Regex.Replace(template, @"\{(\w+)(?::([^}]*))?\}", m =>
        {
            string key = m.Groups[1].Value, spec = m.Groups[2].Value;
            if (!values.TryGetValue(key, out var v))
                throw new KeyError($"Failed to format this callback filepath: \"{template}\". Reason: '{key}' is not among the logged values ({string.Join(", ", values.Keys)}).");
            var fm = Regex.Match(spec, @"^(0?)(\d*)(?:\.(\d+))?([dfeg]?)$");
            if (!fm.Success) throw new KeyError($"Unsupported format spec '{spec}' in \"{template}\".");
            string fill = fm.Groups[1].Value, width = fm.Groups[2].Value, prec = fm.Groups[3].Value, type = fm.Groups[4].Value;
            string s = type switch
            {
                "d" => ((long)v).ToString(CultureInfo.InvariantCulture),
                "f" => v.ToString("F" + (prec == "" ? "6" : prec), CultureInfo.InvariantCulture),
                "e" => v.ToString((prec == "" ? "0.000000" : "0." + new string('0', int.Parse(prec))) + "e+00", CultureInfo.InvariantCulture),
                _ => v == Math.Floor(v) && key == "epoch" ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture),
            };
            if (width != "") s = s.PadLeft(int.Parse(width), fill == "0" ? '0' : ' ');
            return s;
        });
    }

    /// <summary>A missing key in a filepath template.</summary>
    public sealed class KeyError(string message) : Exception(message);

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Logs? logs = null) => currentEpoch = epoch;

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        if (saveFreq == 0 || ++batches % saveFreq != 0) return;
        var values = logs.ToDictionary();
        values["epoch"] = currentEpoch + 1;
        values["batch"] = batch + 1;
        Save(values);
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (saveFreq != 0) return;
        var values = logs.ToDictionary();
        values["epoch"] = epoch + 1;
        Save(values);
    }

    void Save(Dictionary<string, double> values)
    {
        string path = Format(filepath, values);
        if (saveBestOnly)
        {
            if (!values.TryGetValue(monitor, out var current))
            {
                Console.Error.WriteLine($"Can save best model only with {monitor} available, skipping.");
                return;
            }
            bool improved = best is null || (maximize ? current > best : current < best);
            if (!improved)
            {
                if (verbose > 0) Console.WriteLine($"\nEpoch {values["epoch"]}: {monitor} did not improve from {best:0.00000}");
                return;
            }
            if (verbose > 0) Console.WriteLine($"\nEpoch {values["epoch"]}: {monitor} improved from {(best is null ? "inf" : best.Value.ToString("0.00000"))} to {current:0.00000}, saving model to {path}");
            best = current;
        }
        else if (verbose > 0) Console.WriteLine($"\nEpoch {values["epoch"]}: saving model to {path}");
        if (saveWeightsOnly) model.save_weights(path); else model.save(path);
        Saved.Add(path);
    }
}

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
