using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using KerasSharp.Training;
using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// A Keras model: a graph of layers from inputs to outputs (the functional API), with compile,
/// fit, evaluate, predict and summary. <see cref="Sequential"/> is the linear special case.
/// Dispose frees the engine memory of its weights and optimizer state at once (otherwise the
/// garbage collector frees it at some later point).
/// </summary>
public class Model : IDisposable
{
    readonly List<KerasTensor> inputsList = new();
    readonly List<KerasTensor> outputsList = new();
    readonly List<Layer> layersList = new();
    readonly List<(Layer layer, int[] inputSlots, int outputSlot)> plan = new();
    int slotCount;
    int[] outputSlots = Array.Empty<int>();

    /// <summary>The model's name ("functional", "sequential", ...).</summary>
    public string name { get; protected set; }
    /// <summary>The symbolic inputs.</summary>
    public IReadOnlyList<KerasTensor> inputs { get { EnsureGraph(); return inputsList; } }
    /// <summary>The symbolic outputs.</summary>
    public IReadOnlyList<KerasTensor> outputs { get { EnsureGraph(); return outputsList; } }
    /// <summary>The layers, in graph order (a functional model lists its InputLayers too, as Keras 3 does).</summary>
    public virtual IReadOnlyList<Layer> layers { get { EnsureGraph(); return layersList; } }
    /// <summary>
    /// When set, each forward pass stores every layer's output here (detached copies owned by the
    /// caller), for activation summaries. Functional models only.
    /// </summary>
    public Dictionary<Layer, Tensor>? CapturedOutputs { get; set; }
    /// <summary>Set by BackupAndRestore in on_train_begin: the epoch fit continues from.</summary>
    public int? ResumeAtEpoch { get; set; }
    /// <summary>Set by a callback to end fit after the current batch or epoch.</summary>
    public bool stop_training { get; set; }
    /// <summary>The optimizer given to compile (null before).</summary>
    public Optimizer? optimizer { get; private set; }
    /// <summary>The training configuration (null before compile).</summary>
    public TrainingConfig? Config { get; private set; }
    /// <summary>compile's arguments as given, which save writes as Keras's compile_config (null before compile and after compile(TrainingConfig)).</summary>
    internal Saving.CompileConfig? CompiledWith { get; private set; }
    /// <summary>The history of the last fit.</summary>
    public History? history { get; internal set; }

    /// <summary>A functional model from symbolic inputs to outputs.</summary>
    public Model(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
    {
        this.name = name ?? Layer.UniqueName("functional");
        Build(inputs, outputs);
    }

    /// <summary>For subclasses that build later (Sequential).</summary>
    protected Model(string name) { this.name = name; }

    /// <summary>True when the input shape was taken from the first data given (a Sequential without an input shape).</summary>
    internal bool InferredInputShape { get; set; }

    /// <summary>True once the graph exists.</summary>
    public bool built { get { EnsureGraph(); return outputsList.Count > 0; } }

    /// <summary>Builds the graph when a subclass deferred it (Sequential builds once after its last add).</summary>
    internal virtual void EnsureGraph() { }

    /// <summary>Builds the execution plan: every layer call reachable from the outputs, in topological order.</summary>
    protected void Build(IReadOnlyList<KerasTensor> ins, IReadOnlyList<KerasTensor> outs)
    {
        if (ins.Count == 0) throw new ArgumentException($"Model \"{name}\" needs at least one input.");
        if (outs.Count == 0) throw new ArgumentException($"Model \"{name}\" needs at least one output.");
        foreach (var i in ins)
            if (i.Node.Layer is not InputLayer)
                throw new ArgumentException($"Model \"{name}\": every input must come from keras.Input(); '{i.name}' comes from layer \"{i.Node.Layer.name}\".");
        inputsList.Clear(); outputsList.Clear(); layersList.Clear(); plan.Clear();
        inputsList.AddRange(ins); outputsList.AddRange(outs);
        var slots = new Dictionary<KerasTensor, int>(ReferenceEqualityComparer.Instance);
        outputSlots = Array.Empty<int>();
        for (int i = 0; i < ins.Count; i++) slots[ins[i]] = i;
        slotCount = ins.Count;
        // Depth-first over the layer calls, with an explicit stack (graphs can be thousands of layers deep).
        var onPath = new HashSet<KerasTensor>(ReferenceEqualityComparer.Instance);
        var work = new Stack<(KerasTensor t, bool expanded)>();
        foreach (var o in outs)
        {
            work.Push((o, false));
            while (work.Count > 0)
            {
                var (t, expanded) = work.Pop();
                if (slots.ContainsKey(t)) continue;
                if (expanded)
                {
                    onPath.Remove(t);
                    slots[t] = slotCount++;
                    plan.Add((t.Node.Layer, t.Node.Inputs.Select(u => slots[u]).ToArray(), slots[t]));
                    continue;
                }
                if (t.Node.Layer is InputLayer)
                    throw new ArgumentException($"Model \"{name}\": output depends on input '{t.name}', which is not among the model's inputs.");
                if (!onPath.Add(t)) throw new InvalidOperationException($"Model \"{name}\": the graph has a cycle at '{t.name}'.");
                work.Push((t, true));
                for (int k = t.Node.Inputs.Count - 1; k >= 0; k--)
                    if (!slots.ContainsKey(t.Node.Inputs[k])) work.Push((t.Node.Inputs[k], false));
            }
        }
        outputSlots = outs.Select(o => slots[o]).ToArray();
        var seen = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        foreach (var i in ins) if (seen.Add(i.Node.Layer)) layersList.Add(i.Node.Layer);
        foreach (var step in plan) if (seen.Add(step.layer)) layersList.Add(step.layer);
    }

    /// <summary>Keras's output_names: the name of the layer that produces each output.</summary>
    public IReadOnlyList<string> output_names => outputs.Select(o => o.Node.Layer.name).ToList();

    bool trainableFlag = true;

    /// <summary>
    /// Keras's <c>model.trainable</c>: setting it sets every layer's flag (freezing a pretrained
    /// model: <c>base_model.trainable = false</c>); a layer may be changed afterwards on its own.
    /// </summary>
    public bool trainable
    {
        get => trainableFlag;
        set
        {
            trainableFlag = value;
            foreach (var l in layers) l.trainable = value;
        }
    }

    /// <summary>Every weight of every layer, each once, in layer order.</summary>
    public IReadOnlyList<Weight> variables => layers.SelectMany(l => l.variables).Distinct().ToList();
    /// <summary>The weights updated by gradient.</summary>
    public IReadOnlyList<Weight> trainable_weights => layers.SelectMany(l => l.trainable_weights).Distinct().ToList();
    /// <summary>The weights not updated by gradient.</summary>
    public IReadOnlyList<Weight> non_trainable_weights => layers.SelectMany(l => l.non_trainable_weights).Distinct().ToList();

    /// <summary>Number of scalar weights.</summary>
    public long count_params() => variables.Sum(w => w.size);

    ModelLayer? asLayer;

    /// <summary>
    /// The model as a layer of another model (Keras calls the model itself: <c>encoder(x)</c>). The
    /// same layer every time, so that each use shares the model's weights.
    /// </summary>
    public ModelLayer AsLayer() => asLayer ??= new ModelLayer(this);

    /// <summary>A model converts to its layer, so that a Sequential can hold it: <c>keras.Sequential(encoder, keras.layers.Dense(1))</c>.</summary>
    public static implicit operator Layer(Model model) => model.AsLayer();

    /// <summary>Calls the model on a symbolic tensor, as a layer of a functional model (Keras's <c>encoder(x)</c>).</summary>
    public KerasTensor Apply(KerasTensor input) => AsLayer().Apply(input);

    /// <summary>Calls the model eagerly on a batch, as a layer (Keras's <c>encoder(x)</c> on a tensor), inference mode unless told.</summary>
    public Tensor Apply(Tensor input, bool training = false) => AsLayer().Apply(input, training);

    /// <summary>Calls the model on several symbolic tensors (a model of several inputs).</summary>
    public KerasTensor Apply(params KerasTensor[] inputs) => AsLayer().Apply(inputs);

    /// <summary>Keras's <c>model.output</c>: the single output (a model of several outputs has <see cref="outputs"/>).</summary>
    public KerasTensor output => outputs.Count == 1 ? outputs[0]
        : throw new InvalidOperationException($"Model \"{name}\" has {outputs.Count} outputs; use model.outputs.");

    /// <summary>Keras's <c>model.input</c>: the single input (a model of several inputs has <see cref="inputs"/>).</summary>
    public KerasTensor input => inputs.Count == 1 ? inputs[0]
        : throw new InvalidOperationException($"Model \"{name}\" has {inputs.Count} inputs; use model.inputs.");

    /// <summary>Keras's <c>get_layer(name=None, index=None)</c>: a layer by name or by position (one of the two).</summary>
    public Layer get_layer(string? name = null, int? index = null)
    {
        if (index is int i && name is not null)
            throw new ArgumentException($"Provide only a layer name or a layer index. Received: index={i}, name={name}.");
        if (index is int at)
        {
            if (at < 0 || at >= layers.Count)
                throw new ArgumentException($"Was asked to retrieve layer at index {at} but model only has {layers.Count} layers.");
            return layers[at];
        }
        if (name is null) throw new ArgumentException("Provide either a layer name or layer index at `get_layer`.");
        return layers.FirstOrDefault(l => l.name == name)
            ?? throw new ArgumentException($"No such layer: {name}. Existing layers are: {string.Join(", ", layers.Select(l => l.name))}.");
    }

    // ----- forward -----

    /// <summary>Makes sure the graph exists for data of this shape (Sequential builds here when no input shape was given).</summary>
    internal virtual void EnsureBuiltFor(IReadOnlyList<Tensor> xs)
    {
        if (!built) throw new InvalidOperationException($"Model \"{name}\" has no layers to run.");
    }

    /// <summary>Checks the data against the inputs: rank and every known dimension.</summary>
    internal void CheckInputs(IReadOnlyList<Tensor> xs)
    {
        EnsureGraph();
        if (xs.Count != inputsList.Count)
            throw new ArgumentException($"Model \"{name}\" expects {inputsList.Count} input(s), received {xs.Count}.");
        for (int i = 0; i < xs.Count; i++)
        {
            var want = inputsList[i].shape;
            var got = xs[i].shape;
            bool ok = want.Length == got.Length;
            // A Sequential that took its input shape from the first data checks only the rank afterwards,
            // as Keras does (it warns and runs; the layers themselves refuse what they cannot take).
            for (int d = 1; ok && !InferredInputShape && d < want.Length; d++) if (want[d].HasValue && want[d] != got[d]) ok = false;
            if (!ok)
            {
                var first = layers.FirstOrDefault(l => l is not InputLayer) ?? inputsList[i].Node.Layer;
                throw new ArgumentException($"Input {i} of layer \"{first.name}\" is incompatible with the layer: expected shape {Utils.Shapes.Format(want)}, but received input with shape {Utils.Shapes.Format(got)}.");
            }
        }
    }

    /// <summary>Runs the graph on a batch (Keras's layout); returns the outputs.</summary>
    public virtual Tensor[] Forward(IReadOnlyList<Tensor> xs, bool training)
    {
        var values = new Tensor[slotCount];
        for (int i = 0; i < xs.Count; i++) values[i] = xs[i];
        foreach (var (layer, ins, outSlot) in plan)
        {
            var args = new Tensor[ins.Length];
            for (int k = 0; k < ins.Length; k++) args[k] = values[ins[k]];
            values[outSlot] = layer.Forward(args, training);
            if (CapturedOutputs is { } cap)
            {
                // The previous capture of this layer is replaced: free it now rather than leave it to the finalizer.
                if (cap.TryGetValue(layer, out var previous)) previous.Dispose();
                cap[layer] = values[outSlot].detach().clone().DetachFromDisposeScope();
            }
        }
        var result = new Tensor[outputsList.Count];
        for (int o = 0; o < result.Length; o++) result[o] = values[outputSlots[o]];
        return result;
    }

    // ----- compile / fit / evaluate / predict -----

    /// <summary>
    /// Keras compile. <paramref name="optimizer"/> takes a name or an Optimizer (default "rmsprop").
    /// <paramref name="loss"/> takes a name, a Loss, a C# function (y_true, y_pred) → per-sample
    /// losses, or for several outputs a list (one per output) or a dictionary by output name.
    /// <paramref name="loss_weights"/> is a double[] or a dictionary by output name.
    /// <paramref name="metrics"/> and <paramref name="weighted_metrics"/> take a list of names or
    /// Metric objects (applied to every output), a list of lists, or a dictionary by output name. As
    /// in Keras, sample weights weigh only <paramref name="weighted_metrics"/>.
    /// </summary>
    public void compile(Optimizer? optimizer = null, object? loss = null, object? loss_weights = null, object? metrics = null,
        object? weighted_metrics = null)
    {
        ThrowIfDisposed();
        var previous = Config;
        this.optimizer = optimizer ?? OptimizersApi.Get("rmsprop");
        if (loss is null) throw new ArgumentException($"Model \"{name}\": compile needs a loss, for example loss: \"mse\".");
        var compiled = CompileArguments.Resolve(this, loss, loss_weights, metrics, weighted_metrics);
        CompiledWith = new Saving.CompileConfig(this.optimizer, loss, loss_weights, metrics, weighted_metrics);
        Config = new TrainingConfig(new List<TrainOp>
        {
            new TrainOp(this.optimizer, compiled.Losses, compiled.LossWeights, compiled.SharedMetrics, prefix: "", outputIndices: null)
            {
                MetricsPerOutput = compiled.MetricsPerOutput,
                WeightedMetricsPerOutput = compiled.WeightedMetricsPerOutput,
            },
        });
        FreeReplacedOptimizers(previous);
    }

    /// <summary>
    /// Keras compile with a loss function (Python's <c>loss=my_loss</c>): a C# method or lambda
    /// (y_true, y_pred) → per-sample losses, on tensors. This overload lets a method group or an
    /// untyped lambda be passed as is.
    /// </summary>
    public void compile(Optimizer? optimizer, Func<Tensor, Tensor, Tensor> loss, object? loss_weights = null, object? metrics = null,
        object? weighted_metrics = null) => compile(optimizer, (object)loss, loss_weights, metrics, weighted_metrics);

    /// <summary>Recompiling drops the previous optimizers: their state (momentum, velocity, ...) is freed now.</summary>
    void FreeReplacedOptimizers(TrainingConfig? previous)
    {
        if (previous is null) return;
        var kept = Config!.TrainOps.Select(o => o.Optimizer).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var op in previous.TrainOps)
            if (!kept.Contains(op.Optimizer)) op.Optimizer.Dispose();
    }

    /// <summary>Sets a training configuration of several train ops (each its own loss and optimizer), as the TFLearn facade does.</summary>
    public void compile(TrainingConfig config)
    {
        var previous = Config;
        Config = config;
        FreeReplacedOptimizers(previous);
        CompiledWith = null;
        optimizer = config.TrainOps[0].Optimizer;
    }

    /// <summary>
    /// Keras fit, with Keras's arguments and defaults. <paramref name="x"/> and <paramref name="y"/>
    /// take arrays (float[,], float[][], double[,], int[]/long[] labels, NumSharp NDArray, torch
    /// Tensor), a list (object[]) or a dictionary by input/output name of those for several inputs or
    /// outputs; or <paramref name="x"/> alone is a batch source: a <see cref="Utils.PyDataset"/>, a
    /// TorchSharp Dataset or DataLoader, or any IEnumerable of (x, y) or (x, y, sample_weight) batches.
    /// <paramref name="shuffle"/> is true, false or "batch"; <paramref name="validation_data"/> is
    /// (x, y), (x, y, sample_weight) or a batch source; <paramref name="validation_freq"/> is an int
    /// or an int[] of 1-based epochs.
    /// </summary>
    public History fit(object x, object? y = null, int? batch_size = null, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null,
        object? shuffle = null, IReadOnlyDictionary<int, double>? class_weight = null, object? sample_weight = null, int initial_epoch = 0,
        int? steps_per_epoch = null, int? validation_steps = null, int? validation_batch_size = null, object? validation_freq = null)
    {
        if (Config is null) throw new InvalidOperationException($"You must call compile() before fit() (model \"{name}\").");
        return new Trainer(this, Config).Fit(new FitArguments
        {
            x = x, y = y, batch_size = batch_size, epochs = epochs, verbose = verbose, callbacks = callbacks,
            validation_split = validation_split, validation_data = validation_data, shuffle = shuffle ?? true, class_weight = class_weight,
            sample_weight = sample_weight, initial_epoch = initial_epoch, steps_per_epoch = steps_per_epoch, validation_steps = validation_steps,
            validation_batch_size = validation_batch_size, validation_freq = validation_freq ?? 1,
        });
    }

    /// <summary>Keras evaluate: the loss and the metrics, in <see cref="metrics_names"/> order.</summary>
    public EvaluateResult evaluate(object x, object? y = null, int? batch_size = null, int verbose = 1, object? sample_weight = null,
        int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        if (Config is null) throw new InvalidOperationException($"You must call compile() before evaluate() (model \"{name}\").");
        return new Trainer(this, Config).Evaluate(x, y, batch_size ?? 32, verbose, callbacks, sample_weight, steps);
    }

    /// <summary>The names of evaluate's values, after a fit or evaluate ("loss", "accuracy", ...).</summary>
    public IReadOnlyList<string> metrics_names { get; internal set; } = new[] { "loss" };

    /// <summary>Keras predict for a single-output model: the output as an array (NumSharp, Keras layout).</summary>
    public NDArray predict(object x, int? batch_size = null, int verbose = 0, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        if (built && outputsList.Count > 1)
            throw new InvalidOperationException($"Model \"{name}\" has {outputsList.Count} outputs; use predict_outputs() to get all of them.");
        var outs = new Trainer(this, Config).Predict(x, batch_size ?? 32, steps, callbacks);
        try { return Utils.Arrays.ToNDArray(outs[0]); }
        finally { foreach (var t in outs) t.Dispose(); }
    }

    /// <summary>Keras predict for any number of outputs: one array per output.</summary>
    public NDArray[] predict_outputs(object x, int? batch_size = null, int? steps = null)
    {
        var outs = new Trainer(this, Config).Predict(x, batch_size ?? 32, steps);
        try { return outs.Select(Utils.Arrays.ToNDArray).ToArray(); }
        finally { foreach (var t in outs) t.Dispose(); }
    }

    /// <summary>Predict returning torch tensors (CPU), one per output.</summary>
    public Tensor[] PredictTensors(object x, int batch_size = 32, int? steps = null) => new Trainer(this, Config).Predict(x, batch_size, steps);

    /// <summary>Runs the model on one batch (Keras's model(x), inference mode); returns tensors on the model's device.</summary>
    public Tensor[] call(params Tensor[] xs)
    {
        ThrowIfDisposed();
        EnsureBuiltFor(xs);
        CheckInputs(xs);
        var device = Backend.DeviceManager.Current;
        var ready = xs.Select(t => t.to(float32).to(device)).ToArray();
        return Forward(ready, false);
    }

    // ----- disposal -----

    bool disposed;

    /// <summary>True after <see cref="Dispose"/>.</summary>
    public bool IsDisposed => disposed;

    /// <summary>
    /// Frees the engine memory of every weight of this model's layers (layers shared with another
    /// model included) and the optimizer state that compile gave it. The model cannot be used after.
    /// </summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var w in layers.SelectMany(l => l.variables).Distinct()) w.Value.Dispose();
        // compile keeps every optimizer in its train ops (optimizer is the first op's).
        if (Config is not null) foreach (var op in Config.TrainOps) op.Optimizer.Dispose();
        GC.SuppressFinalize(this);
    }

    internal void ThrowIfDisposed()
    {
        if (disposed) throw new ObjectDisposedException($"Model \"{name}\"", $"Model \"{name}\" was disposed: its weights are freed. Build a new model, or load one with keras.models.load_model.");
    }

    // ----- weights -----

    /// <summary>All weights as arrays in Keras's layout and order.</summary>
    public NDArray[] get_weights() => variables.Select(w => Utils.Arrays.ToNDArray(w.ToKeras())).ToArray();

    /// <summary>Sets all weights from arrays in Keras's layout and order.</summary>
    public void set_weights(IReadOnlyList<NDArray> values)
    {
        var ws = variables;
        if (values.Count != ws.Count)
            throw new ArgumentException($"Model \"{name}\" has {ws.Count} weights, received {values.Count} arrays.");
        for (int i = 0; i < ws.Count; i++) ws[i].Assign(Utils.Arrays.ToTensor(values[i]));
    }

    // ----- saving -----

    /// <summary>Keras's model.save: a .keras archive (config.json, metadata.json, model.weights.h5, optimizer state when compiled).</summary>
    public void save(string filepath, bool overwrite = true, bool include_optimizer = true)
    {
        RefuseNestedModels();
        Saving.KerasArchive.Save(this, filepath, overwrite, include_optimizer);
    }

    /// <summary>Keras nests a model's weights under the model that holds it; KerasSharp's files do not yet, so such a model is not saved.</summary>
    void RefuseNestedModels()
    {
        if (layers.OfType<ModelLayer>().FirstOrDefault() is { } nested)
            throw new NotSupportedException($"Model \"{name}\" contains the model \"{nested.name}\" as a layer; saving such a model is not supported yet. " +
                $"Save the inner model on its own ({nested.name}.save(...)), or build the layers into one model.");
    }

    /// <summary>Keras's save_weights: a .weights.h5 file.</summary>
    public void save_weights(string filepath, bool overwrite = true)
    {
        RefuseNestedModels();
        Saving.KerasArchive.SaveWeights(this, filepath, overwrite);
    }

    /// <summary>Keras's load_weights, from a .weights.h5 or .keras file; shapes must match.</summary>
    public void load_weights(string filepath)
    {
        if (!built) throw new InvalidOperationException($"Model \"{name}\" is not built yet; build it (or give its input shape) before loading weights.");
        RefuseNestedModels();
        Saving.KerasArchive.LoadWeights(this, filepath);
    }

    // ----- summary -----

    /// <summary>Keras's summary table: layers, output shapes, parameter counts and totals.</summary>
    public void summary(int? line_length = null, Action<string>? print_fn = null) =>
        (print_fn ?? Console.WriteLine)(Summary.Render(this, line_length).TrimEnd('\n'));

    /// <summary>The summary as text.</summary>
    public string summary_text(int? line_length = null) => Summary.Render(this, line_length);

    /// <summary>Keras's get_config for the model.</summary>
    public virtual Dictionary<string, object?> get_config() => Saving.ModelConfig.Functional(this);

    /// <summary>Keras's JSON form of the model (class_name and config).</summary>
    public string to_json() => Saving.ModelConfig.ToJson(this);

    /// <summary>The Keras class name ("Functional", "Sequential").</summary>
    public virtual string class_name => "Functional";

    internal IReadOnlyList<(Layer layer, int[] inputSlots, int outputSlot)> Plan { get { EnsureGraph(); return plan; } }
}
