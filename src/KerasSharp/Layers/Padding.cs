namespace KerasSharp.Layers;

/// <summary>TensorFlow's "same"/"valid" padding arithmetic, shared by convolution and pooling.</summary>
internal static class Padding
{
    /// <summary>
    /// Checks a padding name (case-insensitive, as Keras's standardize_padding), with Keras's error
    /// text. Keras prints the allowed values as a Python set, whose order varies from run to run;
    /// KerasSharp prints them in the order Keras's source lists them.
    /// </summary>
    public static string Check(string? padding, string layer)
    {
        _ = layer;
        var p = padding?.ToLowerInvariant();
        if (p != "same" && p != "valid")
            throw new ArgumentException($"The `padding` argument must be a list/tuple or one of {{'valid', 'same'}}. Received: {p ?? "None"}");
        return p;
    }

    /// <summary>
    /// Checks a pooling layer's padding. Keras's pooling layers accept any string and fail at call
    /// time with this text; KerasSharp fails at construction, with the same text.
    /// </summary>
    public static string CheckPooling(string? padding)
    {
        var p = padding?.ToLowerInvariant();
        if (p != "same" && p != "valid")
            throw new ArgumentException($"Argument `padding` must be either 'valid' or 'same'. Received: padding={padding ?? "None"}");
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
