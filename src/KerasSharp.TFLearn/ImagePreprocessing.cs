using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

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
