using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.Mean</c>: the weighted mean of the values given to
/// <see cref="update_state(Tensor, Tensor)"/>. Values of rank above 1 are first averaged per
/// sample. The trainer uses it to track the loss (weighted by the batch size).
/// </summary>
public class Mean : Metric
{
    readonly MeanState state;

    /// <summary>Creates the metric.</summary>
    public Mean(string name = "mean", string? dtype = null) : base(dtype, name)
    {
        state = NewMeanState();
    }

    /// <summary>Adds values, each weighted by its sample weight (broadcast) when given.</summary>
    public virtual void update_state(Tensor values, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var _ = torch.no_grad();
        state.Update(values, sample_weight);
    }

    /// <summary>Adds one value with a weight (the trainer adds a batch's loss weighted by the batch size).</summary>
    public void update_state(Tensor values, double sample_weight)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var _ = torch.no_grad();
        state.Update(values, torch.tensor(sample_weight, dtype: ComputeDtype, device: values.device));
    }

    /// <summary>Not available: a Mean takes values (update_state(values, sample_weight)), not (y_true, y_pred).</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight) =>
        throw new NotSupportedException($"{class_name} takes update_state(values, sample_weight); it has no (y_true, y_pred) form.");

    /// <summary>The weighted mean: total / count, 0 before any value.</summary>
    public override Tensor result() => state.Result();

    internal override float? ReadOnCpu() => ResultIsOwn(typeof(Mean)) ? state.ReadOnCpu() : null;

    /// <summary>Python's <c>m(values, sample_weight=None)</c>: update_state, then result.</summary>
    public Tensor Apply(Tensor values, Tensor? sample_weight = null)
    {
        update_state(values, sample_weight);
        return result();
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static Mean from_config(IDictionary<string, object?> config)
    {
        Losses.ConfigValues.Check(config, "Mean", "name", "dtype");
        return new Mean(Losses.ConfigValues.Str(config, "name", "mean") ?? "mean", Losses.ConfigValues.Str(config, "dtype", null));
    }
}
