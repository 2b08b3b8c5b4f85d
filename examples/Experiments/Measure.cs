using System.Globalization;

namespace Experiments;

/// <summary>A number taken from each run (one per seed), which a claim's checks compare between variants.</summary>
public sealed record Measure(string Name, Func<RunSummary, double> Of, bool Percent)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Validation accuracy after the last epoch.</summary>
    public static readonly Measure ValAccuracy = new("validation accuracy", r => r.FinalValAcc, true);
    /// <summary>Training accuracy (the mean over the last epoch's batches, as Keras and TFLearn report it).</summary>
    public static readonly Measure TrainAccuracy = new("training accuracy", r => r.FinalTrainAcc, true);
    /// <summary>Training minus validation accuracy after the last epoch.</summary>
    public static readonly Measure Gap = new("gap between training and validation accuracy", r => r.Gap, true);
    /// <summary>Standard deviation of the step-to-step change of the raw batch loss.</summary>
    public static readonly Measure StepNoise = new("step-to-step loss noise", r => r.StepNoise, false);
    /// <summary>Training loss over the last epoch.</summary>
    public static readonly Measure TrainLoss = new("training loss", r => r.FinalTrainLoss, false);

    /// <summary>A value: a percentage with one decimal, or a number with three.</summary>
    public string Format(double v) => Percent ? (100 * v).ToString("0.0", Inv) + "%" : v.ToString("0.000", Inv);

    /// <summary>A spread without its unit: percentage points with one decimal, or a number with three.</summary>
    public string FormatPlain(double v) => Percent ? (100 * v).ToString("0.0", Inv) : v.ToString("0.000", Inv);

    /// <summary>A difference: percentage points, or a number with three decimals.</summary>
    public string FormatDifference(double d) => Percent ? (100 * d).ToString("0.0", Inv) + " points" : d.ToString("0.000", Inv);
}
