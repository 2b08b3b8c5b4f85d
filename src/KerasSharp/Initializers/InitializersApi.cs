using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// <c>keras.initializers</c>: Keras 3.15.1's initializer classes (as factories with Keras's
/// defaults, under their class names and their snake-case aliases), <c>get</c>,
/// <c>serialize</c> and <c>deserialize</c>. Keras's <c>STFT</c> initializer (for the
/// STFTSpectrogram layer, which KerasSharp does not have) is not provided.
/// </summary>
public sealed class InitializersApi
{
    internal static readonly InitializersApi Instance = new();

    static readonly object gate = new();
    static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>?, Initializer>> byName = new(StringComparer.Ordinal);

    static InitializersApi()
    {
        void Add(Func<IReadOnlyDictionary<string, object?>?, Initializer> fromConfig, params string[] names)
        {
            foreach (var n in names) byName[n] = fromConfig;
        }
        // Keras's ALL_OBJECTS_DICT: each class under its name and its snake-case name, and the aliases.
        Add(c => Initializers.Constant.from_config(c), "Constant", "constant");
        Add(c => Initializers.Identity.from_config(c), "Identity", "identity", "IdentityInitializer");
        Add(c => Initializers.Ones.from_config(c), "Ones", "ones", "one");
        Add(c => Initializers.Zeros.from_config(c), "Zeros", "zeros", "zero");
        Add(c => Initializers.GlorotNormal.from_config(c), "GlorotNormal", "glorot_normal");
        Add(c => Initializers.GlorotUniform.from_config(c), "GlorotUniform", "glorot_uniform");
        Add(c => Initializers.HeNormal.from_config(c), "HeNormal", "he_normal");
        Add(c => Initializers.HeUniform.from_config(c), "HeUniform", "he_uniform");
        Add(c => Initializers.LecunNormal.from_config(c), "LecunNormal", "lecun_normal");
        Add(c => Initializers.LecunUniform.from_config(c), "LecunUniform", "lecun_uniform");
        Add(c => Initializers.Orthogonal.from_config(c), "Orthogonal", "orthogonal", "OrthogonalInitializer");
        Add(c => Initializers.RandomNormal.from_config(c), "RandomNormal", "random_normal", "normal");
        Add(c => Initializers.RandomUniform.from_config(c), "RandomUniform", "random_uniform", "uniform");
        Add(c => Initializers.TruncatedNormal.from_config(c), "TruncatedNormal", "truncated_normal");
        Add(c => Initializers.VarianceScaling.from_config(c), "VarianceScaling", "variance_scaling");
    }

    /// <summary>
    /// Registers an initializer class that is not Keras's (TFLearn's <c>UniformScaling</c>), so that
    /// <c>get</c> and <c>deserialize</c> know its name.
    /// </summary>
    /// <param name="class_name">The class name it serializes under.</param>
    /// <param name="from_config">Builds it from its config (an empty config gives the defaults).</param>
    public static void Register(string class_name, Func<IReadOnlyDictionary<string, object?>, Initializer> from_config)
    {
        ArgumentNullException.ThrowIfNull(class_name);
        ArgumentNullException.ThrowIfNull(from_config);
        lock (gate) byName[class_name] = c => from_config(InitializerConfig.OrEmpty(c));
    }

    /// <summary>The known names and class names, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (gate) return byName.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList(); }
    }

    /// <summary>The initializer for a name with its default arguments, or an error that lists the known names.</summary>
    public static Initializer Get(string name) => Deserialize(name, null);

    /// <summary>The initializer of a class from its config, or an error that lists the known names.</summary>
    internal static Initializer Deserialize(string className, IReadOnlyDictionary<string, object?>? config)
    {
        ArgumentNullException.ThrowIfNull(className);
        Func<IReadOnlyDictionary<string, object?>?, Initializer>? f;
        lock (gate) byName.TryGetValue(className, out f);
        if (f is null)
            throw new ArgumentException($"Unknown initializer '{className}'. Known initializer names: {string.Join(", ", Names)}.");
        return f(config);
    }

    // ----- get / serialize / deserialize -----

    /// <summary>
    /// <c>keras.initializers.get(name)</c>: a new initializer of the named class with its defaults
    /// (class names and snake-case names, case-sensitive: "he_normal", "HeNormal", "zeros", "uniform");
    /// null gives null, as Keras's None. An unknown name throws an error that lists the known names.
    /// </summary>
    [return: NotNullIfNotNull(nameof(identifier))]
    public Initializer? get(string? identifier) => identifier is null ? null : Get(identifier);

    /// <summary><c>keras.initializers.get(config)</c>: the initializer described by <c>{"class_name": ..., "config": {...}}</c>.</summary>
    public Initializer get(IReadOnlyDictionary<string, object?> identifier) => deserialize(identifier);

    /// <summary><c>keras.initializers.get(initializer)</c>: the initializer itself.</summary>
    public Initializer get(Initializer identifier) => identifier ?? throw new ArgumentNullException(nameof(identifier));

    /// <summary>
    /// <c>keras.initializers.get(tensor)</c>: an initializer that returns these values for a weight of
    /// the same shape (any other shape is an error, as in Keras). It cannot be serialized.
    /// </summary>
    public Initializer get(Tensor identifier) => new TensorInitializer(identifier ?? throw new ArgumentNullException(nameof(identifier)));

    /// <summary><c>keras.initializers.serialize</c>: Keras's <c>{module, class_name, config, registered_name}</c>.</summary>
    public Dictionary<string, object?> serialize(Initializer initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        return new()
        {
            ["module"] = "keras.initializers",
            ["class_name"] = initializer.class_name,
            ["config"] = initializer.get_config(),
            ["registered_name"] = null,
        };
    }

    /// <summary><c>keras.initializers.deserialize</c>: the initializer for <c>{"class_name": ..., "config": {...}}</c> (other keys are ignored).</summary>
    public Initializer deserialize(IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.TryGetValue("class_name", out var cn) || InitializerConfig.Normalize(cn) is not string className)
            throw new ArgumentException("Could not interpret initializer identifier: the config has no 'class_name'. Expected {\"class_name\": \"HeNormal\", \"config\": {...}}.");
        var inner = config.TryGetValue("config", out var c) ? InitializerConfig.Normalize(c) : null;
        if (inner is not null and not IReadOnlyDictionary<string, object?>)
            throw new ArgumentException($"Could not interpret initializer identifier: 'config' of '{className}' must be a dictionary.");
        return Deserialize(className, (IReadOnlyDictionary<string, object?>?)inner);
    }

    /// <summary>
    /// <c>keras.initializers.deserialize</c> of a config read from a file: a JSON string (a name) or
    /// object (<c>{"class_name": ..., "config": {...}}</c>).
    /// </summary>
    public Initializer deserialize(JsonElement config) => config.ValueKind switch
    {
        JsonValueKind.String => Get(config.GetString()!),
        JsonValueKind.Object => deserialize((IReadOnlyDictionary<string, object?>)InitializerConfig.FromJson(config)!),
        _ => throw new ArgumentException($"Could not interpret initializer identifier: {config}"),
    };

    // ----- the classes, with Keras's defaults -----

    /// <summary>Keras's GlorotUniform (the Dense and Conv2D default).</summary>
    public GlorotUniform GlorotUniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Keras's GlorotNormal.</summary>
    public GlorotNormal GlorotNormal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Keras's HeUniform.</summary>
    public HeUniform HeUniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Keras's HeNormal.</summary>
    public HeNormal HeNormal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Keras's LecunUniform.</summary>
    public LecunUniform LecunUniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Keras's LecunNormal.</summary>
    public LecunNormal LecunNormal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Keras's VarianceScaling.</summary>
    public VarianceScaling VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null,
        int[]? input_axes = null, int[]? output_axes = null) => new(scale, mode, distribution, seed, input_axes, output_axes);
    /// <summary>Keras's RandomNormal.</summary>
    public RandomNormal RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) => new(mean, stddev, seed);
    /// <summary>Keras's RandomUniform.</summary>
    public RandomUniform RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null) => new(minval, maxval, seed);
    /// <summary>Keras's TruncatedNormal.</summary>
    public TruncatedNormal TruncatedNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) => new(mean, stddev, seed);
    /// <summary>Keras's Orthogonal.</summary>
    public Orthogonal Orthogonal(double gain = 1.0, int? seed = null) => new(gain, seed);
    /// <summary>Keras's Identity.</summary>
    public Identity Identity(double gain = 1.0) => new(gain);
    /// <summary>Keras's Zeros.</summary>
    public Zeros Zeros() => new();
    /// <summary>Keras's Ones.</summary>
    public Ones Ones() => new();
    /// <summary>Keras's Constant with a scalar.</summary>
    public Constant Constant(double value = 0.0) => new(value);
    /// <summary>Keras's Constant with an array (broadcast to the weight's shape).</summary>
    public Constant Constant(Tensor value) => new(value);
    /// <summary>Keras's Constant with a .NET array of any rank (broadcast to the weight's shape).</summary>
    public Constant Constant(Array value) => new(value);
    /// <summary>Keras's Constant with a float vector (broadcast to the weight's shape).</summary>
    public Constant Constant(float[] value) => new(value);
    /// <summary>Keras's Constant with a double vector (broadcast to the weight's shape).</summary>
    public Constant Constant(double[] value) => new(value);
    /// <summary>Keras's Constant with a NumSharp array (broadcast to the weight's shape).</summary>
    public Constant Constant(NumSharp.NDArray value) => new(value);

    // ----- Keras's snake-case aliases of the classes -----

    /// <summary>Alias of <see cref="GlorotUniform"/>.</summary>
    public GlorotUniform glorot_uniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Alias of <see cref="GlorotNormal"/>.</summary>
    public GlorotNormal glorot_normal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Alias of <see cref="HeUniform"/>.</summary>
    public HeUniform he_uniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Alias of <see cref="HeNormal"/>.</summary>
    public HeNormal he_normal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Alias of <see cref="LecunUniform"/>.</summary>
    public LecunUniform lecun_uniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Alias of <see cref="LecunNormal"/>.</summary>
    public LecunNormal lecun_normal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
    /// <summary>Alias of <see cref="VarianceScaling"/>.</summary>
    public VarianceScaling variance_scaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null,
        int[]? input_axes = null, int[]? output_axes = null) => new(scale, mode, distribution, seed, input_axes, output_axes);
    /// <summary>Alias of <see cref="RandomNormal"/>.</summary>
    public RandomNormal random_normal(double mean = 0.0, double stddev = 0.05, int? seed = null) => new(mean, stddev, seed);
    /// <summary>Alias of <see cref="RandomUniform"/>.</summary>
    public RandomUniform random_uniform(double minval = -0.05, double maxval = 0.05, int? seed = null) => new(minval, maxval, seed);
    /// <summary>Alias of <see cref="TruncatedNormal"/>.</summary>
    public TruncatedNormal truncated_normal(double mean = 0.0, double stddev = 0.05, int? seed = null) => new(mean, stddev, seed);
    /// <summary>Alias of <see cref="Orthogonal"/>.</summary>
    public Orthogonal orthogonal(double gain = 1.0, int? seed = null) => new(gain, seed);
    /// <summary>Alias of <see cref="Identity"/>.</summary>
    public Identity identity(double gain = 1.0) => new(gain);
    /// <summary>Alias of <see cref="Zeros"/>.</summary>
    public Zeros zeros() => new();
    /// <summary>Alias of <see cref="Ones"/>.</summary>
    public Ones ones() => new();
    /// <summary>Alias of <see cref="Constant(double)"/>.</summary>
    public Constant constant(double value = 0.0) => new(value);
}
