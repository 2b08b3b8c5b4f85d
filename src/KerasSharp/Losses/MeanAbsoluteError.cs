using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.MeanAbsoluteError</c>: mean(|y_true − y_pred|) over the last axis.</summary>
public class MeanAbsoluteError(string? reduction = "sum_over_batch_size", string name = "mean_absolute_error", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.MeanAbsoluteError, reduction, name, dtype, "mean_absolute_error")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    private protected override Tensor? FusedMean(Tensor y_true, Tensor y_pred) =>
        GetType() == typeof(MeanAbsoluteError) && LossFunctions.SameShape(y_true, y_pred) is var (t, p) && t is not null ? nn.functional.l1_loss(p!, t) : null;

    static readonly Func<Tensor, Tensor, Tensor> fused = (t, p) => nn.functional.l1_loss(p, t);
    private protected override Func<Tensor, Tensor, Tensor>? FusedMeanFunction(Tensor y_pred) => GetType() == typeof(MeanAbsoluteError) ? fused : null;

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new MeanAbsoluteError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanAbsoluteError", "reduction", "name", "dtype");
        return new MeanAbsoluteError(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "mean_absolute_error") ?? "mean_absolute_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
