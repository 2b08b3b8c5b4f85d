using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras's <c>keras.metrics.Sum</c>: the weighted sum of the values given to <see cref="update_state(Tensor, Tensor)"/>.</summary>
public class Sum : Metric
{
    readonly MetricVariable total;

    /// <summary>Creates the metric.</summary>
    public Sum(string name = "sum", string? dtype = null) : base(dtype, name)
    {
        total = add_variable(Array.Empty<long>(), null, null, "sum", "total");
    }

    /// <summary>Adds values, each weighted by its sample weight (broadcast) when given.</summary>
    public virtual void update_state(Tensor values, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var _ = torch.no_grad();
        var (v, _) = SamplewiseReduction.Reduce(values, sample_weight, useSum: true, ComputeDtype);
        total.assign_add(v.sum());
    }

    /// <summary>Not available: a Sum takes values (update_state(values, sample_weight)), not (y_true, y_pred).</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight) =>
        throw new NotSupportedException($"{class_name} takes update_state(values, sample_weight); it has no (y_true, y_pred) form.");

    /// <summary>The sum.</summary>
    public override Tensor result() => total.value.clone();

    /// <summary>Python's <c>m(values, sample_weight=None)</c>: update_state, then result.</summary>
    public Tensor Apply(Tensor values, Tensor? sample_weight = null)
    {
        update_state(values, sample_weight);
        return result();
    }

    /// <summary>Rebuilds the metric from its config.</summary>
    public static Sum from_config(IDictionary<string, object?> config)
    {
        Losses.ConfigValues.Check(config, "Sum", "name", "dtype");
        return new Sum(Losses.ConfigValues.Str(config, "name", "sum") ?? "sum", Losses.ConfigValues.Str(config, "dtype", null));
    }
}
