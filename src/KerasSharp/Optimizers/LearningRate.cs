using KerasSharp.Optimizers.Schedules;

namespace KerasSharp.Optimizers;

/// <summary>
/// What an optimizer's <c>learning_rate</c> argument accepts, as in Keras: a number, a
/// <see cref="LearningRateSchedule"/>, or a callable. Converts implicitly from each, so
/// <c>Adam(learning_rate: 0.01)</c> and <c>Adam(learning_rate: schedule)</c> both compile.
/// Keras calls a callable with no argument (<c>Func&lt;double&gt;</c>); KerasSharp also takes a
/// function of the optimizer's iterations (<c>Func&lt;long, double&gt;</c>). A lambda needs its
/// delegate type named, because C# does not convert a lambda through a user-defined conversion:
/// <c>learning_rate: (Func&lt;double&gt;)(() =&gt; 0.1)</c> or <c>LearningRate.from(step =&gt; ...)</c>.
/// </summary>
public sealed class LearningRate
{
    internal double? Constant { get; }
    internal LearningRateSchedule? Schedule { get; }
    internal Func<long, double>? OfStep { get; }
    internal Func<double>? Callable { get; }

    LearningRate(double? constant, LearningRateSchedule? schedule, Func<long, double>? ofStep, Func<double>? callable)
    {
        if (constant is double c && (double.IsNaN(c) || double.IsInfinity(c)))
            throw new ArgumentException("Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a callable " +
                $"(that takes in the current iteration value and returns the corresponding learning rate value). Received instead: learning_rate={Utils.PyRepr.Float(c)}");
        Constant = constant; Schedule = schedule; OfStep = ofStep; Callable = callable;
    }

    /// <summary>A constant rate.</summary>
    public static implicit operator LearningRate(double value) => new(value, null, null, null);
    /// <summary>A schedule of the optimizer's iterations.</summary>
    public static implicit operator LearningRate(LearningRateSchedule schedule) =>
        new(null, schedule ?? throw new ArgumentNullException(nameof(schedule)), null, null);
    /// <summary>A function of the optimizer's iterations.</summary>
    public static implicit operator LearningRate(Func<long, double> ofIterations) =>
        new(null, null, ofIterations ?? throw new ArgumentNullException(nameof(ofIterations)), null);
    /// <summary>Keras's callable form: a function of no argument, called at every step.</summary>
    public static implicit operator LearningRate(Func<double> callable) =>
        new(null, null, null, callable ?? throw new ArgumentNullException(nameof(callable)));

    /// <summary>A rate from a function of the optimizer's iterations (names the delegate type for a lambda).</summary>
    public static LearningRate from(Func<long, double> ofIterations) => ofIterations;
    /// <summary>A rate from a function of no argument (Keras's callable form).</summary>
    public static LearningRate from(Func<double> callable) => callable;

    /// <summary>The rate at <paramref name="iterations"/>.</summary>
    internal double At(long iterations) =>
        Constant ?? Schedule?.call(iterations) ?? OfStep?.Invoke(iterations) ?? Callable!.Invoke();

    /// <summary>The callable's name for Keras's serialized form of a function.</summary>
    internal string FunctionName => (OfStep?.Method ?? Callable?.Method)?.Name ?? "";
}
