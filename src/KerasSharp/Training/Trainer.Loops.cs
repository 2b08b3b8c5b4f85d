using KerasSharp.Callbacks;
using KerasSharp.Data;
using KerasSharp.Layers;
using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>The arguments of Keras's fit, as the trainer takes them.</summary>
public sealed record FitArguments
{
    /// <summary>Inputs: arrays, tensors, a dictionary by input name, a list; or a batch source (PyDataset, DataLoader, IEnumerable of batches).</summary>
    public required object x { get; init; }
    /// <summary>Targets (null when x is a batch source).</summary>
    public object? y { get; init; }
    /// <summary>Samples per batch (default 32; ignored for batch sources).</summary>
    public int? batch_size { get; init; }
    /// <summary>Epochs to train up to.</summary>
    public int epochs { get; init; } = 1;
    /// <summary>0 silent, 1 progress bar, 2 one line per epoch.</summary>
    public int verbose { get; init; } = 1;
    /// <summary>Callbacks.</summary>
    public IEnumerable<Callback>? callbacks { get; init; }
    /// <summary>Fraction of the arrays (taken from the end, before shuffling) held out for validation.</summary>
    public double validation_split { get; init; }
    /// <summary>(x, y) or (x, y, sample_weight), or a batch source.</summary>
    public object? validation_data { get; init; }
    /// <summary>true, false or "batch".</summary>
    public object shuffle { get; init; } = true;
    /// <summary>Class index → weight.</summary>
    public IReadOnlyDictionary<int, double>? class_weight { get; init; }
    /// <summary>One weight per sample.</summary>
    public object? sample_weight { get; init; }
    /// <summary>The epoch to start at.</summary>
    public int initial_epoch { get; init; }
    /// <summary>Batches per epoch (null: one pass over the data).</summary>
    public int? steps_per_epoch { get; init; }
    /// <summary>Validation batches per evaluation (null: all).</summary>
    public int? validation_steps { get; init; }
    /// <summary>Batch size of validation (null: batch_size).</summary>
    public int? validation_batch_size { get; init; }
    /// <summary>Validate every N epochs (an int), or after the listed 1-based epochs (an int[]).</summary>
    public object validation_freq { get; init; } = 1;
}

public sealed partial class Trainer
{
    Tensor RegularizationLoss(Device device)
    {
        Tensor? total = null;
        foreach (var layer in model.layers)
            foreach (var (w, r) in layer.WeightRegularizers)
            {
                var p = r.call(w.Value);
                total = total is null ? p : Backend.EngineScalars.Plus(total, p);
            }
        var activity = RegularizationContext.Take();
        if (activity is not null) foreach (var a in activity) total = total is null ? a : Backend.EngineScalars.Plus(total, a);
        return total ?? torch.zeros(Array.Empty<long>(), device: device);
    }

    bool HasRegularization => model.layers.Any(l => l.HasRegularization);

    /// <summary>total + w·l (l itself when w is 1, and no total for the first output), with the scalars held for the call.</summary>
    static Tensor AddWeighted(Tensor? total, Tensor l, double w)
    {
        Tensor weighted = l;
        if (w != 1.0)
        {
            using var s = Backend.EngineScalars.Hold(w);
            weighted = l.mul(s.Value);
        }
        return total is null ? weighted : Backend.EngineScalars.Plus(total, weighted);
    }

    Tensor[] ForwardBatch(IReadOnlyList<Tensor> xb, bool training)
    {
        var inputs = xb;
        if (config?.InputTransform is { } pre) inputs = inputs.Select(pre).ToList();
        if (training && config?.TrainingBatchTransform is { } aug) inputs = inputs.Select(aug).ToList();
        return model.Forward(inputs, training);
    }

    /// <summary>One output's loss: the loss's own reduction, or Keras's sum over the batch of weighted losses divided by the batch size.</summary>
    static Tensor OutputLoss(Loss loss, Tensor y, Tensor pred, Tensor? sampleWeight)
    {
        if (sampleWeight is null) return loss.CallAligned(y, pred);
        var v = loss.Apply(y, pred, sampleWeight);
        return v.dim() == 0 ? v : v.mean();
    }

    void TrainStep(OpState[] ops, Batch batch, bool reg)
    {
        KeepPendingLogs();
        var yb = batch.Y;
        var sw = batch.SampleWeight;
        for (int i = 0; i < ops.Length; i++)
        {
            var s = ops[i];
            var outs = ForwardBatch(batch.X, true);
            Tensor loss = null!;
            var perOutput = s.PerOutputBuffer ??= new Tensor[s.Outputs.Length];
            for (int k = 0; k < s.Outputs.Length; k++)
            {
                int o = s.Outputs[k];
                var y = yb[o] ?? throw new ArgumentException($"The batch has no target for output {o} (layer \"{model.outputs[o].Node.Layer.name}\").");
                Tensor l;
                if (sw is null && batch.FromArrays)
                {
                    // Batches of arrays differ only in their first dimension: the checks the loss makes to
                    // align targets and predictions are made on the first batch, not repeated every step.
                    var fused = s.FusedLoss ??= new Func<Tensor, Tensor, Tensor>?[s.Outputs.Length];
                    var isChecked = s.FusedChecked ??= new bool[s.Outputs.Length];
                    if (fused[k] is { } f && Losses.KerasMask.get_keras_mask(outs[o]) is null) l = f(y, outs[o]);
                    else
                    {
                        l = OutputLoss(LossFor(s, k), y, outs[o], null);
                        if (!isChecked[k]) { isChecked[k] = true; fused[k] = LossFor(s, k).AlignedFusedMean(y, outs[o]); }
                    }
                }
                else l = OutputLoss(LossFor(s, k), y, outs[o], sw);
                perOutput[k] = l;
                double w = s.LossWeights is { } lw ? lw[k] : 1.0;
                loss = AddWeighted(k == 0 ? null : loss, l, w);
            }
            if (reg) loss = Backend.EngineScalars.Plus(loss, RegularizationLoss(loss.device));
            else RegularizationContext.Take();
            foreach (var p in s.Variables) p.grad = null;
            loss.backward();
            if (config!.ClipGradientsGlobalNorm is double clip)
            {
                var grads = s.GradBuffer;
                grads.Clear();
                foreach (var p in s.Variables) if (p.grad is { } g) grads.Add(g);
                if (grads.Count > 0) Optimizers.Optimizer.ClipByGlobalNorm(grads, clip);
                grads.Clear();
            }
            using (torch.no_grad())
            {
                s.Op.Optimizer.ApplyGradientsNoGrad(s.Variables, fromTrainer: true);
                // Under no_grad the in-place updates record no graph, so the loss needs no detach().
                s.LossTracker.Update(loss, batch.Size);
                for (int k = 0; k < s.Outputs.Length; k++)
                {
                    if (s.Outputs.Length > 1) s.OutputLossTrackers[k].Update(perOutput[k], batch.Size);
                    if (s.MetricTrackers[k].Length == 0) continue;
                    var yPred = outs[s.Outputs[k]].detach();
                    foreach (var m in s.MetricTrackers[k]) m.Update(yb[s.Outputs[k]]!, yPred, sw);
                }
            }
        }
    }

    void TestStep(OpState[] ops, Batch batch, bool reg)
    {
        KeepPendingLogs();
        var outs = ForwardBatch(batch.X, false);
        var regLoss = reg ? RegularizationLoss(outs[0].device) : null;
        if (!reg) RegularizationContext.Take();
        foreach (var s in ops)
        {
            Tensor loss = null!;
            for (int k = 0; k < s.Outputs.Length; k++)
            {
                int o = s.Outputs[k];
                var y = batch.Y[o] ?? throw new ArgumentException($"The batch has no target for output {o} (layer \"{model.outputs[o].Node.Layer.name}\").");
                var l = OutputLoss(LossFor(s, k), y, outs[o], batch.SampleWeight);
                if (s.Outputs.Length > 1) s.OutputLossTrackers[k].Update(l, batch.Size);
                double w = s.LossWeights is { } lw ? lw[k] : 1.0;
                loss = AddWeighted(k == 0 ? null : loss, l, w);
                foreach (var m in s.MetricTrackers[k]) m.Update(y, outs[o], batch.SampleWeight);
            }
            if (regLoss is not null) loss = Backend.EngineScalars.Plus(loss, regLoss);
            s.LossTracker.Update(loss, batch.Size);
        }
    }

    /// <summary>
    /// Keras's epoch iterator: one pass per epoch, or with steps_per_epoch that many batches, the
    /// pass continuing at the next epoch and starting again when the data is used up.
    /// </summary>
    sealed class EpochIterator(DataAdapter adapter, int? stepsPerEpoch) : IDisposable
    {
        IEnumerator<Batch>? current;
        long stepsSeen;
        public long? NumBatches => stepsPerEpoch ?? adapter.NumBatches;
        public DataAdapter Adapter => adapter;

        public IEnumerable<Batch> Epoch()
        {
            adapter.OnEpochBegin();
            long steps = stepsPerEpoch ?? adapter.NumBatches ?? -1;
            if (current is null || stepsPerEpoch is null) { current?.Dispose(); current = adapter.Batches().GetEnumerator(); stepsSeen = 0; }
            for (long step = 0; steps < 0 || step < steps; step++)
            {
                if (adapter.NumBatches is long nb && stepsSeen >= nb)
                {
                    if (stepsPerEpoch is not null) InterruptedWarning();
                    break;
                }
                if (!current.MoveNext())
                {
                    if (steps >= 0 && stepsPerEpoch is not null) InterruptedWarning();
                    current.Dispose(); current = null;
                    break;
                }
                stepsSeen++;
                yield return current.Current;
            }
            if (current is not null && adapter.NumBatches is long n && stepsSeen >= n) { current.Dispose(); current = null; }
            adapter.OnEpochEnd();
        }

        static void InterruptedWarning() => Console.Error.WriteLine(
            "KerasSharp: your input ran out of data; interrupting the epoch. Make sure that your dataset or generator can " +
            "generate at least `steps_per_epoch * epochs` batches.");

        public void Dispose() { current?.Dispose(); adapter.Dispose(); }
    }

    // ----- fit -----

    /// <summary>Runs Keras's fit loop.</summary>
    /// <remarks>
    /// Compiled fully optimized at once: fit is called a few times per process, so tiered
    /// compilation would run its loop as unoptimized tier-0 code until on-stack replacement.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public History Fit(FitArguments a)
    {
        int batchSize = a.batch_size ?? 32;
        if (batchSize <= 0) throw new ArgumentException($"batch_size must be a positive integer, received {batchSize}.");
        if (a.epochs < 0) throw new ArgumentException($"epochs must be >= 0, received {a.epochs}.");
        if (a.validation_split < 0 || a.validation_split >= 1) throw new ArgumentException($"validation_split must be in [0, 1), received {a.validation_split}.");
        if (a.steps_per_epoch is <= 0) throw new ArgumentException($"steps_per_epoch must be a positive integer, received {a.steps_per_epoch}.");
        if (a.validation_steps is <= 0) throw new ArgumentException($"validation_steps must be a positive integer, received {a.validation_steps}.");
        if (a.validation_batch_size is <= 0) throw new ArgumentException($"validation_batch_size must be a positive integer, received {a.validation_batch_size}.");
        Func<int, bool> shouldValidate = a.validation_freq switch
        {
            int f when f > 0 => e => (e + 1) % f == 0,
            int[] list => e => list.Contains(e + 1),
            IEnumerable<int> list => e => list.Contains(e + 1),
            _ => throw new ArgumentException($"Expected `validation_freq` to be a list or int. Received: validation_freq={a.validation_freq}."),
        };
        if (config is null) throw new InvalidOperationException($"You must call compile() before fit() (model \"{model.name}\").");

        using var callScope = torch.NewDisposeScope();
        var device = Backend.DeviceManager.Current;
        opsDevice = device;
        nonFiniteData = null;
        object x = a.x, y = a.y!, sw = a.sample_weight!;
        object? validation = a.validation_data;
        bool batchSource = x is Utils.PyDataset || x is DataAdapter || x is torch.utils.data.Dataset || x is System.Collections.IEnumerable && IsBatchSource(x);
        if (!batchSource)
        {
            if (a.y is null) throw new ArgumentException("fit needs targets y when x is an array.");
            var structure = Structure();
            var xs = structure.Inputs(a.x);
            model.EnsureBuiltFor(xs.Select(t => t.dtype == float32 ? t : t.to(float32)).ToList());
            model.CheckInputs(xs);
            var ys = Structure().Targets(a.y);
            var w = DataStructure.SampleWeights(a.sample_weight);
            if (a.validation_split > 0 && validation is null)
            {
                // Keras's train_validation_split: the last fraction of the arrays, before any shuffling.
                long n = xs[0].shape[0];
                long split = (long)Math.Floor(n * (1 - a.validation_split));
                if (split <= 0 || split >= n) throw new ArgumentException($"validation_split={a.validation_split} leaves no training or no validation samples out of {n}.");
                validation = new ResolvedArrays(xs.Select(t => t.narrow(0, split, n - split)).ToArray(), ys.Select(t => t?.narrow(0, split, n - split)).ToArray(),
                    w?.narrow(0, split, n - split));
                xs = xs.Select(t => t.narrow(0, 0, split)).ToArray();
                ys = ys.Select(t => t?.narrow(0, 0, split)).ToArray();
                w = w?.narrow(0, 0, split);
            }
            x = new ResolvedArrays(xs, ys, w); y = null!; sw = null!;
        }
        else if (a.validation_split > 0)
            throw new ArgumentException("`validation_split` is only supported for arrays and tensors, not for a dataset or generator; pass validation_data instead.");

        OpState[]? state = null;
        EpochIterator? train = null, val = null;
        var history = new History();
        CallbackList? callbacks = null;
        try
        {
            if (model.built) ops = MakeOps(device);
            var adapter = batchSource
                ? Adapter(x, a.y, a.sample_weight, a.class_weight, batchSize, a.shuffle, device, "fit")
                : Adapter(x, null, null, a.class_weight, batchSize, a.shuffle, device, "fit");
            train = new EpochIterator(adapter, a.steps_per_epoch);
            if (validation is not null) val = new EpochIterator(ValidationAdapter(validation, a.validation_batch_size ?? batchSize, device), a.validation_steps);
            Backend.DeviceManager.AnnounceOnce();

            long? steps = train.NumBatches;
            callbacks = new CallbackList(a.callbacks, history, a.verbose, model,
                new Dictionary<string, object?> { ["verbose"] = a.verbose, ["epochs"] = a.epochs, ["steps"] = steps, ["batch_size"] = batchSize,
                    ["samples"] = adapter.NumSamples, ["validation_samples"] = val?.Adapter.NumSamples ?? 0L });
            model.history = history;
            model.stop_training = false;
            bool batchEvents = callbacks.WantsBatchEvents, keepBatchLogs = callbacks.MayKeepBatchLogs;
            model.ResumeAtEpoch = null;
            callbacks.on_train_begin();
            int initialEpoch = a.initial_epoch;
            if (model.ResumeAtEpoch is int resume) initialEpoch = Math.Max(initialEpoch, resume);
            Logs? trainingLogs = null;
            for (int epoch = initialEpoch; epoch < a.epochs; epoch++)
            {
                if (ops is not null) ResetTrackers(ops);
                callbacks.on_epoch_begin(epoch);
                int step = 0;
                bool reg = false, regKnown = false;
                using (var batches = train.Epoch().GetEnumerator())
                    while (true)
                    {
                        using (var scope = torch.NewDisposeScope())
                        {
                            // The batch is made inside the step's scope; the hooks run only for batches that exist.
                            if (!batches.MoveNext()) break;
                            var batch = batches.Current;
                            batch.AttachTo(scope);
                            if (batchEvents) callbacks.on_train_batch_begin(step);
                            if (ops is null) throw new InvalidOperationException($"Model \"{model.name}\" could not be built from the first batch.");
                            state = ops;
                            if (!regKnown) { reg = HasRegularization; regKnown = true; }
                            Step(TrainStepAction, ops, batch, reg, "the training data");
                            if (batchEvents) callbacks.on_train_batch_end(step, MakeLogs(ops, keepBatchLogs));
                        }
                        step++;
                        if (model.stop_training) break;
                    }
                if (ops is null) throw new ArgumentException("fit received no batches from its data.");
                if (step == 0) throw new ArgumentException("The data ran out before the first batch of the epoch; fit needs at least one batch per epoch.");
                // One read of every training value, before validation.
                var final = MakeLogs(ops);
                final.Materialize();
                if (epoch == initialEpoch) model.metrics_names = final.Keys.ToList();
                // Keras validates the epoch even when a callback stopped training during it.
                if (val is not null && shouldValidate(epoch))
                    foreach (var kv in RunEvaluation(ops, val, callbacks)) final.Set("val_" + kv.Key, kv.Value);
                if (double.IsNaN(final.ValueAt(0)) && !callbacks.HasTerminateOnNaN)
                    Console.Error.WriteLine(nonFiniteData is { } bad
                        ? $"KerasSharp: epoch {epoch + 1}: the loss is NaN because the data holds NaN or infinite values ({bad}); clean the data."
                        : $"KerasSharp: epoch {epoch + 1}: the loss is NaN (training diverged, or the data holds NaN). Lower the learning rate, check the data, or add keras.callbacks.TerminateOnNaN() to stop at the first NaN.");
                callbacks.on_epoch_end(epoch, final);
                trainingLogs = final;
                if (model.stop_training) break;
            }
            callbacks.on_train_end(trainingLogs);
        }
        catch (Exception e)
        {
            callbacks?.on_train_error(e);
            throw;
        }
        finally
        {
            KeepPendingLogs();
            train?.Dispose();
            val?.Dispose();
            DisposeOps(ops);
            ops = null;
            scalars.Dispose();
        }
        return history;
    }

    DataAdapter ValidationAdapter(object validation, int batchSize, Device device)
    {
        switch (validation)
        {
            case ResolvedArrays split:
                return Adapter(split, null, null, null, batchSize, false, device, "validation");
            case System.Runtime.CompilerServices.ITuple t when t.Length is 2 or 3:
                if (t[0] is null || t[1] is null) throw new ArgumentException("validation_data must be (x, y) or (x, y, sample_weight) with x and y set.");
                return Adapter(t[0]!, t[1], t.Length == 3 ? t[2] : null, null, batchSize, false, device, "validation");
            case System.Runtime.CompilerServices.ITuple t:
                throw new ArgumentException($"validation_data must be a tuple (x, y) or (x, y, sample_weight), received a tuple of {t.Length}.");
            default:
                if (validation is Utils.PyDataset or DataAdapter or torch.utils.data.Dataset || validation is System.Collections.IEnumerable && IsBatchSource(validation))
                    return Adapter(validation, null, null, null, batchSize, false, device, "validation");
                throw new ArgumentException($"validation_data must be (x, y), (x, y, sample_weight) or a dataset, received {validation.GetType().Name}.");
        }
    }

    /// <summary>Runs the test steps over one pass of the data; returns the values by name.</summary>
    Dictionary<string, double> RunEvaluation(OpState[] ops, EpochIterator data, CallbackList? callbacks)
    {
        ResetTrackers(ops);
        callbacks?.on_test_begin();
        bool batchEvents = callbacks?.WantsTestBatchEvents ?? false;
        bool reg = HasRegularization;
        int step = 0;
        using (torch.no_grad())
        using (var batches = data.Epoch().GetEnumerator())
            while (true)
            {
                using (var scope = torch.NewDisposeScope())
                {
                    if (!batches.MoveNext()) break;
                    var batch = batches.Current;
                    batch.AttachTo(scope);
                    if (batchEvents) callbacks!.on_test_batch_begin(step);
                    Step(TestStepAction, ops, batch, reg, "the evaluation data");
                    if (batchEvents) callbacks!.on_test_batch_end(step, MakeLogs(ops, callbacks.MayKeepBatchLogs));
                }
                step++;
            }
        if (step == 0) throw new ArgumentException("Evaluation received no batches from its data.");
        var logs = MakeLogs(ops);
        var result = logs.ToDictionary();
        callbacks?.on_test_end(logs);
        return result;
    }

    /// <summary>Runs Keras's evaluate.</summary>
    public EvaluateResult Evaluate(object x, object? y, int batchSize, int verbose, IEnumerable<Callback>? userCallbacks, object? sampleWeight = null, int? steps = null)
    {
        if (batchSize <= 0) throw new ArgumentException($"batch_size must be a positive integer, received {batchSize}.");
        if (steps is <= 0) throw new ArgumentException($"steps must be a positive integer, received {steps}.");
        using var callScope = torch.NewDisposeScope();
        var device = Backend.DeviceManager.Current;
        opsDevice = device;
        bool batchSource = x is Utils.PyDataset || x is DataAdapter || x is torch.utils.data.Dataset || x is System.Collections.IEnumerable && IsBatchSource(x);
        if (!batchSource)
        {
            if (y is null) throw new ArgumentException("evaluate needs targets y when x is an array.");
            var xs = Structure().Inputs(x);
            model.EnsureBuiltFor(xs.Select(t => t.dtype == float32 ? t : t.to(float32)).ToList());
            model.CheckInputs(xs);
            x = new ResolvedArrays(xs, Structure().Targets(y), DataStructure.SampleWeights(sampleWeight));
            y = null; sampleWeight = null;
        }
        Dictionary<string, double> result;
        EpochIterator? data = null;
        try
        {
            if (model.built) ops = MakeOps(device);
            data = new EpochIterator(Adapter(x, y, sampleWeight, null, batchSize, false, device, "evaluate"), steps);
            var callbacks = new CallbackList(userCallbacks, null, 0, model, new Dictionary<string, object?> { ["verbose"] = verbose, ["steps"] = data.NumBatches });
            if (ops is null)
            {
                // A generator with an unbuilt model: the first batch builds it (RunEvaluation would need the ops first).
                throw new InvalidOperationException($"Model \"{model.name}\" is not built; build it (keras.Input or model.build) before evaluating it on a generator.");
            }
            result = RunEvaluation(ops, data, callbacks);
        }
        finally { KeepPendingLogs(); data?.Dispose(); DisposeOps(ops); ops = null; scalars.Dispose(); }
        if (verbose > 0)
            Console.WriteLine(string.Join(" - ", result.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {ProgbarLogger.FormatValue(kv.Value)}")));
        model.metrics_names = result.Keys.ToList();
        return new EvaluateResult(result);
    }

    /// <summary>Runs the model over x in batches (inference mode); CPU tensors, one per output.</summary>
    public Tensor[] Predict(object x, int batchSize, int? steps = null, IEnumerable<Callback>? userCallbacks = null)
    {
        if (batchSize <= 0) throw new ArgumentException($"batch_size must be a positive integer, received {batchSize}.");
        if (steps is <= 0) throw new ArgumentException($"steps must be a positive integer, received {steps}.");
        var device = Backend.DeviceManager.Current;
        opsDevice = null;
        List<Tensor>[]? parts = null;
        using (var callScope = torch.NewDisposeScope())
        {
            bool batchSource = x is Utils.PyDataset || x is DataAdapter || x is torch.utils.data.Dataset || x is System.Collections.IEnumerable && IsBatchSource(x);
            if (!batchSource)
            {
                var xs = Structure().Inputs(x);
                model.EnsureBuiltFor(xs.Select(t => t.dtype == float32 ? t : t.to(float32)).ToList());
                model.CheckInputs(xs);
                x = new ResolvedArrays(xs, null, null);
            }
            using var data = new EpochIterator(Adapter(x, null, null, null, batchSize, false, device, "predict"), steps);
            var callbacks = userCallbacks is null ? null : new CallbackList(userCallbacks, null, 0, model, new Dictionary<string, object?> { ["verbose"] = 0, ["steps"] = data.NumBatches });
            callbacks?.on_predict_begin();
            int step = 0;
            using (torch.no_grad())
            using (var batches = data.Epoch().GetEnumerator())
                while (true)
                {
                    using var scope = torch.NewDisposeScope();
                    if (!batches.MoveNext()) break;
                    var batch = batches.Current;
                    batch.AttachTo(scope);
                    callbacks?.on_predict_batch_begin(step);
                    var outs = ForwardBatch(batch.X, false);
                    RegularizationContext.Take();
                    parts ??= outs.Select(_ => new List<Tensor>()).ToArray();
                    // Results leave both scopes: they belong to the caller.
                    for (int o = 0; o < outs.Length; o++) parts[o].Add(outs[o].cpu().contiguous().DetachFromDisposeScope());
                    callbacks?.on_predict_batch_end(step, null);
                    step++;
                }
            callbacks?.on_predict_end();
        }
        if (parts is null) throw new ArgumentException("predict received no batches from its data.");
        return parts.Select(p =>
        {
            if (p.Count == 1) return p[0];
            var joined = torch.cat(p.ToArray(), 0);
            foreach (var t in p) t.Dispose();
            return joined;
        }).ToArray();
    }
}
