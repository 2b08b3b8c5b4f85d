using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>Keras dtype names for the compute dtype of losses and metrics.</summary>
internal static class DTypes
{
    /// <summary>The engine dtype for a Keras dtype name; null means float32 (Keras's floatx).</summary>
    public static ScalarType Parse(string? dtype) => dtype switch
    {
        null or "float32" => ScalarType.Float32,
        "float64" => ScalarType.Float64,
        "float16" => ScalarType.Float16,
        "bfloat16" => ScalarType.BFloat16,
        _ => throw new ArgumentException($"Invalid dtype: {dtype}. Expected one of: float32, float64, float16, bfloat16."),
    };

    /// <summary>The Keras name of an engine dtype.</summary>
    public static string Name(ScalarType t) => t switch
    {
        ScalarType.Float64 => "float64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        _ => "float32",
    };
}
