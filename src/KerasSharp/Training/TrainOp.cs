using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;

namespace KerasSharp.Training;

/// <summary>
/// One (loss, optimizer) pair of the trainer. Keras's compile makes one op over every output;
/// the TFLearn facade makes one per regression layer (each with its own optimizer), trained in
/// turn on every batch, as TFLearn's TrainOps are.
/// </summary>
public sealed class TrainOp
{
    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }
    /// <summary>One loss per covered output (or one shared by all).</summary>
    public IReadOnlyList<Loss> Losses { get; }
    /// <summary>Weights of the per-output losses (null: all 1).</summary>
    public IReadOnlyList<double>? LossWeights { get; }
    /// <summary>The metrics, applied to every covered output (unless <see cref="MetricsPerOutput"/> is set).</summary>
    public IReadOnlyList<Metric> Metrics { get; }
    /// <summary>The metrics of each covered output, in output order (Keras's compile(metrics: a dict or a list of lists)); null: <see cref="Metrics"/> for all.</summary>
    public IReadOnlyList<IReadOnlyList<Metric>>? MetricsPerOutput { get; init; }
    /// <summary>The metrics of each covered output that sample weights weigh (Keras's weighted_metrics), or null.</summary>
    public IReadOnlyList<IReadOnlyList<Metric>>? WeightedMetricsPerOutput { get; init; }
    /// <summary>Prefix of this op's log keys ("" for Keras's single op).</summary>
    public string Prefix { get; }
    /// <summary>The model outputs this op trains (null: all, in order).</summary>
    public IReadOnlyList<int>? OutputIndices { get; }
    /// <summary>The variables this op updates (null: every trainable weight of the model).</summary>
    public IReadOnlyList<Weight>? Variables { get; }
    /// <summary>The name the console shows (TFLearn shows the optimizer's class name).</summary>
    public string DisplayName { get; }

    /// <summary>Creates a train op.</summary>
    public TrainOp(Optimizer optimizer, IReadOnlyList<Loss> losses, IReadOnlyList<double>? lossWeights, IReadOnlyList<Metric> metrics,
        string prefix, IReadOnlyList<int>? outputIndices, IReadOnlyList<Weight>? variables = null, string? displayName = null)
    {
        if (losses.Count == 0) throw new ArgumentException("A train op needs at least one loss.");
        Optimizer = optimizer; Losses = losses; LossWeights = lossWeights; Metrics = metrics; Prefix = prefix;
        OutputIndices = outputIndices; Variables = variables; DisplayName = displayName ?? optimizer.class_name;
    }
}

/// <summary>What compile configured: the train ops, and options that apply to all of them.</summary>
public sealed class TrainingConfig
{
    /// <summary>The train ops, run in order on every batch.</summary>
    public IReadOnlyList<TrainOp> TrainOps { get; }
    /// <summary>When set, all gradients of a step are clipped together to this global norm before the update (TFLearn's clip_gradients).</summary>
    public double? ClipGradientsGlobalNorm { get; init; }
    /// <summary>Optional transform of each training batch (augmentation); receives Keras-layout x and returns Keras-layout x.</summary>
    public Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>? TrainingBatchTransform { get; set; }
    /// <summary>The names that x may use as dictionary keys, in input order (default: the input layers' names).</summary>
    public IReadOnlyList<string>? InputNames { get; init; }
    /// <summary>The names that y may use as dictionary keys, one per model output (default: the output layers' names).</summary>
    public IReadOnlyList<string>? TargetNames { get; init; }
    /// <summary>Optional transform applied to every input batch, in training and inference (preprocessing), Keras layout.</summary>
    public Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>? InputTransform { get; set; }

    /// <summary>Creates the configuration.</summary>
    public TrainingConfig(IReadOnlyList<TrainOp> trainOps)
    {
        if (trainOps.Count == 0) throw new ArgumentException("A training configuration needs at least one train op.");
        TrainOps = trainOps;
    }
}
