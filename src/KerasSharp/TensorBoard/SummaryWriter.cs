using Google.Protobuf;
using KerasSharp.TensorBoard.Proto;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TensorBoard;

/// <summary>
/// Writes one TensorBoard event file in a run directory. Records are buffered in memory and
/// written whole, so a process killed mid-write leaves a file that readers take up to its last
/// whole record. Thread-safe. Flushes on <see cref="Flush"/>, every <c>flush_secs</c>, on
/// Dispose, on Ctrl-C and at process exit.
/// </summary>
/// <remarks>
/// A write that fails (a full disk, a file size limit, a folder that went away) is handled by the
/// writer's <see cref="WriteErrorPolicy"/>: reported once, then later summaries are dropped
/// ("warn", the default) or the next call on the caller's thread throws ("raise"). Nothing is
/// thrown on the flush timer, on Ctrl-C, at exit or from <see cref="Dispose"/>.
/// </remarks>
public sealed class SummaryWriter : IDisposable
{
    static readonly object registryLock = new();
    static readonly HashSet<SummaryWriter> open = new();
    static int uid;
    static bool hooksInstalled;

    readonly object gate = new();
    readonly MemoryStream buffer = new();
    readonly FileStream? file;
    readonly Timer? timer;
    readonly WriteErrorPolicy policy;
    bool disposed, failed;

    /// <summary>The run directory.</summary>
    public string log_dir { get; }
    /// <summary>The event file's path.</summary>
    public string FilePath { get; }
    /// <summary>What this writer does when a write fails, and the first failure (shared by the writers of one run).</summary>
    public WriteErrorPolicy WriteErrors => policy;

    /// <summary>
    /// Opens a new event file events.out.tfevents.&lt;10-digit seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;6-digit n&gt; in log_dir.
    /// <paramref name="on_write_error"/> is "warn" (a failed write is reported once and later
    /// summaries are dropped) or "raise" (the next call throws); see <see cref="WriteErrorPolicy"/>.
    /// </summary>
    public SummaryWriter(string log_dir, double flush_secs = 2.0, string filename_suffix = "", string on_write_error = "warn")
        : this(log_dir, new WriteErrorPolicy(on_write_error), flush_secs, filename_suffix) { }

    /// <summary>Opens a new event file in log_dir whose write failures go to a policy shared with the run's other writers.</summary>
    public SummaryWriter(string log_dir, WriteErrorPolicy policy, double flush_secs = 2.0, string filename_suffix = "")
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrWhiteSpace(log_dir)) throw new ArgumentException("SummaryWriter: log_dir must be a directory path, received an empty string.", nameof(log_dir));
        if (!(flush_secs > 0) || double.IsInfinity(flush_secs)) throw new ArgumentException($"SummaryWriter: flush_secs must be a positive number of seconds, received {flush_secs}.", nameof(flush_secs));
        this.log_dir = log_dir;
        this.policy = policy;
        long secs = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string host = System.Net.Dns.GetHostName();
        int n = Interlocked.Increment(ref uid);
        // TensorFlow's name, with the writer number zero-padded: TensorBoard reads a directory's files in
        // name order and takes a file that sorts before the one it reads as finished, so a later file of
        // this process in the same second must sort after the earlier ones (".10" would sort before ".9").
        FilePath = Path.Combine(log_dir, $"events.out.tfevents.{secs:D10}.{host}.{Environment.ProcessId}.{n:D6}{filename_suffix}");
        try
        {
            Directory.CreateDirectory(log_dir);
            // No stream buffer: records are buffered here and written whole, so a failure shows at the write.
            file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            if (policy.ToRaise() is { } raise) throw raise;
        }
        WriteEvent(new Event { WallTime = Now(), FileVersion = "brain.Event:2", SourceMetadata = new SourceMetadata { Writer = "kerassharp" } });
        if (!FlushCore() && policy.ToRaise() is { } error)
        {
            file?.Dispose();
            throw error;
        }
        lock (registryLock)
        {
            open.Add(this);
            if (!hooksInstalled)
            {
                hooksInstalled = true;
                Console.CancelKeyPress += (_, _) => FlushAll();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => FlushAll();
            }
        }
        var period = TimeSpan.FromSeconds(flush_secs);
        timer = new Timer(_ => FlushCore(), null, period, period);
    }

    /// <summary>Flushes every open writer (Ctrl-C, process exit). Never throws: a failure goes to the writer's policy.</summary>
    public static void FlushAll()
    {
        List<SummaryWriter> all;
        lock (registryLock) all = open.ToList();
        foreach (var w in all) w.FlushCore();
    }

    /// <summary>Unix time in seconds, as a double (what wall_time means).</summary>
    public static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>Appends one event (buffered).</summary>
    /// <remarks>After a write failure the event is dropped ("warn") or an <see cref="IOException"/> is thrown ("raise").</remarks>
    public void WriteEvent(Event e)
    {
        var record = RecordFormat.Frame(e.ToByteArray());
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!failed && policy.Error is null) { buffer.Write(record); return; }
            failed = true;
            buffer.SetLength(0);
        }
        if (policy.ToRaise() is { } raise) throw raise;
    }

    /// <summary>Appends summary values at a step.</summary>
    public void Write(long step, params Summary.Types.Value[] values)
    {
        var s = new Summary();
        s.Value.AddRange(values);
        WriteEvent(new Event { WallTime = Now(), Step = step, Summary = s });
    }

    /// <summary>A scalar.</summary>
    public void add_scalar(string tag, double scalar_value, long global_step) => Write(global_step, Summaries.Scalar(tag, scalar_value));
    /// <summary>A histogram of the tensor's values.</summary>
    public void add_histogram(string tag, Tensor values, long global_step) => Write(global_step, Summaries.Histogram(tag, values));
    /// <summary>An image, [H, W, C] in [0, 1] or bytes.</summary>
    public void add_image(string tag, Tensor img_hwc, long global_step) => Write(global_step, Summaries.Image(tag, img_hwc));
    /// <summary>Markdown text.</summary>
    public void add_text(string tag, string text_string, long global_step) => Write(global_step, Summaries.Text(tag, text_string));
    /// <summary>Images [k, H, W, C] as tf.summary.image writes them (at most max_outputs of them).</summary>
    public void add_images(string tag, Tensor img_khwc, long global_step, int max_outputs = 3) => Write(global_step, Summaries.Images(tag, img_khwc, max_outputs));
    /// <summary>
    /// The model's config JSON under tag "keras" at step 0, as Keras's keras_model_summary writes it:
    /// the Graphs dashboard draws it as the conceptual graph.
    /// </summary>
    public void keras_model_summary(Models.Model model) => Write(0, Summaries.KerasGraph(model.to_json()));
    /// <summary>An op graph in the event's graph_def field (the Graphs dashboard's run graph); write one per run.</summary>
    public void add_graph(GraphDef graph) => WriteEvent(new Event { WallTime = Now(), GraphDef = graph.ToByteString() });

    /// <summary>Writes the buffered records to the file.</summary>
    /// <remarks>After a write failure: nothing ("warn") or an <see cref="IOException"/> naming the file and the cause ("raise").</remarks>
    public void Flush()
    {
        if (!FlushCore() && policy.ToRaise() is { } raise) throw raise;
    }

    /// <summary>Writes the buffered records; false when this writer (or one sharing its policy) has failed. Never throws.</summary>
    bool FlushCore(bool toDisk = false)
    {
        try
        {
            lock (gate)
            {
                if (disposed) return !failed;
                if (failed || file is null || policy.Error is not null) { failed = true; buffer.SetLength(0); return false; }
                try
                {
                    if (buffer.Length > 0)
                    {
                        file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                        buffer.SetLength(0);
                    }
                    file.Flush(flushToDisk: toDisk);
                    return true;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
                {
                    Fail(e);
                    return false;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // On the timer thread or at exit an escaping exception would end the process.
            Fail(e);
            return false;
        }
    }

    void Fail(Exception e)
    {
        // .NET reports a write past the file size limit (EFBIG) as an ArgumentException about a "file length".
        if (e is ArgumentException) e = new IOException($"File too large: the file system or the process's file size limit refuses to let it grow ({e.Message.Replace(" (Parameter 'value')", "")})", e);
        failed = true;
        buffer.SetLength(0);
        policy.Record(FilePath, e);
    }

    /// <summary>Flushes (to the disk) and closes. Never throws; a failure goes to the writer's policy.</summary>
    public void Dispose()
    {
        timer?.Dispose();
        FlushCore(toDisk: true);
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            try { file?.Dispose(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { if (!failed) Fail(e); }
        }
        lock (registryLock) open.Remove(this);
    }

    /// <summary>
    /// Creates and claims a new run directory: <paramref name="path"/>, or else path_1, path_2, ...
    /// Each is created by one atomic create-if-absent (<see cref="RunDirectories.TryCreateNew"/>), so
    /// two processes that start together never claim the same one.
    /// </summary>
    public static string ClaimRunDirectory(string path) => RunDirectories.ClaimNew(path);
}
