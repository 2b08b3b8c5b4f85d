using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras LambdaCallback: a callback made of functions. Epoch hooks take (epoch, logs), batch hooks
/// (batch, logs), train hooks (logs). Without batch functions, fit builds no per-batch logs.
/// </summary>
public sealed class LambdaCallback : Callback
{
    readonly Action<int, Logs?>? epochBegin, batchBegin;
    readonly Action<int, Logs>? epochEnd, batchEnd;
    readonly Action<Logs?>? trainBegin, trainEnd;

    /// <summary>Keras's signature: every function is optional.</summary>
    public LambdaCallback(Action<int, Logs?>? on_epoch_begin = null, Action<int, Logs>? on_epoch_end = null,
        Action<Logs?>? on_train_begin = null, Action<Logs?>? on_train_end = null,
        Action<int, Logs?>? on_train_batch_begin = null, Action<int, Logs>? on_train_batch_end = null)
    {
        epochBegin = on_epoch_begin; epochEnd = on_epoch_end; trainBegin = on_train_begin; trainEnd = on_train_end;
        batchBegin = on_train_batch_begin; batchEnd = on_train_batch_end;
    }

    internal override bool UsesTrainBatchHooks => batchBegin is not null || batchEnd is not null;

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Logs? logs = null) => epochBegin?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs) => epochEnd?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null) => trainBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null) => trainEnd?.Invoke(logs);
    /// <inheritdoc />
    public override void on_train_batch_begin(int batch, Logs? logs = null) => batchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs) => batchEnd?.Invoke(batch, logs);
}
