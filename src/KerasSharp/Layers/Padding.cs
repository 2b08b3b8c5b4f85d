namespace KerasSharp.Layers;

/// <summary>TensorFlow's "same"/"valid" padding arithmetic, shared by convolution and pooling.</summary>
internal static class Padding
{
    /// <summary>Checks a padding name, with Keras's error text.</summary>
    public static string Check(string? padding, string layer)
    {
        var p = padding?.ToLowerInvariant();
        if (p != "same" && p != "valid")
            throw new ArgumentException($"The `padding` argument must be a list/tuple or one of {{'same', 'valid'}}. Received: {padding ?? "None"} (layer \"{layer}\").");
        return p;
    }

    /// <summary>The output length of one spatial dimension (kernel already dilated).</summary>
    public static int? OutputLength(int? input, int kernel, int stride, string padding) =>
        input is null ? null : padding == "same" ? (input.Value + stride - 1) / stride : (int)Math.Floor((input.Value - kernel) / (double)stride) + 1;

    /// <summary>"same" padding (before, after); TensorFlow puts the odd pixel after.</summary>
    public static (long before, long after) Same(long input, int kernel, int stride)
    {
        long outLen = (input + stride - 1) / stride;
        long total = Math.Max((outLen - 1) * stride + kernel - input, 0);
        return (total / 2, total - total / 2);
    }
}
