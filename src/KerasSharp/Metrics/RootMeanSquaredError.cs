using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.RootMeanSquaredError</c>: sqrt of the weighted mean of
/// (y_pred − y_true)². Smaller is better (Direction "down"). In Keras it derives from Mean; here
/// from <see cref="Metric"/> (see <see cref="MeanMetricWrapper"/> for why).
/// </summary>
public class RootMeanSquaredError : Metric
{
    readonly MeanState state;

    /// <summary>Creates the metric.</summary>
    public RootMeanSquaredError(string name = "root_mean_squared_error", string? dtype = null) : base(dtype, name)
    {
        state = NewMeanState();
        Direction = "down";
    }

    /// <summary>Adds the batch's squared errors, weighted by the sample weights.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        using var _ = torch.no_grad();
        var (t, p) = RankAlignment.SqueezeOrExpand(y_true.to(ComputeDtype, y_pred.device), y_pred.to(ComputeDtype));
        state.Update(Backend.EngineScalars.Square(p - t), sample_weight);
    }

    /// <summary>sqrt(total / count).</summary>
    public override Tensor result() => torch.sqrt(state.Result());

    /// <summary>Rebuilds the metric from its config.</summary>
    public static RootMeanSquaredError from_config(IDictionary<string, object?> config)
    {
        ConfigValues.Check(config, "RootMeanSquaredError", "name", "dtype");
        return new RootMeanSquaredError(ConfigValues.Str(config, "name", "root_mean_squared_error") ?? "root_mean_squared_error", ConfigValues.Str(config, "dtype", null));
    }
}
