using System.Globalization;
using System.Numerics;
using System.Text;

namespace KerasSharp.TFLearn;

/// <summary>
/// numpy's <c>str()</c> of a float32 array, with numpy's default print options (precision 8,
/// floatmode 'maxprec', line width 75, threshold 1000, edge items 3): the shortest digits that
/// identify each float32 (at most 8 after the point), padded to a common width; scientific
/// notation when a value is at least 1e8, below 1e-4, or the largest is over 1000 times the
/// smallest; long axes summarized with "...". TFLearn returns numpy arrays, and scripts print them.
/// </summary>
internal static class NumpyFormat
{
    const int Precision = 8, LineWidth = 75, Threshold = 1000, EdgeItems = 3;

    /// <summary>The text numpy prints for a float32 array of this shape (row-major values).</summary>
    public static string Format(float[] data, int[] shape)
    {
        long size = shape.Aggregate(1L, (a, b) => a * b);
        if (size != data.Length) throw new ArgumentException($"{data.Length} values do not fill shape [{string.Join(", ", shape)}].");
        if (shape.Length == 0) return new FloatFormat(data).Format(data[0]);
        if (size == 0) return "[]";
        bool summarize = size > Threshold;
        var shown = summarize ? Edges(data, shape) : data;
        var f = new FloatFormat(shown);
        var strides = new int[shape.Length];
        for (int d = shape.Length - 1, s = 1; d >= 0; s *= shape[d], d--) strides[d] = s;
        return Recurse(data, shape, strides, 0, 0, " ", LineWidth, f, summarize);
    }

    // numpy's _leading_trailing: the values that a summarized print shows (the format is fitted to them).
    static float[] Edges(float[] data, int[] shape)
    {
        var result = new List<float>();
        void Walk(int axis, int offset, int stride)
        {
            if (axis == shape.Length) { result.Add(data[offset]); return; }
            int n = shape[axis], inner = stride / n;
            IEnumerable<int> idx = n > 2 * EdgeItems ? Enumerable.Range(0, EdgeItems).Concat(Enumerable.Range(n - EdgeItems, EdgeItems)) : Enumerable.Range(0, n);
            foreach (int i in idx) Walk(axis + 1, offset + i * inner, inner);
        }
        Walk(0, 0, data.Length);
        return result.ToArray();
    }

    // numpy's _formatArray recurser (non-legacy mode, separator ' ').
    static string Recurse(float[] data, int[] shape, int[] strides, int axis, int offset, string hangingIndent, int currWidth, FloatFormat f, bool summarize)
    {
        if (axis == shape.Length) return f.Format(data[offset]);
        string nextIndent = hangingIndent + " ";
        int nextWidth = currWidth - 1;
        int n = shape[axis];
        bool showSummary = summarize && 2 * EdgeItems < n;
        int leading = showSummary ? EdgeItems : 0, trailing = showSummary ? EdgeItems : n;
        int axesLeft = shape.Length - axis;
        string Item(int i) => Recurse(data, shape, strides, axis + 1, offset + i * strides[axis], nextIndent, nextWidth, f, summarize);
        var s = new StringBuilder();
        if (axesLeft == 1)
        {
            int elemWidth = currWidth - 1;
            string line = hangingIndent;
            for (int i = 0; i < leading; i++) { line = Extend(s, line, Item(i), elemWidth, hangingIndent); line += " "; }
            if (showSummary) { line = Extend(s, line, "...", elemWidth, hangingIndent); line += " "; }
            for (int i = trailing; i > 1; i--) { line = Extend(s, line, Item(n - i), elemWidth, hangingIndent); line += " "; }
            line = Extend(s, line, Item(n - 1), elemWidth, hangingIndent);
            s.Append(line);
        }
        else
        {
            string lineSep = new('\n', axesLeft - 1);
            for (int i = 0; i < leading; i++) s.Append(hangingIndent).Append(Item(i)).Append(lineSep);
            if (showSummary) s.Append(hangingIndent).Append("...").Append(lineSep);
            for (int i = trailing; i > 1; i--) s.Append(hangingIndent).Append(Item(n - i)).Append(lineSep);
            s.Append(hangingIndent).Append(Item(n - 1));
        }
        return "[" + s.ToString(hangingIndent.Length, s.Length - hangingIndent.Length) + "]";
    }

    // numpy's _extendLine: wrap when the word would pass the width (unless the line holds only the indent).
    static string Extend(StringBuilder s, string line, string word, int width, string nextPrefix)
    {
        bool wrap = line.Length + word.Length > width && line.Length > nextPrefix.Length;
        if (wrap)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = nextPrefix;
        }
        return line + word;
    }

    /// <summary>numpy's FloatingFormat, fitted to the values shown.</summary>
    sealed class FloatFormat
    {
        readonly bool exp;
        readonly int padLeft, padRight, precision, expSize;

        public FloatFormat(float[] values)
        {
            var finite = values.Where(float.IsFinite).ToArray();
            var nonZero = finite.Where(v => v != 0).Select(Math.Abs).ToArray();
            if (nonZero.Length > 0)
            {
                double max = nonZero.Max(), min = nonZero.Min();
                exp = max >= 1e8 || min < 0.0001 || max / min > 1000.0;
            }
            if (finite.Length == 0) { padLeft = 0; padRight = 0; expSize = -1; }
            else if (exp)
            {
                var parts = finite.Select(v => Scientific(v, -1, 0)).ToArray();
                expSize = parts.Max(p => p.Split('e')[1].Length) - 1;
                precision = parts.Max(p => p.Split('e')[0].Split('.')[1].Length);
                padLeft = parts.Max(p => p.Split('.')[0].Length);
                padRight = expSize + 2 + precision;
            }
            else
            {
                var parts = finite.Select(Positional).ToArray();
                padLeft = parts.Max(p => p.Split('.')[0].Length);
                padRight = parts.Max(p => p.Split('.')[1].Length);
                expSize = -1;
            }
            if (finite.Length != values.Length)
            {
                bool negInf = values.Any(v => float.IsNegativeInfinity(v));
                int offset = padRight + 1;
                padLeft = Math.Max(padLeft, Math.Max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
            }
        }

        public string Format(float v)
        {
            if (!float.IsFinite(v))
            {
                string r = float.IsNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
                return new string(' ', Math.Max(0, padLeft + padRight + 1 - r.Length)) + r;
            }
            if (exp)
            {
                var s = Scientific(v, precision, expSize);
                int dot = s.IndexOf('.');
                return new string(' ', Math.Max(0, padLeft - dot)) + s;
            }
            var p = Positional(v);
            int point = p.IndexOf('.');
            int frac = p.Length - point - 1;
            return new string(' ', Math.Max(0, padLeft - point)) + p + new string(' ', Math.Max(0, padRight - frac));
        }
    }

    // ----- digits -----

    /// <summary>The shortest digits that identify a float32 and its decimal exponent: v = 0.d₁d₂… × 10^point.</summary>
    static (bool negative, string digits, int point) Shortest(float v)
    {
        string r = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        bool neg = float.IsNegative(v);
        int e = 0;
        int ei = r.IndexOfAny(new[] { 'E', 'e' });
        if (ei >= 0) { e = int.Parse(r[(ei + 1)..], CultureInfo.InvariantCulture); r = r[..ei]; }
        int dot = r.IndexOf('.');
        string intPart = dot < 0 ? r : r[..dot], fracPart = dot < 0 ? "" : r[(dot + 1)..];
        string digits = intPart + fracPart;
        int point = intPart.Length + e;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') { lead++; point--; }
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0) { digits = "0"; point = 1; }
        return (neg, digits, point);
    }

    /// <summary>The exact decimal digits of a float32 (every float32 is a finite decimal): v = 0.d₁d₂… × 10^point.</summary>
    static (string digits, int point) Exact(float v)
    {
        int bits = BitConverter.SingleToInt32Bits(Math.Abs(v));
        int expBits = (bits >> 23) & 0xFF;
        long mant = bits & 0x7FFFFF;
        int e2;
        if (expBits == 0) e2 = -149; else { mant |= 0x800000; e2 = expBits - 150; }
        if (mant == 0) return ("0", 1);
        BigInteger n; int frac;
        if (e2 >= 0) { n = new BigInteger(mant) << e2; frac = 0; }
        else { n = new BigInteger(mant) * BigInteger.Pow(5, -e2); frac = -e2; }
        string s = n.ToString(CultureInfo.InvariantCulture);
        int point = s.Length - frac;
        string digits = s.TrimEnd('0');
        return (digits, point);
    }

    /// <summary>Rounds digits (0.d₁d₂… × 10^point) to keep <paramref name="keep"/> digits, ties to even (Dragon4's rule).</summary>
    static (string digits, int point) Round(string digits, int point, int keep)
    {
        if (keep >= digits.Length) return (digits, point);
        if (keep < 0) return ("0", 1);
        var head = digits[..keep].ToCharArray();
        char next = digits[keep];
        bool restNonZero = digits[(keep + 1)..].Any(c => c != '0');
        bool up = next > '5' || (next == '5' && (restNonZero || (keep > 0 && (head[keep - 1] - '0') % 2 == 1)));
        if (up)
        {
            int i = keep - 1;
            while (i >= 0 && head[i] == '9') { head[i] = '0'; i--; }
            if (i < 0) return ("1", point + 1); // every kept digit was 9
            head[i]++;
        }
        string r = new string(head).TrimEnd('0');
        return r.Length == 0 ? ("0", 1) : (r, point);
    }

    /// <summary>dragon4_positional(unique, precision 8, trim '.'): "1.", "0.5", "-0.01234568".</summary>
    static string Positional(float v)
    {
        var (neg, digits, point) = Shortest(v);
        if (digits != "0" && digits.Length - point > Precision)
        {
            (digits, point) = Exact(v);
            (digits, point) = Round(digits, point, point + Precision);
        }
        string intPart, frac;
        if (digits == "0") { intPart = "0"; frac = ""; }
        else if (point <= 0) { intPart = "0"; frac = new string('0', -point) + digits; }
        else if (point >= digits.Length) { intPart = digits + new string('0', point - digits.Length); frac = ""; }
        else { intPart = digits[..point]; frac = digits[point..]; }
        return (neg ? "-" : "") + intPart + "." + frac;
    }

    /// <summary>dragon4_scientific(unique): "1.e-05", "1.5e+00"; with min digits, the fraction is padded with zeros.</summary>
    static string Scientific(float v, int minDigits, int expDigits)
    {
        var (neg, digits, point) = Shortest(v);
        if (digits.Length - 1 > Precision)
        {
            var (exact, exactPoint) = Exact(v);
            (digits, point) = Round(exact, exactPoint, Precision + 1);
        }
        int e = digits == "0" ? 0 : point - 1;
        string frac = digits[1..];
        if (minDigits > frac.Length) frac += new string('0', minDigits - frac.Length);
        string exponent = Math.Abs(e).ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(expDigits, 2), '0');
        return (neg ? "-" : "") + digits[0] + "." + frac + "e" + (e < 0 ? "-" : "+") + exponent;
    }
}
