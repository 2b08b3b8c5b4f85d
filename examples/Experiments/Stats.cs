namespace Experiments;

/// <summary>Mean and sample standard deviation of a measure over seeds.</summary>
public readonly record struct Stats(double Mean, double Std, int N)
{
    /// <summary>Mean and sample standard deviation (n − 1; NaN for one value) of the finite values.</summary>
    public static Stats Of(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToList();
        if (v.Count == 0) return new Stats(double.NaN, double.NaN, 0);
        double m = v.Average();
        double sd = v.Count < 2 ? double.NaN : Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1));
        return new Stats(m, sd, v.Count);
    }

    /// <summary>"mean ± std" with the given format (just the mean for one value).</summary>
    public string ToString(string format) =>
        N == 0 ? "–" : double.IsNaN(Std) ? Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture)
        : $"{Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ± {Std.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";
}
