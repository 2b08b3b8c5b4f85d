using System.Text.Json;
using KerasSharp.Initializers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The recurrent layers' default <c>recurrent_initializer</c>, Keras's "orthogonal". When
/// <c>keras.initializers</c> knows "orthogonal" it is used; until then this file provides Keras's
/// algorithm under the same class name and config (<c>{"gain": 1.0, "seed": null}</c>): a normal
/// matrix of shape (max(rows, cols), min(rows, cols)), the Q of its QR decomposition with the
/// signs of R's diagonal, transposed when rows &lt; cols, times gain.
/// </summary>
internal static class RecurrentInitializers
{
    /// <summary>"orthogonal" from the library when it has one, else this file's.</summary>
    public static Initializer Orthogonal()
    {
        try { return InitializersApi.Get("orthogonal"); }
        catch (ArgumentException) { return Fallback(1.0, null); }
    }

    /// <summary>Keras's Orthogonal(gain, seed), computed here.</summary>
    public static Initializer Fallback(double gain, int? seed) =>
        new FunctionInitializer("Orthogonal", shape => Compute(shape, gain, seed), new() { ["gain"] = gain, ["seed"] = seed });

    static Tensor Compute(long[] shape, double gain, int? seed)
    {
        if (shape.Length < 2)
            throw new ArgumentException($"The tensor to initialize must be at least two-dimensional. Received: shape={Utils.Shapes.Format(shape)} of rank {shape.Length}.");
        long rows = 1;
        for (int i = 0; i < shape.Length - 1; i++) rows *= shape[i];
        long cols = shape[^1];
        using var g = seed.HasValue ? new torch.Generator((ulong)seed.Value) : null;
        using var a = Backend.TensorAllocation.Empty(new[] { Math.Max(rows, cols), Math.Min(rows, cols) }, float64, "Orthogonal");
        a.normal_(0, 1, g);
        var (q, r) = torch.linalg.qr(a);
        using (r)
        using (q)
        {
            using var d = torch.sign(torch.diagonal(r));
            var m = q * d.unsqueeze(0);
            if (rows < cols) m = m.t();
            return (m * gain).reshape(shape).to(float32).contiguous();
        }
    }

    /// <summary>
    /// Reads a recurrent_initializer from a config: through the library's deserializer, or, for
    /// "Orthogonal" while the library lacks it, this file's with the config's gain and seed.
    /// </summary>
    public static Initializer Read(ConfigReader c, string key)
    {
        var raw = c.Raw(key);
        if (raw is null) return Orthogonal();
        try { return Deserializer.Initializer(raw) ?? Orthogonal(); }
        catch (Exception e) when (e is NotSupportedException or ArgumentException && IsOrthogonal(raw.Value, out var gain, out var seed))
        {
            return Fallback(gain, seed);
        }
    }

    static bool IsOrthogonal(JsonElement v, out double gain, out int? seed)
    {
        gain = 1.0; seed = null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString() is "orthogonal" or "Orthogonal";
        if (v.ValueKind != JsonValueKind.Object || Deserializer.Str(v, "class_name") is not ("Orthogonal" or "OrthogonalInitializer")) return false;
        var cfg = Deserializer.Get(v, "config") ?? default;
        gain = Deserializer.Num(cfg, "gain", 1.0);
        seed = Deserializer.Get(cfg, "seed") is { ValueKind: JsonValueKind.Number } s ? s.GetInt32() : null;
        return true;
    }
}
