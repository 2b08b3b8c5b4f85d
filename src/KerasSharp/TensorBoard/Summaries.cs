using Google.Protobuf;
using KerasSharp.TensorBoard.Proto;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TensorBoard;

/// <summary>Builders for the summary values TensorBoard's plugins read.</summary>
public static class Summaries
{
    /// <summary>A scalar as legacy simple_value (float32), which every TensorBoard reads as a scalar.</summary>
    public static Summary.Types.Value Scalar(string tag, double value) => new() { Tag = tag, SimpleValue = (float)value };

    static readonly double[] DefaultEdges = MakeEdges();

    /// <summary>TensorFlow's default histogram bucket limits: ±1e-12·1.1^k up to 1e20, 0, then DBL_MAX.</summary>
    static double[] MakeEdges()
    {
        var pos = new List<double>();
        for (double v = 1e-12; v < 1e20; v *= 1.1) pos.Add(v);
        var edges = new List<double>();
        for (int i = pos.Count - 1; i >= 0; i--) edges.Add(-pos[i]);
        edges.Add(0);
        edges.AddRange(pos);
        edges.Add(double.MaxValue);
        return edges.ToArray();
    }

    /// <summary>The bucket limits a histogram uses (for tests and readers).</summary>
    public static IReadOnlyList<double> HistogramEdges => DefaultEdges;

    /// <summary>
    /// A HistogramProto as TensorFlow's C++ Histogram encodes it: value v falls in the first bucket
    /// whose limit is greater than v; runs of empty buckets collapse into one.
    /// </summary>
    public static Summary.Types.Value Histogram(string tag, Tensor values)
    {
        using var scope = torch.NewDisposeScope();
        var flat = values.detach().reshape(-1).to(float64).cpu();
        var h = new HistogramProto();
        long n = flat.numel();
        if (n == 0) return new() { Tag = tag, Histo = h };
        var edges = torch.tensor(DefaultEdges);
        var idx = torch.bucketize(flat, edges, right: true);
        var counts = torch.bincount(idx, minlength: DefaultEdges.Length).to(float64).data<double>().ToArray();
        h.Min = flat.min().item<double>();
        h.Max = flat.max().item<double>();
        h.Num = n;
        h.Sum = flat.sum().item<double>();
        h.SumSquares = flat.square().sum().item<double>();
        for (int i = 0; i < DefaultEdges.Length;)
        {
            double end = DefaultEdges[i], count = counts[i];
            i++;
            if (count <= 0)
                while (i < DefaultEdges.Length && counts[i] <= 0) { end = DefaultEdges[i]; count = counts[i]; i++; }
            h.BucketLimit.Add(end);
            h.Bucket.Add(count);
        }
        return new() { Tag = tag, Histo = h };
    }

    /// <summary>
    /// Pixel bytes as tf.summary.image makes them: bytes stay; floats become
    /// tf.image.convert_image_dtype(x, uint8, saturate=True), that is x · 255.5 clamped to [0, 255]
    /// and truncated.
    /// </summary>
    static byte[] PixelBytes(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        var b = t.dtype == ScalarType.Byte ? t : (t.to(float32) * 255.5f).clamp(0, 255).trunc().to(ScalarType.Byte);
        return b.contiguous().cpu().data<byte>().ToArray();
    }

    /// <summary>An image from [H, W, C] (C = 1, 3 or 4) floats in [0, 1] or bytes, as a legacy PNG Summary.Image.</summary>
    public static Summary.Types.Value Image(string tag, Tensor hwc)
    {
        if (hwc.dim() == 2) hwc = hwc.unsqueeze(-1);
        if (hwc.dim() != 3) throw new ArgumentException($"Image summary '{tag}' needs [H, W, C] values, received shape [{string.Join(", ", hwc.shape)}].");
        int h = (int)hwc.shape[0], w = (int)hwc.shape[1], c = (int)hwc.shape[2];
        var bytes = PixelBytes(hwc);
        return new()
        {
            Tag = tag,
            Image = new Summary.Types.Image { Height = h, Width = w, Colorspace = c, EncodedImageString = ByteString.CopyFrom(Png.Encode(bytes, h, w, c)) },
        };
    }

    /// <summary>
    /// Images as tf.summary.image (summary_v2) writes them: from [k, H, W, C] (C = 1, 3 or 4), the
    /// first max_outputs images as PNG in a DT_STRING tensor ["W", "H", png₀, ...] under plugin "images".
    /// </summary>
    public static Summary.Types.Value Images(string tag, Tensor khwc, int max_outputs = 3)
    {
        if (khwc.dim() != 4 || khwc.shape[3] is not (1 or 3 or 4))
            throw new ArgumentException($"Image summary '{tag}' needs [k, H, W, C] values with C = 1, 3 or 4, received shape [{string.Join(", ", khwc.shape)}].");
        if (max_outputs < 0) throw new ArgumentException($"Image summary '{tag}': max_outputs must be non-negative, received {max_outputs}.");
        int k = (int)Math.Min(max_outputs, khwc.shape[0]), h = (int)khwc.shape[1], w = (int)khwc.shape[2], c = (int)khwc.shape[3];
        var tensor = new TensorProto { Dtype = Proto.DataType.DtString, TensorShape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dim { Size = 2 + k } } } };
        tensor.StringVal.Add(ByteString.CopyFromUtf8(w.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        tensor.StringVal.Add(ByteString.CopyFromUtf8(h.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (k > 0)
        {
            var bytes = PixelBytes(khwc.narrow(0, 0, k));
            int each = h * w * c;
            for (int i = 0; i < k; i++) tensor.StringVal.Add(ByteString.CopyFrom(Png.Encode(bytes.AsSpan(i * each, each).ToArray(), h, w, c)));
        }
        return new()
        {
            Tag = tag,
            Metadata = new SummaryMetadata { PluginData = new() { PluginName = "images" }, DataClass = DataClass.BlobSequence },
            Tensor = tensor,
        };
    }

    /// <summary>Markdown text under plugin "text" (a rank-0 DT_STRING tensor).</summary>
    public static Summary.Types.Value Text(string tag, string text) => new()
    {
        Tag = tag,
        Metadata = new SummaryMetadata { PluginData = new() { PluginName = "text" }, DataClass = DataClass.Tensor },
        Tensor = new TensorProto { Dtype = Proto.DataType.DtString, TensorShape = new TensorShapeProto(), StringVal = { ByteString.CopyFromUtf8(text) } },
    };

    /// <summary>The Keras model JSON under plugin graph_keras_model, tag "keras", as Keras's TensorBoard callback writes it.</summary>
    public static Summary.Types.Value KerasGraph(string modelJson) => new()
    {
        Tag = "keras",
        Metadata = new SummaryMetadata { PluginData = new() { PluginName = "graph_keras_model", Content = ByteString.CopyFromUtf8("1") } },
        Tensor = new TensorProto { Dtype = Proto.DataType.DtString, TensorShape = new TensorShapeProto(), StringVal = { ByteString.CopyFromUtf8(modelJson) } },
    };
}
