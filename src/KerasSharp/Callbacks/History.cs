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
        foreach (var kv in logs)
        {
            if (!history.TryGetValue(kv.Key, out var list)) history[kv.Key] = list = new List<double>();
            list.Add(kv.Value);
        }
    }
}
