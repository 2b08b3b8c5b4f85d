using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's DNN: a Keras model whose outputs are the regression layers (and the network's last
/// tensor), trained through KerasSharp's trainer with one train op per regression, TFLearn's
/// global-norm gradient clipping (5.0), and TFLearn's console output.
/// </summary>
public sealed class DNN : IDisposable
{
    readonly Model model;
    readonly List<Regression> regressions;
    readonly int predictOutput;
    readonly ImagePreprocessing? preprocessing;
    readonly ImageAugmentation? augmentation;
    /// <summary>TFLearn's clip_gradients (global norm).</summary>
    public double clip_gradients { get; }
    /// <summary>Where TensorBoard runs go.</summary>
    public string tensorboard_dir { get; }
    /// <summary>TFLearn's verbosity of TensorBoard summaries (0–3).</summary>
    public int tensorboard_verbose { get; }
    /// <summary>Whether fit prints TFLearn's console block (true, as TFLearn; programs with their own progress set false).</summary>
    public bool show_progress { get; set; } = true;
    /// <summary>Hyper-parameters added to the run's HParams (beyond those known from the network and fit).</summary>
    public Dictionary<string, object?> hparams { get; } = new();
    /// <summary>The HParams session group of the runs fit writes (TensorBoard averages a group's sessions, e.g. repeats with other seeds); null: each run is its own group.</summary>
    public string? hparams_group { get; set; }
    /// <summary>Whether fit writes TensorBoard summaries (TFLearn always does; set false to skip).</summary>
    public bool write_summaries { get; set; } = true;
    /// <summary>The summaries callback of the last fit (its RunDirectory is where the run went).</summary>
    public TFLearnSummaries? LastSummaries { get; private set; }
    /// <summary>The underlying Keras model.</summary>
    public Model KerasModel => model;

    /// <summary>Frees the engine memory of the network's weights and optimizer state now (the model cannot be used after).</summary>
    public void Dispose() => model.Dispose();

    /// <summary>TFLearn's DNN, with its defaults.</summary>
    public DNN(TFLearnTensor network, double clip_gradients = 5.0, int tensorboard_verbose = 0, string tensorboard_dir = "/tmp/tflearn_logs/",
        string? checkpoint_path = null, string? best_checkpoint_path = null, int? max_checkpoints = null, double best_val_accuracy = 0.0)
        : this(network, clip_gradients, tensorboard_verbose, tensorboard_dir, 0)
    {
        this.checkpoint_path = checkpoint_path; this.best_checkpoint_path = best_checkpoint_path;
        this.max_checkpoints = max_checkpoints; this.best_val_accuracy = best_val_accuracy;
    }

    /// <summary>Where snapshots are saved (checkpoint_path-&lt;step&gt;), or null.</summary>
    public string? checkpoint_path { get; set; }
    /// <summary>Where the best model (by validation accuracy) is saved, or null.</summary>
    public string? best_checkpoint_path { get; set; }
    /// <summary>How many snapshots to keep (null: all).</summary>
    public int? max_checkpoints { get; set; }
    /// <summary>The validation accuracy a model must beat to be saved as best.</summary>
    public double best_val_accuracy { get; set; }

    /// <summary>TFLearn's save: the model in the .keras format (config and weights), at exactly this path.</summary>
    public void save(string model_file) => Saving.KerasArchive.Save(model, model_file, overwrite: true, includeOptimizer: false, requireExtension: false);

    /// <summary>TFLearn's load: restores the weights saved by save() into this network.</summary>
    public void load(string model_file, bool weights_only = false) => Saving.KerasArchive.LoadWeights(model, model_file);

    DNN(TFLearnTensor network, double clipGradients, int tensorboardVerbose, string tensorboardDir, int _)
    {
        regressions = network.Regressions.ToList();
        if (regressions.Count == 0)
            throw new ArgumentException("DNN needs a network that contains a tflearn.regression layer (it names the loss and the optimizer).");
        var outputs = regressions.Select(r => r.Output).ToList();
        predictOutput = outputs.FindIndex(o => ReferenceEquals(o, network.Keras));
        if (predictOutput < 0) { outputs.Add(network.Keras); predictOutput = outputs.Count - 1; }
        model = keras.Model(new[] { network.Input }, outputs);
        TFLearnRegistrations.Ensure();
        preprocessing = network.Preprocessing;
        augmentation = network.Augmentation;
        clip_gradients = clipGradients; tensorboard_verbose = tensorboardVerbose; tensorboard_dir = tensorboardDir;
        var names = new Dictionary<string, int>();
        var ops = regressions.Select((r, i) =>
        {
            names.TryGetValue(r.OptimizerName, out int k);
            names[r.OptimizerName] = k + 1;
            string prefix = regressions.Count == 1 ? "" : (k == 0 ? r.OptimizerName : $"{r.OptimizerName}_{k}") + "_";
            var metrics = r.Metric ? new List<Metric> { TFLearnAccuracy(r.BinaryMetric) } : new List<Metric>();
            return new TrainOp(r.Optimizer, new[] { r.Loss }, null, metrics, prefix, new[] { i }, displayName: r.OptimizerName);
        }).ToList();
        model.compile(new TrainingConfig(ops)
        {
            ClipGradientsGlobalNorm = clipGradients > 0 ? clipGradients : null,
            InputTransform = preprocessing is null ? null : x => preprocessing.Apply(x),
            TrainingBatchTransform = augmentation is null ? null : x => augmentation.Apply(x),
        });
    }

    /// <summary>TFLearn's accuracy: argmax equality, or for one output unit the prediction above 0 (TFLearn's logit threshold).</summary>
    static Metric TFLearnAccuracy(bool binary) => binary
        ? new Metric("binary_acc", "BinaryAccuracy", (t, p) => (t.reshape(-1).to(p.dtype) == (p.reshape(-1) > 0).to(p.dtype)).to(p.dtype))
        : new Metric("acc", "Accuracy", (t, p) => (t.argmax(-1) == p.argmax(-1)).to(p.dtype));

    /// <summary>TFLearn's fit. validation_set takes (X, Y) or a fraction (held out from the end).</summary>
    public void fit(object X_inputs, object Y_targets, int n_epoch = 10, object? validation_set = null, bool show_metric = false,
        int? batch_size = null, bool? shuffle = null, bool snapshot_epoch = true, int? snapshot_step = null, string? run_id = null,
        IEnumerable<Callbacks.Callback>? callbacks = null)
    {
        run_id ??= RandomRunId();
        // TFLearn computes the preprocessing statistics on the training data when fit starts.
        if (preprocessing is not null) preprocessing.Fit(Utils.Arrays.ToTensor(X_inputs, "X"));
        (object, object)? vdata = null;
        switch (validation_set)
        {
            case null: break;
            case double or float:
            {
                // TFLearn shuffles the data, then holds out the last fraction for validation.
                double f = Convert.ToDouble(validation_set, System.Globalization.CultureInfo.InvariantCulture);
                if (f <= 0 || f >= 1) throw new ArgumentException($"validation_set as a fraction must be in (0, 1), received {f}.");
                var xs = Utils.Arrays.ToTensor(X_inputs, "X");
                var ys = Utils.Arrays.ToTensor(Y_targets, "Y");
                long n = xs.shape[0], split = (long)(n * (1 - f));
                var perm = torch.randperm(n);
                xs = xs.index_select(0, perm); ys = ys.index_select(0, perm);
                X_inputs = xs[..(int)split]; Y_targets = ys[..(int)split];
                vdata = (xs[(int)split..], ys[(int)split..]);
                break;
            }
            case System.Runtime.CompilerServices.ITuple t when t.Length == 2 && t[0] is not null && t[1] is not null: vdata = (t[0]!, t[1]!); break;
            default: throw new ArgumentException($"validation_set must be (X, Y) or a fraction below 1, received {validation_set.GetType().Name}.");
        }
        if (snapshot_step is <= 0) throw new ArgumentException($"snapshot_step must be a positive number of steps, received {snapshot_step}.");
        var logger = new TermLogger(run_id, tensorboard_dir, regressions.Select(r => r.OptimizerName).ToList(), model.Config!.TrainOps.Select(o => o.Prefix).ToList(),
            show_metric, snapshot_epoch, show_progress ? Console.Out : TextWriter.Null, show_progress && !Console.IsOutputRedirected);
        var binary = new HashSet<int>();
        for (int i = 0; i < regressions.Count; i++) if (regressions[i].BinaryMetric) { logger.SetBinary(i); binary.Add(i); }
        var all = new List<Callbacks.Callback> { logger };
        if (checkpoint_path is not null || best_checkpoint_path is not null) all.Add(new TFLearnCheckpoints(this, logger));
        if (write_summaries)
        {
            LastSummaries = new TFLearnSummaries(logger, tensorboard_dir, run_id, tensorboard_verbose, show_metric,
                regressions.Select(r => r.OptimizerName).ToList(), model.Config!.TrainOps.Select(o => o.Prefix).ToList(), binary)
            { ExtraHParams = hparams, GroupName = hparams_group };
            all.Add(LastSummaries);
        }
        if (callbacks is not null) all.AddRange(callbacks);
        if (snapshot_step is int every) all.Insert(1, new SnapshotStep(this, logger, every, vdata));
        model.fit(X_inputs, Y_targets, batch_size: batch_size ?? regressions[0].BatchSize, epochs: n_epoch, verbose: 0, callbacks: all,
            validation_data: vdata, shuffle: shuffle ?? regressions[0].Shuffle);
    }

    static string RandomRunId()
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var r = Random.Shared;
        return new string(Enumerable.Range(0, 6).Select(_ => chars[r.Next(chars.Length)]).ToArray());
    }

    /// <summary>TFLearn's evaluate: one score per regression (its accuracy, or its loss when it has no metric).</summary>
    public double[] evaluate(object X, object Y, int batch_size = 128)
    {
        var r = model.evaluate(X, Y, batch_size: batch_size, verbose: 0);
        var d = r.ToDictionary();
        return model.Config!.TrainOps.Select(op =>
            d.TryGetValue(op.Prefix + "acc", out var a) ? a : d.TryGetValue(op.Prefix + "binary_acc", out var b) ? b : d[op.Prefix + "loss"]).ToArray();
    }

    /// <summary>TFLearn's get_weights(tensor.W): the values of one weight, in Keras/TFLearn layout.</summary>
    public NumSharp.NDArray get_weights(Layers.Weight weight_tensor) => Utils.Arrays.ToNDArray(weight_tensor.ToKeras());

    /// <summary>TFLearn's set_weights(tensor.W, values).</summary>
    public void set_weights(Layers.Weight tensor, object weights) => tensor.Assign(Utils.Arrays.ToTensor(weights, "weights").to(float32));

    /// <summary>TFLearn's predict: the network's output for each input row.</summary>
    public Prediction predict(float[][] X) => predict((object)X);

    /// <summary>TFLearn's predict for any input KerasSharp accepts.</summary>
    public Prediction predict(object X)
    {
        var outs = model.PredictTensors(X);
        return new Prediction(Utils.Arrays.ToJagged(outs[predictOutput]));
    }

    /// <summary>TFLearn's predict_label: class indices sorted by descending probability.</summary>
    public long[][] predict_label(object X)
    {
        var p = model.PredictTensors(X)[predictOutput];
        var idx = p.argsort(-1, descending: true);
        var rows = new long[idx.shape[0]][];
        var data = idx.data<long>().ToArray();
        long k = idx.shape[1];
        for (int i = 0; i < rows.Length; i++) rows[i] = data.Skip((int)(i * k)).Take((int)k).ToArray();
        return rows;
    }
}
