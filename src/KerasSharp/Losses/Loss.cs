using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras's <c>keras.losses.Loss</c>: the base of every loss. <see cref="call"/> gives the unreduced
/// loss (one value per sample, or per sample and timestep); <see cref="Apply(Tensor, Tensor, Tensor)"/> is Python's
/// <c>loss(y_true, y_pred, sample_weight=None)</c>: it weights those values by the sample weights
/// and the Keras mask and reduces them by <see cref="reduction"/>. Subclass it and override
/// <see cref="call"/> for a custom loss. Converts implicitly from a name ("mse").
/// </summary>
/// <remarks>
/// C# objects cannot be called, so Python's <c>loss(y_true, y_pred)</c> is
/// <c>loss.Apply(y_true, y_pred)</c>, as <c>layer(x)</c> is <c>layer.Apply(x)</c>.
/// <para><c>dtype</c> is the compute dtype (Keras's default float32): y_pred is cast to it, as in Keras.</para>
/// </remarks>
public abstract class Loss
{
    string lossName;

    /// <summary>Creates a loss. A null name gets Keras's automatic snake_case name of the class.</summary>
    /// <param name="name">The loss's name.</param>
    /// <param name="reduction">"sum_over_batch_size" (default), "sum", "mean", "mean_with_sample_weight", "none" or null.</param>
    /// <param name="dtype">The compute dtype: null (float32), "float32", "float64", "float16" or "bfloat16".</param>
    protected Loss(string? name = null, string? reduction = "sum_over_batch_size", string? dtype = null)
    {
        lossName = name ?? Layers.Layer.UniqueName(Layers.Layer.SnakeCase(GetType().Name));
        this.reduction = LossReduction.Standardize(reduction);
        ComputeDtype = DTypes.Parse(dtype);
        this.dtype = DTypes.Name(ComputeDtype);
    }

    /// <summary>The loss's name, for example "mean_squared_error".</summary>
    public virtual string name { get => lossName; set => lossName = value; }
    /// <summary>The Keras class name, for example "MeanSquaredError".</summary>
    public virtual string class_name => GetType().Name;
    /// <summary>The reduction: "sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none" or null (none).</summary>
    public string? reduction { get; }
    /// <summary>The compute dtype's name ("float32").</summary>
    public string dtype { get; }
    /// <summary>The compute dtype.</summary>
    protected ScalarType ComputeDtype { get; }

    /// <summary>
    /// Keras's <c>Loss.call</c>: the unreduced loss for each sample (shape y_pred's shape without
    /// the last axis for the built-in losses). Override it in a custom loss.
    /// </summary>
    public abstract Tensor call(Tensor y_true, Tensor y_pred);

    /// <summary>
    /// Python's <c>loss(y_true, y_pred, sample_weight=None)</c>: <see cref="call"/>, weighted by
    /// <paramref name="sample_weight"/> (broadcast against the per-sample values) and by the Keras
    /// masks of y_pred and of the values, then reduced by <see cref="reduction"/>.
    /// </summary>
    public Tensor Apply(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        var inMask = KerasMask.get_keras_mask(y_pred);
        if (y_pred.dtype != ComputeDtype) y_pred = y_pred.to(ComputeDtype);
        if (!RankAlignment.SameDevice(y_true, y_pred)) y_true = y_true.to(y_pred.device);
        if (sample_weight is null && inMask is null && reduction is "sum_over_batch_size" or "mean" && FusedMean(y_true, y_pred) is Tensor fused)
            return fused;
        var losses = call(y_true, y_pred);
        var outMask = KerasMask.get_keras_mask(losses);
        Tensor? mask = inMask is not null && outMask is not null ? inMask.logical_and(outMask) : inMask ?? outMask;
        return LossReduction.ReduceWeightedValues(losses, sample_weight, mask, reduction, ComputeDtype);
    }

    /// <summary>
    /// The unweighted, unmasked mean reduction in one engine call where a built-in loss has one
    /// (the same value as the sum of <see cref="call"/>'s values divided by their number, up to
    /// float rounding), or null. Only the built-in class itself has one: a subclass that overrides
    /// <see cref="call"/> always goes through <see cref="call"/>.
    /// </summary>
    private protected virtual Tensor? FusedMean(Tensor y_true, Tensor y_pred) => null;

    /// <summary>
    /// Internal use (trainer): the one-call mean of <see cref="FusedMean"/> for targets and predictions
    /// that need no alignment (same shape, dtype and device, no mask, no sample weights, a mean
    /// reduction), checked on these two tensors; or null. The trainer checks once per call on the
    /// first batch of arrays, whose later batches differ only in their first dimension.
    /// </summary>
    internal Func<Tensor, Tensor, Tensor>? AlignedFusedMean(Tensor y_true, Tensor y_pred)
    {
        if (reduction is not ("sum_over_batch_size" or "mean") || KerasMask.get_keras_mask(y_pred) is not null) return null;
        if (y_pred.dtype != ComputeDtype || y_true.dtype != ComputeDtype || y_pred.dim() == 0) return null;
        if (!RankAlignment.SameDevice(y_true, y_pred) || !RankAlignment.SameShape(y_true, y_pred)) return null;
        return FusedMeanFunction(y_pred);
    }

    /// <summary>The function behind <see cref="FusedMean"/> for aligned tensors (prediction-dependent options checked on <paramref name="y_pred"/>), or null.</summary>
    private protected virtual Func<Tensor, Tensor, Tensor>? FusedMeanFunction(Tensor y_pred) => null;

    /// <summary>Python's <c>loss(y_true, y_pred, sample_weight=w)</c> with one weight for every sample.</summary>
    public Tensor Apply(Tensor y_true, Tensor y_pred, double sample_weight) =>
        Apply(y_true, y_pred, torch.tensor(sample_weight, dtype: ComputeDtype, device: y_pred.device));

    /// <summary>Keras's config: name and reduction (subclasses add their arguments).</summary>
    public virtual Dictionary<string, object?> get_config() => LossConfig();

    /// <summary>The base class's config (name and reduction), for subclasses that replace a parent's config.</summary>
    protected Dictionary<string, object?> LossConfig() => new() { ["name"] = name, ["reduction"] = reduction };

    /// <summary>Looks a loss up by name (as compile does).</summary>
    public static implicit operator Loss(string name) => LossesApi.Get(name);

    /// <summary>Keras's epsilon (1e-7), used to clip probabilities.</summary>
    public const double Epsilon = 1e-7;

    // ----- Members the current trainer and the TFLearn facade use (internal use) -----

    /// <summary>Internal use (trainer): true for the sparse losses, whose labels are class indices.</summary>
    public virtual bool IsSparse => false;

    /// <summary>
    /// Internal use (trainer, TFLearn facade): one value per sample, shape [N]: <see cref="call"/>
    /// averaged over every axis after the first.
    /// </summary>
    public virtual Tensor PerSample(Tensor y_true, Tensor y_pred)
    {
        var v = call(y_true, y_pred);
        return v.dim() <= 1 ? v : v.reshape(v.shape[0], -1).mean(new long[] { 1 });
    }

    /// <summary>
    /// Internal use (trainer): the reduced loss for targets already of y_pred's rank and dtype, as
    /// Keras's compile loss computes it: <see cref="Apply(Tensor, Tensor, Tensor)"/> without sample weights, averaged when
    /// the reduction leaves more than one value.
    /// </summary>
    public virtual Tensor CallAligned(Tensor y_true, Tensor y_pred)
    {
        var v = Apply(y_true, y_pred);
        return v.dim() == 0 ? v : v.mean();
    }

    /// <summary>Internal use (trainer, TFLearn facade): brings y_true to y_pred's rank (labels [N] against predictions [N, 1]) and dtype.</summary>
    public static Tensor Align(Tensor y_true, Tensor y_pred)
    {
        if (y_true.dim() == y_pred.dim() - 1) y_true = y_true.unsqueeze(-1);
        return y_true.dtype == y_pred.dtype ? y_true : y_true.to(y_pred.dtype);
    }
}
