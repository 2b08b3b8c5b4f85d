using KerasSharp.Models;
using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// The base of callbacks, with Keras's hooks (keras/src/callbacks/callback.py). Override the ones
/// you need. As in Keras, <see cref="on_train_batch_begin"/> and <see cref="on_train_batch_end"/>
/// call <see cref="on_batch_begin"/> and <see cref="on_batch_end"/> unless overridden, so a callback
/// written against Keras's older batch hooks works unchanged.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained.</summary>
    public Model model => boundModel ?? throw new InvalidOperationException("This callback is not attached to a model yet.");
    Model? boundModel;
    /// <summary>The model, or null before the callback is attached (Keras's self._model).</summary>
    internal Model? BoundModel => boundModel;
    /// <summary>fit's parameters: verbose, epochs, steps.</summary>
    public IReadOnlyDictionary<string, object?> @params => boundParams;
    IReadOnlyDictionary<string, object?> boundParams = new Dictionary<string, object?>();

    /// <summary>
    /// Called with the model and fit's parameters before training (Keras's set_model and set_params;
    /// C# reserves the name set_model for the property model's setter).
    /// </summary>
    public virtual void Bind(Model m, IReadOnlyDictionary<string, object?> p) { boundModel = m; boundParams = p; }
    /// <summary>At the start of fit.</summary>
    public virtual void on_train_begin(Logs? logs = null) { }
    /// <summary>At the end of fit.</summary>
    public virtual void on_train_end(Logs? logs = null) { }
    /// <summary>At the start of an epoch (0-based).</summary>
    public virtual void on_epoch_begin(int epoch, Logs? logs = null) { }
    /// <summary>At the end of an epoch, with its metrics (and val_ metrics).</summary>
    public virtual void on_epoch_end(int epoch, Logs logs) { }
    /// <summary>Keras's older training-batch hook: called by <see cref="on_train_batch_begin"/> unless that is overridden.</summary>
    public virtual void on_batch_begin(int batch, Logs? logs = null) { }
    /// <summary>Keras's older training-batch hook: called by <see cref="on_train_batch_end"/> unless that is overridden.</summary>
    public virtual void on_batch_end(int batch, Logs logs) { }
    /// <summary>Before a training batch (by default calls <see cref="on_batch_begin"/>).</summary>
    public virtual void on_train_batch_begin(int batch, Logs? logs = null) => on_batch_begin(batch, logs);
    /// <summary>After a training batch, with the running averages of the epoch so far (by default calls <see cref="on_batch_end"/>).</summary>
    public virtual void on_train_batch_end(int batch, Logs logs) => on_batch_end(batch, logs);
    /// <summary>When fit stops on an exception (not a Keras hook): lets a callback close what it opened.</summary>
    public virtual void on_train_error(Exception error) { }
    /// <summary>At the start of evaluate.</summary>
    public virtual void on_test_begin(Logs? logs = null) { }
    /// <summary>At the end of evaluate.</summary>
    public virtual void on_test_end(Logs? logs = null) { }
    /// <summary>Before an evaluation batch.</summary>
    public virtual void on_test_batch_begin(int batch, Logs? logs = null) { }
    /// <summary>After an evaluation batch.</summary>
    public virtual void on_test_batch_end(int batch, Logs logs) { }
    /// <summary>At the start of predict.</summary>
    public virtual void on_predict_begin(Logs? logs = null) { }
    /// <summary>At the end of predict.</summary>
    public virtual void on_predict_end(Logs? logs = null) { }
    /// <summary>Before a prediction batch.</summary>
    public virtual void on_predict_batch_begin(int batch, Logs? logs = null) { }
    /// <summary>After a prediction batch.</summary>
    public virtual void on_predict_batch_end(int batch, Logs? logs = null) { }

    /// <summary>
    /// Whether fit must build logs after each training batch: true when the callback overrides a
    /// training batch hook (Keras's or the older on_batch_*). A callback whose hooks may do nothing
    /// (LambdaCallback) says so itself.
    /// </summary>
    internal virtual bool UsesTrainBatchHooks =>
        Overrides(nameof(on_train_batch_end)) || Overrides(nameof(on_train_batch_begin)) || Overrides(nameof(on_batch_end)) || Overrides(nameof(on_batch_begin));

    /// <summary>
    /// Whether the callback may keep a batch's logs past its hook (KerasSharp's own, not Keras's):
    /// true by default, as Keras allows a callback to keep the dict. The trainer then preserves each
    /// step's values on the device before the next step changes them. A callback that reads its logs
    /// only inside the hook returns false, and the trainer skips that copy.
    /// </summary>
    public virtual bool KeepsBatchLogs => true;

    /// <summary>Whether evaluate must build logs after each test batch: true when the callback overrides a test batch hook.</summary>
    internal virtual bool UsesTestBatchHooks => Overrides(nameof(on_test_batch_end)) || Overrides(nameof(on_test_batch_begin));

    bool Overrides(string method) => GetType().GetMethod(method)!.DeclaringType != typeof(Callback);
}

/// <summary>Runs callbacks in order: the user's, then ProgbarLogger, then History (Keras's order).</summary>
internal sealed class CallbackList
{
    readonly List<Callback> callbacks = new();
    public bool HasTerminateOnNaN => callbacks.Any(c => c is TerminateOnNaN);
    /// <summary>False when no callback overrides the per-batch hooks, so the trainer need not build batch logs.</summary>
    public bool WantsBatchEvents { get; }
    /// <summary>True when a callback with batch hooks may keep a batch's logs past its hook.</summary>
    public bool MayKeepBatchLogs { get; }
    /// <summary>False when no callback overrides the per-batch test hooks.</summary>
    public bool WantsTestBatchEvents { get; }

    public CallbackList(IEnumerable<Callback>? user, History? history, int verbose, Model model, IReadOnlyDictionary<string, object?> p)
    {
        if (user is not null) callbacks.AddRange(user);
        if (verbose > 0 && history is not null && !callbacks.Any(c => c is ProgbarLogger)) callbacks.Add(new ProgbarLogger());
        if (history is not null) callbacks.Add(history);
        foreach (var c in callbacks) c.Bind(model, p);
        WantsBatchEvents = callbacks.Any(c => c.UsesTrainBatchHooks);
        WantsTestBatchEvents = callbacks.Any(c => c.UsesTestBatchHooks);
        MayKeepBatchLogs = callbacks.Any(c => (c.UsesTrainBatchHooks || c.UsesTestBatchHooks) && c.KeepsBatchLogs);
    }

    public void on_train_begin() { foreach (var c in callbacks) c.on_train_begin(); }
    public void on_train_end(Logs? logs = null) { foreach (var c in callbacks) c.on_train_end(logs); }
    public void on_train_error(Exception e) { foreach (var c in callbacks) { try { c.on_train_error(e); } catch (Exception) { } } }
    public void on_epoch_begin(int e) { foreach (var c in callbacks) c.on_epoch_begin(e); }
    public void on_epoch_end(int e, Logs l) { foreach (var c in callbacks) c.on_epoch_end(e, l); }
    public void on_train_batch_begin(int b) { foreach (var c in callbacks) c.on_train_batch_begin(b); }
    public void on_train_batch_end(int b, Logs l) { foreach (var c in callbacks) c.on_train_batch_end(b, l); }
    public void on_test_begin() { foreach (var c in callbacks) c.on_test_begin(); }
    public void on_test_end(Logs l) { foreach (var c in callbacks) c.on_test_end(l); }
    public void on_test_batch_begin(int b) { foreach (var c in callbacks) c.on_test_batch_begin(b); }
    public void on_test_batch_end(int b, Logs l) { foreach (var c in callbacks) c.on_test_batch_end(b, l); }
    public void on_predict_begin() { foreach (var c in callbacks) c.on_predict_begin(); }
    public void on_predict_end() { foreach (var c in callbacks) c.on_predict_end(); }
    public void on_predict_batch_begin(int b) { foreach (var c in callbacks) c.on_predict_batch_begin(b); }
    public void on_predict_batch_end(int b, Logs? l) { foreach (var c in callbacks) c.on_predict_batch_end(b, l); }
}
