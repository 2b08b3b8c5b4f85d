using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.TensorBoard;
using KerasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// What TFLearn's event files hold, with the tags as TensorFlow stores them: one run directory
/// tensorboard_dir/run_id; <c>Loss</c> (smoothed) and <c>&lt;Optimizer&gt;/Loss/raw</c> each step
/// after the first; with show_metric <c>Accuracy</c> (or <c>BinaryAccuracy</c>) and
/// <c>Accuracy/__raw_</c>; at snapshots <c>Loss/Validation</c> and <c>Accuracy/Validation</c>.
/// Verbose 1 adds <c>&lt;var&gt;/Gradients</c> histograms, 2 the weights <c>&lt;var&gt;</c>,
/// 3 <c>&lt;layer&gt;/Activations</c> histograms and <c>&lt;layer&gt;/Sparsity</c> scalars.
/// The run also holds the op graph (variables named <c>W</c> and <c>b</c>, as TFLearn's) and, as a
/// KerasSharp addition, the run's hyper-parameters as a TensorBoard HParams session (no experiment
/// summary: TensorBoard builds the experiment from every session beneath its logdir). The run
/// directory has one writer; other callbacks add their summaries through <see cref="Writer"/>.
/// The run directory is tensorboard_dir/run_id, or run_id_1, run_id_2, ... when that exists: each is
/// created atomically, so two processes started together with one run_id never share a folder.
/// A failed write (a full disk) is reported once and handled as <see cref="on_write_error"/> says;
/// nothing is thrown on a timer thread or at exit.
/// </summary>
public sealed class TFLearnSummaries : Callback
{
    /// <summary>Reads its logs only inside its hooks.</summary>
    public override bool KeepsBatchLogs => false;

    readonly TermLogger term;
    readonly string root, runId;
    readonly int verbose;
    readonly bool showMetric;
    readonly List<string> names, prefixes;
    readonly HashSet<int> binary;
    SummaryWriter? writer;
    bool finished;

    /// <summary>Hyper-parameters added to the run's session start info.</summary>
    public IReadOnlyDictionary<string, object?>? ExtraHParams { get; init; }
    /// <summary>The HParams session group (sessions of one group, e.g. repeats with other seeds, are averaged by TensorBoard); empty: its own.</summary>
    public string? GroupName { get; init; }
    /// <summary>
    /// What a failed write of the event file does: "warn" (the default: reported once, later summaries
    /// dropped, training goes on) or "raise" (fit stops with an <see cref="IOException"/> naming the
    /// file). See <see cref="WriteErrorPolicy"/>. Not a TFLearn option (TFLearn leaves this to TensorFlow).
    /// </summary>
    public string on_write_error { get; init; } = "warn";
    /// <summary>The first write failure of the run (null while every write succeeded).</summary>
    public Exception? WriteError => policy?.Error;
    WriteErrorPolicy? policy;
    /// <summary>The run directory actually used.</summary>
    public string? RunDirectory { get; private set; }
    /// <summary>
    /// The run's only event file writer, open from on_train_begin to on_train_end: a callback that
    /// adds summaries to this run writes through it (a second writer in the same directory would make
    /// a live TensorBoard skip one of the two files).
    /// </summary>
    public SummaryWriter? Writer => writer;

    internal TFLearnSummaries(TermLogger term, string root, string runId, int verbose, bool showMetric, List<string> names, List<string> prefixes, HashSet<int> binary)
    {
        this.term = term; this.root = root; this.runId = runId; this.verbose = verbose; this.showMetric = showMetric;
        this.names = names; this.prefixes = prefixes; this.binary = binary;
    }

    string Scope(int i) => names.Count == 1 ? "" : prefixes[i].TrimEnd('_') + "/";
    string MetricName(int i) => binary.Contains(i) ? "BinaryAccuracy" : "Accuracy";

    /// <summary>TFLearn's variable names: W for a kernel, b for a bias.</summary>
    static string TFLearnName(Weight w) => w.name switch { "kernel" => "W", "bias" => "b", _ => w.name };
    static string VarName(Weight w) => w.Layer.name + "/" + TFLearnName(w);

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        RunDirectory = RunDirectories.ClaimNew(Path.Combine(root, runId));
        policy = new WriteErrorPolicy(on_write_error);
        writer = new SummaryWriter(RunDirectory, policy);
        writer.add_graph(OpGraph.FromModel(model, TFLearnName));
        var hp = KerasSharp.Callbacks.TensorBoard.KnownHParams(model, @params);
        hp["run_id"] = runId;
        hp["params"] = model.count_params();
        if (ExtraHParams is not null) foreach (var kv in ExtraHParams) hp[kv.Key] = kv.Value;
        HParams.WriteSessionStart(writer, hp, GroupName);
        writer.Flush();
        if (verbose >= 3) model.CapturedOutputs = new Dictionary<Layer, Tensor>();
        finished = false;
        term.StepComputed += OnStep;
    }

    /// <summary>
    /// The scalars of a step, when the console has computed them (at its refreshes, snapshots and
    /// the end of training): reading them here would force a read from the engine every step.
    /// </summary>
    void OnStep(TermStep s)
    {
        if (s.Step <= 1 || writer is null) return; // TFLearn writes nothing at step 1
        var values = new List<KerasSharp.TensorBoard.Proto.Summary.Types.Value>();
        for (int i = 0; i < names.Count; i++)
        {
            values.Add(Summaries.Scalar(Scope(i) + "Loss", s.SmoothedLoss[i]));
            values.Add(Summaries.Scalar(names[i] + "/Loss/raw", s.RawLoss[i]));
            if (showMetric && !double.IsNaN(s.RawMetric[i]))
            {
                values.Add(Summaries.Scalar(Scope(i) + MetricName(i), s.SmoothedMetric[i]));
                values.Add(Summaries.Scalar(Scope(i) + MetricName(i) + "/__raw_", s.RawMetric[i]));
            }
        }
        writer.Write(s.Step, values.ToArray());
    }

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        long step = term.Step;
        // Histograms read tensors, so verbose >= 1 reads from the engine every step, as TFLearn's summaries do.
        if (verbose < 1 || step <= 1 || writer is null) { ReleaseActivations(); return; }
        var values = new List<KerasSharp.TensorBoard.Proto.Summary.Types.Value>();
        foreach (var w in model.trainable_weights)
            if (w.Value.grad is { } g) values.Add(Summaries.Histogram(VarName(w) + "/Gradients", g));
        if (verbose >= 2)
            foreach (var w in model.trainable_weights) values.Add(Summaries.Histogram(VarName(w), w.Value));
        if (verbose >= 3 && model.CapturedOutputs is { } cap)
            foreach (var (layer, t) in cap)
            {
                if (layer is InputLayer) continue;
                values.Add(Summaries.Histogram(layer.name + "/Activations", t));
                values.Add(Summaries.Scalar(layer.name + "/Sparsity", (t == 0).to(float32).mean().item<float>()));
            }
        ReleaseActivations();
        writer.Write(step, values.ToArray());
    }

    void ReleaseActivations()
    {
        if (model.CapturedOutputs is not { } cap) return;
        foreach (var t in cap.Values) t.Dispose();
        cap.Clear();
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (writer is null) return;
        // Only an epoch with validation values has anything to write here; without them the step
        // scalars go out at the console's refreshes, and the writer flushes on its timer and at the end.
        bool validated = false;
        for (int i = 0; i < names.Count; i++)
            validated |= logs.ContainsKey("val_" + prefixes[i] + "loss");
        if (!validated) return;
        term.Flush();
        for (int i = 0; i < names.Count; i++)
        {
            if (logs.TryGetValue("val_" + prefixes[i] + "loss", out var vl))
                writer.add_scalar(Scope(i) + "Loss/Validation", vl, term.Step);
            if (showMetric && (logs.TryGetValue("val_" + prefixes[i] + "acc", out var va) || logs.TryGetValue("val_" + prefixes[i] + "binary_acc", out va)))
                writer.add_scalar(Scope(i) + MetricName(i) + "/Validation", va, term.Step);
        }
        writer.Flush();
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null) => Finish(true);
    /// <inheritdoc />
    public override void on_train_error(Exception error) => Finish(false);

    void Finish(bool success)
    {
        if (finished || writer is null) return;
        finished = true;
        term.Flush();
        term.StepComputed -= OnStep;
        ReleaseActivations();
        model.CapturedOutputs = null;
        IOException? error = null;
        try { HParams.WriteSessionEnd(writer, success); }
        catch (IOException e) { error = e; }
        finally
        {
            writer.Dispose(); // never throws
            writer = null;
        }
        error ??= policy?.ToRaise();
        if (success && error is not null) throw error;
    }
}
