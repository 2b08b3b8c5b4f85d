using System.Diagnostics;
using System.Globalization;

namespace KerasSharp.Benchmarks;

/// <summary>One side of a comparison: a name and a run that returns its cost (seconds per step or per sample).</summary>
sealed record Side(string Name, Func<double> Run);

/// <summary>Timing, ordering and reporting shared by every benchmark.</summary>
static class Harness
{
    /// <summary>
    /// Runs every side <paramref name="repeats"/> times, in a rotating order (each side runs first
    /// as often as the others, so that none always follows another), and reports each baseline
    /// against the first side as a speed ratio: baseline cost / first side's cost, so 1.00 means
    /// equal speed and 0.97 means the first side is 3% slower. The ratio of each repeat compares runs
    /// made next to each other (the same machine state); its median and quartiles are the figures.
    /// Each run starts from a settled heap (<see cref="Settle"/>).
    /// </summary>
    public static Dictionary<string, double> Compare(string title, IReadOnlyList<Side> sides, int repeats, Func<double, string> fmt)
    {
        foreach (var s in sides) { Settle(); s.Run(); } // warm-up
        var costs = sides.Select(_ => new List<double>()).ToArray();
        var faults = sides.Select(_ => new List<double>()).ToArray();
        for (int i = 0; i < repeats; i++)
            for (int k = 0; k < sides.Count; k++)
            {
                int j = (k + i) % sides.Count;
                Settle();
                long f0 = MinorFaults();
                costs[j].Add(sides[j].Run());
                faults[j].Add(MinorFaults() - f0);
            }
        Console.WriteLine(title);
        for (int k = 0; k < sides.Count; k++)
            Console.WriteLine($"  {sides[k].Name,-34} median {fmt(Median(costs[k])),14}   fastest tenth {fmt(Quantile(costs[k], 0.1)),14}   " +
                $"page faults per run: median {Median(faults[k]):0}, most {faults[k].Max():0}");
        var result = new Dictionary<string, double>();
        for (int k = 1; k < sides.Count; k++)
        {
            var ratios = costs[k].Zip(costs[0], (b, f) => b / f).OrderBy(r => r).ToList();
            double med = Median(ratios);
            result[sides[k].Name] = med;
            Console.WriteLine($"  {sides[0].Name} speed / {sides[k].Name}: {med.ToString("0.000", CultureInfo.InvariantCulture)}× " +
                $"(paired median of {repeats}; quartiles {ratios[ratios.Count / 4].ToString("0.000", CultureInfo.InvariantCulture)}, " +
                $"{ratios[3 * ratios.Count / 4].ToString("0.000", CultureInfo.InvariantCulture)})");
        }
        return result;
    }

    /// <summary>
    /// Before each timed run (untimed): collects the garbage and runs the finalizers the previous run
    /// left, so that no side pays for another's leftovers (the idiomatic loops leave their DataLoader
    /// batches and optimizers to the finalizer, and on two cores the finalizer thread running native
    /// frees during the next run takes a core from the engine's threads).
    /// </summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Calls <paramref name="f"/> until the JIT has compiled no method for 2 s (at most 60 s); returns the number of calls.</summary>
    public static int WarmUp(Action f)
    {
        var quiet = Stopwatch.StartNew(); var total = Stopwatch.StartNew();
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        int calls = 0;
        while (quiet.Elapsed.TotalSeconds < 2 && total.Elapsed.TotalSeconds < 60)
        {
            f(); calls++;
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled) { compiled = now; quiet.Restart(); }
        }
        return calls;
    }

    public static double Quantile(List<double> v, double q) { var s = v.OrderBy(x => x).ToList(); return s[(int)(q * (s.Count - 1))]; }
    public static double Median(List<double> v) { var s = v.OrderBy(x => x).ToList(); return s[s.Count / 2]; }

    /// <summary>
    /// Minor page faults of this process so far (/proc/self/stat, field 10): memory the allocator
    /// took from the kernel again, for example after glibc trimmed the top of its heap.
    /// </summary>
    public static long MinorFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, minflt field 10.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[10 - 3], CultureInfo.InvariantCulture);
    }

    /// <summary>The resident set size of this process, in MB (/proc/self/status VmRSS).</summary>
    public static double RssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return double.NaN;
    }

    /// <summary>Least-squares slope of y over x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double num = 0, den = 0;
        for (int i = 0; i < x.Count; i++) { num += (x[i] - mx) * (y[i] - my); den += (x[i] - mx) * (x[i] - mx); }
        return den == 0 ? 0 : num / den;
    }

    public static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
}
