using System.Globalization;
using System.Text.RegularExpressions;
using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras ModelCheckpoint: saves the model (.keras) or its weights (.weights.h5) at epoch ends or
/// every save_freq batches, to a filepath template such as "ck-{epoch:02d}-{val_loss:.2f}.keras".
/// With save_best_only it saves only when the monitored value improves, judged as every
/// MonitorCallback judges ("better" from the metric's direction in mode "auto"); when the value is
/// missing it warns and saves, as Keras does. Each file is written under a temporary name and renamed.
/// </summary>
public sealed class ModelCheckpoint : MonitorCallback
{
    readonly string filepath;
    readonly int saveFreq;
    int batchesSinceSave;
    int? lastBatchSeen;
    int currentEpoch;

    /// <summary>0: quiet, 1: a message per save.</summary>
    public int verbose { get; }
    /// <summary>Save only when the monitored value improves.</summary>
    public bool save_best_only { get; }
    /// <summary>Save the weights only (.weights.h5).</summary>
    public bool save_weights_only { get; }

    /// <summary>Keras's signature and defaults; save_freq is "epoch" or a number of batches.</summary>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false,
        bool save_weights_only = false, string mode = "auto", object? save_freq = null, double? initial_value_threshold = null)
        : base(monitor, mode, initial_value_threshold)
    {
        saveFreq = save_freq switch
        {
            null or "epoch" => 0,
            int n => n,
            long n => (int)n,
            _ => throw new ArgumentException($"Unrecognized save_freq: {save_freq}. Expected save_freq are 'epoch' or integer values"),
        };
        if (save_weights_only && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` (Keras weights format). Received: filepath={filepath}");
        if (!save_weights_only && !filepath.EndsWith(".keras", StringComparison.Ordinal) && !filepath.EndsWith(".h5", StringComparison.Ordinal))
            throw new ArgumentException($"The filepath provided must end in `.keras` (Keras model format). Received: filepath={filepath}");
        this.filepath = filepath; this.verbose = verbose; this.save_best_only = save_best_only; this.save_weights_only = save_weights_only;
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
        if (saveFreq == 0) return;
        // Keras's _should_save_on_batch: counts the batches seen since the last save, across epochs.
        int add = lastBatchSeen is not int last || batch <= last ? batch + 1 : batch - last;
        batchesSinceSave += add;
        lastBatchSeen = batch;
        if (batchesSinceSave < saveFreq) return;
        batchesSinceSave = 0;
        var values = logs.ToDictionary();
        values.TryAdd("batch", batch + 1);
        Save(currentEpoch, values);
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (monitor_op is null) _set_monitor_op();
        if (saveFreq == 0) Save(epoch, logs.ToDictionary());
    }

    void Save(int epoch, Dictionary<string, double> logs)
    {
        var values = new Dictionary<string, double>(logs) { ["epoch"] = epoch + 1 };
        string path = Format(filepath, values);
        if (!ShouldSave(epoch, logs, path)) return;
        if (Path.GetDirectoryName(path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        if (save_weights_only) model.save_weights(path); else model.save(path);
        Saved.Add(path);
        if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: finished saving model to {path}");
    }

    bool ShouldSave(int epoch, Dictionary<string, double> logs, string path)
    {
        var inv = CultureInfo.InvariantCulture;
        if (!save_best_only)
        {
            if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: saving model to {path}");
            return true;
        }
        if (!logs.TryGetValue(monitor, out var current))
        {
            Console.Error.WriteLine($"UserWarning: Can save best model only with {monitor} available.");
            return true;
        }
        string bestText = best is double b ? b.ToString("F5", inv) : "None";
        if (_is_improvement(current, best))
        {
            if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: {monitor} improved from {bestText} to {current.ToString("F5", inv)}, saving model to {path}");
            best = current;
            return true;
        }
        if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: {monitor} did not improve from {bestText}");
        return false;
    }
}
