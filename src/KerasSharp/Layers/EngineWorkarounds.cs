using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Convolutions computed as im2col (unfold/fold) and a matrix product, for the CPU. libtorch
/// 2.10's float32 CPU kernels, as TorchSharp 0.107 ships them, were measured to return wrong
/// numbers here: <c>conv_transpose2d</c> differs from its float64 result after the first calls
/// (about 1 case in 6 of random shapes, channels-last inputs included), <c>conv2d</c>'s gradient
/// for a contiguous NCHW input likewise, and <c>conv2d</c>'s backward with a 1×1 kernel and
/// strides (1, 2) on a channels-last input aborts the process (NNPACK also reports "Unsupported
/// hardware" on these machines). unfold, fold and matmul avoid those kernels; their gradients are
/// each other's. The CUDA path keeps the engine's convolutions (cuDNN).
/// </summary>
internal static class EngineWorkarounds
{
    /// <summary>
    /// The full transposed convolution (every padding 0) of <c>[N, in, H, W]</c> with a Keras
    /// kernel <c>[kh, kw, out, in]</c>: <c>[N, out, (H−1)·sh + (kh−1)·dh + 1, …]</c>.
    /// </summary>
    public static Tensor ConvTranspose2dByFold(Tensor x, Tensor kernel, (int, int) strides, (int, int) dilation)
    {
        long n = x.shape[0], cin = x.shape[1], h = x.shape[2], w = x.shape[3];
        long kh = kernel.shape[0], kw = kernel.shape[1], cout = kernel.shape[2];
        // [out·kh·kw, in]: fold reads its channel axis as (out, kh, kw).
        var wm = kernel.permute(2, 0, 1, 3).reshape(cout * kh * kw, cin);
        var cols = torch.matmul(wm, x.reshape(n, cin, h * w));
        long oh = (h - 1) * strides.Item1 + (kh - 1) * dilation.Item1 + 1;
        long ow = (w - 1) * strides.Item2 + (kw - 1) * dilation.Item2 + 1;
        return torch.nn.functional.fold(cols, (oh, ow), (kh, kw), (dilation.Item1, dilation.Item2), (0, 0), (strides.Item1, strides.Item2));
    }

    /// <summary>
    /// A "valid" 1-D convolution of <c>[N, in, L]</c> (already padded) with a Keras kernel
    /// <c>[k, in / groups, filters]</c>, plus the bias: <c>[N, filters, L_out]</c>.
    /// </summary>
    public static Tensor Conv1dByMatmul(Tensor x, Tensor kernel, Tensor? bias, int stride, int dilation, int groups)
    {
        long n = x.shape[0];
        long k = kernel.shape[0], cg = kernel.shape[1], filters = kernel.shape[2];
        // [N, in·k, L_out], the channel axis read as (in, k).
        var cols = torch.nn.functional.unfold(x.unsqueeze(2), (1, k), (1, dilation), (0, 0), (1, stride));
        long steps = cols.shape[2];
        // [groups, filters / groups, (in / groups)·k]
        var wm = kernel.permute(2, 1, 0).reshape(groups, filters / groups, cg * k);
        var y = torch.matmul(wm.unsqueeze(0), cols.reshape(n, groups, cg * k, steps)).reshape(n, filters, steps);
        return bias is null ? y : y + bias.view(1, -1, 1);
    }
}
