namespace KerasSharp.Utils;

/// <summary>Formats shapes the way Keras prints them: (None, 28, 28, 1).</summary>
public static class Shapes
{
    /// <summary>Keras's tuple form of a shape with unknown (null) dimensions.</summary>
    public static string Format(IReadOnlyList<int?> shape) =>
        "(" + string.Join(", ", shape.Select(d => d.HasValue ? d.Value.ToString() : "None")) + (shape.Count == 1 ? ",)" : ")");

    /// <summary>Keras's tuple form of a concrete shape.</summary>
    public static string Format(IReadOnlyList<long> shape) =>
        "(" + string.Join(", ", shape) + (shape.Count == 1 ? ",)" : ")");

    /// <summary>True when the shapes agree, None matching anything.</summary>
    public static bool Compatible(IReadOnlyList<int?> expected, IReadOnlyList<int?> received)
    {
        if (expected.Count != received.Count) return false;
        for (int i = 0; i < expected.Count; i++)
            if (expected[i].HasValue && received[i].HasValue && expected[i] != received[i]) return false;
        return true;
    }
}
