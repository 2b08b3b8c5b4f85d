using System.Reflection;
using System.Text.Json;
using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// <c>keras.metrics</c>: Keras's metric classes (<c>keras.metrics.AUC()</c>), its metric
/// functions (<c>keras.metrics.binary_accuracy(y_true, y_pred)</c> and the loss functions), and
/// <c>get</c> / <c>deserialize</c> with Keras's names and aliases.
/// </summary>
public sealed class MetricsApi
{
    internal static readonly MetricsApi Instance = new();

    static readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal)
    {
        ["bce"] = "BinaryCrossentropy", ["BCE"] = "BinaryCrossentropy",
        ["mse"] = "MeanSquaredError", ["MSE"] = "MeanSquaredError",
        ["mae"] = "MeanAbsoluteError", ["MAE"] = "MeanAbsoluteError",
        ["mape"] = "MeanAbsolutePercentageError", ["MAPE"] = "MeanAbsolutePercentageError",
        ["msle"] = "MeanSquaredLogarithmicError", ["MSLE"] = "MeanSquaredLogarithmicError",
    };

    static readonly Dictionary<string, Func<IDictionary<string, object?>, Func<Tensor, Tensor, Tensor>>> metricFunctions = new(StringComparer.Ordinal)
    {
        ["accuracy"] = _ => MetricFunctions.Accuracy,
        ["binary_accuracy"] = k => { double th = ConfigValues.Num(k, "threshold", 0.5); return (t, p) => MetricFunctions.BinaryAccuracy(t, p, th); },
        ["categorical_accuracy"] = _ => MetricFunctions.CategoricalAccuracy,
        ["sparse_categorical_accuracy"] = _ => MetricFunctions.SparseCategoricalAccuracy,
        ["top_k_categorical_accuracy"] = k => { int kk = ConfigValues.Int(k, "k", 5); return (t, p) => MetricFunctions.TopKCategoricalAccuracy(t, p, kk); },
        ["sparse_top_k_categorical_accuracy"] = k =>
        {
            int kk = ConfigValues.Int(k, "k", 5); bool sorted = ConfigValues.Bool(k, "from_sorted_ids", false);
            return (t, p) => MetricFunctions.SparseTopKCategoricalAccuracy(t, p, kk, sorted);
        },
        ["cosine_similarity"] = k => { int axis = ConfigValues.Int(k, "axis", -1); return (t, p) => MetricFunctions.CosineSimilarity(t, p, axis); },
    };

    // ----- the classes, by class name and snake_case name: each class's own from_config -----

    static readonly object registryLock = new();
    static Dictionary<string, Func<IDictionary<string, object?>, Metric>>? classes;

    static Dictionary<string, Func<IDictionary<string, object?>, Metric>> Classes
    {
        get
        {
            lock (registryLock)
            {
                if (classes is not null) return classes;
                classes = new(StringComparer.Ordinal);
                foreach (var t in typeof(Metric).Assembly.GetTypes())
                {
                    if (t.IsAbstract || !t.IsPublic || !typeof(Metric).IsAssignableFrom(t)) continue;
                    var m = t.GetMethod("from_config", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly, new[] { typeof(IDictionary<string, object?>) });
                    if (m is null) continue;
                    Func<IDictionary<string, object?>, Metric> f = c => (Metric)m.Invoke(null, new object[] { c })!;
                    classes[t.Name] = f;
                    classes[Layers.Layer.SnakeCase(t.Name)] = f;
                }
                return classes;
            }
        }
    }

    /// <summary>
    /// Registers a metric class for <see cref="deserialize(IDictionary{string, object})"/> and
    /// <see cref="get(string)"/> (Keras's <c>register_keras_serializable</c> for metrics).
    /// </summary>
    public void register(string class_name, Func<IDictionary<string, object?>, Metric> from_config)
    {
        ArgumentNullException.ThrowIfNull(class_name);
        ArgumentNullException.ThrowIfNull(from_config);
        lock (registryLock) Classes[class_name] = from_config;
    }

    static Func<IDictionary<string, object?>, Metric>? Lookup(string name)
    {
        lock (registryLock) return Classes.TryGetValue(aliases.TryGetValue(name, out var a) ? a : name, out var f) ? f : null;
    }

    static ArgumentException Unknown(string identifier)
    {
        List<string> names;
        lock (registryLock) names = Classes.Keys.Concat(aliases.Keys).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        return new ArgumentException($"Could not interpret metric identifier: {identifier}. Known metric names: {string.Join(", ", names)}.");
    }

    /// <summary>
    /// <c>keras.metrics.get</c>: a new instance, with its defaults, of the metric class named by
    /// its class name, its snake_case name or one of Keras's aliases ("auc", "AUC", "mse");
    /// unknown names throw an error that lists the known names. As in Keras, "accuracy" gives
    /// <see cref="Accuracy"/> and "acc" is unknown here; compile resolves both by the data.
    /// </summary>
    public Metric get(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var f = Lookup(identifier) ?? throw Unknown(identifier);
        return f(new Dictionary<string, object?>());
    }

    /// <summary><c>keras.metrics.get</c> with a metric: returns it.</summary>
    public Metric get(Metric identifier) => identifier ?? throw new ArgumentNullException(nameof(identifier));

    /// <summary><c>keras.metrics.get</c> with a config ({"class_name": ..., "config": {...}}): <see cref="deserialize(IDictionary{string, object})"/>.</summary>
    public Metric get(IDictionary<string, object?> identifier) => deserialize(identifier);

    /// <summary><c>keras.metrics.deserialize</c>: a metric from its serialized form, by the class's own from_config.</summary>
    public Metric deserialize(IDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string cls = ConfigValues.Str(config, "class_name", null) ?? throw new ArgumentException("Could not deserialize the metric: the config has no 'class_name'.");
        config.TryGetValue("config", out var inner);
        var innerDict = inner switch
        {
            null => new Dictionary<string, object?>(),
            IDictionary<string, object?> d => d,
            JsonElement e when e.ValueKind == JsonValueKind.Object => ToDictionary(e),
            _ => throw new ArgumentException($"Could not deserialize the metric '{cls}': its 'config' must be a dictionary."),
        };
        var f = Lookup(cls) ?? throw Unknown(cls);
        return f(innerDict);
    }

    /// <summary><c>keras.metrics.deserialize</c> from JSON (a name, or an object with class_name and config).</summary>
    public Metric deserialize(JsonElement config) => config.ValueKind == JsonValueKind.String ? get(config.GetString()!) : deserialize(ToDictionary(config));

    /// <summary><c>keras.metrics.serialize</c>: Keras's serialized form of a metric.</summary>
    public Dictionary<string, object?> serialize(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new() { ["module"] = "keras.metrics", ["class_name"] = metric.class_name, ["config"] = metric.get_config(), ["registered_name"] = null };
    }

    static Dictionary<string, object?> ToDictionary(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new ArgumentException("Could not deserialize the metric: expected a JSON object.");
        return e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Object ? (object?)ToDictionary(p.Value) : p.Value.Clone());
    }

    /// <summary>True when the registered function name is one of Keras's loss functions (a wrapper of it is minimized).</summary>
    internal static bool IsLossFunction(string fnName) => LossesApi.IsFunction(fnName);

    /// <summary>A registered metric or loss function bound to its keyword arguments.</summary>
    internal static Func<Tensor, Tensor, Tensor> BindFunction(string fnName, IDictionary<string, object?> kwargs)
    {
        if (metricFunctions.TryGetValue(fnName, out var m)) return m(kwargs);
        return LossesApi.Bind(fnName, kwargs)
            ?? throw new ArgumentException($"Unknown metric function '{fnName}'. Known metric functions: " +
                string.Join(", ", metricFunctions.Keys.OrderBy(n => n, StringComparer.Ordinal)) + ", and the loss functions of keras.losses.");
    }

    // ----- internal use: the lookup that compile and the saving code use -----

    /// <summary>
    /// Internal use (compile, the saving code): the metric for a name as compile takes it, named by
    /// that name (Keras's compile_utils sets the metric's name to the string it was given).
    /// "accuracy" and "acc" give an <see cref="AutoAccuracy"/> that the trainer resolves by the data.
    /// </summary>
    public static Metric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.ToLowerInvariant() is "accuracy" or "acc") return new AutoAccuracy(name);
        var f = Lookup(name);
        if (f is null)
        {
            List<string> names;
            lock (registryLock) names = Classes.Keys.Concat(aliases.Keys).Append("accuracy").Append("acc").Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            throw new ArgumentException($"Unknown metric '{name}'. Known metric names: {string.Join(", ", names)}.");
        }
        var m = f(new Dictionary<string, object?>());
        m.name = name;
        return m;
    }

    // ----- the classes -----

    /// <summary>Keras's Mean metric.</summary>
    public Mean Mean(string name = "mean", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's Sum metric.</summary>
    public Sum Sum(string name = "sum", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's MeanMetricWrapper around a per-sample function.</summary>
    public MeanMetricWrapper MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string? name = null, string? dtype = null) => new(fn, name, dtype);
    /// <summary>Keras's Accuracy metric.</summary>
    public Accuracy Accuracy(string name = "accuracy", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's BinaryAccuracy metric.</summary>
    public BinaryAccuracy BinaryAccuracy(string name = "binary_accuracy", string? dtype = null, double threshold = 0.5) => new(name, dtype, threshold);
    /// <summary>
    /// Internal use (the saving code): a BinaryAccuracy with a threshold, typed as <see cref="Metric"/>
    /// so that the saving code's switch over metric classes keeps one type.
    /// </summary>
    public Metric BinaryAccuracy(double threshold) => new BinaryAccuracy(threshold: threshold);
    /// <summary>Keras's CategoricalAccuracy metric.</summary>
    public CategoricalAccuracy CategoricalAccuracy(string name = "categorical_accuracy", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's SparseCategoricalAccuracy metric.</summary>
    public SparseCategoricalAccuracy SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's TopKCategoricalAccuracy metric.</summary>
    public TopKCategoricalAccuracy TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy", string? dtype = null) => new(k, name, dtype);
    /// <summary>Keras's SparseTopKCategoricalAccuracy metric.</summary>
    public SparseTopKCategoricalAccuracy SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy", string? dtype = null,
        bool from_sorted_ids = false) => new(k, name, dtype, from_sorted_ids);
    /// <summary>Keras's AUC metric.</summary>
    public AUC AUC(int? num_thresholds = 200, string curve = "ROC", string summation_method = "interpolation", string? name = null, string? dtype = null,
        double[]? thresholds = null, bool multi_label = false, int? num_labels = null, double[]? label_weights = null, bool from_logits = false)
        => new(num_thresholds, curve, summation_method, name, dtype, thresholds, multi_label, num_labels, label_weights, from_logits);
    /// <summary>Keras's Precision metric.</summary>
    public Precision Precision(double[]? thresholds = null, int? top_k = null, int? class_id = null, string? name = null, string? dtype = null) => new(thresholds, top_k, class_id, name, dtype);
    /// <summary>Keras's Recall metric.</summary>
    public Recall Recall(double[]? thresholds = null, int? top_k = null, int? class_id = null, string? name = null, string? dtype = null) => new(thresholds, top_k, class_id, name, dtype);
    /// <summary>Keras's TruePositives metric.</summary>
    public TruePositives TruePositives(double[]? thresholds = null, string? name = null, string? dtype = null) => new(thresholds, name, dtype);
    /// <summary>Keras's FalsePositives metric.</summary>
    public FalsePositives FalsePositives(double[]? thresholds = null, string? name = null, string? dtype = null) => new(thresholds, name, dtype);
    /// <summary>Keras's TrueNegatives metric.</summary>
    public TrueNegatives TrueNegatives(double[]? thresholds = null, string? name = null, string? dtype = null) => new(thresholds, name, dtype);
    /// <summary>Keras's FalseNegatives metric.</summary>
    public FalseNegatives FalseNegatives(double[]? thresholds = null, string? name = null, string? dtype = null) => new(thresholds, name, dtype);
    /// <summary>Keras's PrecisionAtRecall metric.</summary>
    public PrecisionAtRecall PrecisionAtRecall(double recall, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null) => new(recall, num_thresholds, class_id, name, dtype);
    /// <summary>Keras's RecallAtPrecision metric.</summary>
    public RecallAtPrecision RecallAtPrecision(double precision, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null) => new(precision, num_thresholds, class_id, name, dtype);
    /// <summary>Keras's SensitivityAtSpecificity metric.</summary>
    public SensitivityAtSpecificity SensitivityAtSpecificity(double specificity, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null) => new(specificity, num_thresholds, class_id, name, dtype);
    /// <summary>Keras's SpecificityAtSensitivity metric.</summary>
    public SpecificityAtSensitivity SpecificityAtSensitivity(double sensitivity, int num_thresholds = 200, int? class_id = null, string? name = null, string? dtype = null) => new(sensitivity, num_thresholds, class_id, name, dtype);
    /// <summary>Keras's R2Score metric.</summary>
    public R2Score R2Score(string? class_aggregation = "uniform_average", int num_regressors = 0, string name = "r2_score", string? dtype = null) => new(class_aggregation, num_regressors, name, dtype);
    /// <summary>Keras's MeanSquaredError metric.</summary>
    public Metrics.MeanSquaredError MeanSquaredError(string name = "mean_squared_error", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's MeanAbsoluteError metric.</summary>
    public Metrics.MeanAbsoluteError MeanAbsoluteError(string name = "mean_absolute_error", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's MeanAbsolutePercentageError metric.</summary>
    public Metrics.MeanAbsolutePercentageError MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's MeanSquaredLogarithmicError metric.</summary>
    public Metrics.MeanSquaredLogarithmicError MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's RootMeanSquaredError metric.</summary>
    public RootMeanSquaredError RootMeanSquaredError(string name = "root_mean_squared_error", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's CosineSimilarity metric.</summary>
    public Metrics.CosineSimilarity CosineSimilarity(string name = "cosine_similarity", string? dtype = null, int axis = -1) => new(name, dtype, axis);
    /// <summary>Keras's LogCoshError metric.</summary>
    public LogCoshError LogCoshError(string name = "logcosh", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's BinaryCrossentropy metric.</summary>
    public Metrics.BinaryCrossentropy BinaryCrossentropy(string name = "binary_crossentropy", string? dtype = null, bool from_logits = false, double label_smoothing = 0) => new(name, dtype, from_logits, label_smoothing);
    /// <summary>Keras's CategoricalCrossentropy metric.</summary>
    public Metrics.CategoricalCrossentropy CategoricalCrossentropy(string name = "categorical_crossentropy", string? dtype = null, bool from_logits = false, double label_smoothing = 0, int axis = -1)
        => new(name, dtype, from_logits, label_smoothing, axis);
    /// <summary>Keras's SparseCategoricalCrossentropy metric.</summary>
    public Metrics.SparseCategoricalCrossentropy SparseCategoricalCrossentropy(string name = "sparse_categorical_crossentropy", string? dtype = null, bool from_logits = false,
        int? ignore_class = null, int axis = -1) => new(name, dtype, from_logits, ignore_class, axis);
    /// <summary>Keras's KLDivergence metric.</summary>
    public Metrics.KLDivergence KLDivergence(string name = "kl_divergence", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's Poisson metric.</summary>
    public Metrics.Poisson Poisson(string name = "poisson", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's Hinge metric.</summary>
    public Metrics.Hinge Hinge(string name = "hinge", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's SquaredHinge metric.</summary>
    public Metrics.SquaredHinge SquaredHinge(string name = "squared_hinge", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's CategoricalHinge metric.</summary>
    public Metrics.CategoricalHinge CategoricalHinge(string name = "categorical_hinge", string? dtype = null) => new(name, dtype);
    /// <summary>Keras's FBetaScore metric.</summary>
    public FBetaScore FBetaScore(string? average = null, double beta = 1.0, double? threshold = null, string name = "fbeta_score", string? dtype = null) => new(average, beta, threshold, name, dtype);
    /// <summary>Keras's F1Score metric.</summary>
    public F1Score F1Score(string? average = null, double? threshold = null, string name = "f1_score", string? dtype = null) => new(average, threshold, name, dtype);

    // ----- the functions -----

    /// <summary>keras.metrics.binary_accuracy: 1 where (y_pred &gt; threshold) equals y_true.</summary>
    public Tensor binary_accuracy(Tensor y_true, Tensor y_pred, double threshold = 0.5) => MetricFunctions.BinaryAccuracy(y_true, y_pred, threshold);
    /// <summary>keras.metrics.categorical_accuracy: 1 where argmax(y_pred) equals argmax(y_true).</summary>
    public Tensor categorical_accuracy(Tensor y_true, Tensor y_pred) => MetricFunctions.CategoricalAccuracy(y_true, y_pred);
    /// <summary>keras.metrics.sparse_categorical_accuracy: 1 where argmax(y_pred) equals the label.</summary>
    public Tensor sparse_categorical_accuracy(Tensor y_true, Tensor y_pred) => MetricFunctions.SparseCategoricalAccuracy(y_true, y_pred);
    /// <summary>keras.metrics.top_k_categorical_accuracy.</summary>
    public Tensor top_k_categorical_accuracy(Tensor y_true, Tensor y_pred, int k = 5) => MetricFunctions.TopKCategoricalAccuracy(y_true, y_pred, k);
    /// <summary>keras.metrics.sparse_top_k_categorical_accuracy.</summary>
    public Tensor sparse_top_k_categorical_accuracy(Tensor y_true, Tensor y_pred, int k = 5, bool from_sorted_ids = false)
        => MetricFunctions.SparseTopKCategoricalAccuracy(y_true, y_pred, k, from_sorted_ids);
    /// <summary>keras.metrics.mean_squared_error (the loss function).</summary>
    public Tensor mean_squared_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanSquaredError(y_true, y_pred);
    /// <summary>keras.metrics.mean_absolute_error (the loss function).</summary>
    public Tensor mean_absolute_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanAbsoluteError(y_true, y_pred);
    /// <summary>keras.metrics.mean_absolute_percentage_error (the loss function).</summary>
    public Tensor mean_absolute_percentage_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanAbsolutePercentageError(y_true, y_pred);
    /// <summary>keras.metrics.mean_squared_logarithmic_error (the loss function).</summary>
    public Tensor mean_squared_logarithmic_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanSquaredLogarithmicError(y_true, y_pred);
    /// <summary>keras.metrics.huber (the loss function).</summary>
    public Tensor huber(Tensor y_true, Tensor y_pred, double delta = 1.0) => LossFunctions.Huber(y_true, y_pred, delta);
    /// <summary>keras.metrics.log_cosh (the loss function).</summary>
    public Tensor log_cosh(Tensor y_true, Tensor y_pred) => LossFunctions.LogCosh(y_true, y_pred);
    /// <summary>keras.metrics.kl_divergence (the loss function).</summary>
    public Tensor kl_divergence(Tensor y_true, Tensor y_pred) => LossFunctions.KLDivergence(y_true, y_pred);
    /// <summary>keras.metrics.poisson (the loss function).</summary>
    public Tensor poisson(Tensor y_true, Tensor y_pred) => LossFunctions.Poisson(y_true, y_pred);
    /// <summary>keras.metrics.hinge (the loss function).</summary>
    public Tensor hinge(Tensor y_true, Tensor y_pred) => LossFunctions.Hinge(y_true, y_pred);
    /// <summary>keras.metrics.squared_hinge (the loss function).</summary>
    public Tensor squared_hinge(Tensor y_true, Tensor y_pred) => LossFunctions.SquaredHinge(y_true, y_pred);
    /// <summary>keras.metrics.categorical_hinge (the loss function).</summary>
    public Tensor categorical_hinge(Tensor y_true, Tensor y_pred) => LossFunctions.CategoricalHinge(y_true, y_pred);
    /// <summary>keras.metrics.binary_crossentropy (the loss function).</summary>
    public Tensor binary_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.BinaryCrossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
    /// <summary>keras.metrics.binary_focal_crossentropy (the loss function).</summary>
    public Tensor binary_focal_crossentropy(Tensor y_true, Tensor y_pred, bool apply_class_balancing = false, double alpha = 0.25, double gamma = 2.0,
        bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.BinaryFocalCrossentropy(y_true, y_pred, apply_class_balancing, alpha, gamma, from_logits, label_smoothing, axis);
    /// <summary>keras.metrics.categorical_crossentropy (the loss function).</summary>
    public Tensor categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.CategoricalCrossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
    /// <summary>keras.metrics.categorical_focal_crossentropy (the loss function).</summary>
    public Tensor categorical_focal_crossentropy(Tensor y_true, Tensor y_pred, double alpha = 0.25, double gamma = 2.0, bool from_logits = false,
        double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.CategoricalFocalCrossentropy(y_true, y_pred, alpha, gamma, from_logits, label_smoothing, axis);
    /// <summary>keras.metrics.sparse_categorical_crossentropy (the loss function).</summary>
    public Tensor sparse_categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, int? ignore_class = null, int axis = -1)
        => LossFunctions.SparseCategoricalCrossentropy(y_true, y_pred, from_logits, ignore_class, axis);
}
