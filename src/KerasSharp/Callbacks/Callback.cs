using KerasSharp.Models;
using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>The base of callbacks, with Keras's hooks. Override the ones you need.</summary>
public abstract class Callback
{
    /// <summary>The model being trained.</summary>
    public Model model => boundModel ?? throw new InvalidOperationException("This callback is not attached to a model yet.");
    Model? boundModel;
    /// <summary>fit's parameters: verbose, epochs, steps.</summary>
    public IReadOnlyDictionary<string, object?> @params => boundParams;
    IReadOnlyDictionary<string, object?> boundParams = new Dictionary<string, object?>();

    /// <summary>
    /// Called with the model and fit's parameters before training (Keras's set_model and set_params;
    /// C# cannot have a method set_model beside the property model).
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
    /// <summary>Before a training batch.</summary>
    public virtual void on_train_batch_begin(int batch, Logs? logs = null) { }
    /// <summary>After a training batch, with the running averages of the epoch so far.</summary>
    public virtual void on_train_batch_end(int batch, Logs logs) { }
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

    /// <summary>
    /// Whether fit must build logs after each training batch: true when the callback overrides a
    /// training batch hook. A callback whose hooks may do nothing (LambdaCallback) says so itself.
    /// </summary>
    internal virtual bool UsesTrainBatchHooks => Overrides(nameof(on_train_batch_end)) || Overrides(nameof(on_train_batch_begin));

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
}
