using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary><c>tflearn.data_utils</c>.</summary>
public sealed class DataUtils
{
    internal static readonly DataUtils Instance = new();

    /// <summary>One-hot rows from class indices (TFLearn's to_categorical(y, nb_classes)).</summary>
    public float[][] to_categorical(IReadOnlyList<long> y, int? nb_classes = null)
    {
        int k = nb_classes ?? (int)(y.Count == 0 ? 0 : y.Max() + 1);
        return y.Select((v, i) =>
        {
            if (v < 0 || v >= k) throw new ArgumentException($"to_categorical: label {v} at index {i} is outside [0, {k}).");
            var row = new float[k];
            row[v] = 1;
            return row;
        }).ToArray();
    }

    /// <summary>One-hot rows from int class indices.</summary>
    public float[][] to_categorical(int[] y, int? nb_classes = null) => to_categorical(y.Select(v => (long)v).ToArray(), nb_classes);

    /// <summary>One-hot rows from a label tensor ([N] or [N, 1]); a tensor that is already one-hot is returned as is.</summary>
    public Tensor to_categorical(Tensor y, int nb_classes) =>
        y.dim() == 2 && y.shape[1] == nb_classes && y.dtype == float32 ? y : torch.nn.functional.one_hot(y.reshape(-1).to(int64), nb_classes).to(float32);

    /// <summary>Shuffles several arrays (or tensors) with one permutation, as TFLearn's shuffle(*arrs).</summary>
    public object[] shuffle(params object[] arrs)
    {
        if (arrs.Length == 0) return arrs;
        var tensors = arrs.Select(a => Utils.Arrays.ToTensor(a)).ToArray();
        long n = tensors[0].shape[0];
        if (tensors.Any(t => t.shape[0] != n)) throw new ArgumentException($"shuffle: all arrays must have the same length; received {string.Join(", ", tensors.Select(t => t.shape[0]))}.");
        var perm = torch.randperm(n);
        return tensors.Select((t, i) => (object)Restore(arrs[i], t.index_select(0, perm))).ToArray();
    }

    static object Restore(object original, Tensor t) => original switch
    {
        Tensor => t,
        float[][] => Utils.Arrays.ToJagged(t),
        _ => t,
    };
}

/// <summary>
/// TFLearn's ImagePreprocessing: statistics computed on the training set when fit starts, applied
/// to every input at training and prediction time.
/// </summary>
public sealed class ImagePreprocessing
{
    bool zeroCenter, stdNorm, perChannelMean, perChannelStd;
    Tensor? mean, std;

    /// <summary>Subtracts the training set's mean (one scalar, or one per channel).</summary>
    public void add_featurewise_zero_center(double? mean = null, bool per_channel = false)
    {
        zeroCenter = true; perChannelMean = per_channel;
        if (mean.HasValue) this.mean = torch.tensor((float)mean.Value);
    }

    /// <summary>Divides by the training set's standard deviation (one scalar, or one per channel).</summary>
    public void add_featurewise_stdnorm(double? std = null, bool per_channel = false)
    {
        stdNorm = true; perChannelStd = per_channel;
        if (std.HasValue) this.std = torch.tensor((float)std.Value);
    }

    /// <summary>The mean in use (after fit has started).</summary>
    public Tensor? Mean => mean;
    /// <summary>The standard deviation in use (after fit has started).</summary>
    public Tensor? Std => std;

    internal void Fit(Tensor x)
    {
        using var _ = torch.no_grad();
        var xf = x.to(float32);
        var dims = Enumerable.Range(0, (int)xf.dim() - 1).Select(d => (long)d).ToArray();
        if (zeroCenter && mean is null) mean = (perChannelMean ? xf.mean(dims) : xf.mean()).detach().DetachFromDisposeScope();
        if (stdNorm && std is null)
        {
            var centered = mean is null ? xf : xf - mean;
            std = (perChannelStd ? centered.std(dims, unbiased: false) : centered.std(unbiased: false)).detach().DetachFromDisposeScope();
        }
    }

    internal Tensor Apply(Tensor x)
    {
        if (mean is not null) x = x - mean.to(x.device);
        if (std is not null) x = x / std.to(x.device);
        return x;
    }
}

/// <summary>TFLearn's ImageAugmentation, applied to training batches only ([N, H, W, C]).</summary>
public sealed class ImageAugmentation
{
    bool flip;
    double? maxAngle;

    /// <summary>Flips each image left-right with probability ½.</summary>
    public void add_random_flip_leftright() => flip = true;

    /// <summary>With probability ½ rotates each image by an angle in [−max_angle, max_angle] degrees (same size, zeros outside).</summary>
    public void add_random_rotation(double max_angle = 20.0) => maxAngle = max_angle;

    /// <summary>Augments one batch of Keras-layout images.</summary>
    public Tensor Apply(Tensor x)
    {
        if (x.dim() != 4) throw new ArgumentException($"ImageAugmentation expects image batches [N, H, W, C], received shape [{string.Join(", ", x.shape)}].");
        long n = x.shape[0];
        if (flip)
        {
            var mask = (torch.rand(n, device: x.device) < 0.5).view(n, 1, 1, 1);
            x = torch.where(mask, x.flip(2), x);
        }
        if (maxAngle is double a && a > 0)
        {
            var apply = torch.rand(n, device: x.device) < 0.5;
            var angles = (torch.rand(n, device: x.device) * 2 - 1) * (a * Math.PI / 180) * apply.to(float32);
            var cos = angles.cos(); var sin = angles.sin(); var zero = torch.zeros_like(cos);
            var theta = torch.stack(new[] { cos, -sin, zero, sin, cos, zero }, 1).view(n, 2, 3);
            var nchw = x.permute(0, 3, 1, 2);
            var grid = torch.nn.functional.affine_grid(theta, nchw.shape, align_corners: false);
            x = torch.nn.functional.grid_sample(nchw, grid, align_corners: false).permute(0, 2, 3, 1);
        }
        return x;
    }
}
