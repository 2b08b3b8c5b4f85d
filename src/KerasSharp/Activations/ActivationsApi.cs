using System.Text.Json;
using static TorchSharp.torch;
using M = KerasSharp.Activations.ActivationMath;

namespace KerasSharp.Activations;

/// <summary>
/// <c>keras.activations</c>: every activation of Keras 3.15.1 with Keras's signature and defaults
/// (<c>keras.activations.relu(x, negative_slope: 0.1)</c>), and <c>get</c>, <c>serialize</c>,
/// <c>deserialize</c>. Each function acts on the axes Keras's does, for inputs of any rank:
/// softmax, log_softmax, glu and sparsemax on the last axis by default.
/// </summary>
public sealed class ActivationsApi
{
    internal static readonly ActivationsApi Instance = new();
    static readonly Dictionary<Delegate, string> names = new();
    static readonly Utils.Registry<ActivationFunction> registry = new("activation");

    static T Def<T>(string name, T function, Func<Tensor, Tensor> withDefaults, params string[] aliases) where T : Delegate
    {
        names[function] = name;
        var act = new ActivationFunction(name, withDefaults, function);
        registry.Add(() => act, name);
        foreach (var a in aliases) registry.Add(() => act, a);
        return function;
    }

    static Func<Tensor, Tensor> Def(string name, Func<Tensor, Tensor> f, params string[] aliases) => Def(name, f, f, aliases);

    static readonly ReluFn _relu = Def<ReluFn>("relu", (x, s, m, t) => M.relu(x, s, m, t), x => M.relu(x, 0.0, null, 0.0));
    static readonly LeakyReluFn _leaky_relu = Def<LeakyReluFn>("leaky_relu", (x, s) => M.leaky_relu(x, s), x => M.leaky_relu(x, 0.2));
    static readonly Func<Tensor, Tensor> _relu6 = Def("relu6", M.relu6);
    static readonly SoftmaxFn _softmax = Def<SoftmaxFn>("softmax", (x, a) => M.softmax(x, a, "softmax"), x => M.softmax(x, Array.Empty<int>(), "softmax"));
    static readonly AlphaFn _celu = Def<AlphaFn>("celu", (x, a) => M.celu(x, a), x => M.celu(x, 1.0));
    static readonly AlphaFn _elu = Def<AlphaFn>("elu", (x, a) => M.elu(x, a), x => M.elu(x, 1.0));
    static readonly Func<Tensor, Tensor> _selu = Def("selu", M.selu);
    static readonly Func<Tensor, Tensor> _softplus = Def("softplus", M.softplus);
    static readonly Func<Tensor, Tensor> _softsign = Def("softsign", M.softsign);
    static readonly SquareplusFn _squareplus = Def<SquareplusFn>("squareplus", (x, b) => M.squareplus(x, b), x => M.squareplus(x, 4));
    static readonly ShrinkFn _soft_shrink = Def<ShrinkFn>("soft_shrink", (x, t) => M.soft_shrink(x, t), x => M.soft_shrink(x, 0.5));
    static readonly Func<Tensor, Tensor> _sparse_plus = Def("sparse_plus", M.sparse_plus);
    static readonly Func<Tensor, Tensor> _silu = Def("silu", M.silu, "swish");
    static readonly GeluFn _gelu = Def<GeluFn>("gelu", (x, a) => M.gelu(x, a), x => M.gelu(x, false));
    static readonly AxisFn _glu = Def<AxisFn>("glu", (x, a) => M.glu(x, a), x => M.glu(x, -1));
    static readonly Func<Tensor, Tensor> _tanh = Def("tanh", M.tanh);
    static readonly Func<Tensor, Tensor> _tanh_shrink = Def("tanh_shrink", M.tanh_shrink);
    static readonly ThresholdFn _threshold = Def<ThresholdFn>("threshold", (x, t, v) => M.threshold(x, t, v), _ =>
        throw new ArgumentException("threshold() missing 2 required positional arguments: 'threshold' and 'default_value'. " +
            "Call keras.activations.threshold(x, threshold, default_value) in a function instead of naming it as an activation."));
    static readonly Func<Tensor, Tensor> _sigmoid = Def("sigmoid", M.sigmoid);
    static readonly Func<Tensor, Tensor> _sparse_sigmoid = Def("sparse_sigmoid", M.sparse_sigmoid);
    static readonly Func<Tensor, Tensor> _exponential = Def("exponential", M.exponential);
    static readonly Func<Tensor, Tensor> _hard_sigmoid = Def("hard_sigmoid", M.hard_sigmoid);
    static readonly Func<Tensor, Tensor> _hard_silu = Def("hard_silu", M.hard_silu, "hard_swish");
    static readonly Func<Tensor, Tensor> _hard_tanh = Def("hard_tanh", M.hard_tanh);
    static readonly ShrinkFn _hard_shrink = Def<ShrinkFn>("hard_shrink", (x, t) => M.hard_shrink(x, t), x => M.hard_shrink(x, 0.5));
    static readonly Func<Tensor, Tensor> _linear = Def("linear", M.linear);
    static readonly Func<Tensor, Tensor> _mish = Def("mish", M.mish);
    static readonly SoftmaxFn _log_softmax = Def<SoftmaxFn>("log_softmax", (x, a) => M.log_softmax(x, a, "log_softmax"), x => M.log_softmax(x, Array.Empty<int>(), "log_softmax"));
    static readonly Func<Tensor, Tensor> _log_sigmoid = Def("log_sigmoid", M.log_sigmoid);
    static readonly AxisFn _sparsemax = Def<AxisFn>("sparsemax", (x, a) => M.sparsemax(x, a), x => M.sparsemax(x, -1));

    /// <summary>Rectified linear unit: max(x, 0) by default; with <c>negative_slope</c>, <c>max_value</c> and <c>threshold</c> as Keras's relu.</summary>
    public ReluFn relu => _relu;
    /// <summary>Leaky ReLU: x for x ≥ 0, negative_slope·x otherwise (Keras 3's default slope 0.2).</summary>
    public LeakyReluFn leaky_relu => _leaky_relu;
    /// <summary>min(max(x, 0), 6).</summary>
    public Func<Tensor, Tensor> relu6 => _relu6;
    /// <summary>Softmax over the axis (default the last), or over several axes at once.</summary>
    public SoftmaxFn softmax => _softmax;
    /// <summary>Continuously differentiable ELU: max(x, 0) + alpha·(exp(min(x, 0)/alpha) − 1).</summary>
    public AlphaFn celu => _celu;
    /// <summary>Exponential linear unit: x for x ≥ 0, alpha·(exp(x) − 1) otherwise.</summary>
    public AlphaFn elu => _elu;
    /// <summary>Scaled ELU with Keras's constants (alpha ≈ 1.6733, scale ≈ 1.0507).</summary>
    public Func<Tensor, Tensor> selu => _selu;
    /// <summary>log(exp(x) + 1).</summary>
    public Func<Tensor, Tensor> softplus => _softplus;
    /// <summary>x / (|x| + 1).</summary>
    public Func<Tensor, Tensor> softsign => _softsign;
    /// <summary>(x + √(x² + b)) / 2.</summary>
    public SquareplusFn squareplus => _squareplus;
    /// <summary>x − threshold above threshold, x + threshold below −threshold, 0 between.</summary>
    public ShrinkFn soft_shrink => _soft_shrink;
    /// <summary>0 for x ≤ −1, (x + 1)²/4 for −1 &lt; x &lt; 1, x for x ≥ 1.</summary>
    public Func<Tensor, Tensor> sparse_plus => _sparse_plus;
    /// <summary>x · sigmoid(x) (serialized as "silu"; "swish" is the same function).</summary>
    public Func<Tensor, Tensor> silu => _silu;
    /// <summary>Same as <see cref="silu"/> (Keras's alias).</summary>
    public Func<Tensor, Tensor> swish => _silu;
    /// <summary>Gaussian error linear unit: x·Φ(x) (exact, Keras 3's default), or the tanh approximation with <c>approximate: true</c>.</summary>
    public GeluFn gelu => _gelu;
    /// <summary>Gated linear unit: the first half of the axis times the sigmoid of the second half.</summary>
    public AxisFn glu => _glu;
    /// <summary>tanh(x).</summary>
    public Func<Tensor, Tensor> tanh => _tanh;
    /// <summary>x − tanh(x).</summary>
    public Func<Tensor, Tensor> tanh_shrink => _tanh_shrink;
    /// <summary>x where x &gt; threshold, default_value elsewhere (both arguments required, as in Keras).</summary>
    public ThresholdFn threshold => _threshold;
    /// <summary>1 / (1 + exp(−x)).</summary>
    public Func<Tensor, Tensor> sigmoid => _sigmoid;
    /// <summary>0 for x ≤ −1, (x + 1)/2 between, 1 for x ≥ 1.</summary>
    public Func<Tensor, Tensor> sparse_sigmoid => _sparse_sigmoid;
    /// <summary>exp(x).</summary>
    public Func<Tensor, Tensor> exponential => _exponential;
    /// <summary>Keras 3's hard sigmoid: clip(x/6 + 1/2, 0, 1).</summary>
    public Func<Tensor, Tensor> hard_sigmoid => _hard_sigmoid;
    /// <summary>x · hard_sigmoid(x) (serialized as "hard_silu"; "hard_swish" is the same function).</summary>
    public Func<Tensor, Tensor> hard_silu => _hard_silu;
    /// <summary>Same as <see cref="hard_silu"/> (Keras's alias).</summary>
    public Func<Tensor, Tensor> hard_swish => _hard_silu;
    /// <summary>clip(x, −1, 1).</summary>
    public Func<Tensor, Tensor> hard_tanh => _hard_tanh;
    /// <summary>x where |x| &gt; threshold, 0 elsewhere.</summary>
    public ShrinkFn hard_shrink => _hard_shrink;
    /// <summary>The identity.</summary>
    public Func<Tensor, Tensor> linear => _linear;
    /// <summary>x · tanh(softplus(x)).</summary>
    public Func<Tensor, Tensor> mish => _mish;
    /// <summary>Log of softmax over the axis (default the last), or over several axes at once.</summary>
    public SoftmaxFn log_softmax => _log_softmax;
    /// <summary>log(sigmoid(x)) = −softplus(−x).</summary>
    public Func<Tensor, Tensor> log_sigmoid => _log_sigmoid;
    /// <summary>
    /// Sparsemax (Martins and Astudillo, 2016): the projection of x onto the probability simplex
    /// along the axis, so outputs are ≥ 0, sum to 1, and are often exactly 0. Keras 3.15.1 computes
    /// its threshold from the sum of all cumulative sums in the support instead of the sum of the
    /// k largest values, so when more than one value is nonzero its outputs do not sum to 1
    /// (Keras gives [0.3, 0.2] for [0.5, 0.4], the paper [0.55, 0.45]); KerasSharp follows the
    /// paper that Keras cites. Both agree when one value wins (every case in Keras's own tests).
    /// </summary>
    public AxisFn sparsemax => _sparsemax;

    // ----- get / serialize / deserialize -----

    /// <summary>
    /// The activation for a name; null or "" is linear. Accepts Keras's names (those of
    /// <c>keras.activations</c>, and the aliases "swish" and "hard_swish"), case-sensitive.
    /// </summary>
    public static ActivationFunction Get(string? name) => string.IsNullOrEmpty(name) ? registry.Get("linear") : registry.Get(name);

    /// <summary>keras.activations.get: the activation for a name (null or "" is linear), or an error that lists the known names.</summary>
    public ActivationFunction get(string? identifier) => Get(identifier);

    /// <summary>keras.activations.get of a function: a function of <c>keras.activations</c> keeps its name; any other Func is wrapped.</summary>
    public ActivationFunction get(Delegate identifier) => FromDelegate(identifier);

    /// <summary>keras.activations.get of an activation: the activation itself.</summary>
    public ActivationFunction get(ActivationFunction identifier) => identifier ?? throw new ArgumentNullException(nameof(identifier));

    /// <summary>
    /// keras.activations.get of a config: <c>{"class_name": "function", "config": "relu", ...}</c>
    /// as Keras writes a function it does not store as a plain name.
    /// </summary>
    public ActivationFunction get(IReadOnlyDictionary<string, object?> identifier) => deserialize(identifier);

    /// <summary>The known names, sorted.</summary>
    public static IReadOnlyList<string> Names => registry.Names;

    internal static ActivationFunction FromDelegate(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (names.TryGetValue(function, out var n)) return registry.Get(n);
        if (function is Func<Tensor, Tensor> f) return new ActivationFunction(f.Method.Name, f);
        throw new ArgumentException($"Cannot use a {function.GetType().Name} as an activation: pass a function of keras.activations, a name, or a Func<Tensor, Tensor>.", nameof(function));
    }

    /// <summary>
    /// keras.activations.serialize: Keras's name for a function of <c>keras.activations</c> ("silu" for swish).
    /// A function Keras does not know cannot be serialized, as in Keras.
    /// </summary>
    public static string serialize(ActivationFunction activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (!registry.Contains(activation.name) || !ReferenceEquals(registry.Get(activation.name).function, activation.function))
            throw new ArgumentException($"Unknown activation function '{activation.name}' cannot be serialized due to invalid function name. " +
                $"Make sure to use an activation name that matches the references defined in activations.py. Known activation names: {string.Join(", ", Names)}.");
        return activation.name;
    }

    /// <summary>keras.activations.deserialize: the activation for a name, or for <c>{"class_name": "function", "config": name}</c>.</summary>
    public ActivationFunction deserialize(IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        object? c = config.TryGetValue("config", out var v) ? v : null;
        if (c is JsonElement { ValueKind: JsonValueKind.String } je) c = je.GetString();
        if (c is string name) return Get(name);
        object? cn = config.TryGetValue("class_name", out var k) ? k : null;
        if (cn is JsonElement { ValueKind: JsonValueKind.String } jk) cn = jk.GetString();
        if (cn is string className) return Get(className);
        throw new ArgumentException("Could not interpret activation function identifier: expected a name or {\"class_name\": \"function\", \"config\": \"relu\"}.");
    }

    /// <summary>keras.activations.deserialize of a name.</summary>
    public ActivationFunction deserialize(string name) => Get(name);
}
