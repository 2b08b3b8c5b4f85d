using System.Text.Json;
using KerasSharp.Utils;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// <c>keras.optimizers.schedules</c>: the schedule classes, and <c>serialize</c>/<c>deserialize</c>
/// through a registry of class names (each class rebuilds itself with its own <c>from_config</c>).
/// </summary>
public sealed class SchedulesApi
{
    internal static readonly SchedulesApi Instance = new();
    static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>, LearningRateSchedule>> registry = new(StringComparer.Ordinal)
    {
        ["ExponentialDecay"] = global::KerasSharp.Optimizers.Schedules.ExponentialDecay.from_config,
        ["PiecewiseConstantDecay"] = global::KerasSharp.Optimizers.Schedules.PiecewiseConstantDecay.from_config,
        ["PolynomialDecay"] = global::KerasSharp.Optimizers.Schedules.PolynomialDecay.from_config,
        ["InverseTimeDecay"] = global::KerasSharp.Optimizers.Schedules.InverseTimeDecay.from_config,
        ["CosineDecay"] = global::KerasSharp.Optimizers.Schedules.CosineDecay.from_config,
        ["CosineDecayRestarts"] = global::KerasSharp.Optimizers.Schedules.CosineDecayRestarts.from_config,
    };

    /// <summary>Registers a schedule class (your own subclass) under its Keras class name, for deserialize.</summary>
    public static void Register(string className, Func<IReadOnlyDictionary<string, object?>, LearningRateSchedule> fromConfig)
    {
        lock (registry) registry[className] = fromConfig;
    }

    /// <summary>
    /// Rebuilds a schedule from Keras's serialized form ({"class_name": "ExponentialDecay", "config": {...}}),
    /// a dictionary or its JSON. An unknown class or key is refused with an error naming it.
    /// </summary>
    public static LearningRateSchedule Deserialize(object config)
    {
        var (cls, cfg) = ConfigReader.Serialized(config is JsonElement e ? ConfigReader.Normalize(e) : config, "learning rate schedule");
        Func<IReadOnlyDictionary<string, object?>, LearningRateSchedule>? f;
        lock (registry) registry.TryGetValue(cls, out f);
        if (f is null)
        {
            string known; lock (registry) known = string.Join(", ", registry.Keys.OrderBy(k => k, StringComparer.Ordinal));
            throw new ArgumentException($"Unknown learning rate schedule class '{cls}'. Known schedule classes: {known}.");
        }
        return f(cfg);
    }

    /// <summary>keras.optimizers.schedules.serialize.</summary>
    public Dictionary<string, object?> serialize(LearningRateSchedule learning_rate_schedule) => learning_rate_schedule.serialize();

    /// <summary>keras.optimizers.schedules.deserialize.</summary>
    public LearningRateSchedule deserialize(object config) => Deserialize(config);

    /// <summary>Keras ExponentialDecay.</summary>
    public ExponentialDecay ExponentialDecay(double initial_learning_rate, double decay_steps, double decay_rate, bool staircase = false, string name = "ExponentialDecay")
        => new(initial_learning_rate, decay_steps, decay_rate, staircase, name);
    /// <summary>Keras PiecewiseConstantDecay.</summary>
    public PiecewiseConstantDecay PiecewiseConstantDecay(IReadOnlyList<double> boundaries, IReadOnlyList<double> values, string name = "PiecewiseConstant")
        => new(boundaries, values, name);
    /// <summary>Keras PolynomialDecay.</summary>
    public PolynomialDecay PolynomialDecay(double initial_learning_rate, double decay_steps, double end_learning_rate = 0.0001, double power = 1.0,
        bool cycle = false, string name = "PolynomialDecay") => new(initial_learning_rate, decay_steps, end_learning_rate, power, cycle, name);
    /// <summary>Keras InverseTimeDecay.</summary>
    public InverseTimeDecay InverseTimeDecay(double initial_learning_rate, double decay_steps, double decay_rate, bool staircase = false, string name = "InverseTimeDecay")
        => new(initial_learning_rate, decay_steps, decay_rate, staircase, name);
    /// <summary>Keras CosineDecay (with warmup_target and warmup_steps).</summary>
    public CosineDecay CosineDecay(double initial_learning_rate, double decay_steps, double alpha = 0.0, string name = "CosineDecay",
        double? warmup_target = null, double warmup_steps = 0) => new(initial_learning_rate, decay_steps, alpha, name, warmup_target, warmup_steps);
    /// <summary>Keras CosineDecayRestarts.</summary>
    public CosineDecayRestarts CosineDecayRestarts(double initial_learning_rate, double first_decay_steps, double t_mul = 2.0, double m_mul = 1.0,
        double alpha = 0.0, string name = "SGDRDecay") => new(initial_learning_rate, first_decay_steps, t_mul, m_mul, alpha, name);
}
