using System.Globalization;

namespace KerasSharp.TFLearn;

/// <summary>What DNN.predict returns: rows of floats that print as numpy prints them ([[0.04013482]]).</summary>
public sealed class Prediction : IReadOnlyList<float[]>
{
    readonly float[][] rows;
    /// <summary>Wraps rows of values.</summary>
    public Prediction(float[][] rows) => this.rows = rows;
    /// <inheritdoc />
    public float[] this[int index] => rows[index];
    /// <inheritdoc />
    public int Count => rows.Length;
    /// <inheritdoc />
    public IEnumerator<float[]> GetEnumerator() => ((IEnumerable<float[]>)rows).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => rows.GetEnumerator();
    /// <summary>The values as arrays.</summary>
    public static implicit operator float[][](Prediction p) => p.rows;

    /// <summary>numpy's shortest float32 form: 0.04013482, 1., 0.5.</summary>
    public static string FormatFloat(float v)
    {
        if (float.IsNaN(v)) return "nan";
        if (float.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var s = v.ToString(CultureInfo.InvariantCulture); // shortest round-trip form, as numpy prints float32
        if (s.Contains('E'))
        {
            // numpy switches to scientific form below 1e-4: 1.2345e-05
            var e = v.ToString("0.########e+00", CultureInfo.InvariantCulture);
            return e;
        }
        return s.Contains('.') ? s : s + ".";
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var cells = rows.Select(r => r.Select(FormatFloat).ToArray()).ToArray();
        int width = cells.SelectMany(c => c).Select(c => c.Length).DefaultIfEmpty(0).Max();
        var lines = cells.Select(r => "[" + string.Join(" ", r.Select(c => c.PadLeft(width))) + "]");
        return "[" + string.Join("\n ", lines) + "]";
    }
}
