using KerasSharp.Layers;
using KerasSharp.TensorBoard;
using KerasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras's TensorBoard callback: <c>log_dir/train</c> and <c>log_dir/validation</c> with
/// <c>epoch_&lt;metric&gt;</c> scalars (val_ stripped in validation), <c>epoch_learning_rate</c>,
/// <c>batch_&lt;metric&gt;</c> every update_freq batches, weight histograms and images every
/// histogram_freq epochs, and the model graph at step 0. It also records the run's hyper-parameters
/// (given, or known from compile and fit) for TensorBoard's HParams tab, with one experiment
/// summary in the log root (by default log_dir's parent). A log_dir that already holds a run is
/// never reused: the run goes to log_dir_1, log_dir_2, ...
/// </summary>
public sealed class TensorBoard : Callback
{
    readonly string requestedDir;
    readonly int histogramFreq;
    readonly bool writeGraph, writeImages;
    readonly int updateFreq; // 0 = epoch
    readonly IReadOnlyDictionary<string, object?>? userHParams;
    readonly string? experimentRoot;
    SummaryWriter? session, train, validation;
    long globalBatch;
    readonly HashSet<string> metricNames = new();
    bool finished;

    /// <summary>The run directory actually used (after on_train_begin).</summary>
    public string? RunDirectory { get; private set; }
    /// <summary>The hyper-parameters written for this run.</summary>
    public IReadOnlyDictionary<string, object?>? HParamsWritten { get; private set; }

    /// <summary>Keras's signature and defaults; update_freq is "epoch", "batch" or a number of batches.</summary>
    public TensorBoard(string log_dir = "logs", int histogram_freq = 0, bool write_graph = true, bool write_images = false,
        object? update_freq = null, IReadOnlyDictionary<string, object?>? hparams = null, string? experiment_root = null)
    {
        requestedDir = log_dir; histogramFreq = histogram_freq; writeGraph = write_graph; writeImages = write_images;
        updateFreq = update_freq switch
        {
            null or "epoch" => 0,
            "batch" => 1,
            int n when n > 0 => n,
            _ => throw new ArgumentException($"TensorBoard: update_freq must be 'epoch', 'batch' or a positive integer, received {update_freq}."),
        };
        userHParams = hparams; experimentRoot = experiment_root;
    }

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

    /// <inheritdoc />
    public override void on_train_begin(Logs? logs = null)
    {
        RunDirectory = SummaryWriter.FreshRunDirectory(requestedDir);
        if (RunDirectory != requestedDir.TrimEnd('/', '\\'))
            Console.WriteLine($"TensorBoard: '{requestedDir}' already holds a run; this run goes to '{RunDirectory}'.");
        session = new SummaryWriter(RunDirectory);
        train = new SummaryWriter(Path.Combine(RunDirectory, "train"));
        var hp = KnownHParams(model, @params);
        if (userHParams is not null) foreach (var kv in userHParams) hp[kv.Key] = kv.Value;
        HParamsWritten = hp;
        HParams.WriteSessionStart(session, hp);
        session.Flush();
        if (writeGraph) { train.add_graph(model); train.Flush(); }
        globalBatch = 0; finished = false;
    }

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        globalBatch++;
        if (updateFreq == 0 || globalBatch % updateFreq != 0) return;
        foreach (var kv in logs) train!.add_scalar("batch_" + kv.Key, kv.Value, globalBatch);
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        foreach (var kv in logs)
        {
            if (kv.Key.StartsWith("val_", StringComparison.Ordinal))
            {
                validation ??= new SummaryWriter(Path.Combine(RunDirectory!, "validation"));
                validation.add_scalar("epoch_" + kv.Key[4..], kv.Value, epoch);
            }
            else if (kv.Key != "learning_rate")
            {
                train!.add_scalar("epoch_" + kv.Key, kv.Value, epoch);
                metricNames.Add(kv.Key);
            }
        }
        train!.add_scalar("epoch_learning_rate", model.optimizer?.learning_rate ?? double.NaN, epoch);
        if (histogramFreq > 0 && epoch % histogramFreq == 0) LogWeights(epoch);
        train.Flush();
        validation?.Flush();
    }

    void LogWeights(int epoch)
    {
        foreach (var w in model.variables)
        {
            using var scope = torch.NewDisposeScope();
            var value = w.ToKeras();
            train!.add_histogram($"{w.path}/histogram", value, epoch);
            if (!writeImages) continue;
            // Keras's images: a 2-D kernel with rows ≤ columns, a 3-D kernel channels first, a bias as a row; values clipped to [0, 1].
            Tensor? img = value.dim() switch
            {
                1 => value.reshape(1, -1, 1),
                2 => (value.shape[0] > value.shape[1] ? value.t() : value).unsqueeze(-1),
                3 => value.permute(2, 0, 1).reshape(value.shape[2] * value.shape[0], value.shape[1], 1),
                _ => null,
            };
            if (img is not null) train.add_image($"{w.path}/image", img, epoch);
        }
    }

    /// <inheritdoc />
    public override void on_train_end(Logs? logs = null) => Finish(success: true);

    /// <inheritdoc />
    public override void on_train_error(Exception error) => Finish(success: false);

    /// <summary>Closes the writers (also called if training fails); writes session end and the root experiment.</summary>
    public void Finish(bool success)
    {
        if (finished || session is null) return;
        finished = true;
        HParams.WriteSessionEnd(session, success);
        session.Dispose(); train?.Dispose(); validation?.Dispose();
        string root = experimentRoot ?? Path.GetDirectoryName(Path.GetFullPath(RunDirectory!))!;
        var metrics = metricNames.SelectMany(m => new[] { ("epoch_" + m, "train"), ("epoch_" + m, "validation") });
        HParams.UpdateExperiment(root, metrics);
    }
}
