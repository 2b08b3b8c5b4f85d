using System.Globalization;

namespace KerasSharp.Utils;

/// <summary>
/// Python's text for values that Keras puts into messages and configs: <c>repr(float)</c>
/// ("1.0", "0.01", "1e-05"), <c>True</c>/<c>False</c>/<c>None</c>, quoted strings.
/// </summary>
public static class PyRepr
{
    /// <summary>Python's repr of a float: shortest round-trip digits, ".0" on whole numbers, exponent form below 1e-4 and from 1e16.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        string sign = value < 0 ? "-" : "";
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exp10 = 0;
        int e = r.IndexOfAny(new[] { 'E', 'e' });
        if (e >= 0) { exp10 = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture); r = r[..e]; }
        int dot = r.IndexOf('.');
        string intPart = dot < 0 ? r : r[..dot], frac = dot < 0 ? "" : r[(dot + 1)..];
        string all = intPart + frac;
        int leadingZeros = all.Length - all.TrimStart('0').Length;
        string digits = all.TrimStart('0').TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int decpt = intPart.Length - leadingZeros + exp10; // digits × 10^(decpt − len)
        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0) return sign + "0." + new string('0', -decpt) + digits;
            if (decpt >= digits.Length) return sign + digits + new string('0', decpt - digits.Length) + ".0";
            return sign + digits[..decpt] + "." + digits[decpt..];
        }
        int exponent = decpt - 1;
        string mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Python's repr of a config value: None, True/False, numbers, 'strings', lists and dicts.</summary>
    public static string Value(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        double d => Float(d),
        float f => Float(f),
        string s => "'" + s + "'",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IReadOnlyDictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"'{kv.Key}': {Value(kv.Value)}")) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Value)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
