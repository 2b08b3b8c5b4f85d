using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// The one training loop that every model (and the TFLearn facade) uses. Data lives on the
/// device as one tensor per input; each epoch draws a permutation and each batch gathers its rows
/// by index (no copy of the whole dataset). One dispose scope per batch. Running sums of the loss
/// and metrics stay on the device and are read only when a callback shows them.
/// </summary>
public sealed class Trainer
{
    readonly Model model;
    readonly TrainingConfig? config;

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
        // The op's losses and weights as arrays: the step reads them on every batch.
        public required Loss[] Losses;
        public required double[]? LossWeights;
        public required Metric[][] Metrics; // per covered output
        // Log keys, built once per fit.
        public required string LossKey;
        public required string[] OutputLossKeys;
        public required string[][] MetricKeys;
        public Tensor[]? PerOutputBuffer;
        public Tensor LossSum = null!;
        public Tensor[] OutputLossSums = Array.Empty<Tensor>();
        public Tensor[][] MetricSums = Array.Empty<Tensor[]>();
    }

    // ----- data -----

    internal static List<Tensor> ToTensorList(object data, int expected, string what)
    {
        // Only a real object[] lists several arrays (float[][] is an object[] too, by array covariance).
        if (data is object[] arr && data.GetType() == typeof(object[])) return arr.Select((a, i) => Utils.Arrays.ToTensor(a, $"{what} {i}")).ToList();
        if (data is Tensor[] ts) return ts.ToList();
        if (expected > 1 && data is Array a2 && a2.Rank == 1 && a2.Length == expected && a2.GetType().GetElementType()!.IsArray
            && a2.GetValue(0) is Array inner && inner.GetType().GetElementType()!.IsArray)
            return Enumerable.Range(0, expected).Select(i => Utils.Arrays.ToTensor(a2.GetValue(i)!, $"{what} {i}")).ToList();
        return new List<Tensor> { Utils.Arrays.ToTensor(data, what) };
    }

    List<Tensor> PrepareX(object x)
    {
        var xs = ToTensorList(x, model.built ? model.inputs.Count : 1, "x");
        xs = xs.Select(t => t.dtype == float32 ? t : t.to(float32)).ToList();
        model.EnsureBuiltFor(xs);
        model.CheckInputs(xs);
        return xs;
    }

    List<Tensor> PrepareY(object y, OpState[] ops, long n)
    {
        int outputs = model.outputs.Count;
        int targets = ops.SelectMany(o => o.Outputs).Distinct().Count();
        var ys = ToTensorList(y, targets, "y");
        if (ys.Count != targets)
            throw new ArgumentException($"Model \"{model.name}\" trains {targets} output(s) and expects {targets} target array(s), received {ys.Count}.");
        for (int i = 0; i < ys.Count; i++)
            if (ys[i].shape[0] != n)
                throw new ArgumentException($"x and y must have the same number of samples: x has {n}, y{(ys.Count > 1 ? " " + i : "")} has {ys[i].shape[0]}.");
        // Order targets by output index so that target j belongs to the j-th trained output.
        var trained = ops.SelectMany(o => o.Outputs).Distinct().OrderBy(i => i).ToList();
        var result = new List<Tensor>(new Tensor[outputs]);
        for (int j = 0; j < trained.Count; j++)
        {
            int o = trained[j];
            var op = ops.First(s => s.Outputs.Contains(o));
            var loss = LossFor(op, Array.IndexOf(op.Outputs, o));
            var t = ys[j];
            result[o] = loss.IsSparse ? t.to(int64) : t.to(float32);
            CheckTargetShape(o, result[o], loss);
            // Align once here ([N] against [N, 1]), so the per-step loss need not check.
            if (!loss.IsSparse && result[o].dim() == model.outputs[o].shape.Length - 1) result[o] = result[o].unsqueeze(-1);
        }
        return result;
    }

    void CheckTargetShape(int output, Tensor y, Loss loss)
    {
        var predShape = model.outputs[output].shape;
        var ys = y.shape;
        bool ok;
        if (loss.IsSparse) ok = ys.Length == predShape.Length - 1 || (ys.Length == predShape.Length && ys[^1] == 1);
        else
        {
            ok = ys.Length == predShape.Length || (ys.Length == predShape.Length - 1 && predShape[^1] == 1);
            for (int d = 1; ok && d < Math.Min(ys.Length, predShape.Length); d++)
                if (predShape[d].HasValue && predShape[d] != ys[d]) ok = false;
        }
        if (!ok)
        {
            var layer = model.outputs[output].Node.Layer;
            throw new ArgumentException($"Target for output {output} (layer \"{layer.name}\") does not fit: expected shape {Utils.Shapes.Format(predShape)}" +
                $"{(loss.IsSparse ? " (sparse labels: one class index per sample)" : "")}, received targets with shape {Utils.Shapes.Format(ys)}.");
        }
    }

    static Loss LossFor(OpState op, int k) => op.Losses.Length == 1 ? op.Losses[0] : op.Losses[k];

    OpState[] MakeOps()
    {
        if (config is null) throw new InvalidOperationException($"You must call compile() first (model \"{model.name}\").");
        var allTrainable = model.trainable_weights;
        var list = new List<OpState>();
        foreach (var op in config.TrainOps)
        {
            var outs = (op.OutputIndices ?? Enumerable.Range(0, model.outputs.Count).ToList()).ToArray();
            if (op.Losses.Count != 1 && op.Losses.Count != outs.Length)
                throw new ArgumentException($"Model \"{model.name}\" has {outs.Length} output(s) but {op.Losses.Count} losses were given; give one loss, or one per output.");
            var vars = (op.Variables ?? allTrainable).Where(w => w.trainable).Select(w => (TorchSharp.Modules.Parameter)w.Value).ToArray();
            var metrics = outs.Select(o => op.Metrics.Select(m =>
            {
                var predShape = model.outputs[o].shape.Select(d => (long)(d ?? 1)).ToArray();
                var loss = op.Losses.Count == 1 ? op.Losses[0] : op.Losses[Array.IndexOf(outs, o)];
                long[] trueShape = loss.IsSparse ? predShape[..^1] : predShape;
                return m.Resolve(loss, trueShape, predShape);
            }).ToArray()).ToArray();
            string OutputKey(int k) => outs.Length > 1 ? model.outputs[outs[k]].Node.Layer.name + "_" : "";
            list.Add(new OpState
            {
                Op = op, Outputs = outs, Variables = vars, Metrics = metrics,
                Losses = op.Losses.ToArray(), LossWeights = op.LossWeights?.ToArray(),
                LossKey = op.Prefix + "loss",
                OutputLossKeys = outs.Length > 1 ? outs.Select((_, k) => op.Prefix + OutputKey(k) + "loss").ToArray() : Array.Empty<string>(),
                MetricKeys = metrics.Select((ms, k) => ms.Select(m => op.Prefix + OutputKey(k) + m.name).ToArray()).ToArray(),
            });
        }
        return list.ToArray();
    }

    /// <summary>Creates the running sums, once per fit or evaluate.</summary>
    void AllocateSums(OpState[] ops, Device device)
    {
        DisposeSums(ops);
        foreach (var s in ops)
        {
            s.LossSum = Zero(device);
            // Per-output sums exist only for ops over several outputs (a single output's loss is the op's loss).
            s.OutputLossSums = s.Outputs.Length > 1 ? s.Outputs.Select(_ => Zero(device)).ToArray() : Array.Empty<Tensor>();
            s.MetricSums = s.Metrics.Select(ms => ms.Select(_ => Zero(device)).ToArray()).ToArray();
        }
    }

    /// <summary>
    /// Sets the running sums to zero in place. (fill_ with one cached scalar: TorchSharp's zero_()
    /// returns a second wrapper, and a double argument would allocate a Scalar per call.)
    /// </summary>
    void ResetSums(OpState[] ops)
    {
        KeepPendingLogs();
        var zero = scalars.Get(0);
        foreach (var s in ops)
        {
            s.LossSum.fill_(zero);
            foreach (var t in s.OutputLossSums) t.fill_(zero);
            foreach (var row in s.MetricSums) foreach (var t in row) t.fill_(zero);
        }
    }

    // Zero and batch sizes as engine scalars, made once per fit rather than once per step.
    readonly Backend.ScalarCache scalars = new();

    // TorchSharp's factories cost several microseconds more when given a device; on the CPU give none.
    static Tensor Zero(Device device) => device.type == DeviceType.CPU ? torch.zeros(Array.Empty<long>()) : torch.zeros(Array.Empty<long>(), device: device);
    static Tensor Permutation(long n, Device device) => device.type == DeviceType.CPU ? torch.randperm(n) : torch.randperm(n, device: device);

    void DisposeSums(OpState[] ops)
    {
        KeepPendingLogs();
        foreach (var s in ops)
        {
            s.LossSum?.Dispose();
            s.LossSum = null!;
            foreach (var t in s.OutputLossSums) t.Dispose();
            s.OutputLossSums = Array.Empty<Tensor>();
            foreach (var row in s.MetricSums) foreach (var t in row) t.Dispose();
            s.MetricSums = Array.Empty<Tensor[]>();
        }
    }

    // The logs handed out over the running sums since they last changed.
    readonly List<Logs> pendingLogs = new(2);

    /// <summary>Before the sums change: logs a callback may have kept get their own copy of this step's sums.</summary>
    void KeepPendingLogs()
    {
        foreach (var l in pendingLogs) l.KeepValues();
        pendingLogs.Clear();
    }

    Logs MakeLogs(OpState[] ops, double count)
    {
        var logs = new Logs();
        pendingLogs.Add(logs);
        foreach (var s in ops)
        {
            logs.AddLazy(s.LossKey, s.LossSum, count);
            for (int k = 0; k < s.Outputs.Length; k++)
            {
                if (s.Outputs.Length > 1) logs.AddLazy(s.OutputLossKeys[k], s.OutputLossSums[k], count);
                for (int m = 0; m < s.Metrics[k].Length; m++)
                    logs.AddLazy(s.MetricKeys[k][m], s.MetricSums[k][m], count);
            }
        }
        return logs;
    }

    // ----- the step -----

    Tensor RegularizationLoss(Device device)
    {
        Tensor? total = null;
        foreach (var layer in model.layers)
            foreach (var (w, r) in layer.WeightRegularizers)
            {
                var p = r.call(w.Value);
                total = total is null ? p : total + p;
            }
        var activity = RegularizationContext.Take();
        if (activity is not null) foreach (var a in activity) total = total is null ? a : total + a;
        return total ?? Zero(device);
    }

    bool HasRegularization => model.layers.Any(l => l.WeightRegularizers.Count > 0 || l.activity_regularizer is not null);

    Tensor[] ForwardBatch(IReadOnlyList<Tensor> xb, bool training)
    {
        var inputs = xb;
        if (config?.InputTransform is { } pre) inputs = inputs.Select(pre).ToList();
        if (training && config?.TrainingBatchTransform is { } aug) inputs = inputs.Select(aug).ToList();
        return model.Forward(inputs, training);
    }

    void TrainStep(OpState[] ops, Tensor[] xb, Tensor[] yb, long bs, bool reg)
    {
        KeepPendingLogs();
        for (int i = 0; i < ops.Length; i++)
        {
            var s = ops[i];
            var outs = ForwardBatch(xb, true);
            Tensor loss = null!;
            var perOutput = s.PerOutputBuffer ??= new Tensor[s.Outputs.Length];
            for (int k = 0; k < s.Outputs.Length; k++)
            {
                int o = s.Outputs[k];
                var l = LossFor(s, k).CallAligned(yb[o], outs[o]);
                perOutput[k] = l;
                double w = s.LossWeights is { } lw ? lw[k] : 1.0;
                var weighted = w == 1.0 ? l : l * w;
                loss = k == 0 ? weighted : loss + weighted;
            }
            if (reg) loss = loss + RegularizationLoss(loss.device);
            else RegularizationContext.Take();
            foreach (var p in s.Variables) p.grad = null;
            loss.backward();
            if (config!.ClipGradientsGlobalNorm is double clip)
            {
                var grads = s.Variables.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToList();
                if (grads.Count > 0) Optimizers.Optimizer.ClipByGlobalNorm(grads, clip);
            }
            using (torch.no_grad())
            {
                s.Op.Optimizer.ApplyGradientsNoGrad(s.Variables);
                // Under no_grad the in-place sums record no graph, so the loss needs no detach().
                var count = scalars.Get(bs);
                s.LossSum.add_(loss, alpha: count);
                for (int k = 0; k < s.Outputs.Length; k++)
                {
                    if (s.Outputs.Length > 1) s.OutputLossSums[k].add_(perOutput[k], alpha: count);
                    if (s.Metrics[k].Length == 0) continue;
                    var yPred = outs[s.Outputs[k]].detach();
                    for (int m = 0; m < s.Metrics[k].Length; m++)
                        s.MetricSums[k][m].add_(s.Metrics[k][m].PerSample(yb[s.Outputs[k]], yPred).sum());
                }
            }
        }
    }

    void TestStep(OpState[] ops, IReadOnlyList<Tensor> xb, IReadOnlyList<Tensor> yb, long bs, bool reg)
    {
        KeepPendingLogs();
        var outs = ForwardBatch(xb, false);
        var regLoss = reg ? RegularizationLoss(outs[0].device) : null;
        if (!reg) RegularizationContext.Take();
        foreach (var s in ops)
        {
            Tensor loss = null!;
            for (int k = 0; k < s.Outputs.Length; k++)
            {
                int o = s.Outputs[k];
                var l = LossFor(s, k).CallAligned(yb[o], outs[o]);
                if (s.Outputs.Length > 1) s.OutputLossSums[k].add_(l, alpha: scalars.Get(bs));
                double w = s.LossWeights is { } lw ? lw[k] : 1.0;
                loss = k == 0 ? l * w : loss + l * w;
                var yPred = outs[o];
                for (int m = 0; m < s.Metrics[k].Length; m++)
                    s.MetricSums[k][m].add_(s.Metrics[k][m].PerSample(yb[o], yPred).sum());
            }
            if (regLoss is not null) loss = loss + regLoss;
            s.LossSum.add_(loss, alpha: scalars.Get(bs));
        }
    }

    // ----- fit -----

    /// <summary>Runs Keras's fit loop.</summary>
    /// <remarks>
    /// Compiled fully optimized at once: fit is called a few times per process, so tiered
    /// compilation would run its loop as unoptimized tier-0 code until on-stack replacement.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public History Fit(object x, object? y, int batchSize, int epochs, int verbose, IEnumerable<Callback>? userCallbacks,
        double validationSplit, (object x, object y)? validationData, bool shuffle, int initialEpoch)
    {
        if (batchSize <= 0) throw new ArgumentException($"batch_size must be a positive integer, received {batchSize}.");
        if (epochs < 0) throw new ArgumentException($"epochs must be >= 0, received {epochs}.");
        if (validationSplit < 0 || validationSplit >= 1) throw new ArgumentException($"validation_split must be in [0, 1), received {validationSplit}.");
        if (y is null) throw new ArgumentException("fit needs targets y.");
        var xs = PrepareX(x);
        long n = xs[0].shape[0];
        foreach (var t in xs) if (t.shape[0] != n) throw new ArgumentException($"All inputs must have the same number of samples; received {string.Join(", ", xs.Select(t2 => t2.shape[0]))}.");
        var ops = MakeOps();
        var ys = PrepareY(y, ops, n);

        List<Tensor>? vxs = null, vys = null;
        if (validationData is { } vd)
        {
            vxs = PrepareX(vd.x);
            vys = PrepareY(vd.y, ops, vxs[0].shape[0]);
        }
        else if (validationSplit > 0)
        {
            long split = (long)(n * (1 - validationSplit));
            if (split <= 0 || split >= n) throw new ArgumentException($"validation_split={validationSplit} leaves no training or no validation samples out of {n}.");
            vxs = xs.Select(t => t.narrow(0, split, n - split)).ToList();
            vys = ys.Select(t => t?.narrow(0, split, n - split)!).ToList();
            xs = xs.Select(t => t.narrow(0, 0, split)).ToList();
            ys = ys.Select(t => t?.narrow(0, 0, split)!).ToList();
            n = split;
        }

        Backend.DeviceManager.AnnounceOnce();
        var device = Backend.DeviceManager.Current;
        xs = xs.Select(t => t.to(device)).ToList();
        ys = ys.Select(t => t?.to(device)!).ToList();
        vxs = vxs?.Select(t => t.to(device)).ToList();
        vys = vys?.Select(t => t?.to(device)!).ToList();

        long steps = (n + batchSize - 1) / batchSize;
        var history = new History();
        var callbacks = new CallbackList(userCallbacks, history, verbose, model,
            new Dictionary<string, object?> { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps, ["batch_size"] = batchSize, ["samples"] = n, ["validation_samples"] = vxs is null ? 0L : vxs[0].shape[0] });
        model.history = history;
        model.stop_training = false;
        bool reg = HasRegularization;
        bool batchEvents = callbacks.WantsBatchEvents;
        var xb = new Tensor[xs.Count];
        var yb = new Tensor[ys.Count];
        AllocateSums(ops, device);

        model.ResumeAtEpoch = null;
        callbacks.on_train_begin();
        if (model.ResumeAtEpoch is int resume) initialEpoch = Math.Max(initialEpoch, resume);
        try
        {
            for (int epoch = initialEpoch; epoch < epochs; epoch++)
            {
                callbacks.on_epoch_begin(epoch);
                ResetSums(ops);
                using var perm = shuffle ? Permutation(n, device) : null;
                long seen = 0;
                for (long b = 0; b < steps; b++)
                {
                    if (batchEvents) callbacks.on_train_batch_begin((int)b);
                    long start = b * batchSize, len = Math.Min(batchSize, n - start);
                    using (var scope = torch.NewDisposeScope())
                    {
                        // Gather this batch's rows by index (or slice them): no copy of the dataset.
                        var idx = perm?.narrow(0, start, len);
                        for (int i = 0; i < xb.Length; i++) xb[i] = idx is null ? xs[i].narrow(0, start, len) : xs[i].index_select(0, idx);
                        for (int i = 0; i < yb.Length; i++) yb[i] = ys[i] is null ? null! : idx is null ? ys[i].narrow(0, start, len) : ys[i].index_select(0, idx);
                        TrainStep(ops, xb, yb, len, reg);
                    }
                    seen += len;
                    if (batchEvents) callbacks.on_train_batch_end((int)b, MakeLogs(ops, seen));
                    if (model.stop_training) break;
                }
                // One read of every training value, before validation replaces the running sums.
                var final = MakeLogs(ops, seen);
                final.Materialize();
                if (epoch == initialEpoch) model.metrics_names = final.Keys.ToList();
                if (vxs is not null && !model.stop_training)
                    foreach (var kv in RunEvaluation(ops, vxs, vys!, batchSize, reg)) final.Set("val_" + kv.Key, kv.Value);
                if (double.IsNaN(final.ValueAt(0)) && !callbacks.HasTerminateOnNaN)
                    Console.Error.WriteLine($"KerasSharp: epoch {epoch + 1}: the loss is NaN (training diverged). Lower the learning rate, or add keras.callbacks.TerminateOnNaN() to stop at the first NaN.");
                callbacks.on_epoch_end(epoch, final);
                if (model.stop_training) break;
            }
        }
        catch (Exception e)
        {
            callbacks.on_train_error(e);
            throw;
        }
        finally
        {
            DisposeSums(ops);
            scalars.Dispose();
        }
        callbacks.on_train_end();
        return history;
    }

    /// <summary>Runs the test steps over the data; the sums must exist (they are zeroed here).</summary>
    Dictionary<string, double> RunEvaluation(OpState[] ops, List<Tensor> xs, List<Tensor> ys, int batchSize, bool reg,
        CallbackList? callbacks = null)
    {
        ResetSums(ops);
        long n = xs[0].shape[0];
        long steps = (n + batchSize - 1) / batchSize;
        using (torch.no_grad())
        {
            for (long b = 0; b < steps; b++)
            {
                callbacks?.on_test_batch_begin((int)b);
                long start = b * batchSize, len = Math.Min(batchSize, n - start);
                using (var scope = torch.NewDisposeScope())
                    TestStep(ops, xs.Select(t => t.narrow(0, start, len)).ToList(), ys.Select(t => t?.narrow(0, start, len)!).ToList(), len, reg);
                callbacks?.on_test_batch_end((int)b, MakeLogs(ops, start + len));
            }
        }
        return MakeLogs(ops, n).ToDictionary();
    }

    /// <summary>Runs Keras's evaluate.</summary>
    public EvaluateResult Evaluate(object x, object? y, int batchSize, int verbose, IEnumerable<Callback>? userCallbacks)
    {
        if (y is null) throw new ArgumentException("evaluate needs targets y.");
        var xs = PrepareX(x);
        var ops = MakeOps();
        var ys = PrepareY(y, ops, xs[0].shape[0]);
        var device = Backend.DeviceManager.Current;
        xs = xs.Select(t => t.to(device)).ToList();
        ys = ys.Select(t => t?.to(device)!).ToList();
        var callbacks = new CallbackList(userCallbacks, null, 0, model, new Dictionary<string, object?> { ["verbose"] = verbose, ["steps"] = (xs[0].shape[0] + batchSize - 1) / batchSize });
        callbacks.on_test_begin();
        Dictionary<string, double> result;
        try
        {
            AllocateSums(ops, device);
            result = RunEvaluation(ops, xs, ys, batchSize, HasRegularization, callbacks);
        }
        finally { DisposeSums(ops); scalars.Dispose(); }
        var logs = new Logs();
        foreach (var kv in result) logs.Set(kv.Key, kv.Value);
        callbacks.on_test_end(logs);
        if (verbose > 0)
            Console.WriteLine(string.Join(" - ", result.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {ProgbarLogger.FormatValue(kv.Value)}")));
        model.metrics_names = result.Keys.ToList();
        return new EvaluateResult(result);
    }

    /// <summary>Runs the model over x in batches (inference mode); CPU tensors, one per output.</summary>
    public Tensor[] Predict(object x, int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentException($"batch_size must be a positive integer, received {batchSize}.");
        var xs = PrepareX(x);
        var device = Backend.DeviceManager.Current;
        long n = xs[0].shape[0];
        var parts = new List<Tensor>[model.outputs.Count];
        for (int o = 0; o < parts.Length; o++) parts[o] = new List<Tensor>();
        using (torch.no_grad())
        {
            for (long start = 0; start < n; start += batchSize)
            {
                long len = Math.Min(batchSize, n - start);
                using var scope = torch.NewDisposeScope();
                var xb = xs.Select(t => t.narrow(0, start, len).to(device)).ToList();
                var outs = ForwardBatch(xb, false);
                RegularizationContext.Take();
                for (int o = 0; o < outs.Length; o++) parts[o].Add(outs[o].cpu().contiguous().MoveToOuterDisposeScope());
            }
        }
        return parts.Select(p => p.Count == 1 ? p[0] : torch.cat(p.ToArray(), 0)).ToArray();
    }
}
