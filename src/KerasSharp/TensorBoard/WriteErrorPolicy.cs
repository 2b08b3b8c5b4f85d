namespace KerasSharp.TensorBoard;

/// <summary>
/// What the event writers of one run do when the disk fills or a write fails otherwise, and the
/// first such failure. A failure is reported once (one line on stderr, for every writer sharing the
/// policy); the failed file gets nothing more (what it holds stays readable up to its last whole
/// record). Then, as chosen:
/// <list type="bullet">
/// <item><c>"warn"</c> (the default): later summaries are dropped and training goes on.</item>
/// <item><c>"raise"</c>: the next summary call or flush on the caller's thread throws an
/// <see cref="IOException"/> naming the file and the cause, so a fit stops with that error.</item>
/// </list>
/// Nothing is ever thrown on the writers' flush timer, on Ctrl-C or at process exit: a failure
/// found there is recorded, reported, and (with "raise") thrown at the next call on the caller's thread.
/// </summary>
public sealed class WriteErrorPolicy
{
    readonly object gate = new();
    Exception? error;
    string? failedFile;

    /// <summary>"warn" or "raise".</summary>
    public string on_write_error { get; }

    /// <summary>The first write failure (null while every write succeeded).</summary>
    public Exception? Error { get { lock (gate) return error; } }

    /// <summary>The file whose write failed first (null while none failed).</summary>
    public string? FailedFile { get { lock (gate) return failedFile; } }

    /// <summary>A policy: <paramref name="on_write_error"/> is "warn" (drop later summaries, go on) or "raise" (throw at the next call).</summary>
    public WriteErrorPolicy(string on_write_error = "warn")
    {
        if (on_write_error is not ("warn" or "raise"))
            throw new ArgumentException($"on_write_error must be \"warn\" (report the failure once, drop later summaries, training goes on) or \"raise\" (the next summary call throws), received {(on_write_error is null ? "null" : $"\"{on_write_error}\"")}.", nameof(on_write_error));
        this.on_write_error = on_write_error;
    }

    /// <summary>Records a failure of <paramref name="file"/>; the first one is reported on stderr. Never throws.</summary>
    internal void Record(string file, Exception e)
    {
        lock (gate)
        {
            if (error is not null) return;
            error = e;
            failedFile = file;
        }
        try
        {
            Console.Error.WriteLine(on_write_error == "warn"
                ? $"TensorBoard: could not write the event file '{file}': {e.Message} Later summaries of this run are dropped; training goes on (on_write_error=\"warn\")."
                : $"TensorBoard: could not write the event file '{file}': {e.Message} The next summary call raises this error (on_write_error=\"raise\").");
        }
        catch (IOException) { } // stderr itself is gone: nothing more to do
    }

    /// <summary>With "raise", after a failure: the error to throw on the caller's thread; otherwise null.</summary>
    public IOException? ToRaise()
    {
        lock (gate)
        {
            if (on_write_error != "raise" || error is null) return null;
            return new IOException($"TensorBoard: could not write the event file '{failedFile}': {error.Message}", error);
        }
    }
}
