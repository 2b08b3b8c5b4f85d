using KerasSharp.Initializers;
using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's <c>keras.metrics.Metric</c>: a stateful metric. <see cref="update_state"/> adds a batch
/// to the state (kept on the device), <see cref="result"/> computes the metric from the state as a
/// tensor, and <see cref="reset_state"/> clears it. A subclass creates its state with
/// <see cref="add_variable(long[], Initializer?, string?, string, string?)"/> in its constructor
/// and overrides <see cref="update_state"/>, <see cref="result"/> and, when zeroing every
/// variable is not enough, <see cref="reset_state"/>. Converts implicitly from a name as compile
/// takes it ("accuracy", "mae").
/// </summary>
/// <remarks>
/// C# objects cannot be called, so Python's <c>m(y_true, y_pred)</c> is <c>m.Apply(y_true, y_pred)</c>.
/// <para><c>dtype</c> names the dtype of the state and of the computation; float16, bfloat16 and
/// float64 are honoured, other names (Keras accepts "int32") are kept in the config and computed in float32.</para>
/// </remarks>
public class Metric
{
    readonly List<MetricVariable> ownVariables = new();
    readonly List<Metric> subMetrics = new();
    readonly Func<Tensor, Tensor, Tensor>? legacyFn;
    readonly string? legacyClassName;
    MeanState? legacyState;

    /// <summary>Creates a metric (Keras's <c>Metric(dtype=None, name=None)</c>). A null name gets Keras's automatic snake_case name.</summary>
    protected Metric(string? dtype = null, string? name = null)
    {
        this.name = name ?? Layers.Layer.UniqueName(Layers.Layer.SnakeCase(GetType().Name));
        this.dtype = dtype ?? "float32";
        ComputeDtype = this.dtype switch
        {
            "float64" => ScalarType.Float64,
            "float16" => ScalarType.Float16,
            "bfloat16" => ScalarType.BFloat16,
            _ => ScalarType.Float32,
        };
    }

    /// <summary>The metric's name, as shown in logs and history ("accuracy"). Compile sets it to the name the metric was given by.</summary>
    public string name { get; set; }
    /// <summary>The dtype's name ("float32").</summary>
    public string dtype { get; }
    /// <summary>The dtype the state is kept and computed in.</summary>
    protected ScalarType ComputeDtype { get; }
    /// <summary>The Keras class name.</summary>
    public virtual string class_name => legacyClassName ?? GetType().Name;

    /// <summary>
    /// Keras's <c>_direction</c>: "up" when larger is better (accuracy), "down" when smaller is
    /// better (losses, errors), null when the metric does not say. Callbacks that watch a metric
    /// read it.
    /// </summary>
    public string? Direction { get; protected set; }

    /// <summary>The state variables, the metric's own first, then those of the metrics it tracks.</summary>
    public IReadOnlyList<MetricVariable> variables => ownVariables.Concat(subMetrics.SelectMany(m => m.variables)).ToList();

    /// <summary>
    /// Adds a batch to the state: <paramref name="y_true"/>, <paramref name="y_pred"/> and
    /// optional per-sample weights. Override it in a subclass; keep the values on the device (no
    /// reads back to the host).
    /// </summary>
    public virtual void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        if (legacyFn is null)
            throw new NotImplementedException($"{class_name} does not implement update_state(y_true, y_pred, sample_weight).");
        using var _ = torch.no_grad();
        legacyState!.Update(legacyFn(y_true, y_pred), sample_weight);
    }

    /// <summary>The metric computed from the state, as a tensor (a scalar for most metrics). Override it in a subclass.</summary>
    public virtual Tensor result()
    {
        if (legacyFn is null)
            throw new NotImplementedException($"{class_name} does not implement result().");
        return legacyState!.Result();
    }

    /// <summary>
    /// Internal use (trainer, TFLearn console): <see cref="result"/> read on the host without making a
    /// tensor, where the metric is a running mean on the CPU whose result() is the mean's own; else null.
    /// </summary>
    internal virtual float? ReadOnCpu() => legacyState is not null && ResultIsOwn(typeof(Metric)) ? legacyState.ReadOnCpu() : null;

    bool? resultIsOwn;
    /// <summary>True when result() is the one <paramref name="declaring"/> defines (no subclass replaced it).</summary>
    private protected bool ResultIsOwn(Type declaring) =>
        resultIsOwn ??= GetType().GetMethod(nameof(result), Type.EmptyTypes)?.DeclaringType == declaring;

    /// <summary>Clears the state: sets every variable to zero (override it when that is not the empty state).</summary>
    public virtual void reset_state()
    {
        foreach (var v in variables) v.assign(0);
    }

    /// <summary>Python's <c>m(y_true, y_pred, sample_weight=None)</c>: <see cref="update_state"/>, then <see cref="result"/>.</summary>
    public Tensor Apply(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        update_state(y_true, y_pred, sample_weight);
        return result();
    }

    /// <summary>
    /// Keras's <c>add_variable</c>: creates a state variable (zeros unless an initializer is given;
    /// a name such as "zeros" or "ones" converts to an initializer) in the metric's dtype unless
    /// <paramref name="dtype"/> says otherwise. <paramref name="aggregation"/> is accepted for
    /// Keras compatibility (one device: nothing to aggregate).
    /// </summary>
    protected MetricVariable add_variable(long[] shape, Initializer? initializer = null, string? dtype = null, string aggregation = "sum", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var t = dtype is null ? ComputeDtype : dtype switch
        {
            "float32" => ScalarType.Float32,
            "float64" => ScalarType.Float64,
            "float16" => ScalarType.Float16,
            "bfloat16" => ScalarType.BFloat16,
            "int32" => ScalarType.Int32,
            "int64" => ScalarType.Int64,
            _ => throw new ArgumentException($"add_variable: unsupported dtype '{dtype}'. Expected float32, float64, float16, bfloat16, int32 or int64."),
        };
        Tensor initial;
        using (torch.no_grad())
            initial = initializer is null ? torch.zeros(shape, dtype: t) : initializer.call(shape);
        var v = new MetricVariable(name ?? $"variable_{ownVariables.Count}", shape, t, initial);
        ownVariables.Add(v);
        return v;
    }

    /// <summary>Keras's <c>add_weight</c> (the older name of <see cref="add_variable"/>); the shape defaults to a scalar.</summary>
    protected MetricVariable add_weight(long[]? shape = null, Initializer? initializer = null, string? dtype = null, string? name = null) =>
        add_variable(shape ?? Array.Empty<long>(), initializer, dtype, "sum", name);

    /// <summary>Tracks a metric whose variables belong to this one (Keras tracks a metric assigned to an attribute).</summary>
    protected T track<T>(T metric) where T : Metric
    {
        ArgumentNullException.ThrowIfNull(metric);
        subMetrics.Add(metric);
        return metric;
    }

    /// <summary>Keras's config: name and dtype (subclasses add their arguments).</summary>
    public virtual Dictionary<string, object?> get_config() => MetricConfig();

    /// <summary>The base class's config (name and dtype), for subclasses that replace a parent's config.</summary>
    protected Dictionary<string, object?> MetricConfig() => new() { ["name"] = name, ["dtype"] = dtype };

    /// <inheritdoc />
    public override string ToString() => $"<{class_name} name={name}>";

    /// <summary>Looks a metric up by name as compile does (the metric is named by that name).</summary>
    public static implicit operator Metric(string name) => MetricsApi.Get(name);

    // ----- Members the current trainer, the saving code and the TFLearn facade use (internal use) -----

    /// <summary>
    /// Internal use (TFLearn facade, saving code): a metric that is the running mean of a
    /// per-sample function (as a <see cref="MeanMetricWrapper"/>), with its own names.
    /// </summary>
    public Metric(string name, string className, Func<Tensor, Tensor, Tensor> perSample) : this(null, name)
    {
        legacyClassName = className;
        legacyFn = perSample ?? throw new ArgumentNullException(nameof(perSample));
        legacyState = new MeanState(this, ComputeDtype);
    }

    /// <summary>
    /// Internal use (trainer): one value per sample, shape [N], whose mean over the samples is the
    /// metric. Only metrics that are means of per-sample values have it; others throw.
    /// </summary>
    public virtual Tensor PerSample(Tensor y_true, Tensor y_pred)
    {
        if (legacyFn is null)
            throw new InvalidOperationException($"Metric '{name}' ({class_name}) is not a mean of per-sample values; use update_state and result.");
        return legacyFn(y_true, y_pred);
    }

    /// <summary>Internal use (trainer): resolves "accuracy" for a loss and shapes; other metrics return themselves.</summary>
    public virtual Metric Resolve(Loss? loss, long[] yTrueShape, long[] yPredShape) => this;

    /// <summary>Internal use: creates the running-mean state (total, count) of this metric.</summary>
    internal MeanState NewMeanState() => new(this, ComputeDtype);

    /// <summary>Internal use: adds a variable for the running-mean state.</summary>
    internal MetricVariable AddStateVariable(string variableName) => add_variable(Array.Empty<long>(), null, null, "sum", variableName);
}
