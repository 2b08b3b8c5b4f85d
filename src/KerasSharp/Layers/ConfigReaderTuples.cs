using System.Text.Json;
using KerasSharp.Saving;

namespace KerasSharp.Layers;

/// <summary>
/// Reads the tuple arguments of the one-dimensional and padding/cropping layers from a Keras
/// config, strictly: <c>3</c> or <c>[3]</c> for a length, <c>[[1, 2], [3, 4]]</c> for the two
/// sides of two dimensions. Anything else is an error naming the key and the value.
/// </summary>
internal static class ConfigReaderTuples
{
    static InvalidDataException Bad(ConfigReader c, string key, JsonElement v, string expected) =>
        new($"{c.ClassName} '{c.Name}': config key '{key}' has value {v.GetRawText()}; expected {expected}.");

    static int Int(ConfigReader c, string key, JsonElement e, string expected) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i) ? i : throw Bad(c, key, e, expected);

    /// <summary>An integer given as a number or a list of one number; null when missing.</summary>
    public static int? One(this ConfigReader c, string key)
    {
        if (c.Raw(key) is not { } v) return null;
        const string expected = "an integer or a list of 1 integer";
        if (v.ValueKind == JsonValueKind.Number) return Int(c, key, v, expected);
        if (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 1) return Int(c, key, v[0], expected);
        throw Bad(c, key, v, expected);
    }

    /// <summary>Two (before, after) pairs, one per spatial dimension: <c>[[t, b], [l, r]]</c>; null when missing.</summary>
    public static Int2x2? Sides(this ConfigReader c, string key)
    {
        if (c.Raw(key) is not { } v) return null;
        const string expected = "a list of 2 lists of 2 integers";
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2) throw Bad(c, key, v, expected);
        var pairs = new (int, int)[2];
        for (int i = 0; i < 2; i++)
        {
            var p = v[i];
            if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != 2) throw Bad(c, key, v, expected);
            pairs[i] = (Int(c, key, p[0], expected), Int(c, key, p[1], expected));
        }
        return new Int2x2(pairs[0], pairs[1]);
    }
}
