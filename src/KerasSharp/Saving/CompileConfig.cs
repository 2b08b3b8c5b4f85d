using System.Collections;
using System.Text.Json;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Optimizers;

namespace KerasSharp.Saving;

/// <summary>
/// The arguments compile received, as given, which is what Keras keeps (trainer.py's
/// _compile_config) and writes as a model's "compile_config": a loss or metric given by name stays
/// a name, an object is written in its serialized form, lists and dictionaries by output name keep
/// their shape. Reading does the reverse and compiles the model.
/// </summary>
public sealed class CompileConfig
{
    /// <summary>The optimizer compile resolved (Keras writes the optimizer object, even when given by name).</summary>
    public Optimizer optimizer { get; }
    /// <summary>The loss argument as given.</summary>
    public object? loss { get; }
    /// <summary>The loss_weights argument as given.</summary>
    public object? loss_weights { get; }
    /// <summary>The metrics argument as given.</summary>
    public object? metrics { get; }
    /// <summary>The weighted_metrics argument as given.</summary>
    public object? weighted_metrics { get; }

    /// <summary>Keeps compile's arguments.</summary>
    public CompileConfig(Optimizer optimizer, object? loss, object? loss_weights, object? metrics, object? weighted_metrics)
    {
        this.optimizer = optimizer; this.loss = loss; this.loss_weights = loss_weights; this.metrics = metrics; this.weighted_metrics = weighted_metrics;
    }

    // ----- writing -----

    /// <summary>keras.optimizers.serialize.</summary>
    public static Dictionary<string, object?> SerializeOptimizer(Optimizer o) => o.serialize();

    /// <summary>keras.losses.serialize.</summary>
    public static Dictionary<string, object?> SerializeLoss(Loss l) => LossesApi.Instance.serialize(l);

    /// <summary>keras.metrics.serialize.</summary>
    public static Dictionary<string, object?> SerializeMetric(Metric m) => MetricsApi.Instance.serialize(m);

    /// <summary>A C# function as Keras serializes a Python function: by its name (it cannot be rebuilt from the file).</summary>
    static Dictionary<string, object?> SerializeFunction(Delegate f) => new()
    {
        ["module"] = "builtins", ["class_name"] = "function", ["config"] = f.Method.Name, ["registered_name"] = "function",
    };

    /// <summary>serialize_keras_object over a compile argument's structure.</summary>
    static object? Serialize(object? o) => o switch
    {
        null => null,
        string s => s,
        AutoAccuracy a => a.name,
        Loss l => SerializeLoss(l),
        Metric m => SerializeMetric(m),
        Delegate f => SerializeFunction(f),
        double or float or int or long => o,
        IDictionary d => d.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => Serialize(d[k])),
        IEnumerable e => e.Cast<object?>().Select(Serialize).ToList(),
        _ => throw new ArgumentException($"Cannot serialize the compile argument {o} ({o.GetType().Name})."),
    };

    /// <summary>The "compile_config" Keras writes.</summary>
    public Dictionary<string, object?> Serialize() => new()
    {
        ["optimizer"] = SerializeOptimizer(optimizer),
        ["loss"] = Serialize(loss),
        ["loss_weights"] = Serialize(loss_weights),
        ["metrics"] = Serialize(metrics),
        ["weighted_metrics"] = Serialize(weighted_metrics),
        ["run_eagerly"] = false,
        ["steps_per_execution"] = 1,
        // Keras resolves jit_compile="auto" to False on its torch backend, the one KerasSharp's engine matches.
        ["jit_compile"] = false,
    };

    /// <summary>
    /// The compile config of a model compiled through a <see cref="Training.TrainingConfig"/> (the
    /// TFLearn facade) with one train op on all outputs: its losses and metrics as objects.
    /// </summary>
    internal static CompileConfig? FromTrainingConfig(Model model)
    {
        if (model.Config is not { TrainOps.Count: 1 } cfg || cfg.TrainOps[0].Prefix != "") return null;
        var op = cfg.TrainOps[0];
        object loss = op.Losses.Count == 1 ? op.Losses[0] : op.Losses.ToList();
        return new CompileConfig(op.Optimizer, loss, op.LossWeights, op.Metrics.Count == 0 ? null : op.Metrics.ToList(), null);
    }

    // ----- reading -----

    /// <summary>
    /// Compiles <paramref name="model"/> from a Keras 3 "compile_config" (an empty one leaves it
    /// uncompiled), then builds its optimizer, as Keras's compile_from_config does.
    /// </summary>
    public static void Apply(Model model, JsonElement config)
    {
        if (config.ValueKind == JsonValueKind.Object && !config.EnumerateObject().Any()) return;
        var c = new ConfigReader("compile_config", config);
        var opt = c.Raw("optimizer") is { } o ? Deserializer.Optimizer(o) : OptimizersApi.Get("rmsprop");
        Compile(model, c, opt);
    }

    /// <summary>
    /// Compiles <paramref name="model"/> from a legacy .h5 "training_config" (the optimizer is its
    /// "optimizer_config"), as Keras's legacy compile_args_from_training_config does.
    /// </summary>
    public static void ApplyLegacy(Model model, JsonElement config)
    {
        var c = new ConfigReader("training_config", config);
        var opt = Deserializer.Optimizer(c.Raw("optimizer_config") ?? throw new InvalidDataException("The training_config has no optimizer_config."));
        // tf.keras 2 wrote how targets were weighted per sample; Keras 3 has no such argument and reads nothing from it.
        c.Expect("sample_weight_mode", v => v is null, "null");
        Compile(model, c, opt);
    }

    static void Compile(Model model, ConfigReader c, Optimizer opt)
    {
        object? loss = Nested(c.Raw("loss"), Deserializer.Loss, "loss");
        object? metrics = Nested(c.Raw("metrics"), Deserializer.Metric, "metrics");
        object? weighted = Nested(c.Raw("weighted_metrics"), Deserializer.Metric, "weighted_metrics");
        object? lossWeights = c.Raw("loss_weights") switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } n => new[] { n.GetDouble() },
            { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(x => Number(x, "loss_weights")).ToArray(),
            { ValueKind: JsonValueKind.Object } d => d.EnumerateObject().ToDictionary(p => p.Name, p => (object?)Number(p.Value, $"loss_weights['{p.Name}']")),
            { } other => throw new InvalidDataException($"compile_config: loss_weights is {other.GetRawText()}; expected a list of numbers or a dictionary by output name."),
        };
        // Whether Keras traces or compiles the step changes nothing KerasSharp computes.
        c.Ignore("run_eagerly", "jit_compile", "auto_scale_loss");
        c.Expect("steps_per_execution", v => v is null || v.Value.ValueKind == JsonValueKind.Number && v.Value.GetDouble() == 1,
            "1 (KerasSharp runs callbacks after every batch)");
        c.Done();
        if (loss is null)
            throw new NotSupportedException("The compile config has no loss; KerasSharp compiles a model with a loss. Load it with compile: false and compile it yourself.");
        model.compile(optimizer: opt, loss: loss, loss_weights: lossWeights, metrics: metrics, weighted_metrics: weighted);
        if (model.built) OptimizerState.Build(opt, model);
    }

    static double Number(JsonElement v, string what) =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new InvalidDataException($"compile_config: {what} is {v.GetRawText()}; expected a number.");

    /// <summary>Keras's _deserialize_nested_config: names stay names, serialized objects are rebuilt, lists and dictionaries keep their shape.</summary>
    static object? Nested<T>(JsonElement? e, Func<JsonElement, T> one, string what) => e switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("class_name", out _) => one(o),
        { ValueKind: JsonValueKind.Object } d => d.EnumerateObject().ToDictionary(p => p.Name, p => Nested(p.Value, one, $"{what}['{p.Name}']")),
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(x => Nested(x, one, what)).ToList(),
        { } other => throw new InvalidDataException($"compile_config: {what} is {other.GetRawText()}; expected a name, a serialized object, a list or a dictionary by output name."),
    };
}
