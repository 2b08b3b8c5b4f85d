using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

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
