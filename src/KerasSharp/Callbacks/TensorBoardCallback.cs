using System.Diagnostics;
using KerasSharp.Layers;
using KerasSharp.TensorBoard;
using KerasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras's TensorBoard callback (keras/src/callbacks/tensorboard.py), with Keras 3's run folders,
/// tags and steps:
/// <list type="bullet">
/// <item><c>log_dir/train</c>: <c>epoch_&lt;name&gt;</c> for each training log at step = epoch,
/// <c>epoch_learning_rate</c> (the optimizer's), <c>epoch_steps_per_second</c> with
/// write_steps_per_second; with update_freq N (or "batch" = 1) <c>batch_&lt;name&gt;</c> (and
/// <c>batch_steps_per_second</c>) every N-th batch at step = the global batch number (from 1);
/// every histogram_freq epochs <c>&lt;weight.path&gt;/histogram</c> and with write_images
/// <c>&lt;weight.path&gt;/image</c>; with write_graph the model config (tag <c>keras</c>, the
/// conceptual graph) and an op graph of the layers with their shapes (<see cref="OpGraph"/>).</item>
/// <item><c>log_dir/validation</c>: <c>epoch_&lt;name&gt;</c> for each <c>val_</c> log (prefix
/// removed) at step = epoch, and <c>evaluation_&lt;name&gt;_vs_iterations</c> at step =
/// optimizer.iterations after each evaluation (fit's validation, or evaluate with this callback).</item>
/// </list>
/// As in Keras, a log_dir that already holds a run gets this run's files beside the earlier ones
/// (TensorBoard then draws both as one run); KerasSharp says so on the console. Nothing is read,
/// written or deleted outside log_dir; nothing already in it is read, so a damaged old event file
/// there (or anywhere beneath the log root) never affects a new run.
/// <para>KerasSharp additions, for robustness: while a fit runs, its run folder is locked
/// (<see cref="RunDirectories.TryLock"/>, a small <c>.kerassharp-run.lock</c> file that stays in
/// log_dir). A second fit that starts with the same log_dir while the first still runs, in this
/// process or another, is not mixed into it: it writes to a new sibling folder log_dir_1 (or _2, ...,
/// each created atomically), says so on the console, and <see cref="RunDirectory"/> names it. A write
/// that fails (a full disk) is reported once and then handled as <c>on_write_error</c> says (see
/// <see cref="WriteErrorPolicy"/>); nothing is thrown on a timer thread or at exit.</para> Differences, and why: KerasSharp also writes the run's
/// hyper-parameters (known from compile and fit, plus <c>hparams</c>) as TensorBoard HParams
/// session info in log_dir itself, as TensorBoard's hp.KerasCallback does, so that the HParams
/// dashboard can compare runs; it writes no experiment summary (TensorBoard builds the experiment
/// from all sessions beneath its logdir, see <see cref="HParams"/>). profile_batch and embeddings
/// are not available (as with Keras's torch backend).
/// </summary>
public sealed class TensorBoard : Callback
{
    /// <summary>Reads its logs only inside its hooks.</summary>
    public override bool KeepsBatchLogs => false;

    readonly string requestedDir;
    readonly int histogramFreq;
    readonly bool writeGraph, writeImages, writeStepsPerSecond;
    readonly int updateFreq; // 0 = "epoch"
    readonly IReadOnlyDictionary<string, object?>? userHParams;
    readonly string onWriteError;
    SummaryWriter? session, train, validation;
    WriteErrorPolicy? policy;
    FileStream? runLock;
    string runDirectory;
    long globalTrainBatch, previousEpochIterations;
    readonly Stopwatch epochClock = new(), batchClock = new();
    bool training, evaluatedThisEpoch;

    /// <summary>The log_dir given.</summary>
    public string log_dir => requestedDir;
    /// <summary>The run directory: log_dir, or the sibling folder a fit took because another run was writing to log_dir.</summary>
    public string RunDirectory => runDirectory;
    /// <summary>What happens when writing an event file fails: "warn" or "raise" (see <see cref="WriteErrorPolicy"/>).</summary>
    public string on_write_error => onWriteError;
    /// <summary>The first write failure of the current or last run (null while every write succeeded).</summary>
    public Exception? WriteError => policy?.Error;
    /// <summary>The hyper-parameters written for this run.</summary>
    public IReadOnlyDictionary<string, object?>? HParamsWritten { get; private set; }

    /// <summary>
    /// Keras's signature and defaults. update_freq is "epoch" (null means "epoch"), "batch" or a
    /// positive number of batches. profile_batch and embeddings_freq must be 0. hparams (not a Keras
    /// argument) adds to or overrides the hyper-parameters recorded for TensorBoard's HParams dashboard.
    /// on_write_error (not a Keras argument; Keras leaves a failed write to TensorFlow's writer, which
    /// raises on the next flush) chooses what a failed write of an event file does: "warn" (the default:
    /// reported once on stderr, later summaries dropped, training goes on) or "raise" (fit stops with an
    /// <see cref="IOException"/> naming the file and the cause).
    /// </summary>
    public TensorBoard(string log_dir = "logs", int histogram_freq = 0, bool write_graph = true, bool write_images = false,
        bool write_steps_per_second = false, object? update_freq = null, int profile_batch = 0, int embeddings_freq = 0,
        object? embeddings_metadata = null, IReadOnlyDictionary<string, object?>? hparams = null, string on_write_error = "warn")
    {
        _ = new WriteErrorPolicy(on_write_error); // checks the value
        onWriteError = on_write_error;
        if (embeddings_freq != 0 || embeddings_metadata is not null)
            throw new ArgumentException($"TensorBoard: embeddings are not available (KerasSharp has no Embedding layer). Received: embeddings_freq={embeddings_freq} (must be 0) and embeddings_metadata={embeddings_metadata ?? "None"} (must be None)");
        if (string.IsNullOrWhiteSpace(log_dir)) throw new ArgumentException("TensorBoard: log_dir must be a directory path, received an empty string.");
        if (histogram_freq < 0) throw new ArgumentException($"TensorBoard: histogram_freq must be 0 (no histograms) or a positive number of epochs, received {histogram_freq}.");
        if (profile_batch != 0)
            throw new ArgumentException($"Profiling is not available in KerasSharp (as with Keras's torch backend). Received: profile_batch={profile_batch} (must be 0)");
        requestedDir = runDirectory = log_dir; histogramFreq = histogram_freq; writeGraph = write_graph; writeImages = write_images;
        writeStepsPerSecond = write_steps_per_second;
        updateFreq = update_freq switch
        {
            null or "epoch" => 0,
            "batch" => 1,
            int n when n > 0 => n,
            long n when n > 0 && n <= int.MaxValue => (int)n,
            _ => throw new ArgumentException($"TensorBoard: update_freq must be 'epoch', 'batch' or a positive integer, received {update_freq}."),
        };
        userHParams = hparams;
    }

    /// <summary>Batch hooks are needed only for batch-level summaries.</summary>
    internal override bool UsesTrainBatchHooks => updateFreq > 0;

    /// <summary>The hyper-parameters KerasSharp knows from compile and fit.</summary>
    public static Dictionary<string, object?> KnownHParams(Models.Model model, IReadOnlyDictionary<string, object?> p)
    {
        var layers = model.layers.Where(l => l is not InputLayer).ToList();
        var regs = layers.SelectMany(l => l.WeightRegularizers.Select(r => $"{r.regularizer.class_name}({string.Join(",", r.regularizer.get_config().Values)})")).Distinct().ToList();
        var d = new Dictionary<string, object?>
        {
            ["optimizer"] = model.optimizer?.class_name,
            ["learning_rate"] = model.optimizer?.learning_rate,
            ["batch_size"] = p.TryGetValue("batch_size", out var b) ? b : null,
            ["epochs"] = p.TryGetValue("epochs", out var e) ? e : null,
            ["layers"] = layers.Count,
            ["dropout"] = layers.OfType<Dropout>().Select(l => l.rate).DefaultIfEmpty(0).Max(),
            ["regularization"] = regs.Count == 0 ? "none" : string.Join(" ", regs),
        };
        return d;
    }

    string Dir(string sub) => Path.Combine(RunDirectory, sub);
    SummaryWriter Validation() => validation ??= new SummaryWriter(Dir("validation"), policy ??= new WriteErrorPolicy(onWriteError));

    /// <summary>Whether log_dir (or its train or validation folder) already holds event files.</summary>
    bool HoldsRun() => new[] { RunDirectory, Dir("train"), Dir("validation") }.Any(d =>
        Directory.Exists(d) && Directory.EnumerateFiles(d).Any(f => Path.GetFileName(f).Contains("tfevents", StringComparison.Ordinal)));

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        policy = new WriteErrorPolicy(onWriteError);
        runDirectory = requestedDir;
        runLock = RunDirectories.TryLock(requestedDir, out bool inUse);
        if (inUse)
        {
            runDirectory = RunDirectories.ClaimNew(requestedDir, siblingsOnly: true);
            runLock = RunDirectories.TryLock(runDirectory, out _);
            Console.WriteLine($"TensorBoard: another training run is writing to '{requestedDir}' right now; this run goes to '{runDirectory}' so that the two are not mixed.");
        }
        else if (HoldsRun())
            Console.WriteLine($"TensorBoard: '{RunDirectory}' already holds a run; this run's event files go beside it (as in Keras), and TensorBoard draws both as one run. Give each run its own log_dir to compare them.");
        training = true;
        session = new SummaryWriter(RunDirectory, policy);
        var hp = KnownHParams(model, @params);
        if (userHParams is not null) foreach (var kv in userHParams) hp[kv.Key] = kv.Value;
        HParamsWritten = hp;
        HParams.WriteSessionStart(session, hp);
        session.Flush();
        train = new SummaryWriter(Dir("train"), policy);
        if (writeGraph)
        {
            if (model.class_name is "Functional" or "Sequential") train.keras_model_summary(model);
            train.add_graph(OpGraph.FromModel(model));
        }
        train.Flush();
        globalTrainBatch = 0;
        previousEpochIterations = model.optimizer?.iterations ?? 0;
    }

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Logs? logs = null)
    {
        evaluatedThisEpoch = false;
        previousEpochIterations = model.optimizer?.iterations ?? globalTrainBatch;
        epochClock.Restart();
    }

    /// <inheritdoc />
    public override void on_train_batch_begin(int batch, Logs? logs = null)
    {
        globalTrainBatch++;
        if (writeStepsPerSecond) batchClock.Restart();
    }

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        if (updateFreq == 0 || train is null || globalTrainBatch % updateFreq != 0) return;
        if (writeStepsPerSecond) train.add_scalar("batch_steps_per_second", 1.0 / batchClock.Elapsed.TotalSeconds, globalTrainBatch);
        foreach (var kv in logs) train.add_scalar("batch_" + kv.Key, kv.Value, globalTrainBatch);
    }

    /// <inheritdoc />
    public override void on_test_end(Logs? logs = null)
    {
        if (logs is null || model.optimizer is not { } opt) return;
        WriteEvaluation(logs.Select(kv => (kv.Key, kv.Value)), opt.iterations);
        if (training) { evaluatedThisEpoch = true; return; }
        validation!.Dispose(); // evaluate outside fit: nothing more comes, close the file now
        validation = null;
        if (policy?.ToRaise() is { } error) throw error;
    }

    void WriteEvaluation(IEnumerable<(string name, double value)> values, long iterations)
    {
        var w = Validation();
        foreach (var (name, value) in values) w.add_scalar($"evaluation_{name}_vs_iterations", value, iterations);
        w.Flush();
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (train is null) return;
        var val = logs.Where(kv => kv.Key.StartsWith("val_", StringComparison.Ordinal)).Select(kv => (kv.Key[4..], kv.Value)).ToList();
        foreach (var kv in logs)
            if (!kv.Key.StartsWith("val_", StringComparison.Ordinal) && !(kv.Key == "learning_rate" && model.optimizer is not null))
                train.add_scalar("epoch_" + kv.Key, kv.Value, epoch);
        if (model.optimizer is { } opt) train.add_scalar("epoch_learning_rate", opt.learning_rate, epoch);
        if (writeStepsPerSecond)
        {
            long iterations = model.optimizer?.iterations ?? globalTrainBatch;
            train.add_scalar("epoch_steps_per_second", (iterations - previousEpochIterations) / epochClock.Elapsed.TotalSeconds, epoch);
        }
        if (val.Count > 0)
        {
            // Keras writes these in on_test_end of fit's validation; KerasSharp's fit reports its
            // validation through the epoch's val_ logs, which hold the same values.
            if (!evaluatedThisEpoch && model.optimizer is { } o) WriteEvaluation(val, o.iterations);
            var w = Validation();
            foreach (var (name, value) in val) w.add_scalar("epoch_" + name, value, epoch);
            w.Flush();
        }
        if (histogramFreq > 0 && epoch % histogramFreq == 0) LogWeights(epoch);
        train.Flush();
    }

    void LogWeights(int epoch)
    {
        foreach (var layer in model.layers)
            foreach (var w in layer.variables)
            {
                using var scope = torch.NewDisposeScope();
                string name = w.path.Replace(':', '_');
                var value = w.ToKeras();
                train!.add_histogram($"{name}/histogram", value, epoch);
                if (writeImages && WeightImage(value) is { } img) train.add_images($"{name}/image", img, epoch);
            }
    }

    /// <summary>
    /// Keras's _log_weight_as_image: the squeezed weight as [k, H, W, 1] images; a vector (a bias) is
    /// one column, a 2-D kernel is drawn with rows ≤ columns, a 3-D kernel gives one image per output
    /// channel (at most 3 are written, tf.summary.image's max_outputs); a scalar is not drawn, nor a
    /// 4-D kernel unless its last dimension is 1, 3 or 4.
    /// </summary>
    static Tensor? WeightImage(Tensor weight)
    {
        var w = weight.squeeze();
        var s = w.shape;
        var img = s.Length switch
        {
            1 => w.reshape(1, s[0], 1, 1),
            2 => s[0] > s[1] ? w.t().reshape(1, s[1], s[0], 1) : w.reshape(1, s[0], s[1], 1),
            3 => w.permute(2, 0, 1).reshape(s[2], s[0], s[1], 1),
            _ => w,
        };
        return img.dim() == 4 && (img.shape[3] is 1 or 3 or 4) ? img : null;
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null) => Finish(success: true);

    /// <inheritdoc />
    public override void on_train_error(Exception error) => Finish(success: false);

    /// <summary>
    /// Writes the session's end status and closes the run's files (also called when training fails,
    /// then never throwing). With on_write_error "raise", a write that failed is thrown here after a
    /// successful fit.
    /// </summary>
    public void Finish(bool success)
    {
        if (!training) return;
        training = false;
        IOException? error = null;
        try { if (session is not null) HParams.WriteSessionEnd(session, success); }
        catch (IOException e) { error = e; }
        finally
        {
            session?.Dispose(); train?.Dispose(); validation?.Dispose();
            session = train = validation = null;
            runLock?.Dispose();
            runLock = null;
        }
        error ??= policy?.ToRaise();
        if (success && error is not null) throw error;
    }
}
