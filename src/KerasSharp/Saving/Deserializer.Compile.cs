using System.Text.Json;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;

namespace KerasSharp.Saving;

// The objects of a compile config: optimizer, losses, metrics. Each is read strictly (every key
// honoured or refused). These three entry points are the only places the loader builds them; they
// are to be replaced by the classes' own from_config (OptimizersApi.Deserialize,
// keras.losses.deserialize, keras.metrics.deserialize) when those exist.
public static partial class Deserializer
{
    static readonly string[] optimizerClasses = { "SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam" };

    /// <summary>An optimizer from a name or its serialized form {class_name, config}.</summary>
    public static Optimizer Optimizer(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String) return OptimizersApi.Get(e.GetString()!);
        var (cls, config) = Wrapped(e, "optimizer");
        // Keras's deserialize is case-insensitive for its built-in optimizers ("adam" or "Adam").
        cls = optimizerClasses.FirstOrDefault(k => string.Equals(k, cls, StringComparison.OrdinalIgnoreCase)) ?? throw Unsupported("optimizer", cls, optimizerClasses);
        var c = new ConfigReader(cls, config);
        if (c.Raw("learning_rate") is { ValueKind: JsonValueKind.Object } schedule)
            throw new NotSupportedException($"{cls}: config key 'learning_rate' = {Show(schedule)} is a schedule object; KerasSharp reads a constant learning rate here (use LearningRateScheduler).");
        double lr = c.Num("learning_rate", cls switch { "SGD" => 0.01, "Adadelta" => 0.001, _ => 0.001 });
        string? name = c.Str("name");
        c.Expect("weight_decay", v => v is null, "null (KerasSharp's optimizers apply no decoupled weight decay)");
        c.Expect("use_ema", v => v is null || v.Value.ValueKind == JsonValueKind.False, "false (KerasSharp keeps no moving average of the weights)");
        // Used only when use_ema is true, which is refused above: they change nothing here.
        c.Ignore("ema_momentum", "ema_overwrite_frequency");
        c.ExpectNull("loss_scale_factor", "gradient_accumulation_steps");
        // Keras 3 ignores tf.keras 2's "decay" with a warning (base_optimizer.py).
        if (c.Raw("decay") is { } decay && decay.ValueKind != JsonValueKind.Null)
            Console.Error.WriteLine("UserWarning: Argument `decay` is no longer supported and will be ignored.");
        double? cn = c.NumOrNull("clipnorm"), cv = c.NumOrNull("clipvalue"), gc = c.NumOrNull("global_clipnorm");
        Optimizer o = cls switch
        {
            "SGD" => new SGD(lr, c.Num("momentum", 0), c.Bool("nesterov", false), cn, cv, gc, name ?? "SGD"),
            "Adam" => new Adam(lr, c.Num("beta_1", 0.9), c.Num("beta_2", 0.999), c.Num("epsilon", 1e-7), c.Bool("amsgrad", false), cn, cv, gc, name ?? "adam"),
            "RMSprop" => new RMSprop(lr, c.Num("rho", 0.9), c.Num("momentum", 0), c.Num("epsilon", 1e-7), c.Bool("centered", false), cn, cv, gc, name ?? "rmsprop"),
            "Adagrad" => new Adagrad(lr, c.Num("initial_accumulator_value", 0.1), c.Num("epsilon", 1e-7), cn, cv, gc, name ?? "adagrad"),
            "Adadelta" => new Adadelta(lr, c.Num("rho", 0.95), c.Num("epsilon", 1e-7), cn, cv, gc, name ?? "adadelta"),
            "Adamax" => new Adamax(lr, c.Num("beta_1", 0.9), c.Num("beta_2", 0.999), c.Num("epsilon", 1e-7), cn, cv, gc, name ?? "adamax"),
            _ => new Nadam(lr, c.Num("beta_1", 0.9), c.Num("beta_2", 0.999), c.Num("epsilon", 1e-7), cn, cv, gc, name ?? "nadam"),
        };
        c.Done();
        return o;
    }

    static readonly string[] lossClasses = { "MeanSquaredError", "MeanAbsoluteError", "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "Hinge", "Huber", "KLDivergence" };

    /// <summary>A loss from a name or its serialized form; every config key is honoured or refused.</summary>
    public static Loss Loss(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String) return LossesApi.Get(e.GetString()!);
        var (cls, config) = Wrapped(e, "loss");
        if (cls == "function")
            throw new NotSupportedException($"The loss {Show(e)} is a serialized Python function; KerasSharp rebuilds only its own losses. Compile the loaded model again with the loss.");
        var c = new ConfigReader(cls, config);
        // The name is shown nowhere (the logs say "loss"); the reduction must be Keras's default.
        c.Ignore("name");
        c.Expect("reduction", v => v is null || v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == "sum_over_batch_size", "\"sum_over_batch_size\"");
        c.Expect("dtype", v => v is null || v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == "float32", "null or \"float32\"");
        var api = LossesApi.Instance;
        Loss l;
        switch (cls)
        {
            case "MeanSquaredError": l = api.MeanSquaredError(); break;
            case "MeanAbsoluteError": l = api.MeanAbsoluteError(); break;
            case "BinaryCrossentropy":
            case "CategoricalCrossentropy":
                c.Expect("axis", v => v is null || v.Value.ValueKind == JsonValueKind.Number && v.Value.GetInt32() == -1, "-1");
                l = cls == "BinaryCrossentropy" ? api.BinaryCrossentropy(c.Bool("from_logits", false), c.Num("label_smoothing", 0))
                    : api.CategoricalCrossentropy(c.Bool("from_logits", false), c.Num("label_smoothing", 0));
                break;
            case "SparseCategoricalCrossentropy":
                c.ExpectNull("ignore_class");
                c.Expect("axis", v => v is null || v.Value.ValueKind == JsonValueKind.Number && v.Value.GetInt32() == -1, "-1");
                l = api.SparseCategoricalCrossentropy(c.Bool("from_logits", false));
                break;
            case "Hinge": l = api.Hinge(); break;
            case "Huber": l = api.Huber(c.Num("delta", 1.0)); break;
            case "KLDivergence": l = api.KLDivergence(); break;
            default: throw Unsupported("loss", cls, lossClasses);
        }
        c.Done();
        return l;
    }

    static readonly string[] metricClasses = { "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy", "MeanAbsoluteError", "MeanSquaredError", "MeanMetricWrapper" };

    /// <summary>A metric from a name or its serialized form; every config key is honoured or refused.</summary>
    public static Metric Metric(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String) return MetricsApi.Get(e.GetString()!);
        var (cls, config) = Wrapped(e, "metric");
        var c = new ConfigReader(cls, config);
        c.Expect("dtype", v => v is null || v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == "float32", "null or \"float32\"");
        string? name = c.Str("name");
        var api = MetricsApi.Instance;
        Metric m = cls switch
        {
            "BinaryAccuracy" => api.BinaryAccuracy(c.Num("threshold", 0.5)),
            "CategoricalAccuracy" => api.CategoricalAccuracy(),
            "SparseCategoricalAccuracy" => api.SparseCategoricalAccuracy(),
            "TopKCategoricalAccuracy" => api.TopKCategoricalAccuracy(c.Int("k", 5)),
            "MeanAbsoluteError" => api.MeanAbsoluteError(),
            "MeanSquaredError" => api.MeanSquaredError(),
            // tf.keras 2 serialized string metrics as a wrapper of the function's name.
            "MeanMetricWrapper" => MetricsApi.Get(c.Str("fn") ?? throw new InvalidDataException($"MeanMetricWrapper {Show(e)} has no 'fn'.")),
            _ => throw Unsupported("metric", cls, metricClasses),
        };
        c.Done();
        return name is not null && name != m.name ? new Metric(name, m.class_name, m.PerSample) : m;
    }
}
