using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras's reduce_to_samplewise_values (keras.src.metrics.reduction_metrics).</summary>
internal static class SamplewiseReduction
{
    /// <summary>
    /// Weights the values by the sample weights (broadcast, after reducing the values to the
    /// weights' rank), then reduces both to one value per sample.
    /// </summary>
    public static (Tensor values, Tensor? weights) Reduce(Tensor values, Tensor? sampleWeight, bool useSum, ScalarType dtype)
    {
        var mask = KerasMask.get_keras_mask(values);
        if (values.dtype != dtype) values = values.to(dtype);
        if (sampleWeight is not null)
        {
            sampleWeight = sampleWeight.to(dtype, values.device);
            if (mask is not null) sampleWeight = LossReduction.ApplyMask(sampleWeight, mask, dtype, "sum")!;
            (values, sampleWeight) = RankAlignment.SqueezeOrExpand(values, sampleWeight);
            long wn = sampleWeight.dim(), vn = values.dim();
            if (vn > wn) values = ReduceAxes(values, wn, vn, useSum);
            sampleWeight = sampleWeight.broadcast_to(values.shape);
            values = values * sampleWeight;
            if (wn > 1) sampleWeight = ReduceAxes(sampleWeight, 1, wn, useSum);
        }
        if (values.dim() > 1) values = ReduceAxes(values, 1, values.dim(), useSum);
        return (values, sampleWeight);
    }

    static Tensor ReduceAxes(Tensor x, long from, long to, bool useSum)
    {
        var axes = new long[to - from];
        for (long i = from; i < to; i++) axes[i - from] = i;
        return useSum ? x.sum(axes) : x.mean(axes);
    }
}

/// <summary>The running weighted mean of Keras's Mean metric: total and count variables of the owning metric.</summary>
internal sealed class MeanState
{
    readonly ScalarType dtype;

    public MeanState(Metric owner, ScalarType dtype)
    {
        this.dtype = dtype;
        total = owner.AddStateVariable("total");
        count = owner.AddStateVariable("count");
    }

    /// <summary>The sum of the weighted values.</summary>
    public MetricVariable total { get; }
    /// <summary>The sum of the weights (the number of samples without weights).</summary>
    public MetricVariable count { get; }

    /// <summary>Keras's Mean.update_state(values, sample_weight).</summary>
    public void Update(Tensor values, Tensor? sampleWeight)
    {
        var (v, w) = SamplewiseReduction.Reduce(values, sampleWeight, useSum: false, dtype);
        total.assign_add(v.sum());
        if (w is not null) count.assign_add(w.sum());
        else count.assign_add(v.dim() >= 1 ? v.shape[0] : 1);
    }

    /// <summary>total / count, or 0 when count is 0.</summary>
    public Tensor Result() => RankAlignment.DivideNoNan(total.value, count.value);

    /// <summary>
    /// <see cref="Result"/> read on the host when the state is a float32 scalar on the CPU (two native
    /// reads, no tensor made); null otherwise. The double quotient of two floats rounded to float is
    /// the float quotient the engine computes.
    /// </summary>
    public float? ReadOnCpu()
    {
        if (dtype != ScalarType.Float32) return null;
        var t = total.value; var c = count.value;
        if (t.device_type != DeviceType.CPU || t.dim() != 0) return null;
        float tv, cv;
        using (var s = t.ToScalar()) tv = s.ToSingle();
        using (var s = c.ToScalar()) cv = s.ToSingle();
        return cv == 0 ? 0f : (float)((double)tv / cv);
    }
}
