using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>Keras History: every epoch's logs, by name. fit returns it.</summary>
public sealed class History : Callback
{
    /// <summary>name → one value per epoch ("loss", "val_accuracy", ...).</summary>
    public Dictionary<string, List<double>> history { get; } = new(StringComparer.Ordinal);
    /// <summary>The epochs run (0-based).</summary>
    public List<int> epoch { get; } = new();

    /// <inheritdoc />
    public override void on_epoch_end(int e, Logs logs)
    {
        epoch.Add(e);
        for (int i = 0; i < logs.Count; i++)
        {
            string key = logs.KeyAt(i);
            if (!history.TryGetValue(key, out var list)) history[key] = list = new List<double>();
            list.Add(logs.ValueAt(i));
        }
    }
}
