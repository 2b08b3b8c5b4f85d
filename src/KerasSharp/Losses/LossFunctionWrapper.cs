using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras's <c>LossFunctionWrapper</c>: a <see cref="Loss"/> around a per-sample loss function.
/// Its <see cref="call"/> aligns the ranks of y_true and y_pred (a trailing dimension of 1) and
/// calls the function.
/// </summary>
/// <remarks>
/// Python passes the function's extra arguments as keyword arguments; in C# the function is a
/// closure that holds them, and <paramref name="fn_kwargs"/> names them for <see cref="get_config"/>.
/// <paramref name="fn_name"/> is the function's registered name (Keras serializes the function by
/// its name); null for a function KerasSharp does not know.
/// </remarks>
public class LossFunctionWrapper(Func<Tensor, Tensor, Tensor> fn, string? reduction = "sum_over_batch_size", string? name = null, string? dtype = null,
    string? fn_name = null, IReadOnlyDictionary<string, object?>? fn_kwargs = null) : Loss(name, reduction, dtype)
{
    /// <summary>The wrapped per-sample function.</summary>
    public Func<Tensor, Tensor, Tensor> fn { get; } = fn ?? throw new ArgumentNullException(nameof(fn));
    /// <summary>The registered name of the wrapped function ("mean_squared_error"), or null.</summary>
    public string? fn_name { get; } = fn_name;
    /// <summary>The extra arguments given to the function, by their Python names.</summary>
    public IReadOnlyDictionary<string, object?> fn_kwargs { get; } = fn_kwargs ?? new Dictionary<string, object?>();

    /// <inheritdoc />
    public override bool IsSparse => fn_name == "sparse_categorical_crossentropy";

    /// <summary>Aligns the ranks of y_true and y_pred, then applies the function.</summary>
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = RankAlignment.SqueezeOrExpand(y_true, y_pred);
        return fn(t, p);
    }

    /// <summary>Keras's config: name, reduction, the function (by its registered name) and its arguments.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["fn"] = new Dictionary<string, object?>
        {
            ["module"] = "builtins", ["class_name"] = "function", ["config"] = fn_name, ["registered_name"] = "function",
        };
        foreach (var kv in fn_kwargs) c[kv.Key] = kv.Value;
        return c;
    }

    /// <summary>Rebuilds a wrapper from its config; the function is looked up by its registered name.</summary>
    public static LossFunctionWrapper from_config(IDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? fnName = null;
        if (config.TryGetValue("fn", out var f))
        {
            fnName = f switch
            {
                string s => s,
                IDictionary<string, object?> d => ConfigValues.Str(d, "config", null),
                System.Text.Json.JsonElement e when e.ValueKind == System.Text.Json.JsonValueKind.Object && e.TryGetProperty("config", out var v) => v.GetString(),
                System.Text.Json.JsonElement e when e.ValueKind == System.Text.Json.JsonValueKind.String => e.GetString(),
                _ => null,
            };
        }
        if (fnName is null) throw new ArgumentException("LossFunctionWrapper.from_config: the config names no function ('fn').");
        var kwargs = config.Where(kv => kv.Key is not ("fn" or "name" or "reduction" or "dtype"))
            .ToDictionary(kv => kv.Key, kv => ConfigValues.Raw(config, kv.Key, out _));
        return LossesApi.Wrap(fnName, kwargs, ConfigValues.Str(config, "name", null), ConfigValues.Str(config, "reduction", "sum_over_batch_size"),
            ConfigValues.Str(config, "dtype", null));
    }
}
