namespace Experiments;

/// <summary>How one check came out.</summary>
public enum Outcome
{
    /// <summary>The difference is in the claimed direction and larger than the spread across seeds.</summary>
    Supports,
    /// <summary>The difference is against the claim and larger than the spread across seeds.</summary>
    Contradicts,
    /// <summary>The difference is within the spread across seeds (or there is only one seed).</summary>
    Unclear,
}

/// <summary>One check's numbers: each variant's mean ± std over seeds, their difference and the spread it must exceed.</summary>
public sealed record CheckResult(Check Check, Stats Higher, Stats? Lower, double Difference, double Spread, Outcome Outcome)
{
    /// <summary>One sentence with the numbers.</summary>
    public string Sentence
    {
        get
        {
            var m = Check.Measure;
            string S(Stats s) => s.N == 0 ? "no run" : double.IsNaN(s.Std) ? m.Format(s.Mean) : $"{m.Format(s.Mean)} ± {m.FormatPlain(s.Std)}";
            string against = Lower is { } l ? $"{Check.Lower} {S(l)}" : "0";
            string outcome = Outcome switch
            {
                Outcome.Supports => "supports the claim",
                Outcome.Contradicts => "contradicts the claim",
                _ => double.IsNaN(Spread) ? "unclear (one seed: no spread to compare with)" : "unclear (within the spread)",
            };
            string spread = double.IsNaN(Spread) ? "" : $", spread across seeds {m.FormatDifference(Spread)}";
            return $"{char.ToUpperInvariant(Check.Says[0])}{Check.Says[1..]}: {m.Name} {Check.Higher} {S(Higher)} against {against} " +
                   $"(difference {m.FormatDifference(Difference)}{spread}): {outcome}.";
        }
    }
}

/// <summary>Whether an experiment's claim held, from every check of it.</summary>
public sealed record Verdict(string Word, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>"held", "did not hold", "unclear" or "not checked".</summary>
    public override string ToString() => Word;

    /// <summary>
    /// Each check compares the means over seeds of two variants (or of one variant against 0). It
    /// decides only when the difference of the means exceeds the spread across seeds, taken as the
    /// sum of the two sample standard deviations (the mean ± std intervals do not overlap); with one
    /// seed there is no spread and nothing is decided. The claim "held" when every check supports it,
    /// "did not hold" when any check contradicts it, and is "unclear" otherwise.
    /// </summary>
    public static Verdict Decide(Experiment e, IReadOnlyDictionary<string, List<RunSummary>> runs)
    {
        if (e.Variants.Any(v => !runs.TryGetValue(v.Name, out var r) || r.Count == 0))
            return new Verdict("not checked", Array.Empty<CheckResult>());
        var results = new List<CheckResult>();
        foreach (var c in e.Checks)
        {
            var hi = Stats.Of(runs[c.Higher].Select(c.Measure.Of));
            Stats? lo = c.Lower is null ? null : Stats.Of(runs[c.Lower].Select(c.Measure.Of));
            double diff = hi.Mean - (lo?.Mean ?? 0);
            double spread = hi.Std + (lo is { } l ? l.Std : 0);
            var outcome = double.IsNaN(spread) || double.IsNaN(diff) ? Outcome.Unclear
                : diff > spread ? Outcome.Supports : diff < -spread ? Outcome.Contradicts : Outcome.Unclear;
            results.Add(new CheckResult(c, hi, lo, diff, spread, outcome));
        }
        string word = results.All(r => r.Outcome == Outcome.Supports) ? "held"
            : results.Any(r => r.Outcome == Outcome.Contradicts) ? "did not hold" : "unclear";
        return new Verdict(word, results);
    }
}
