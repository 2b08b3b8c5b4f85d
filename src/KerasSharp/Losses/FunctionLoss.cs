using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Internal use (TFLearn facade): a loss from a per-sample function with its own names. Its
/// <see cref="call"/> is the per-sample function (shape [N]); <see cref="Loss.Apply(Tensor, Tensor, Tensor)"/> reduces it
/// as any Keras loss. <paramref name="reduced"/>, when given, computes the batch mean directly in
/// fewer engine calls for the trainer; it must equal the mean of the per-sample values.
/// </summary>
public sealed class FunctionLoss(string lossName, string className, Func<Tensor, Tensor, Tensor> perSample, bool sparse = false,
    Dictionary<string, object?>? extraConfig = null, Func<Tensor, Tensor, Tensor>? reduced = null) : Loss(lossName)
{
    /// <inheritdoc />
    public override string class_name => className;
    /// <inheritdoc />
    public override bool IsSparse => sparse;
    /// <summary>The per-sample values, shape [N].</summary>
    public override Tensor call(Tensor y_true, Tensor y_pred) => perSample(y_true, y_pred);
    /// <inheritdoc />
    public override Tensor PerSample(Tensor y_true, Tensor y_pred) => perSample(y_true, y_pred);
    /// <inheritdoc />
    public override Tensor CallAligned(Tensor y_true, Tensor y_pred) => reduced is null ? perSample(y_true, y_pred).mean() : reduced(y_true, y_pred);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        if (extraConfig is not null) foreach (var kv in extraConfig) c[kv.Key] = kv.Value;
        return c;
    }
}
