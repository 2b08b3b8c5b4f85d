namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Keras's <c>keras.optimizers.schedules.LearningRateSchedule</c>: the learning rate as a function
/// of the optimizer's step (its <c>iterations</c>, counted before the update). Pass one as an
/// optimizer's <c>learning_rate</c>; the optimizer then reads it at every step, and its rate can no
/// longer be set. Subclass it for your own schedule: override <see cref="call"/> and
/// <see cref="get_config"/>.
/// </summary>
/// <remarks>
/// Keras computes a schedule in float32 (the dtype of its initial rate); KerasSharp computes in
/// double, and the optimizer applies the rate in the variable's dtype. The difference is below
/// float32's resolution in Keras's own schedule tests (tolerance 1e-6).
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>The schedule's name (Keras's default is the class name, for example "ExponentialDecay").</summary>
    public string name { get; protected init; } = "";

    /// <summary>The Keras class name ("ExponentialDecay").</summary>
    public virtual string class_name => GetType().Name;

    /// <summary>The learning rate at <paramref name="step"/> (Python's <c>schedule(step)</c>).</summary>
    public abstract double call(double step);

    /// <summary>Keras's get_config: the constructor arguments.</summary>
    public abstract Dictionary<string, object?> get_config();

    /// <summary>keras.optimizers.schedules.serialize: {module, class_name, config, registered_name}.</summary>
    public Dictionary<string, object?> serialize() =>
        Utils.ConfigReader.Serialize("keras.optimizers.schedules", class_name, get_config());

    /// <summary>Checks a decay_steps argument as Keras does.</summary>
    protected static void RequirePositive(double value, string argument)
    {
        if (!(value > 0))
            throw new ArgumentException($"Argument `{argument}` must be > 0. Received: {argument}={Utils.PyRepr.Value(Utils.ConfigReader.IntIfWhole(value))}");
    }
}
