namespace KerasSharp.Layers;

/// <summary>
/// A pair of integers as Keras takes them for kernel sizes, strides, pool sizes and dilation
/// rates: one number for both dimensions (<c>kernel_size: 3</c>) or a tuple
/// (<c>kernel_size: (3, 5)</c>).
/// </summary>
public readonly record struct Int2(int Item1, int Item2)
{
    /// <summary>True when the pair was given as one number (Keras's error texts show it as given).</summary>
    internal bool FromScalar { get; init; }

    /// <summary>The same value for both dimensions.</summary>
    public static implicit operator Int2(int v) => new(v, v) { FromScalar = true };
    /// <summary>A (height, width) tuple.</summary>
    public static implicit operator Int2((int, int) t) => new(t.Item1, t.Item2);
    /// <summary>Back to a tuple.</summary>
    public static implicit operator (int, int)(Int2 p) => (p.Item1, p.Item2);

    /// <summary>Equal when both values are (however the pair was written).</summary>
    public bool Equals(Int2 other) => Item1 == other.Item1 && Item2 == other.Item2;
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Item1, Item2);

    /// <summary>Keras's tuple form, "(3, 3)".</summary>
    public override string ToString() => $"({Item1}, {Item2})";

    /// <summary>
    /// Keras's standardize_tuple check: both values must be positive (or non-negative when
    /// <paramref name="allowZero"/>), with Keras's error text, which shows the argument as given.
    /// </summary>
    internal Int2 Check(string argument, bool allowZero = false)
    {
        var bad = new[] { Item1, Item2 }.Where(v => allowZero ? v < 0 : v <= 0).Distinct().ToArray();
        if (bad.Length > 0)
            throw new ArgumentException($"The `{argument}` argument must be a tuple of 2 integers. Received {argument}={(FromScalar ? Item1.ToString() : ToString())}, including values {{{string.Join(", ", bad)}}} that do not satisfy `value {(allowZero ? ">=" : ">")} 0`");
        return this;
    }

    /// <summary>The pair as numpy prints an array, "[1 1]" (in some of Keras's error texts).</summary>
    internal string NumpyString() => $"[{Item1} {Item2}]";
}

/// <summary>Keras's data_format argument.</summary>
internal static class DataFormat
{
    /// <summary>Checks a data_format; null is keras.backend.image_data_format() ("channels_last").</summary>
    public static string Check(string? dataFormat)
    {
        var f = dataFormat ?? "channels_last";
        if (f != "channels_last" && f != "channels_first")
            throw new ArgumentException($"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={dataFormat}");
        return f;
    }
}
