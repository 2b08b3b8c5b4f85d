using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// TensorFlow's local response normalization (tf.nn.lrn), over channels:
/// x / (bias + alpha · Σ x² over depth_radius neighbours on each side)^beta. Unlike
/// PyTorch's LocalResponseNorm, alpha is not divided by the window size.
/// </summary>
public sealed class LocalResponseNormalization : Layer
{
    /// <summary>Half-width of the window.</summary>
    public int depth_radius { get; }
    /// <summary>Offset.</summary>
    public double bias { get; }
    /// <summary>Scale.</summary>
    public double alpha { get; }
    /// <summary>Exponent.</summary>
    public double beta { get; }

    /// <summary>TFLearn's defaults.</summary>
    public LocalResponseNormalization(int depth_radius = 5, double bias = 1.0, double alpha = 0.0001, double beta = 0.75, string? name = null) : base(name)
    {
        this.depth_radius = depth_radius; this.bias = bias; this.alpha = alpha; this.beta = beta;
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        if (inputShapes[0].Length != 4)
            throw new ArgumentException($"Layer \"{name}\" (LocalResponseNormalization) expects a 4-D input (batch, height, width, channels), received {Utils.Shapes.Format(inputShapes[0])}.");
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => inputShapes[0];

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0]; // [N, H, W, C]: tf.nn.lrn sums over the last axis
        int r = depth_radius;
        long c = x.shape[^1];
        var sq = torch.nn.functional.pad(x.square().reshape(-1, 1, c), new long[] { r, r });
        var sums = (torch.nn.functional.avg_pool1d(sq, 2 * r + 1, 1) * (2 * r + 1)).reshape(x.shape);
        return x / (sums * alpha + bias).pow(beta);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["depth_radius"] = depth_radius; c["bias"] = bias; c["alpha"] = alpha; c["beta"] = beta;
        return c;
    }
}
