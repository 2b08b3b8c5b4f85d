using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.MeanMetricWrapper</c>: the running weighted mean of a per-sample
/// function <c>fn(y_true, y_pred)</c> (a loss function, an accuracy function, or your own).
/// </summary>
/// <remarks>
/// In Keras it derives from Mean; here it derives from <see cref="Metric"/> directly so that its
/// <c>update_state(y_true, y_pred)</c> is not confused by C#'s overload resolution with Mean's
/// <c>update_state(values, sample_weight)</c>. Python passes the function's extra arguments as
/// keyword arguments; in C# the function is a closure that holds them, and
/// <c>fn_kwargs</c> names them for <see cref="get_config"/>.
/// </remarks>
public class MeanMetricWrapper : Metric
{
    readonly MeanState state;

    /// <summary>Creates the metric from a per-sample function.</summary>
    /// <param name="fn">The per-sample function.</param>
    /// <param name="name">The metric's name (null: Keras's automatic name).</param>
    /// <param name="dtype">The dtype of the state.</param>
    /// <param name="fn_name">The function's registered name, for the config ("mean_squared_error"); null for your own function.</param>
    /// <param name="fn_kwargs">The function's extra arguments by their Python names, for the config.</param>
    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string? name = null, string? dtype = null, string? fn_name = null,
        IReadOnlyDictionary<string, object?>? fn_kwargs = null) : base(dtype, name)
    {
        this.fn = fn ?? throw new ArgumentNullException(nameof(fn));
        this.fn_name = fn_name;
        this.fn_kwargs = fn_kwargs ?? new Dictionary<string, object?>();
        state = NewMeanState();
        if (fn_name is not null && MetricsApi.IsLossFunction(fn_name)) Direction = "down";
    }

    /// <summary>The wrapped per-sample function.</summary>
    public Func<Tensor, Tensor, Tensor> fn { get; }
    /// <summary>The registered name of the wrapped function, or null.</summary>
    public string? fn_name { get; }
    /// <summary>The function's extra arguments by their Python names.</summary>
    public IReadOnlyDictionary<string, object?> fn_kwargs { get; }

    /// <summary>Adds the batch's per-sample values of <see cref="fn"/>, weighted by the sample weights and y_pred's Keras mask.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        using var _ = torch.no_grad();
        var mask = KerasMask.get_keras_mask(y_pred);
        if (!RankAlignment.SameDevice(y_true, y_pred)) y_true = y_true.to(y_pred.device);
        var values = fn(y_true, y_pred);
        sample_weight = LossReduction.ApplyMask(sample_weight, mask, ComputeDtype, "sum");
        state.Update(values, sample_weight);
    }

    /// <summary>The weighted mean of the values so far.</summary>
    public override Tensor result() => state.Result();

    internal override float? ReadOnCpu() => ResultIsOwn(typeof(MeanMetricWrapper)) ? state.ReadOnCpu() : null;

    /// <summary>Internal use (trainer): the per-sample values of <see cref="fn"/>, averaged over every axis after the first.</summary>
    public override Tensor PerSample(Tensor y_true, Tensor y_pred)
    {
        var v = fn(y_true, y_pred);
        if (v.dtype != ComputeDtype) v = v.to(ComputeDtype);
        return v.dim() <= 1 ? v : v.reshape(v.shape[0], -1).mean(new long[] { 1 });
    }

    /// <summary>Keras's config: name, dtype, the function by its registered name, and its arguments.</summary>
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

    /// <summary>Rebuilds the metric from its config; the function is looked up among Keras's registered metric and loss functions.</summary>
    public static MeanMetricWrapper from_config(IDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? fnName = null;
        if (config.TryGetValue("fn", out var f))
            fnName = f switch
            {
                string s => s,
                IDictionary<string, object?> d => ConfigValues.Str(d, "config", null),
                System.Text.Json.JsonElement e when e.ValueKind == System.Text.Json.JsonValueKind.Object && e.TryGetProperty("config", out var v) => v.GetString(),
                System.Text.Json.JsonElement e when e.ValueKind == System.Text.Json.JsonValueKind.String => e.GetString(),
                _ => null,
            };
        if (fnName is null) throw new ArgumentException("MeanMetricWrapper.from_config: the config names no function ('fn').");
        var kwargs = config.Where(kv => kv.Key is not ("fn" or "name" or "dtype")).ToDictionary(kv => kv.Key, kv => ConfigValues.Raw(config, kv.Key, out _));
        return new MeanMetricWrapper(MetricsApi.BindFunction(fnName, kwargs), ConfigValues.Str(config, "name", null), ConfigValues.Str(config, "dtype", null), fnName, kwargs);
    }
}
