using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>Keras's <c>keras.losses.MeanSquaredError</c>: mean((y_true − y_pred)²) over the last axis.</summary>
public class MeanSquaredError(string? reduction = "sum_over_batch_size", string name = "mean_squared_error", string? dtype = null)
    : LossFunctionWrapper(LossFunctions.MeanSquaredError, reduction, name, dtype, "mean_squared_error")
{

    /// <summary>Keras's config for this loss: name and reduction, as Keras's Loss.get_config.</summary>
    public override Dictionary<string, object?> get_config() => LossConfig();

    private protected override Tensor? FusedMean(Tensor y_true, Tensor y_pred) =>
        GetType() == typeof(MeanSquaredError) && LossFunctions.SameShape(y_true, y_pred) is var (t, p) && t is not null ? nn.functional.mse_loss(p!, t) : null;

    static readonly Func<Tensor, Tensor, Tensor> fused = (t, p) => nn.functional.mse_loss(p, t);
    private protected override Func<Tensor, Tensor, Tensor>? FusedMeanFunction(Tensor y_pred) => GetType() == typeof(MeanSquaredError) ? fused : null;

    /// <summary>Rebuilds the loss from its config.</summary>
    public static new MeanSquaredError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "MeanSquaredError", "reduction", "name", "dtype");
        return new MeanSquaredError(
            reduction: ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            name: ConfigValues.Str(config, "name", "mean_squared_error") ?? "mean_squared_error",
            dtype: ConfigValues.Str(config, "dtype", null));
    }
}
