using System.Reflection;
using System.Text.Json;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// <c>keras.losses</c>: Keras's loss classes (<c>keras.losses.MeanSquaredError()</c>), its
/// per-sample loss functions (<c>keras.losses.mean_squared_error(y_true, y_pred)</c>), and
/// <c>get</c> / <c>deserialize</c> with Keras's names and aliases.
/// </summary>
public sealed class LossesApi
{
    internal static readonly LossesApi Instance = new();

    // ----- the per-sample functions, by their registered names -----

    sealed record FunctionEntry(string Name, Func<IDictionary<string, object?>, Func<Tensor, Tensor, Tensor>> Bind, Func<Loss> ClassInstance);

    static readonly Dictionary<string, FunctionEntry> functions = new FunctionEntry[]
    {
        new("mean_squared_error", _ => LossFunctions.MeanSquaredError, () => new MeanSquaredError()),
        new("mean_absolute_error", _ => LossFunctions.MeanAbsoluteError, () => new MeanAbsoluteError()),
        new("mean_absolute_percentage_error", _ => LossFunctions.MeanAbsolutePercentageError, () => new MeanAbsolutePercentageError()),
        new("mean_squared_logarithmic_error", _ => LossFunctions.MeanSquaredLogarithmicError, () => new MeanSquaredLogarithmicError()),
        new("cosine_similarity", k => { int axis = ConfigValues.Int(k, "axis", -1); return (t, p) => LossFunctions.CosineSimilarity(t, p, axis); }, () => new CosineSimilarity()),
        new("huber", k => { double delta = ConfigValues.Num(k, "delta", 1.0); return (t, p) => LossFunctions.Huber(t, p, delta); }, () => new Huber()),
        new("log_cosh", _ => LossFunctions.LogCosh, () => new LogCosh()),
        new("kl_divergence", _ => LossFunctions.KLDivergence, () => new KLDivergence()),
        new("poisson", _ => LossFunctions.Poisson, () => new Poisson()),
        new("hinge", _ => LossFunctions.Hinge, () => new Hinge()),
        new("squared_hinge", _ => LossFunctions.SquaredHinge, () => new SquaredHinge()),
        new("categorical_hinge", _ => LossFunctions.CategoricalHinge, () => new CategoricalHinge()),
        new("binary_crossentropy", k =>
        {
            bool fl = ConfigValues.Bool(k, "from_logits", false); double ls = ConfigValues.Num(k, "label_smoothing", 0); int axis = ConfigValues.Int(k, "axis", -1);
            return (t, p) => LossFunctions.BinaryCrossentropy(t, p, fl, ls, axis);
        }, () => new BinaryCrossentropy()),
        new("binary_focal_crossentropy", k =>
        {
            bool acb = ConfigValues.Bool(k, "apply_class_balancing", false); double alpha = ConfigValues.Num(k, "alpha", 0.25), gamma = ConfigValues.Num(k, "gamma", 2.0);
            bool fl = ConfigValues.Bool(k, "from_logits", false); double ls = ConfigValues.Num(k, "label_smoothing", 0); int axis = ConfigValues.Int(k, "axis", -1);
            return (t, p) => LossFunctions.BinaryFocalCrossentropy(t, p, acb, alpha, gamma, fl, ls, axis);
        }, () => new BinaryFocalCrossentropy()),
        new("categorical_crossentropy", k =>
        {
            bool fl = ConfigValues.Bool(k, "from_logits", false); double ls = ConfigValues.Num(k, "label_smoothing", 0); int axis = ConfigValues.Int(k, "axis", -1);
            return (t, p) => LossFunctions.CategoricalCrossentropy(t, p, fl, ls, axis);
        }, () => new CategoricalCrossentropy()),
        new("categorical_focal_crossentropy", k =>
        {
            double alpha = ConfigValues.Num(k, "alpha", 0.25), gamma = ConfigValues.Num(k, "gamma", 2.0);
            bool fl = ConfigValues.Bool(k, "from_logits", false); double ls = ConfigValues.Num(k, "label_smoothing", 0); int axis = ConfigValues.Int(k, "axis", -1);
            return (t, p) => LossFunctions.CategoricalFocalCrossentropy(t, p, alpha, gamma, fl, ls, axis);
        }, () => new CategoricalFocalCrossentropy()),
        new("sparse_categorical_crossentropy", k =>
        {
            bool fl = ConfigValues.Bool(k, "from_logits", false); int? ic = ConfigValues.IntOrNull(k, "ignore_class", null); int axis = ConfigValues.Int(k, "axis", -1);
            return (t, p) => LossFunctions.SparseCategoricalCrossentropy(t, p, fl, ic, axis);
        }, () => new SparseCategoricalCrossentropy()),
    }.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>Keras's aliases of the function names (keras.losses ALL_OBJECTS_DICT).</summary>
    static readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal)
    {
        ["bce"] = "binary_crossentropy", ["BCE"] = "binary_crossentropy",
        ["kld"] = "kl_divergence", ["KLD"] = "kl_divergence",
        ["mae"] = "mean_absolute_error", ["MAE"] = "mean_absolute_error",
        ["mse"] = "mean_squared_error", ["MSE"] = "mean_squared_error",
        ["mape"] = "mean_absolute_percentage_error", ["MAPE"] = "mean_absolute_percentage_error",
        ["msle"] = "mean_squared_logarithmic_error", ["MSLE"] = "mean_squared_logarithmic_error",
    };

    // ----- the classes, by class name: each class's own from_config -----

    static readonly object registryLock = new();
    static Dictionary<string, Func<IDictionary<string, object?>, Loss>>? classes;

    static Dictionary<string, Func<IDictionary<string, object?>, Loss>> Classes
    {
        get
        {
            lock (registryLock)
            {
                if (classes is not null) return classes;
                classes = new(StringComparer.Ordinal);
                foreach (var t in typeof(Loss).Assembly.GetTypes())
                {
                    if (t.IsAbstract || !t.IsPublic || !typeof(Loss).IsAssignableFrom(t)) continue;
                    var m = t.GetMethod("from_config", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly, new[] { typeof(IDictionary<string, object?>) });
                    if (m is null) continue;
                    classes[t.Name] = c => (Loss)m.Invoke(null, new object[] { c })!;
                }
                return classes;
            }
        }
    }

    /// <summary>
    /// Registers a loss class for <see cref="deserialize(IDictionary{string, object})"/> and
    /// <see cref="get(string)"/> (Keras's <c>register_keras_serializable</c> for losses).
    /// </summary>
    public void register(string class_name, Func<IDictionary<string, object?>, Loss> from_config)
    {
        ArgumentNullException.ThrowIfNull(class_name);
        ArgumentNullException.ThrowIfNull(from_config);
        lock (registryLock) Classes[class_name] = from_config;
    }

    static IEnumerable<string> KnownNames()
    {
        Dictionary<string, Func<IDictionary<string, object?>, Loss>> cls;
        lock (registryLock) cls = Classes;
        return functions.Keys.Concat(aliases.Keys).Concat(cls.Keys).Distinct().OrderBy(n => n, StringComparer.Ordinal);
    }

    static ArgumentException Unknown(string identifier) =>
        new($"Could not interpret loss identifier: {identifier}. Known loss names: {string.Join(", ", KnownNames())}.");

    /// <summary>
    /// <c>keras.losses.get</c>. As in Keras, a function name or alias ("mse",
    /// "mean_squared_error") gives the function, here a <see cref="LossFunctionWrapper"/> named
    /// after the function ("mean_squared_error"); a class name ("MeanSquaredError") gives a new
    /// instance of the class with its defaults. An unknown name throws an error that lists the
    /// known names.
    /// </summary>
    /// <remarks>
    /// Python returns a plain function for function names; C# needs one return type, so the
    /// function comes wrapped. The wrapper's <see cref="Loss.call"/> is the function itself (after
    /// Keras's rank alignment), and <see cref="Loss.Apply(Tensor, Tensor, Tensor)"/> reduces it as compile does.
    /// </remarks>
    public Loss get(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        string fnName = aliases.TryGetValue(identifier, out var a) ? a : identifier;
        if (functions.ContainsKey(fnName)) return Wrap(fnName, new Dictionary<string, object?>(), null, "sum_over_batch_size", null);
        Func<IDictionary<string, object?>, Loss>? f;
        lock (registryLock) Classes.TryGetValue(identifier, out f);
        if (f is not null) return f(new Dictionary<string, object?>());
        throw Unknown(identifier);
    }

    /// <summary><c>keras.losses.get</c> with a loss: returns it.</summary>
    public Loss get(Loss identifier) => identifier ?? throw new ArgumentNullException(nameof(identifier));

    /// <summary><c>keras.losses.get</c> with a config ({"class_name": ..., "config": {...}}): <see cref="deserialize(IDictionary{string, object})"/>.</summary>
    public Loss get(IDictionary<string, object?> identifier) => deserialize(identifier);

    /// <summary>
    /// <c>keras.losses.deserialize</c>: a loss from its serialized form
    /// ({"class_name": "MeanSquaredError", "config": {...}}, as Keras writes it in a model's
    /// compile config), by the class's own from_config.
    /// </summary>
    public Loss deserialize(IDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string cls = ConfigValues.Str(config, "class_name", null) ?? throw new ArgumentException("Could not deserialize the loss: the config has no 'class_name'.");
        config.TryGetValue("config", out var inner);
        if (cls == "function")
            return get(inner is JsonElement je ? je.GetString() ?? "" : inner as string ?? throw new ArgumentException("Could not deserialize the loss: a function config must be its name."));
        var innerDict = inner switch
        {
            null => new Dictionary<string, object?>(),
            IDictionary<string, object?> d => d,
            JsonElement e when e.ValueKind == JsonValueKind.Object => ToDictionary(e),
            _ => throw new ArgumentException($"Could not deserialize the loss '{cls}': its 'config' must be a dictionary."),
        };
        Func<IDictionary<string, object?>, Loss>? f;
        lock (registryLock) Classes.TryGetValue(cls, out f);
        if (f is null) throw Unknown(cls);
        return f(innerDict);
    }

    /// <summary><c>keras.losses.deserialize</c> from JSON (a name, or an object with class_name and config).</summary>
    public Loss deserialize(JsonElement config) => config.ValueKind == JsonValueKind.String ? get(config.GetString()!) : deserialize(ToDictionary(config));

    /// <summary><c>keras.losses.serialize</c>: Keras's serialized form of a loss.</summary>
    public Dictionary<string, object?> serialize(Loss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.GetType() == typeof(LossFunctionWrapper) && loss is LossFunctionWrapper w && w.fn_kwargs.Count == 0 && w.fn_name is not null && w.name == w.fn_name
            && w.reduction == "sum_over_batch_size")
            return new() { ["module"] = "builtins", ["class_name"] = "function", ["config"] = w.fn_name, ["registered_name"] = "function" };
        return new() { ["module"] = "keras.losses", ["class_name"] = loss.class_name, ["config"] = loss.get_config(), ["registered_name"] = null };
    }

    static Dictionary<string, object?> ToDictionary(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new ArgumentException("Could not deserialize the loss: expected a JSON object.");
        return e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Object ? (object?)ToDictionary(p.Value) : p.Value.Clone());
    }

    /// <summary>True for the registered loss function names and their aliases.</summary>
    internal static bool IsFunction(string fnName) => functions.ContainsKey(aliases.TryGetValue(fnName, out var a) ? a : fnName);

    /// <summary>A registered loss function bound to its keyword arguments, or null when the name is not a loss function.</summary>
    internal static Func<Tensor, Tensor, Tensor>? Bind(string fnName, IDictionary<string, object?> kwargs) =>
        functions.TryGetValue(aliases.TryGetValue(fnName, out var a) ? a : fnName, out var e) ? e.Bind(kwargs) : null;

    /// <summary>A wrapper around a registered function with its keyword arguments (for get and LossFunctionWrapper.from_config).</summary>
    internal static LossFunctionWrapper Wrap(string fnName, IDictionary<string, object?> kwargs, string? name, string? reduction, string? dtype)
    {
        string key = aliases.TryGetValue(fnName, out var a) ? a : fnName;
        if (!functions.TryGetValue(key, out var entry)) throw Unknown(fnName);
        return new LossFunctionWrapper(entry.Bind(kwargs), reduction, name ?? key, dtype, key,
            new Dictionary<string, object?>(kwargs));
    }

    // ----- internal use: the lookup that compile and the saving code use -----

    /// <summary>
    /// Internal use (compile, the saving code): the loss class instance for a function name, alias
    /// or class name ("mse" and "MeanSquaredError" both give a MeanSquaredError), or an error that
    /// lists the known names ("Unknown loss 'x'. Known loss names: ..."). Unlike
    /// <see cref="get(string)"/>, function names give the class.
    /// </summary>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string fnName = aliases.TryGetValue(name, out var a) ? a : name;
        if (functions.TryGetValue(fnName, out var entry)) return entry.ClassInstance();
        Func<IDictionary<string, object?>, Loss>? f;
        lock (registryLock) Classes.TryGetValue(name, out f);
        if (f is not null) return f(new Dictionary<string, object?>());
        throw new ArgumentException($"Unknown loss '{name}'. Known loss names: {string.Join(", ", KnownNames())}.");
    }

    // ----- the classes -----

    /// <summary>Keras's MeanSquaredError loss.</summary>
    public Losses.MeanSquaredError MeanSquaredError(string? reduction = "sum_over_batch_size", string name = "mean_squared_error", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's MeanAbsoluteError loss.</summary>
    public Losses.MeanAbsoluteError MeanAbsoluteError(string? reduction = "sum_over_batch_size", string name = "mean_absolute_error", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's MeanAbsolutePercentageError loss.</summary>
    public Losses.MeanAbsolutePercentageError MeanAbsolutePercentageError(string? reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's MeanSquaredLogarithmicError loss.</summary>
    public Losses.MeanSquaredLogarithmicError MeanSquaredLogarithmicError(string? reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's CosineSimilarity loss.</summary>
    public Losses.CosineSimilarity CosineSimilarity(int axis = -1, string? reduction = "sum_over_batch_size", string name = "cosine_similarity", string? dtype = null) => new(axis, reduction, name, dtype);
    /// <summary>Keras's Huber loss.</summary>
    public Losses.Huber Huber(double delta = 1.0, string? reduction = "sum_over_batch_size", string name = "huber_loss", string? dtype = null) => new(delta, reduction, name, dtype);
    /// <summary>Keras's LogCosh loss.</summary>
    public Losses.LogCosh LogCosh(string? reduction = "sum_over_batch_size", string name = "log_cosh", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's Hinge loss.</summary>
    public Losses.Hinge Hinge(string? reduction = "sum_over_batch_size", string name = "hinge", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's SquaredHinge loss.</summary>
    public Losses.SquaredHinge SquaredHinge(string? reduction = "sum_over_batch_size", string name = "squared_hinge", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's CategoricalHinge loss.</summary>
    public Losses.CategoricalHinge CategoricalHinge(string? reduction = "sum_over_batch_size", string name = "categorical_hinge", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's KLDivergence loss.</summary>
    public Losses.KLDivergence KLDivergence(string? reduction = "sum_over_batch_size", string name = "kl_divergence", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's Poisson loss.</summary>
    public Losses.Poisson Poisson(string? reduction = "sum_over_batch_size", string name = "poisson", string? dtype = null) => new(reduction, name, dtype);
    /// <summary>Keras's BinaryCrossentropy loss.</summary>
    public Losses.BinaryCrossentropy BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
        string? reduction = "sum_over_batch_size", string name = "binary_crossentropy", string? dtype = null) => new(from_logits, label_smoothing, axis, reduction, name, dtype);
    /// <summary>Keras's BinaryFocalCrossentropy loss.</summary>
    public Losses.BinaryFocalCrossentropy BinaryFocalCrossentropy(bool apply_class_balancing = false, double alpha = 0.25, double gamma = 2.0, bool from_logits = false,
        double label_smoothing = 0.0, int axis = -1, string? reduction = "sum_over_batch_size", string name = "binary_focal_crossentropy", string? dtype = null)
        => new(apply_class_balancing, alpha, gamma, from_logits, label_smoothing, axis, reduction, name, dtype);
    /// <summary>Keras's CategoricalCrossentropy loss.</summary>
    public Losses.CategoricalCrossentropy CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
        string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy", string? dtype = null) => new(from_logits, label_smoothing, axis, reduction, name, dtype);
    /// <summary>Keras's CategoricalFocalCrossentropy loss.</summary>
    public Losses.CategoricalFocalCrossentropy CategoricalFocalCrossentropy(double alpha = 0.25, double gamma = 2.0, bool from_logits = false, double label_smoothing = 0.0,
        int axis = -1, string? reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy", string? dtype = null)
        => new(alpha, gamma, from_logits, label_smoothing, axis, reduction, name, dtype);
    /// <summary>Keras's SparseCategoricalCrossentropy loss.</summary>
    public Losses.SparseCategoricalCrossentropy SparseCategoricalCrossentropy(bool from_logits = false, int? ignore_class = null, string? reduction = "sum_over_batch_size",
        int axis = -1, string name = "sparse_categorical_crossentropy", string? dtype = null) => new(from_logits, ignore_class, reduction, axis, name, dtype);

    // ----- the functions -----

    /// <summary>keras.losses.mean_squared_error: mean((y_true − y_pred)²) over the last axis.</summary>
    public Tensor mean_squared_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanSquaredError(y_true, y_pred);
    /// <summary>keras.losses.mean_absolute_error: mean(|y_true − y_pred|) over the last axis.</summary>
    public Tensor mean_absolute_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanAbsoluteError(y_true, y_pred);
    /// <summary>keras.losses.mean_absolute_percentage_error.</summary>
    public Tensor mean_absolute_percentage_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanAbsolutePercentageError(y_true, y_pred);
    /// <summary>keras.losses.mean_squared_logarithmic_error.</summary>
    public Tensor mean_squared_logarithmic_error(Tensor y_true, Tensor y_pred) => LossFunctions.MeanSquaredLogarithmicError(y_true, y_pred);
    /// <summary>keras.losses.cosine_similarity: −Σ normalize(y_true)·normalize(y_pred) along axis.</summary>
    public Tensor cosine_similarity(Tensor y_true, Tensor y_pred, int axis = -1) => LossFunctions.CosineSimilarity(y_true, y_pred, axis);
    /// <summary>keras.losses.huber.</summary>
    public Tensor huber(Tensor y_true, Tensor y_pred, double delta = 1.0) => LossFunctions.Huber(y_true, y_pred, delta);
    /// <summary>keras.losses.log_cosh.</summary>
    public Tensor log_cosh(Tensor y_true, Tensor y_pred) => LossFunctions.LogCosh(y_true, y_pred);
    /// <summary>keras.losses.kl_divergence.</summary>
    public Tensor kl_divergence(Tensor y_true, Tensor y_pred) => LossFunctions.KLDivergence(y_true, y_pred);
    /// <summary>keras.losses.poisson.</summary>
    public Tensor poisson(Tensor y_true, Tensor y_pred) => LossFunctions.Poisson(y_true, y_pred);
    /// <summary>keras.losses.hinge.</summary>
    public Tensor hinge(Tensor y_true, Tensor y_pred) => LossFunctions.Hinge(y_true, y_pred);
    /// <summary>keras.losses.squared_hinge.</summary>
    public Tensor squared_hinge(Tensor y_true, Tensor y_pred) => LossFunctions.SquaredHinge(y_true, y_pred);
    /// <summary>keras.losses.categorical_hinge.</summary>
    public Tensor categorical_hinge(Tensor y_true, Tensor y_pred) => LossFunctions.CategoricalHinge(y_true, y_pred);
    /// <summary>keras.losses.binary_crossentropy.</summary>
    public Tensor binary_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.BinaryCrossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
    /// <summary>keras.losses.binary_focal_crossentropy.</summary>
    public Tensor binary_focal_crossentropy(Tensor y_true, Tensor y_pred, bool apply_class_balancing = false, double alpha = 0.25, double gamma = 2.0,
        bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.BinaryFocalCrossentropy(y_true, y_pred, apply_class_balancing, alpha, gamma, from_logits, label_smoothing, axis);
    /// <summary>keras.losses.categorical_crossentropy.</summary>
    public Tensor categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.CategoricalCrossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
    /// <summary>keras.losses.categorical_focal_crossentropy.</summary>
    public Tensor categorical_focal_crossentropy(Tensor y_true, Tensor y_pred, double alpha = 0.25, double gamma = 2.0, bool from_logits = false,
        double label_smoothing = 0.0, int axis = -1)
        => LossFunctions.CategoricalFocalCrossentropy(y_true, y_pred, alpha, gamma, from_logits, label_smoothing, axis);
    /// <summary>keras.losses.sparse_categorical_crossentropy.</summary>
    public Tensor sparse_categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, int? ignore_class = null, int axis = -1)
        => LossFunctions.SparseCategoricalCrossentropy(y_true, y_pred, from_logits, ignore_class, axis);
}
