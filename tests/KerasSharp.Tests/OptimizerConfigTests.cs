using System.Text.Json;
using KerasSharp;
using KerasSharp.Optimizers;
using KerasSharp.Optimizers.Schedules;
using KerasSharp.Utils;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Optimizer configs as Keras writes and reads them: each optimizer's get_config equals Keras 3.15.1's
/// (KerasOracle/optimizers_oracle.py "configs"), each test_config of Keras's optimizer tests round-trips,
/// and from_config refuses what KerasSharp cannot honour, naming the key and the value.
/// </summary>
public class OptimizerConfigTests
{
    /// <summary>Keras's get_config of each class with default arguments and name "opt" (optimizers_oracle.py "configs").</summary>
    static readonly Dictionary<string, string> KerasConfigs = new()
    {
        ["SGD"] = """{"name":"opt","learning_rate":0.009999999776482582,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"momentum":0.0,"nesterov":false}""",
        ["Adam"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07,"amsgrad":false}""",
        ["AdamW"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":0.004,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07,"amsgrad":false}""",
        ["RMSprop"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"rho":0.9,"momentum":0.0,"epsilon":1e-07,"centered":false}""",
        ["Adagrad"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"initial_accumulator_value":0.1,"epsilon":1e-07}""",
        ["Adadelta"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"rho":0.95,"epsilon":1e-07}""",
        ["Adamax"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07}""",
        ["Nadam"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07}""",
        ["Ftrl"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"learning_rate_power":-0.5,"initial_accumulator_value":0.1,"l1_regularization_strength":0.0,"l2_regularization_strength":0.0,"l2_shrinkage_regularization_strength":0.0,"beta":0.0}""",
        ["Lion"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"beta_1":0.9,"beta_2":0.99}""",
        ["Lamb"] = """{"name":"opt","learning_rate":0.0010000000474974513,"weight_decay":null,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07}""",
    };

    /// <summary>A config value as JSON text with numbers compared as doubles.</summary>
    static object? Plain(object? v) => ConfigReader.Normalize(v) switch
    {
        long l => (double)l,
        List<object?> list => list.Select(Plain).ToList(),
        Dictionary<string, object?> d => d.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        var x => x,
    };

    internal static void SameConfig(string kerasJson, IReadOnlyDictionary<string, object?> actual)
    {
        var expected = (Dictionary<string, object?>)Plain(JsonDocument.Parse(kerasJson).RootElement)!;
        var got = (Dictionary<string, object?>)Plain(actual)!;
        Assert.Equal(expected.Keys.OrderBy(k => k), got.Keys.OrderBy(k => k));
        foreach (var (k, v) in expected) Assert.True(Equals(v, got[k]) || JsonSerializer.Serialize(v) == JsonSerializer.Serialize(got[k]), $"{k}: Keras {PyRepr.Value(v)}, KerasSharp {PyRepr.Value(got[k])}");
    }

    static Optimizer Default(string cls) => cls switch
    {
        "SGD" => new SGD(name: "opt"),
        "Adam" => new Adam(name: "opt"),
        "AdamW" => new AdamW(name: "opt"),
        "RMSprop" => new RMSprop(name: "opt"),
        "Adagrad" => new Adagrad(name: "opt"),
        "Adadelta" => new Adadelta(name: "opt"),
        "Adamax" => new Adamax(name: "opt"),
        "Nadam" => new Nadam(name: "opt"),
        "Ftrl" => new Ftrl(name: "opt"),
        "Lion" => new Lion(name: "opt"),
        "Lamb" => new Lamb(name: "opt"),
        _ => throw new ArgumentException(cls),
    };

    [Fact]
    public void Every_optimizer_config_equals_keras()
    {
        foreach (var (cls, json) in KerasConfigs)
        {
            var opt = Default(cls);
            Assert.Equal(cls, opt.class_name);
            SameConfig(json, opt.get_config());
        }
    }

    [Fact]
    public void Schedule_in_the_config_is_serialized_as_keras_serializes_it()
    {
        // optimizers_oracle.py "config_adam_schedule" and "serialize_sgd"
        var adam = new Adam(learning_rate: new CosineDecay(0.1, 100, alpha: 0.1, warmup_target: 0.2, warmup_steps: 10), weight_decay: 0.01, name: "opt");
        SameConfig("""{"name":"opt","learning_rate":{"module":"keras.optimizers.schedules","class_name":"CosineDecay","config":{"initial_learning_rate":0.1,"decay_steps":100,"alpha":0.1,"name":"CosineDecay","warmup_target":0.2,"warmup_steps":10},"registered_name":null},"weight_decay":0.01,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07,"amsgrad":false}""",
            adam.get_config());
        SameConfig("""{"module":"keras.optimizers","class_name":"SGD","config":{"name":"opt","learning_rate":0.5,"weight_decay":0.004,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"momentum":0.06,"nesterov":true},"registered_name":null}""",
            keras.optimizers.serialize(new SGD(learning_rate: 0.5, momentum: 0.06, nesterov: true, weight_decay: 0.004, name: "opt")));
    }

    public static IEnumerable<object[]> KerasTestConfigs() => new[]
    {
        new object[] { "sgd_test.py", new SGD(learning_rate: 0.5, momentum: 0.06, nesterov: true, weight_decay: 0.004) },
        new object[] { "adam_test.py", new Adam(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5, amsgrad: true) },
        new object[] { "adamw_test.py", new AdamW(learning_rate: 0.5, weight_decay: 0.008, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5, amsgrad: true) },
        new object[] { "rmsprop_test.py", new RMSprop(learning_rate: 0.5, rho: 0.8, momentum: 0.05, epsilon: 1e-6, centered: true) },
        new object[] { "adagrad_test.py", new Adagrad(learning_rate: 0.5, initial_accumulator_value: 0.2, epsilon: 1e-5) },
        new object[] { "adadelta_test.py", new Adadelta(learning_rate: 0.5, rho: 0.9, epsilon: 1e-5) },
        new object[] { "adamax_test.py", new Adamax(learning_rate: 0.5, beta_1: 0.8, beta_2: 0.95, epsilon: 1e-5) },
        new object[] { "nadam_test.py", new Nadam(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5) },
        new object[] { "ftrl_test.py", new Ftrl(learning_rate: 0.05, learning_rate_power: -0.2, initial_accumulator_value: 0.4, l1_regularization_strength: 0.05,
            l2_regularization_strength: 0.15, l2_shrinkage_regularization_strength: 0.01, beta: 0.3) },
        new object[] { "lion_test.py", new Lion(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67) },
        new object[] { "lamb_test.py", new Lamb(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5) },
        new object[] { "schedule", new Adam(learning_rate: new ExponentialDecay(0.1, 10, 0.9, staircase: true), weight_decay: 0.01, clipnorm: 1.0) },
    };

    [Theory]
    [MemberData(nameof(KerasTestConfigs))]
    public void Test_config_round_trips(string kerasFile, Optimizer optimizer)
    {
        // <optimizer>_test.py test_config (run_class_serialization_test): from_config(get_config()) gives the same config,
        // directly and through serialize → JSON → deserialize.
        string json = JsonSerializer.Serialize(optimizer.get_config());
        var revived = OptimizersApi.Deserialize(new Dictionary<string, object?> { ["class_name"] = optimizer.class_name, ["config"] = optimizer.get_config() });
        Assert.Equal(optimizer.GetType(), revived.GetType());
        Assert.Equal(json, JsonSerializer.Serialize(revived.get_config()));
        var viaJson = JsonDocument.Parse(JsonSerializer.Serialize(keras.optimizers.serialize(optimizer))).RootElement;
        Assert.True(json == JsonSerializer.Serialize(keras.optimizers.deserialize(viaJson).get_config()), kerasFile);
    }

    [Fact]
    public void A_schedule_read_from_a_config_drives_the_rate_and_survives_a_second_round_trip()
    {
        // The optimizer continues with the same rates after from_config, at the same iterations.
        var adam = new Adam(learning_rate: new PiecewiseConstantDecay(new double[] { 2, 4 }, new[] { 0.1, 0.01, 0.001 }), weight_decay: 0.004);
        var revived = Adam.from_config(adam.get_config());
        Assert.IsType<PiecewiseConstantDecay>(revived.learning_rate_schedule);
        Assert.Equal(0.004, revived.weight_decay);
        foreach (long it in new long[] { 0, 2, 3, 4, 5 })
        {
            adam.iterations = it; revived.iterations = it;
            Assert.Equal(adam.learning_rate, revived.learning_rate);
        }
        Assert.Equal(0.001, revived.learning_rate);
    }

    [Fact]
    public void From_config_refuses_what_kerassharp_cannot_honour()
    {
        static string Refused(Dictionary<string, object?> config) =>
            Assert.ThrowsAny<Exception>(() => OptimizersApi.Deserialize(new Dictionary<string, object?> { ["class_name"] = "Adam", ["config"] = config })).Message;
        Assert.Equal("Adam: use_ema=True is not supported: KerasSharp does not keep an exponential moving average of the weights.", Refused(new() { ["use_ema"] = true }));
        Assert.Equal("Adam: loss_scale_factor=1024.0 is not supported: KerasSharp does not scale the loss.", Refused(new() { ["loss_scale_factor"] = 1024.0 }));
        Assert.Equal("Adam: gradient_accumulation_steps=4 is not supported: KerasSharp applies the gradients of every batch.", Refused(new() { ["gradient_accumulation_steps"] = 4 }));
        Assert.StartsWith("Adam: argument(s) not recognized: {'momentum': 0.9}.", Refused(new() { ["momentum"] = 0.9 }));
        Assert.Equal("Adam: 'beta_1' must be a number, received beta_1='high'.", Refused(new() { ["beta_1"] = "high" }));
        Assert.StartsWith("learning_rate={'module': 'builtins', 'class_name': 'function', 'config': 'f', 'registered_name': 'function'} is a serialized function",
            Refused(new() { ["learning_rate"] = new Dictionary<string, object?> { ["module"] = "builtins", ["class_name"] = "function", ["config"] = "f", ["registered_name"] = "function" } }));
        Assert.StartsWith("Unknown optimizer class 'Muon'.", Assert.Throws<ArgumentException>(() => OptimizersApi.Deserialize(new Dictionary<string, object?> { ["class_name"] = "Muon" })).Message);
        // use_ema=False, the EMA settings and a null decay are Keras's defaults and are accepted (and written back).
        var ok = OptimizersApi.Deserialize(new Dictionary<string, object?> { ["class_name"] = "adam", ["config"] = new Dictionary<string, object?>
            { ["use_ema"] = false, ["ema_momentum"] = 0.9, ["ema_overwrite_frequency"] = null, ["decay"] = null } });
        Assert.Equal(0.9, ok.get_config()["ema_momentum"]);
    }

    [Fact]
    public void A_keras_json_config_is_read()
    {
        // A compile_config optimizer as Keras 3.15.1 writes it in a .keras file (optimizers_oracle.py "serialize_sgd").
        var json = """{"module":"keras.optimizers","class_name":"SGD","config":{"name":"opt","learning_rate":0.5,"weight_decay":0.004,"clipnorm":null,"global_clipnorm":null,"clipvalue":null,"use_ema":false,"ema_momentum":0.99,"ema_overwrite_frequency":null,"loss_scale_factor":null,"gradient_accumulation_steps":null,"momentum":0.06,"nesterov":true},"registered_name":null}""";
        var sgd = Assert.IsType<SGD>(OptimizersApi.Deserialize(JsonDocument.Parse(json).RootElement));
        Assert.Equal((0.5, 0.06, true, 0.004, "opt"), (sgd.learning_rate, sgd.momentum, sgd.nesterov, sgd.weight_decay!.Value, sgd.name));
    }
}
