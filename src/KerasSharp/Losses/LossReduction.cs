using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras's loss reductions (keras.src.losses.loss): weighting by sample weights and masks, then
/// "sum", "sum_over_batch_size" / "mean", "mean_with_sample_weight", or none.
/// </summary>
internal static class LossReduction
{
    static readonly string?[] Allowed = { "sum_over_batch_size", "sum", null, "none", "mean", "mean_with_sample_weight" };

    /// <summary>Checks a reduction name (Keras's standardize_reduction).</summary>
    public static string? Standardize(string? reduction)
    {
        if (Array.IndexOf(Allowed, reduction) < 0)
            throw new ArgumentException("Invalid value for argument `reduction`. Expected one of " +
                "{'sum_over_batch_size', 'sum', None, 'none', 'mean', 'mean_with_sample_weight'}. " +
                $"Received: reduction={reduction}");
        return reduction;
    }

    /// <summary>True for null and "none", which keep the values unreduced.</summary>
    public static bool IsNone(string? reduction) => reduction is null or "none";

    /// <summary>Keras's reduce_weighted_values: merges mask and sample weight, weights the values and reduces them.</summary>
    public static Tensor ReduceWeightedValues(Tensor values, Tensor? sampleWeight, Tensor? mask, string? reduction, ScalarType dtype)
    {
        if (values.dtype != dtype) values = values.to(dtype);
        if (sampleWeight is not null && (sampleWeight.dtype != dtype || !RankAlignment.SameDevice(sampleWeight, values)))
            sampleWeight = sampleWeight.to(dtype, values.device);
        sampleWeight = ApplyMask(sampleWeight, mask, dtype, reduction);
        if (sampleWeight is not null)
        {
            (values, sampleWeight) = RankAlignment.SqueezeOrExpand(values, sampleWeight);
            values = values * sampleWeight;
        }
        return ReduceValues(values, sampleWeight, reduction);
    }

    /// <summary>Keras's reduce_values: the sum, or the sum divided by the number of values (or by the sum of the weights).</summary>
    public static Tensor ReduceValues(Tensor values, Tensor? sampleWeight, string? reduction)
    {
        if (IsNone(reduction) || values.dim() == 0 || (values.dim() == 1 && values.shape[0] == 0)) return values;
        var loss = values.sum();
        if (reduction == "sum") return loss;
        if (reduction == "mean_with_sample_weight" && sampleWeight is not null)
            return RankAlignment.DivideNoNan(loss, sampleWeight.sum().to(loss.dtype));
        long n = values.numel();
        if (n == 0) return torch.zeros_like(loss);
        // The count as an engine scalar held for the call (a long passed as a Scalar would be a temporary left to the finalizer).
        using var count = Backend.EngineScalars.Hold(n);
        return loss / count.Value;
    }

    /// <summary>Keras's apply_mask: folds a mask into the sample weights (for the mean reductions, valid entries get total/valid).</summary>
    public static Tensor? ApplyMask(Tensor? sampleWeight, Tensor? mask, ScalarType dtype, string? reduction)
    {
        if (mask is null) return sampleWeight;
        Tensor floatMask;
        if (reduction is "mean" or "sum_over_batch_size")
        {
            var boolMask = mask.dtype == ScalarType.Bool ? mask : mask != 0;
            var total = (double)mask.numel();
            var valid = boolMask.to(dtype).sum();
            var maskWeight = RankAlignment.DivideNoNan(torch.tensor(total, dtype: dtype, device: mask.device), valid);
            floatMask = torch.where(boolMask, maskWeight, torch.zeros_like(maskWeight));
        }
        else floatMask = mask.to(dtype);
        if (sampleWeight is null) return floatMask;
        sampleWeight = sampleWeight.to(dtype, floatMask.device);
        (floatMask, sampleWeight) = RankAlignment.SqueezeOrExpand(floatMask, sampleWeight);
        return sampleWeight * floatMask;
    }
}
