using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// A Keras loss: a per-sample value from (y_true, y_pred), reduced by the mean over the batch
/// ("sum_over_batch_size"). Converts implicitly from a name ("mse", "binary_crossentropy").
/// </summary>
public abstract class Loss
{
    /// <summary>The Keras function name, for example "mean_squared_error".</summary>
    public abstract string name { get; }
    /// <summary>The Keras class name, for example "MeanSquaredError".</summary>
    public abstract string class_name { get; }
    /// <summary>True for the sparse losses, whose labels are class indices.</summary>
    public virtual bool IsSparse => false;
    /// <summary>The per-sample losses, shape [N].</summary>
    public abstract Tensor PerSample(Tensor y_true, Tensor y_pred);
    /// <summary>The reduced loss: the mean of the per-sample values.</summary>
    public virtual Tensor call(Tensor y_true, Tensor y_pred) => PerSample(y_true, y_pred).mean();
    /// <summary>
    /// The reduced loss for targets already of y_pred's rank and dtype (the trainer aligns them
    /// once per fit, so this path skips the per-call checks).
    /// </summary>
    public virtual Tensor CallAligned(Tensor y_true, Tensor y_pred) => call(y_true, y_pred);
    /// <summary>Keras's config.</summary>
    public virtual Dictionary<string, object?> get_config() => new() { ["name"] = name, ["reduction"] = "sum_over_batch_size" };
    /// <summary>Looks a loss up by name.</summary>
    public static implicit operator Loss(string name) => LossesApi.Get(name);

    /// <summary>Brings y_true to y_pred's rank (labels [N] against predictions [N, 1]) and dtype.</summary>
    public static Tensor Align(Tensor y_true, Tensor y_pred)
    {
        if (y_true.dim() == y_pred.dim() - 1) y_true = y_true.unsqueeze(-1);
        return y_true.dtype == y_pred.dtype ? y_true : y_true.to(y_pred.dtype);
    }

    /// <summary>Keras's epsilon (1e-7), used to clip probabilities.</summary>
    public const double Epsilon = 1e-7;
}

/// <summary>A loss from a per-sample function.</summary>
/// <remarks><paramref name="reduced"/>, when given, computes the batch mean directly in fewer engine calls; it must equal the mean of the per-sample values.</remarks>
public sealed class FunctionLoss(string lossName, string className, Func<Tensor, Tensor, Tensor> perSample, bool sparse = false,
    Dictionary<string, object?>? extraConfig = null, Func<Tensor, Tensor, Tensor>? reduced = null) : Loss
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred) => reduced is null ? perSample(y_true, y_pred).mean() : reduced(Align(y_true, y_pred), y_pred);
    /// <inheritdoc />
    public override Tensor CallAligned(Tensor y_true, Tensor y_pred) => reduced is null ? perSample(y_true, y_pred).mean() : reduced(y_true, y_pred);
    /// <inheritdoc />
    public override string name => lossName;
    /// <inheritdoc />
    public override string class_name => className;
    /// <inheritdoc />
    public override bool IsSparse => sparse;
    /// <inheritdoc />
    public override Tensor PerSample(Tensor y_true, Tensor y_pred) => perSample(y_true, y_pred);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        if (extraConfig is not null) foreach (var kv in extraConfig) c[kv.Key] = kv.Value;
        return c;
    }
}
