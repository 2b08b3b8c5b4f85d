using System.Globalization;
using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;
using static KerasSharp.Backend.EngineScalars;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's metrics_utils for the confusion-matrix metrics: threshold parsing and
/// update_confusion_matrix_variables (the general path and the bucketed path for evenly spaced
/// thresholds), computed on the device.
/// </summary>
internal static class ConfusionMatrix
{
    // Numbers as engine scalars made once or held for the call: a number passed where TorchSharp
    // takes a Scalar is a temporary that TorchSharp leaves to the finalizer (Backend.EngineScalars).
    static readonly Scalar ZeroIndex = 0L.ToScalar(), NegInfS = NegInf.ToScalar();
    /// <summary>Keras's NEG_INF, the default threshold with top_k.</summary>
    public const double NegInf = -1e10;

    /// <summary>Which counts to update.</summary>
    public sealed class Targets
    {
        public MetricVariable? TruePositives, FalsePositives, TrueNegatives, FalseNegatives;
    }

    /// <summary>Keras's parse_init_thresholds: the given thresholds (each in [0, 1]) or the default.</summary>
    public static double[] ParseThresholds(double[]? thresholds, double defaultThreshold)
    {
        if (thresholds is not null)
        {
            var invalid = thresholds.Where(t => double.IsNaN(t) || t < 0 || t > 1).ToList();
            if (invalid.Count > 0)
                throw new ArgumentException($"Threshold values must be in [0, 1]. Received: [{string.Join(", ", invalid.Select(Py))}]");
            return thresholds.ToArray();
        }
        return new[] { defaultThreshold };
    }

    static string Py(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Keras's is_evenly_distributed_thresholds: at least 3 thresholds at i/(n − 1) (within ε).</summary>
    public static bool IsEvenlyDistributed(double[] thresholds)
    {
        int n = thresholds.Length;
        if (n < 3) return false;
        for (int i = 0; i < n; i++)
        {
            double even = (float)i / (float)(n - 1);
            if (Math.Abs(thresholds[i] - even) > Loss.Epsilon + 1e-5 * Math.Abs(even)) return false;
        }
        return true;
    }

    /// <summary>Keras's update_confusion_matrix_variables.</summary>
    public static void Update(Targets vars, Tensor yTrue, Tensor yPred, double[] thresholds, ScalarType dtype, int? topK = null, int? classId = null,
        Tensor? sampleWeight = null, bool multiLabel = false, Tensor? labelWeights = null, bool thresholdsDistributedEvenly = false)
    {
        if (multiLabel && labelWeights is not null)
            throw new ArgumentException("`label_weights` for multilabel data should be handled outside of `update_confusion_matrix_variables` when `multi_label` is True.");
        using var noGrad = torch.no_grad();
        var device = yPred.device;
        var t = yTrue.to(dtype, device);
        var p = yPred.to(dtype);
        bool thresholdsWithEpsilon = thresholdsDistributedEvenly && (thresholds[0] < 0.0 || thresholds[^1] > 1.0);
        (p, t) = RankAlignment.SqueezeOrExpand(p, t);
        Tensor? sw = null;
        if (sampleWeight is not null)
        {
            sw = sampleWeight.to(dtype, device).unsqueeze(-1);
            (_, sw) = RankAlignment.SqueezeOrExpand(t, sw, expandRank1: false);
        }
        if (topK is int k) p = FilterTopK(p, k);
        if (classId is int c)
        {
            if (p.dim() == 1)
                throw new ArgumentException("When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), " +
                    $"found shape: {Utils.Shapes.Format(p.shape)}");
            t = t.narrow(-1, c, 1);
            p = p.narrow(-1, c, 1);
        }
        if (thresholdsDistributedEvenly) UpdateBucketed(vars, t, p, thresholds.Length, multiLabel, sw, labelWeights, thresholdsWithEpsilon, dtype);
        else UpdateGeneral(vars, t, p, thresholds, multiLabel, sw, labelWeights, dtype);
    }

    /// <summary>Keras's _filter_top_k: entries outside the k largest along the last axis become NEG_INF.</summary>
    static Tensor FilterTopK(Tensor x, int k)
    {
        var idx = x.topk(k, -1).indexes;
        var mask = torch.zeros_like(x).scatter_(-1, idx, torch.ones_like(idx, dtype: x.dtype));
        return Plus(x * mask, OneMinus(mask).mul(NegInfS));
    }

    static void UpdateBucketed(Targets vars, Tensor yTrue, Tensor yPred, int numThresholds, bool multiLabel, Tensor? sampleWeight,
        Tensor? labelWeights, bool thresholdsWithEpsilon, ScalarType dtype)
    {
        Tensor? weights = null;
        if (sampleWeight is not null)
        {
            var sw = sampleWeight.to(yPred.dtype).broadcast_to(yPred.shape);
            weights = multiLabel ? sw : sw.reshape(-1);
        }
        if (labelWeights is not null)
        {
            var lw = labelWeights.to(yPred.dtype, yPred.device).unsqueeze(0).broadcast_to(yPred.shape);
            if (!multiLabel) lw = lw.reshape(-1);
            weights = weights is null ? lw : weights * lw;
        }
        var p = yPred.clamp(Zero, One);
        var t = yTrue.ne(Zero).to(yTrue.dtype);
        if (!multiLabel)
        {
            t = t.reshape(-1);
            p = p.reshape(-1);
        }
        var trueLabels = weights is null ? t : t * weights;
        var falseLabels = weights is null ? OneMinus(t) : OneMinus(t) * weights;
        using var scale = Hold(numThresholds - 1);
        var bucket = torch.ceil(p.mul(scale.Value)).sub(One);
        if (thresholdsWithEpsilon) bucket = bucket.clamp_min(Zero);
        var ids = bucket.to(int64);
        Tensor tp, fp;
        if (multiLabel)
        {
            // Per label: segment sums over the samples, then the reversed cumulative sum.
            var tpBuckets = SegmentSum(trueLabels.t(), ids.t(), numThresholds);
            var fpBuckets = SegmentSum(falseLabels.t(), ids.t(), numThresholds);
            tp = tpBuckets.flip(1).cumsum(1).flip(1).t();
            fp = fpBuckets.flip(1).cumsum(1).flip(1).t();
        }
        else
        {
            tp = SegmentSum(trueLabels.unsqueeze(0), ids.unsqueeze(0), numThresholds).squeeze(0).flip(0).cumsum(0L).flip(0);
            fp = SegmentSum(falseLabels.unsqueeze(0), ids.unsqueeze(0), numThresholds).squeeze(0).flip(0).cumsum(0L).flip(0);
        }
        if (vars.TruePositives is not null) vars.TruePositives.assign_add(tp);
        if (vars.FalsePositives is not null) vars.FalsePositives.assign_add(fp);
        if (vars.TrueNegatives is not null)
        {
            var totalFalse = multiLabel ? falseLabels.sum(0L) : falseLabels.sum();
            vars.TrueNegatives.assign_add(totalFalse - fp);
        }
        if (vars.FalseNegatives is not null)
        {
            var totalTrue = multiLabel ? trueLabels.sum(0L) : trueLabels.sum();
            vars.FalseNegatives.assign_add(totalTrue - tp);
        }
    }

    /// <summary>Row-wise segment sums: data [R, N] into [R, segments]; ids outside [0, segments) are dropped (as Keras's segment_sum).</summary>
    static Tensor SegmentSum(Tensor data, Tensor ids, int segments)
    {
        using var count = ((long)segments).ToScalar();
        var valid = ids.ge(ZeroIndex) & ids.lt(count);
        var safe = torch.where(valid, ids, torch.full_like(ids, count));
        var result = torch.zeros(new[] { data.shape[0], (long)segments + 1 }, dtype: data.dtype, device: data.device);
        result.scatter_add_(1, safe, data);
        return result.narrow(1, 0, segments);
    }

    static void UpdateGeneral(Targets vars, Tensor yTrue, Tensor yPred, double[] thresholds, bool multiLabel, Tensor? sampleWeight,
        Tensor? labelWeights, ScalarType dtype)
    {
        int n = thresholds.Length;
        var thr = torch.tensor(thresholds, dtype: dtype, device: yPred.device);
        Tensor preds, labels, thrView;
        if (multiLabel)
        {
            preds = yPred.unsqueeze(0);                         // [1, N, L...]
            labels = yTrue.ne(Zero).unsqueeze(0);
            thrView = thr.reshape(new long[] { n }.Concat(Enumerable.Repeat(1L, (int)yPred.dim())).ToArray());
        }
        else
        {
            preds = yPred.reshape(1, -1);                       // [1, N·L]
            labels = yTrue.ne(Zero).reshape(1, -1);
            thrView = thr.reshape(n, 1);
        }
        var predIsPos = preds > thrView;
        var labelIsPos = labels.expand_as(predIsPos);
        Tensor? weights = null;
        if (sampleWeight is not null)
        {
            var sw = sampleWeight.to(yPred.dtype).broadcast_to(yPred.shape);
            weights = multiLabel ? sw.unsqueeze(0) : sw.reshape(1, -1);
        }
        if (labelWeights is not null && !multiLabel)
        {
            var lw = labelWeights.to(yPred.dtype, yPred.device).unsqueeze(0).broadcast_to(yPred.shape).reshape(1, -1);
            weights = weights is null ? lw : weights * lw;
        }
        void Add(MetricVariable? v, Tensor label, Tensor pred)
        {
            if (v is null) return;
            var both = label.logical_and(pred);
            var values = weights is null ? both.to(v.dtype) : torch.where(both, weights.to(v.dtype), torch.zeros(new long[0], dtype: v.dtype, device: both.device));
            v.assign_add(values.sum(1));
        }
        Add(vars.TruePositives, labelIsPos, predIsPos);
        var predIsNeg = predIsPos.logical_not();
        var labelIsNeg = labelIsPos.logical_not();
        Add(vars.FalseNegatives, labelIsPos, predIsNeg);
        Add(vars.FalsePositives, labelIsNeg, predIsPos);
        Add(vars.TrueNegatives, labelIsNeg, predIsNeg);
    }
}
