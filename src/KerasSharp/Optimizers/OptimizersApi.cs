using System.Text.Json;
using KerasSharp.Optimizers.Schedules;
using KerasSharp.Utils;

namespace KerasSharp.Optimizers;

/// <summary>
/// <c>keras.optimizers</c>: the optimizer classes, <c>get</c>, <c>serialize</c>, <c>deserialize</c> and
/// <c>schedules</c>. Each class rebuilds itself from its Keras config with its own <c>from_config</c>,
/// registered here under its Keras class name.
/// </summary>
public sealed class OptimizersApi
{
    internal static readonly OptimizersApi Instance = new();

    // Keras's optimizers.ALL_OBJECTS_DICT: lower-cased class names, which get() and deserialize() match case-insensitively.
    static readonly Dictionary<string, (string className, Func<IReadOnlyDictionary<string, object?>, Optimizer> fromConfig)> byLowerName = new(StringComparer.Ordinal)
    {
        ["sgd"] = ("SGD", global::KerasSharp.Optimizers.SGD.from_config),
        ["adam"] = ("Adam", global::KerasSharp.Optimizers.Adam.from_config),
        ["adamw"] = ("AdamW", global::KerasSharp.Optimizers.AdamW.from_config),
        ["rmsprop"] = ("RMSprop", global::KerasSharp.Optimizers.RMSprop.from_config),
        ["adagrad"] = ("Adagrad", global::KerasSharp.Optimizers.Adagrad.from_config),
        ["adadelta"] = ("Adadelta", global::KerasSharp.Optimizers.Adadelta.from_config),
        ["adamax"] = ("Adamax", global::KerasSharp.Optimizers.Adamax.from_config),
        ["nadam"] = ("Nadam", global::KerasSharp.Optimizers.Nadam.from_config),
        ["ftrl"] = ("Ftrl", global::KerasSharp.Optimizers.Ftrl.from_config),
        ["lion"] = ("Lion", global::KerasSharp.Optimizers.Lion.from_config),
    };

    // Classes Keras rebuilds through their module path only (get("lamb") is unknown in Keras), and user registrations.
    static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>, Optimizer>> byClassName = new(StringComparer.Ordinal)
    {
        ["Lamb"] = global::KerasSharp.Optimizers.Lamb.from_config,
    };

    /// <summary>Registers an optimizer class (your own subclass) under its class name, for deserialize.</summary>
    public static void Register(string className, Func<IReadOnlyDictionary<string, object?>, Optimizer> fromConfig)
    {
        lock (byClassName) byClassName[className] = fromConfig;
    }

    static string KnownNames => string.Join(", ", byLowerName.Keys.OrderBy(k => k, StringComparer.Ordinal));

    /// <summary>The optimizer for a name (case-insensitive, as Keras), with Keras's defaults, or an error that lists the known names.</summary>
    public static Optimizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (byLowerName.TryGetValue(name.ToLowerInvariant(), out var e)) return e.fromConfig(new Dictionary<string, object?>());
        throw new ArgumentException($"Unknown optimizer '{name}'. Known optimizer names: {KnownNames}.");
    }

    /// <summary>
    /// Rebuilds an optimizer from Keras's serialized form ({"class_name": "Adam", "config": {...}}, as
    /// a dictionary or JSON) or a name. Unknown classes, unknown keys and unsupported values
    /// (use_ema=True, ...) are refused with an error that names them.
    /// </summary>
    public static Optimizer Deserialize(object config)
    {
        var (cls, cfg) = ConfigReader.Serialized(config is JsonElement e ? ConfigReader.Normalize(e) : config, "optimizer");
        if (byLowerName.TryGetValue(cls.ToLowerInvariant(), out var entry)) return entry.fromConfig(cfg);
        Func<IReadOnlyDictionary<string, object?>, Optimizer>? f;
        lock (byClassName) byClassName.TryGetValue(cls, out f);
        if (f is not null) return f(cfg);
        throw new ArgumentException($"Unknown optimizer class '{cls}'. Known optimizer classes: " +
            $"{string.Join(", ", byLowerName.Values.Select(v => v.className).Concat(byClassName.Keys).OrderBy(k => k, StringComparer.Ordinal))}.");
    }

    /// <summary>keras.optimizers.get: null gives null, a name or a serialized config gives a new optimizer, an optimizer is returned as is.</summary>
    public Optimizer? get(object? identifier) => identifier switch
    {
        null => null,
        Optimizer o => o,
        string s => Get(s),
        _ => Deserialize(identifier),
    };

    /// <summary>keras.optimizers.get for a name.</summary>
    public Optimizer get(string identifier) => Get(identifier);

    /// <summary>keras.optimizers.serialize: {module, class_name, config, registered_name}.</summary>
    public Dictionary<string, object?> serialize(Optimizer optimizer) => optimizer.serialize();

    /// <summary>keras.optimizers.deserialize.</summary>
    public Optimizer deserialize(object config) => Deserialize(config);

    /// <summary>keras.optimizers.schedules.</summary>
    public SchedulesApi schedules => SchedulesApi.Instance;

    /// <summary>Keras SGD.</summary>
    public SGD SGD(LearningRate? learning_rate = null, double momentum = 0.0, bool nesterov = false, double? weight_decay = null,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, momentum, nesterov, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Adam.</summary>
    public Adam Adam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras AdamW.</summary>
    public AdamW AdamW(LearningRate? learning_rate = null, double? weight_decay = 0.004, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, weight_decay, beta_1, beta_2, epsilon, amsgrad, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras RMSprop.</summary>
    public RMSprop RMSprop(LearningRate? learning_rate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, rho, momentum, epsilon, centered, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Adagrad.</summary>
    public Adagrad Adagrad(LearningRate? learning_rate = null, double initial_accumulator_value = 0.1, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, initial_accumulator_value, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Adadelta.</summary>
    public Adadelta Adadelta(LearningRate? learning_rate = null, double rho = 0.95, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, rho, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Adamax.</summary>
    public Adamax Adamax(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, beta_1, beta_2, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Nadam.</summary>
    public Nadam Nadam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, beta_1, beta_2, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Ftrl.</summary>
    public Ftrl Ftrl(LearningRate? learning_rate = null, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0, double l2_shrinkage_regularization_strength = 0.0,
        double beta = 0.0, double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, learning_rate_power, initial_accumulator_value, l1_regularization_strength, l2_regularization_strength,
            l2_shrinkage_regularization_strength, beta, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Lion.</summary>
    public Lion Lion(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.99,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, beta_1, beta_2, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
    /// <summary>Keras Lamb.</summary>
    public Lamb Lamb(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        => new(learning_rate, beta_1, beta_2, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, name);
}
