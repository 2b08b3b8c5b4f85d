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
public sealed class SummaryWriter : IDisposable
{
    static readonly object registryLock = new();
    static readonly HashSet<SummaryWriter> open = new();
    static int uid;
    static bool hooksInstalled;

    readonly object gate = new();
    readonly MemoryStream buffer = new();
    readonly FileStream file;
    readonly Timer timer;
    bool disposed;

    /// <summary>The run directory.</summary>
    public string log_dir { get; }
    /// <summary>The event file's path.</summary>
    public string FilePath { get; }

    /// <summary>Opens a new event file events.out.tfevents.&lt;10-digit seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;6-digit n&gt; in log_dir.</summary>
    public SummaryWriter(string log_dir, double flush_secs = 2.0, string filename_suffix = "")
    {
        this.log_dir = log_dir;
        Directory.CreateDirectory(log_dir);
        long secs = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string host = System.Net.Dns.GetHostName();
        int n = Interlocked.Increment(ref uid);
        // TensorFlow's name, with the writer number zero-padded: TensorBoard reads a directory's files in
        // name order and takes a file that sorts before the one it reads as finished, so a later file of
        // this process in the same second must sort after the earlier ones (".10" would sort before ".9").
        FilePath = Path.Combine(log_dir, $"events.out.tfevents.{secs:D10}.{host}.{Environment.ProcessId}.{n:D6}{filename_suffix}");
        file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        WriteEvent(new Event { WallTime = Now(), FileVersion = "brain.Event:2", SourceMetadata = new SourceMetadata { Writer = "kerassharp" } });
        Flush();
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
        timer = new Timer(_ => { try { Flush(); } catch (ObjectDisposedException) { } }, null, period, period);
    }

    /// <summary>Flushes every open writer (Ctrl-C, process exit).</summary>
    public static void FlushAll()
    {
        List<SummaryWriter> all;
        lock (registryLock) all = open.ToList();
        foreach (var w in all) { try { w.Flush(); } catch (ObjectDisposedException) { } }
    }

    /// <summary>Unix time in seconds, as a double (what wall_time means).</summary>
    public static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>Appends one event (buffered).</summary>
    public void WriteEvent(Event e)
    {
        var record = RecordFormat.Frame(e.ToByteArray());
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            buffer.Write(record);
        }
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
    public void Flush()
    {
        lock (gate)
        {
            if (disposed) return;
            if (buffer.Length > 0)
            {
                file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                buffer.SetLength(0);
            }
            file.Flush();
        }
    }

    /// <summary>Flushes and closes.</summary>
    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            if (disposed) return;
            if (buffer.Length > 0) file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            file.Flush(flushToDisk: true);
            file.Dispose();
            disposed = true;
        }
        lock (registryLock) open.Remove(this);
    }

    /// <summary>A run directory that does not exist yet: path, or path_1, path_2, ... (a run directory is never reused).</summary>
    public static string FreshRunDirectory(string path)
    {
        string p = path.TrimEnd('/', '\\');
        if (!Directory.Exists(p) || !Directory.EnumerateFileSystemEntries(p).Any()) return p;
        for (int i = 1; ; i++)
        {
            string candidate = $"{p}_{i}";
            if (!Directory.Exists(candidate)) return candidate;
        }
    }
}
