using System.Text.Json;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;

namespace KerasSharp.Saving;

// The objects of a compile config: optimizer, losses, metrics. Each class reads its own config
// strictly (every key honoured or refused).
public static partial class Deserializer
{
    /// <summary>An optimizer from a name or its serialized form {class_name, config}: the class reads its own config.</summary>
    public static Optimizer Optimizer(JsonElement e) => OptimizersApi.Deserialize(e);

    /// <summary>A loss from a name or its serialized form: the class reads its own config.</summary>
    public static Loss Loss(JsonElement e) => LossesApi.Instance.deserialize(e);

    /// <summary>A metric from a name or its serialized form: the class reads its own config.</summary>
    public static Metric Metric(JsonElement e)
    {
        // tf.keras 2 serialized a metric given by name as a wrapper of the function's name.
        if (e.ValueKind == JsonValueKind.Object && Str(e, "class_name") == "MeanMetricWrapper" && Get(e, "config") is { } c && Str(c, "fn") is string fn)
        {
            var m = MetricsApi.Get(fn);
            if (Str(c, "name") is string name && name != m.name) m.name = name;
            return m;
        }
        return MetricsApi.Instance.deserialize(e);
    }
}
