using System.Collections;
using KerasSharp.Models;
using KerasSharp.Saving;
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
    // With the regressions' metrics (evaluate, and fit with show_metric), and without (fit without show_metric:
    // TFLearn computes no metric then, and the trainer need not either).
    readonly TrainingConfig withMetrics, withoutMetrics;
    readonly string inputName;

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
    /// <summary>The console logger of the last fit.</summary>
    public TermLogger? LastLogger { get; private set; }
    /// <summary>The checkpoint saver of the last fit (the files it wrote).</summary>
    public TFLearnCheckpoints? LastCheckpoints { get; private set; }
    /// <summary>The underlying Keras model.</summary>
    public Model KerasModel => model;

    /// <summary>Frees the engine memory of the network's weights and optimizer state now (the model cannot be used after).</summary>
    public void Dispose() => model.Dispose();

    /// <summary>TFLearn's DNN, with its defaults.</summary>
    public DNN(TFLearnTensor network, double clip_gradients = 5.0, int tensorboard_verbose = 0, string tensorboard_dir = "/tmp/tflearn_logs/",
        string? checkpoint_path = null, string? best_checkpoint_path = null, int? max_checkpoints = null, double best_val_accuracy = 0.0)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (max_checkpoints is < 0) throw new ArgumentException($"max_checkpoints must be None or a number of checkpoints to keep, received {max_checkpoints}.");
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
        this.clip_gradients = clip_gradients; this.tensorboard_verbose = tensorboard_verbose; this.tensorboard_dir = tensorboard_dir;
        this.checkpoint_path = checkpoint_path; this.best_checkpoint_path = best_checkpoint_path;
        this.max_checkpoints = max_checkpoints; this.best_val_accuracy = best_val_accuracy;

        // Feed names: TFLearn's placeholder scopes, made unique within the network ("TargetsData", "TargetsData_1").
        inputName = network.FeedName;
        var targetNames = Unique(regressions.Select(r => r.TargetName)).ToList();
        if (outputs.Count > regressions.Count) targetNames.Add(Unique(targetNames.Append(network.Keras.Node.Layer.name)).Last());

        var names = new Dictionary<string, int>();
        var prefixes = regressions.Select(r =>
        {
            names.TryGetValue(r.OptimizerName, out int k);
            names[r.OptimizerName] = k + 1;
            return regressions.Count == 1 ? "" : (k == 0 ? r.OptimizerName : $"{r.OptimizerName}_{k}") + "_";
        }).ToList();
        TrainingConfig Config(bool metrics) => new(regressions.Select((r, i) => new TrainOp(r.Optimizer, new[] { r.Loss }, null,
            metrics && r.Metric is not null ? new List<Metrics.Metric> { AsKerasMetric(r.Metric) } : new List<Metrics.Metric>(),
            prefixes[i], new[] { i }, displayName: r.OptimizerName)).ToList())
        {
            ClipGradientsGlobalNorm = clip_gradients > 0 ? clip_gradients : null,
            InputTransform = preprocessing is null ? null : x => preprocessing.Apply(x),
            TrainingBatchTransform = augmentation is null ? null : x => augmentation.Apply(x),
            InputNames = new[] { inputName },
            TargetNames = targetNames,
        };
        withMetrics = Config(true);
        withoutMetrics = Config(false);
        model.compile(withMetrics);
    }

    static IEnumerable<string> Unique(IEnumerable<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            seen.TryGetValue(n, out int k);
            seen[n] = k + 1;
            yield return k == 0 ? n : $"{n}_{k}";
        }
    }

    /// <summary>A TFLearn metric (one value per batch) as a trainer metric: the batch value for each of its samples, so running means weigh batches by their sizes.</summary>
    static Metrics.Metric AsKerasMetric(tflearn.metrics.Metric m) => new(m.name ?? m.GetType().Name, m.summary_name, (t, p) =>
    {
        var v = m.build(p, t);
        if (v.numel() != 1)
            throw new InvalidOperationException($"TFLearn metric '{m.name}' returned shape {Utils.Shapes.Format(v.shape)}; a metric gives one value per batch.");
        return v.reshape(1).to(p.dtype).expand(p.shape[0]);
    });

    /// <summary>Where snapshots are saved (checkpoint_path-&lt;step&gt;), or null.</summary>
    public string? checkpoint_path { get; set; }
    /// <summary>Where the best model (by validation accuracy) is saved, or null.</summary>
    public string? best_checkpoint_path { get; set; }
    /// <summary>How many snapshots to keep, newest first (null or 0: all, as TensorFlow's Saver max_to_keep).</summary>
    public int? max_checkpoints { get; set; }
    /// <summary>The validation accuracy a model must beat to be saved as best.</summary>
    public double best_val_accuracy { get; set; }

    /// <summary>TFLearn's save: the model in the .keras format (config and weights), at exactly this path.</summary>
    public void save(string model_file) => KerasArchive.Save(model, model_file, overwrite: true, includeOptimizer: false, requireExtension: false);

    /// <summary>
    /// TFLearn's load: restores the weights saved by save() (or a checkpoint) into this network.
    /// Layers made with <c>restore: false</c> keep their own weights (fine-tuning: a new last layer
    /// whose shape differs from the saved one). Layers are matched by position and class, as
    /// Keras's weight files are; a layer whose saved weights do not fit is an error that names it.
    /// <paramref name="weights_only"/> is accepted for TFLearn's signature (the file holds weights only).
    /// </summary>
    public void load(string model_file, bool weights_only = false)
    {
        ArgumentNullException.ThrowIfNull(model_file);
        if (!File.Exists(model_file)) throw new FileNotFoundException($"DNN.load: no model file at '{model_file}'.", model_file);
        var skipped = model.layers.Where(l => !tflearn.Restores(l)).ToHashSet();
        if (skipped.Count == 0)
        {
            try { KerasArchive.LoadWeights(model, model_file); }
            catch (InvalidDataException e) when (e.Message.Contains("has shape", StringComparison.Ordinal))
            {
                throw new InvalidDataException(e.Message + " To fine-tune a layer whose shape changed, make it with restore: false so that DNN.load leaves it out.", e);
            }
            return;
        }
        using var stored = KerasArchive.Load(model_file, compile: false, requireExtension: false);
        var theirs = WeightsStore.LayerPaths(stored).ToDictionary(p => p.path, p => p.layer);
        var assignments = new List<(Layers.Weight target, Tensor value)>();
        using var scope = torch.NewDisposeScope();
        foreach (var (layer, path) in WeightsStore.LayerPaths(model))
        {
            if (skipped.Contains(layer) || layer.variables.Count == 0) continue;
            if (!theirs.TryGetValue(path, out var source))
                throw new InvalidDataException($"DNN.load: '{model_file}' holds no layer at '{path}' for layer '{layer.name}' ({layer.class_name}); make it with restore: false to leave it out.");
            if (source.variables.Count != layer.variables.Count)
                throw new InvalidDataException($"DNN.load: layer '{layer.name}' has {layer.variables.Count} weights but '{model_file}' holds {source.variables.Count} at '{path}'.");
            for (int i = 0; i < layer.variables.Count; i++)
            {
                var want = layer.variables[i].shape;
                var got = source.variables[i].shape;
                if (!want.SequenceEqual(got))
                    throw new InvalidDataException($"DNN.load: weight '{layer.variables[i].name}' of layer '{layer.name}' has shape {Utils.Shapes.Format(want)}, but '{model_file}' holds shape {Utils.Shapes.Format(got)}. To fine-tune a layer whose shape changed, make it with restore: false.");
                assignments.Add((layer.variables[i], source.variables[i].ToKeras()));
            }
        }
        foreach (var (target, value) in assignments) target.Assign(value);
    }

    // ----- feeds -----

    /// <summary>The input data from X: an array, or TFLearn's dictionary by input_data name.</summary>
    object FeedX(object X, string what)
    {
        ArgumentNullException.ThrowIfNull(X, what);
        if (!TryDictionary(X, out var dict)) return X;
        foreach (var key in dict.Keys)
            if (key != inputName) throw new ArgumentException($"Feed dict asks for variable named '{key}' but no such variable is known to exist. The network's input is named '{inputName}' (input_data(name: ...)).");
        return dict.TryGetValue(inputName, out var v) && v is not null ? v
            : throw new ArgumentException($"{what}: the dictionary holds no data for input '{inputName}'.");
    }

    /// <summary>The targets from Y: an array (one regression), a list (one per regression), or TFLearn's dictionary by regression name.</summary>
    object FeedY(object Y, string what)
    {
        ArgumentNullException.ThrowIfNull(Y, what);
        if (!TryDictionary(Y, out var dict)) return Y;
        var names = withMetrics.TargetNames!;
        foreach (var key in dict.Keys)
            if (!names.Take(regressions.Count).Contains(key))
                throw new ArgumentException($"Feed dict asks for variable named '{key}' but no such variable is known to exist. The network's targets are named: {string.Join(", ", names.Take(regressions.Count))} (regression(name: ...)).");
        var list = new List<object>();
        for (int i = 0; i < regressions.Count; i++)
            list.Add(dict.TryGetValue(names[i], out var v) && v is not null ? v
                : throw new ArgumentException($"{what}: the dictionary holds no targets for regression '{names[i]}'."));
        return list.Count == 1 ? list[0] : list;
    }

    static bool TryDictionary(object data, out Dictionary<string, object?> dict)
    {
        dict = null!;
        if (data is not IDictionary d || data.GetType().GetGenericArguments() is not { Length: 2 } ga || ga[0] != typeof(string)) return false;
        dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in d) dict[(string)e.Key] = e.Value;
        return true;
    }

    // ----- fit -----

    /// <summary>
    /// TFLearn's fit. <paramref name="X_inputs"/> is an array (or a dictionary by input_data name),
    /// <paramref name="Y_targets"/> an array, a list of arrays (one per regression) or a dictionary
    /// by regression name. <paramref name="validation_set"/> takes (X, Y) or a fraction (held out
    /// from the end after shuffling). Validation runs at snapshots: each epoch's end with
    /// <paramref name="snapshot_epoch"/> (or a best checkpoint path), every
    /// <paramref name="snapshot_step"/> steps; checkpoints are saved there too.
    /// </summary>
    public void fit(object X_inputs, object Y_targets, int n_epoch = 10, object? validation_set = null, bool show_metric = false,
        int? batch_size = null, bool? shuffle = null, bool snapshot_epoch = true, int? snapshot_step = null, string? run_id = null,
        IEnumerable<Callbacks.Callback>? callbacks = null, int? validation_batch_size = null)
    {
        run_id ??= RandomRunId();
        if (snapshot_step is <= 0) throw new ArgumentException($"snapshot_step must be a positive number of steps, received {snapshot_step}.");
        if (batch_size is <= 0) throw new ArgumentException($"batch_size must be a positive integer, received {batch_size}.");
        object X = FeedX(X_inputs, "fit X_inputs"), Y = FeedY(Y_targets, "fit Y_targets");
        if (Y is object[] several0 && Y.GetType() == typeof(object[])) Y = several0.ToList();
        // TFLearn computes the preprocessing statistics on the training data when fit starts.
        if (preprocessing is not null) preprocessing.Fit(Utils.Arrays.ToTensor(X, "X"));
        (object x, object y)? vdata = null;
        switch (validation_set)
        {
            case null: break;
            case double or float:
            {
                // TFLearn shuffles the data, then holds out the last fraction for validation.
                double f = Convert.ToDouble(validation_set, System.Globalization.CultureInfo.InvariantCulture);
                if (f <= 0 || f >= 1) throw new ArgumentException($"validation_set as a fraction must be in (0, 1), received {f}.");
                var xs = Utils.Arrays.ToTensor(X, "X");
                var ys = Y is List<object> several ? several.Select((y, i) => Utils.Arrays.ToTensor(y, $"Y[{i}]")).ToList() : new List<Tensor> { Utils.Arrays.ToTensor(Y, "Y") };
                long n = xs.shape[0], split = (long)(n * (1 - f));
                var perm = torch.randperm(n);
                xs = xs.index_select(0, perm);
                ys = ys.Select(t => t.index_select(0, perm)).ToList();
                X = xs[..(int)split];
                Y = ys.Count == 1 ? ys[0][..(int)split] : ys.Select(t => (object)t[..(int)split]).ToList();
                vdata = (xs[(int)split..], ys.Count == 1 ? ys[0][(int)split..] : ys.Select(t => (object)t[(int)split..]).ToList());
                break;
            }
            case System.Runtime.CompilerServices.ITuple t when t.Length == 2 && t[0] is not null && t[1] is not null:
                vdata = (FeedX(t[0]!, "validation_set X"), FeedY(t[1]!, "validation_set Y"));
                break;
            default: throw new ArgumentException($"validation_set must be (X, Y) or a fraction below 1, received {validation_set.GetType().Name}.");
        }
        long validationSamples = vdata is { } vd ? Utils.Arrays.ToTensor(vd.x, "validation X").shape[0] : 0;
        var config = show_metric ? withMetrics : withoutMetrics;
        // TFLearn validates (and saves the best model) at an epoch's end only with snapshot_epoch or a best checkpoint path.
        bool epochSnapshots = snapshot_epoch || best_checkpoint_path is not null;
        var logger = new TermLogger(run_id, tensorboard_dir, regressions.Select(r => r.OptimizerName).ToList(), config.TrainOps.Select(o => o.Prefix).ToList(),
            regressions.Select(r => show_metric ? r.Metric?.name : null).ToList(), show_metric, epochSnapshots, validationSamples,
            show_progress ? Console.Out : TextWriter.Null, show_progress && !Console.IsOutputRedirected);
        LastLogger = logger;
        var checkpoints = new TFLearnCheckpoints(this, logger, snapshot_epoch, regressions[0].Metric?.name);
        LastCheckpoints = checkpoints;
        var binary = new HashSet<int>(Enumerable.Range(0, regressions.Count).Where(i => regressions[i].BinaryMetric));
        var all = new List<Callbacks.Callback> { logger };
        if (snapshot_step is int every)
            all.Add(new SnapshotStep(this, logger, checkpoints, config, every, vdata, validation_batch_size ?? batch_size ?? regressions[0].BatchSize, epochSnapshots));
        all.Add(checkpoints);
        if (write_summaries)
        {
            LastSummaries = new TFLearnSummaries(logger, tensorboard_dir, run_id, tensorboard_verbose, show_metric,
                regressions.Select(r => r.OptimizerName).ToList(), config.TrainOps.Select(o => o.Prefix).ToList(), binary)
            { ExtraHParams = hparams, GroupName = hparams_group };
            all.Add(LastSummaries);
        }
        if (callbacks is not null) all.AddRange(callbacks);
        new Trainer(model, config).Fit(new FitArguments
        {
            x = X, y = Y, batch_size = batch_size ?? regressions[0].BatchSize, epochs = n_epoch, verbose = 0, callbacks = all,
            validation_data = epochSnapshots ? vdata : null, validation_batch_size = validation_batch_size,
            shuffle = shuffle ?? regressions[0].Shuffle,
        });
    }

    static string RandomRunId()
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var r = Random.Shared;
        return new string(Enumerable.Range(0, 6).Select(_ => chars[r.Next(chars.Length)]).ToArray());
    }

    /// <summary>Validation during fit (snapshot steps): the values by log key, with the fit's metrics.</summary>
    internal Dictionary<string, double> Validate(TrainingConfig config, object x, object y, int batchSize) =>
        new Trainer(model, config).Evaluate(x, y, batchSize, 0, null).ToDictionary();

    /// <summary>TFLearn's evaluate: one score per regression (its metric, or its loss when it has none).</summary>
    public double[] evaluate(object X, object Y, int batch_size = 128)
    {
        var d = new Trainer(model, withMetrics).Evaluate(FeedX(X, "evaluate X"), FeedY(Y, "evaluate Y"), batch_size, 0, null).ToDictionary();
        return withMetrics.TrainOps.Select((op, i) =>
            regressions[i].Metric?.name is { } label && d.TryGetValue(op.Prefix + label, out var score) ? score : d[op.Prefix + "loss"]).ToArray();
    }

    /// <summary>TFLearn's get_weights(tensor.W): the values of one weight, in Keras/TFLearn layout, printed as numpy prints them.</summary>
    public TFLearnArray get_weights(Layers.Weight weight_tensor) => tflearn.variables.get_value(weight_tensor);

    /// <summary>TFLearn's set_weights(tensor.W, values).</summary>
    public void set_weights(Layers.Weight tensor, object weights) => tflearn.variables.set_value(tensor, weights);

    /// <summary>TFLearn's predict: the network's output for each input row.</summary>
    public Prediction predict(float[][] X) => predict((object)X);

    /// <summary>TFLearn's predict for a network of one value per sample (<c>m.predict([3.2f, 3.3f, 3.4f])</c>).</summary>
    public Prediction predict(float[] X) => predict((object)X);

    /// <summary>TFLearn's predict for any input KerasSharp accepts (or a dictionary by input_data name).</summary>
    public Prediction predict(object X)
    {
        var outs = model.PredictTensors(FeedX(X, "predict X"));
        try { return Prediction.From(outs[predictOutput]); }
        finally { foreach (var o in outs) o.Dispose(); }
    }

    /// <summary>TFLearn's predict_label: class indices sorted by descending probability.</summary>
    public long[][] predict_label(object X)
    {
        var outs = model.PredictTensors(FeedX(X, "predict_label X"));
        try
        {
            using var idx = outs[predictOutput].argsort(-1, descending: true);
            var rows = new long[idx.shape[0]][];
            var data = idx.data<long>().ToArray();
            int k = (int)idx.shape[1];
            for (int i = 0; i < rows.Length; i++) rows[i] = data.AsSpan(i * k, k).ToArray();
            return rows;
        }
        finally { foreach (var o in outs) o.Dispose(); }
    }
}
