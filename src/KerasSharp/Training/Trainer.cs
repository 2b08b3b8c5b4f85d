using KerasSharp.Callbacks;
using KerasSharp.Data;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// The one training loop that every model (and the TFLearn facade) uses: Keras 3's fit, evaluate
/// and predict. Data arrives through an adapter (arrays, generators, PyDataset, TorchSharp
/// DataLoader), one batch on the device at a time. One dispose scope owns each call, and one each
/// batch, callbacks included. The running loss and metrics stay on the device and are read only
/// when a callback shows them.
/// </summary>
public sealed partial class Trainer
{
    readonly Model model;
    readonly TrainingConfig? config;
    // Engine scalars (zero, batch sizes), made once per call rather than once per step.
    readonly Backend.ScalarCache scalars = new();

    /// <summary>Creates a trainer for a model and its compiled configuration.</summary>
    public Trainer(Model model, TrainingConfig? config)
    {
        model.ThrowIfDisposed();
        this.model = model; this.config = config;
    }

    sealed class OpState
    {
        public required TrainOp Op;
        public required int[] Outputs;
        public required TorchSharp.Modules.Parameter[] Variables;
        public required Loss[] Losses;
        public required double[]? LossWeights;
        public required Metric[][] Metrics; // per covered output
        public Tensor[]? PerOutputBuffer;
        public readonly List<Tensor> GradBuffer = new();
        // Per covered output: the loss's one-call mean once the first batch of arrays showed it needs no alignment.
        public Func<Tensor, Tensor, Tensor>?[]? FusedLoss;
        public bool[]? FusedChecked;
        public MeanTracker LossTracker = null!;
        public MeanTracker[] OutputLossTrackers = Array.Empty<MeanTracker>();
        public MetricTracker[][] MetricTrackers = Array.Empty<MetricTracker[]>();
        public IEnumerable<Tracker> Trackers => new Tracker[] { LossTracker }.Concat(OutputLossTrackers).Concat(MetricTrackers.SelectMany(m => m));
    }

    // ----- setup -----

    IReadOnlyList<int> TrainedOutputs => config is null
        ? Enumerable.Range(0, model.outputs.Count).ToList()
        : config.TrainOps.SelectMany(o => o.OutputIndices ?? Enumerable.Range(0, model.outputs.Count)).Distinct().OrderBy(i => i).ToList();

    DataStructure Structure() => new(model, model.built ? TrainedOutputs : null, config?.InputNames, config?.TargetNames);

    static Loss LossFor(OpState op, int k) => op.Losses.Length == 1 ? op.Losses[0] : op.Losses[k];

    Loss LossForOutput(OpState[] ops, int output)
    {
        var op = ops.First(s => s.Outputs.Contains(output));
        return LossFor(op, Array.IndexOf(op.Outputs, output));
    }

    OpState[] MakeOps(Device device)
    {
        if (config is null) throw new InvalidOperationException($"You must call compile() first (model \"{model.name}\").");
        var allTrainable = model.trainable_weights;
        var list = new List<OpState>();
        foreach (var op in config.TrainOps)
        {
            var outs = (op.OutputIndices ?? Enumerable.Range(0, model.outputs.Count).ToList()).ToArray();
            if (op.Losses.Count != 1 && op.Losses.Count != outs.Length)
                throw new ArgumentException($"Model \"{model.name}\" has {outs.Length} output(s) but {op.Losses.Count} losses were given; give one loss, or one per output.");
            var weights = (op.Variables ?? allTrainable).Where(w => w.trainable).ToList();
            var vars = weights.Select(w => (TorchSharp.Modules.Parameter)w.Value).ToArray();
            // Keras builds the optimizer for the model's trainable weights before the first step (slot order, weight-decay exclusions by name).
            op.Optimizer.build(weights);
            Metric Resolve(Metric m, int k)
            {
                int o = outs[k];
                var predShape = model.outputs[o].shape.Select(d => (long)(d ?? 1)).ToArray();
                var loss = op.Losses.Count == 1 ? op.Losses[0] : op.Losses[k];
                long[] trueShape = loss.IsSparse ? predShape[..^1] : predShape;
                return m.Resolve(loss, trueShape, predShape);
            }
            var metrics = outs.Select((o, k) => (op.MetricsPerOutput is { } per ? per[k] : op.Metrics).Select(m => Resolve(m, k)).ToArray()).ToArray();
            var weighted = outs.Select((o, k) => (op.WeightedMetricsPerOutput is { } per ? per[k] : Array.Empty<Metric>()).Select(m => Resolve(m, k)).ToArray()).ToArray();
            string OutputKey(int k) => outs.Length > 1 ? model.output_names[outs[k]] + "_" : "";
            var s = new OpState
            {
                Op = op, Outputs = outs, Variables = vars, Metrics = metrics,
                Losses = op.Losses.ToArray(), LossWeights = op.LossWeights?.ToArray(),
            };
            s.LossTracker = new MeanTracker(op.Prefix + "loss", device, scalars);
            s.OutputLossTrackers = outs.Length > 1 ? outs.Select((_, k) => new MeanTracker(op.Prefix + OutputKey(k) + "loss", device, scalars)).ToArray() : Array.Empty<MeanTracker>();
            // Keras names a weighted metric "weighted_<name>" when an unweighted metric has its name.
            s.MetricTrackers = metrics.Select((ms, k) =>
            {
                var plain = ms.Select(m => new MetricTracker(op.Prefix + OutputKey(k) + m.name, m, useSampleWeights: false));
                var taken = ms.Select(m => m.name).ToHashSet();
                var w = weighted[k].Select(m => new MetricTracker(op.Prefix + OutputKey(k) + (taken.Contains(m.name) ? "weighted_" : "") + m.name, m, useSampleWeights: true));
                return plain.Concat(w).ToArray();
            }).ToArray();
            list.Add(s);
        }
        return list.ToArray();
    }

    static void DisposeOps(OpState[]? ops)
    {
        if (ops is null) return;
        foreach (var s in ops) foreach (var t in s.Trackers) t.Dispose();
    }

    void ResetTrackers(OpState[] ops)
    {
        KeepPendingLogs();
        foreach (var s in ops)
        {
            s.LossTracker.Reset();
            foreach (var t in s.OutputLossTrackers) t.Reset();
            foreach (var ms in s.MetricTrackers) foreach (var t in ms) t.Reset();
        }
    }

    // The logs handed out over the running values since they last changed.
    readonly List<Logs> pendingLogs = new(2);

    /// <summary>Before the running values change: logs a callback may have kept get this step's values (on the device).</summary>
    void KeepPendingLogs()
    {
        foreach (var l in pendingLogs) l.KeepValues();
        pendingLogs.Clear();
    }

    /// <summary>Logs over the running values; <paramref name="keep"/>: a callback may keep them past this step, so they are preserved before the values change.</summary>
    Logs MakeLogs(OpState[] ops, bool keep = true)
    {
        var logs = new Logs();
        if (keep) pendingLogs.Add(logs);
        foreach (var s in ops)
        {
            logs.AddLazy(s.LossTracker.Name, s.LossTracker);
            for (int k = 0; k < s.Outputs.Length; k++)
            {
                if (s.Outputs.Length > 1) logs.AddLazy(s.OutputLossTrackers[k].Name, s.OutputLossTrackers[k]);
                foreach (var m in s.MetricTrackers[k]) logs.AddLazy(m.Name, m);
            }
        }
        return logs;
    }

    // ----- data -----

    // The train ops of the call in progress (null in predict, or until a generator's first batch builds the model).
    OpState[]? ops;
    Device? opsDevice;

    /// <summary>
    /// Makes sure the model is built (a Sequential without an input shape builds from the first
    /// batch, as Keras does) and, for fit and evaluate, that the train ops exist.
    /// </summary>
    void EnsureReady(object x, string what)
    {
        if (!model.built)
        {
            var xs = Structure().Inputs(x, what);
            model.EnsureBuiltFor(xs.Select(t => t.dtype == float32 ? t : t.to(float32)).ToList());
        }
        if (ops is null && opsDevice is not null) ops = MakeOps(opsDevice);
    }

    /// <summary>Casts a target batch to what its output's loss wants: int64 class indices, or float32 of the prediction's rank.</summary>
    Tensor CastTarget(OpState[] ops, int output, Tensor y)
    {
        // Per output: whether its loss takes class indices, and the prediction's rank (made once per call).
        if (!ReferenceEquals(targetInfoOps, ops))
        {
            targetInfoOps = ops;
            targetSparse = new bool[model.outputs.Count];
            targetRank = new int[model.outputs.Count];
            for (int o = 0; o < targetSparse.Length; o++)
            {
                targetRank[o] = model.outputs[o].shape.Length;
                if (ops.Any(s => s.Outputs.Contains(o))) targetSparse[o] = LossForOutput(ops, o).IsSparse;
            }
        }
        if (targetSparse![output]) return y.dtype == int64 ? y : y.to(int64);
        var t = y.dtype == float32 ? y : y.to(float32);
        // Labels [N] against predictions [N, 1]: aligned here, once per batch, so the loss need not check.
        if (t.dim() == targetRank![output] - 1) t = t.unsqueeze(-1);
        return t;
    }

    OpState[]? targetInfoOps;
    bool[]? targetSparse;
    int[]? targetRank;

    void CheckTargetShape(OpState[] ops, int output, long[] ys)
    {
        var loss = LossForOutput(ops, output);
        // A user's loss function decides itself what its targets look like, as in Keras.
        if (loss.class_name == "LossFunctionWrapper") return;
        var predShape = model.outputs[output].shape;
        bool ok;
        if (loss.IsSparse) ok = ys.Length == predShape.Length - 1 || (ys.Length == predShape.Length && ys[^1] == 1);
        else
        {
            ok = ys.Length == predShape.Length || (ys.Length == predShape.Length - 1 && predShape[^1] == 1);
            // (A Sequential that took its input shape from the first batch knows its output shape only for that batch.)
            for (int d = 1; ok && !model.InferredInputShape && d < Math.Min(ys.Length, predShape.Length); d++)
                if (predShape[d].HasValue && predShape[d] != ys[d]) ok = false;
        }
        if (!ok)
        {
            var layer = model.outputs[output].Node.Layer;
            throw new ArgumentException($"Target for output {output} (layer \"{layer.name}\") does not fit: expected shape {Utils.Shapes.Format(predShape)}" +
                $"{(loss.IsSparse ? " (sparse labels: one class index per sample)" : "")}, received targets with shape {Utils.Shapes.Format(ys)}.");
        }
    }

    /// <summary>The values of one output's targets against what its loss takes (<see cref="LabelChecks"/>).</summary>
    void CheckTargetValues(OpState[] ops, int output, Tensor y, string what, int outputs)
    {
        var loss = LossForOutput(ops, output);
        var layer = model.outputs[output].Node.Layer;
        LabelChecks.Check(loss, y, model.outputs[output].shape, outputs > 1 ? $"{what}[{output}]" : what, layer.name);
    }

    /// <summary>Runs a train or test step; the engine's errors for out-of-range targets become clear ones.</summary>
    // The step methods as delegates, made once per trainer (a method group converted at each call allocates).
    Action<OpState[], Batch, bool>? trainStep, testStep;
    Action<OpState[], Batch, bool> TrainStepAction => trainStep ??= TrainStep;
    Action<OpState[], Batch, bool> TestStepAction => testStep ??= TestStep;

    static void Step(Action<OpState[], Batch, bool> step, OpState[] ops, Batch batch, bool reg, string what)
    {
        try { step(ops, batch, reg); }
        catch (System.Runtime.InteropServices.ExternalException e) when (LabelChecks.Translate(e, what, ops.SelectMany(s => s.Losses)) is { } clear)
        {
            throw clear;
        }
    }

    /// <summary>
    /// The first NaN or infinite value among the arrays of a call, as "x[2, 1] is NaN" (null when
    /// every value is finite): said on stderr before training, and named again by the epoch's NaN
    /// warning instead of blaming the learning rate.
    /// </summary>
    string? nonFiniteData;

    /// <summary>Warns once per array holding NaN or Inf, naming the array and the index of its first such value.</summary>
    void WarnNonFinite(IEnumerable<(string name, Tensor t)> arrays, string call)
    {
        foreach (var (name, t) in arrays)
        {
            if (t.numel() == 0 || !t.is_floating_point()) continue;
            using var scope = torch.NewDisposeScope();
            // One summing pass first: a finite sum means every value is finite (NaN and ±inf carry into
            // the sum); only a non-finite sum (bad data, or finite values that overflow) pays the full check.
            using (var sum = t.sum()) using (var sc = sum.ToScalar()) if (double.IsFinite(sc.ToDouble())) continue;
            var finite = torch.isfinite(t);
            if (finite.all().item<bool>()) continue;
            long flat = finite.logical_not().reshape(-1).nonzero()[0, 0].item<long>();
            double v = t.reshape(-1)[flat].to(float64).item<double>();
            var index = new long[t.dim()];
            for (int d = (int)t.dim() - 1; d >= 0; d--) { index[d] = flat % t.shape[d]; flat /= t.shape[d]; }
            string what = $"{name}[{string.Join(", ", index)}] is {(double.IsNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf")}";
            long count = finite.logical_not().sum().item<long>();
            nonFiniteData ??= what;
            Console.Error.WriteLine($"KerasSharp: {call}: {name} holds {count} NaN or infinite value{(count == 1 ? "" : "s")}; the first: {what} (sample {index[0]}). " +
                "The loss and the weights will not be numbers; clean the data (the learning rate is not the cause).");
        }
    }

    /// <summary>
    /// The adapter for x/y/sample_weight (Keras's get_data_adapter). Arrays are checked against
    /// the model here; other sources are checked on their first batch.
    /// </summary>
    DataAdapter Adapter(object x, object? y, object? sampleWeight, IReadOnlyDictionary<int, double>? classWeight, int batchSize,
        object shuffle, Device device, string role)
    {
        switch (x)
        {
            case DataAdapter a: return a;
            case Utils.PyDataset pd:
                RefuseWithSource(y, sampleWeight, "PyDataset");
                return new PyDatasetAdapter(pd, shuffle is true, (bx, by, bw) => Convert(bx, by, bw, classWeight, device, $"{pd.GetType().Name} batch"));
            case TorchSharp.torch.utils.data.Dataset ds:
                RefuseWithSource(y, sampleWeight, "torch Dataset");
                if (classWeight is not null) throw new ArgumentException("Argument `class_weight` is not supported for torch Dataset inputs. Return the weights from the dataset as \"sample_weight\" instead.");
                return new GeneratorDataAdapter(torch.utils.data.DataLoader(ds, batchSize, shuffle is true), (bx, by, bw) => Convert(bx, by, bw, null, device, "torch Dataset batch"), "torch Dataset");
            case TorchSharp.Modules.DataLoader or TorchSharp.Modules.IterableDataLoader:
                RefuseWithSource(y, sampleWeight, "torch DataLoader");
                if (classWeight is not null) throw new ArgumentException("Argument `class_weight` is not supported for torch DataLoader inputs. You can modify your dataset to return input tensor, label and sample weight.");
                return new GeneratorDataAdapter((System.Collections.IEnumerable)x, (bx, by, bw) => Convert(bx, by, bw, null, device, "DataLoader batch"), "DataLoader");
            case System.Collections.IEnumerable e when IsBatchSource(x):
                RefuseWithSource(y, sampleWeight, "generator");
                if (classWeight is not null) throw new ArgumentException($"Argument `class_weight` is not supported for Python generator inputs. Received: class_weight={{{string.Join(", ", classWeight.Select(kv => $"{kv.Key}: {kv.Value}"))}}}");
                return new GeneratorDataAdapter(e, (bx, by, bw) => Convert(bx, by, bw, null, device, "generator batch"), "generator");
        }
        Tensor[] xs; Tensor?[] ys; Tensor? sw;
        if (x is ResolvedArrays r) (xs, ys, sw) = (r.X, r.Y ?? new Tensor?[model.outputs.Count], r.W);
        else
        {
            var structure = Structure();
            xs = structure.Inputs(x);
            ys = y is null ? new Tensor?[model.built ? model.outputs.Count : 1] : structure.Targets(y);
            sw = DataStructure.SampleWeights(sampleWeight);
        }
        if (classWeight is not null)
        {
            if (sw is not null) throw new ArgumentException("You cannot `class_weight` and `sample_weight` at the same time.");
            var trained = ys.Where(t => t is not null).ToList();
            if (trained.Count != 1) throw new ArgumentException("`class_weight` is only supported for Models with a single output.");
            sw = ClassWeights.ToSampleWeights(trained[0]!, classWeight);
        }
        if (ops is not null)
            for (int o = 0; o < ys.Length; o++)
                if (ys[o] is { } t)
                {
                    CheckTargetShape(ops, o, t.shape);
                    CheckTargetValues(ops, o, t, role == "validation" ? "validation y" : "y", ys.Length);
                }
        if (role != "predict")
        {
            string pre = role == "validation" ? "validation " : "";
            WarnNonFinite(xs.Select((t, i) => (xs.Length > 1 ? $"{pre}x[{i}]" : $"{pre}x", t))
                .Concat(ys.Select((t, i) => (t, i)).Where(p => p.t is not null).Select(p => (ys.Length > 1 ? $"{pre}y[{p.i}]" : $"{pre}y", p.t!))),
                role == "validation" ? "fit" : role);
        }
        if (device.type == DeviceType.CUDA)
        {
            xs = xs.Select(t => t.is_pinned() ? t : t.pin_memory()).ToArray();
            ys = ys.Select(t => t is null || t.is_pinned() ? t : t.pin_memory()).ToArray();
        }
        return new ArrayDataAdapter(xs, ys, sw, batchSize, shuffle, device, ops is null ? null : (o, t) => CastTarget(ops!, o, t));
    }

    static bool IsBatchSource(object x) =>
        x is not Array && x is not NumSharp.NDArray && x is not Tensor && x is not System.Collections.IDictionary && x is not IList<Tensor>
        && x is not List<object> && x is not string;

    static void RefuseWithSource(object? y, object? sampleWeight, string kind)
    {
        if (y is not null) throw new ArgumentException($"When providing `x` as a {kind}, `y` should not be passed. Instead, the targets should be included as part of the {kind}.");
        if (sampleWeight is not null) throw new ArgumentException($"When providing `x` as a {kind}, `sample_weights` should not be passed. Instead, the sample weights should be included as part of the {kind}.");
    }

    /// <summary>One batch from a generator-like source, converted and moved to the device.</summary>
    Batch Convert(object x, object? y, object? sw, IReadOnlyDictionary<int, double>? classWeight, Device device, string what)
    {
        EnsureReady(x, what);
        var structure = Structure();
        var xs = structure.Inputs(x, $"{what} x");
        Tensor?[] ys = y is null ? new Tensor?[model.outputs.Count] : structure.Targets(y, $"{what} y");
        var w = DataStructure.SampleWeights(sw, $"{what} sample_weight");
        if (classWeight is not null && ys.FirstOrDefault(t => t is not null) is { } yt)
        {
            if (w is not null) throw new ArgumentException("You cannot specify `class_weight` and `sample_weight` at the same time.");
            w = ClassWeights.ToSampleWeights(yt, classWeight);
        }
        long n = xs[0].shape[0];
        foreach (var (t, name) in xs.Select((t, i) => (t, $"x[{i}]")).Concat(ys.Where(t => t is not null).Select((t, i) => (t!, $"y[{i}]"))))
            if (t.dim() == 0 || t.shape[0] != n)
                throw new ArgumentException($"{what}: {name} has {(t.dim() == 0 ? "no sample axis" : t.shape[0] + " samples")} but x[0] has {n}; every array of a batch must hold the same number of samples.");
        Tensor Dev(Tensor t) => device.type == DeviceType.CPU ? t : t.to(device, non_blocking: true);
        var outX = xs.Select(t => Dev(t.dtype == float32 ? t : t.to(float32))).ToArray();
        var outY = new Tensor?[ys.Length];
        for (int o = 0; o < ys.Length; o++)
            if (ys[o] is { } t)
            {
                if (ops is not null)
                {
                    CheckTargetShape(ops, o, t.shape);
                    // Checked on the host, before the batch goes to the device: no device sync per step.
                    if (t.device_type == DeviceType.CPU) CheckTargetValues(ops, o, t, $"{what} y", ys.Length);
                }
                outY[o] = Dev(ops is null ? t : CastTarget(ops, o, t));
            }
        return new Batch { X = outX, Y = outY, SampleWeight = w is null ? null : Dev(w), Size = n };
    }
}

/// <summary>Arrays already mapped onto the model's inputs and outputs (by fit, before a validation split).</summary>
internal sealed record ResolvedArrays(Tensor[] X, Tensor?[]? Y, Tensor? W);

/// <summary>Keras's class_weight_to_sample_weights: each sample weighs its class's weight (1 for classes not listed).</summary>
internal static class ClassWeights
{
    public static Tensor ToSampleWeights(Tensor y, IReadOnlyDictionary<int, double> classWeight)
    {
        using var scope = torch.NewDisposeScope();
        var labels = y.dim() > 1 ? (y.shape[^1] != 1 ? y.argmax(-1) : y.squeeze(-1)) : y;
        if (labels.dim() > 1) labels = labels.reshape(labels.shape[0], -1)[.., 0];
        var cls = labels.to(float64).round().to(int64).cpu().data<long>().ToArray();
        var w = new float[cls.Length];
        for (int i = 0; i < w.Length; i++) w[i] = classWeight.TryGetValue((int)cls[i], out var v) ? (float)v : 1f;
        return torch.tensor(w).MoveToOuterDisposeScope();
    }
}
