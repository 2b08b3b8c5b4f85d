using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>Keras CSVLogger: one row per epoch, "epoch" then the sorted metric names.</summary>
public sealed class CSVLogger(string filename, string separator = ",", bool append = false) : Callback
{
    List<string>? keys;

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        keys = null;
        if (!append && File.Exists(filename)) File.Delete(filename);
        if (append && File.Exists(filename) && new FileInfo(filename).Length > 0)
        {
            var header = File.ReadLines(filename).FirstOrDefault();
            if (header is not null) keys = header.Split(separator).Skip(1).ToList();
        }
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        bool writeHeader = keys is null;
        keys ??= logs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        using var w = new StreamWriter(filename, append: true);
        if (writeHeader) w.WriteLine("epoch" + separator + string.Join(separator, keys));
        w.WriteLine(epoch.ToString(inv) + separator + string.Join(separator, keys.Select(k => logs.TryGetValue(k, out var v) ? v.ToString("R", inv) : "NA")));
    }
}
