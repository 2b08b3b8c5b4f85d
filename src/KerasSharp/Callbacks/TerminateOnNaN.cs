using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras TerminateOnNaN: reads the loss after every training batch (its on_batch_end) and, when it
/// is NaN or infinite, stops training gracefully (model.stop_training, so on_train_end still runs)
/// or, with <c>raise_error</c>, throws at once, so no other callback's on_train_end runs.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>Throw instead of stopping gracefully.</summary>
    public bool raise_error { get; }

    /// <summary>Keras's signature and default.</summary>
    public TerminateOnNaN(bool raise_error = false) { this.raise_error = raise_error; }

    /// <summary>The batch at which training was stopped, or null.</summary>
    public int? TerminatedAtBatch { get; private set; }

    /// <inheritdoc />
    public override void on_batch_end(int batch, Logs logs)
    {
        if (!logs.TryGetValue("loss", out double loss)) return;
        if (!double.IsNaN(loss) && !double.IsInfinity(loss)) return;
        TerminatedAtBatch = batch;
        if (raise_error)
            throw new InvalidOperationException($"NaN or Inf loss encountered at batch {batch}. Loss value: {Utils.PyRepr.Float(loss)}. Terminating training immediately.");
        Console.WriteLine($"Batch {batch}: Invalid loss, terminating training");
        model.stop_training = true;
    }
}
