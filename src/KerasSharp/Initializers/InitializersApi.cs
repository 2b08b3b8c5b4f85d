namespace KerasSharp.Initializers;

/// <summary><c>keras.initializers</c>: Keras's initializer classes and their names.</summary>
public sealed class InitializersApi
{
    internal static readonly InitializersApi Instance = new();

    static readonly Utils.Registry<Initializer> registry = new Utils.Registry<Initializer>("initializer")
        .Add(() => new VarianceScaling("GlorotUniform", 1.0, "fan_avg", "uniform", null), "glorot_uniform", "GlorotUniform")
        .Add(() => new VarianceScaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal", null), "glorot_normal", "GlorotNormal")
        .Add(() => new VarianceScaling("HeUniform", 2.0, "fan_in", "uniform", null), "he_uniform", "HeUniform")
        .Add(() => new VarianceScaling("HeNormal", 2.0, "fan_in", "truncated_normal", null), "he_normal", "HeNormal")
        .Add(() => new VarianceScaling("LecunUniform", 1.0, "fan_in", "uniform", null), "lecun_uniform", "LecunUniform")
        .Add(() => new VarianceScaling("LecunNormal", 1.0, "fan_in", "truncated_normal", null), "lecun_normal", "LecunNormal")
        .Add(() => new VarianceScaling(), "variance_scaling", "VarianceScaling")
        .Add(() => new RandomNormal(), "random_normal", "normal", "RandomNormal")
        .Add(() => new RandomUniform(), "random_uniform", "uniform", "RandomUniform")
        .Add(() => new TruncatedNormalInitializer(), "truncated_normal", "TruncatedNormal")
        .Add(() => new Constant("Zeros", 0), "zeros", "zero", "Zeros")
        .Add(() => new Constant("Ones", 1), "ones", "one", "Ones")
        .Add(() => new Constant(), "constant", "Constant");

    /// <summary>The initializer for a name, or an error that lists the known names.</summary>
    public static Initializer Get(string name) => registry.Get(name);

    /// <summary>keras.initializers.get: the initializer for a name, or an error that lists the known names.</summary>
    public Initializer get(string identifier) => Get(identifier);

    /// <summary>Keras's GlorotUniform (the Dense and Conv2D default).</summary>
    public Initializer GlorotUniform(int? seed = null) => new VarianceScaling("GlorotUniform", 1.0, "fan_avg", "uniform", seed);
    /// <summary>Keras's GlorotNormal.</summary>
    public Initializer GlorotNormal(int? seed = null) => new VarianceScaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal", seed);
    /// <summary>Keras's HeUniform.</summary>
    public Initializer HeUniform(int? seed = null) => new VarianceScaling("HeUniform", 2.0, "fan_in", "uniform", seed);
    /// <summary>Keras's HeNormal.</summary>
    public Initializer HeNormal(int? seed = null) => new VarianceScaling("HeNormal", 2.0, "fan_in", "truncated_normal", seed);
    /// <summary>Keras's LecunUniform.</summary>
    public Initializer LecunUniform(int? seed = null) => new VarianceScaling("LecunUniform", 1.0, "fan_in", "uniform", seed);
    /// <summary>Keras's LecunNormal.</summary>
    public Initializer LecunNormal(int? seed = null) => new VarianceScaling("LecunNormal", 1.0, "fan_in", "truncated_normal", seed);
    /// <summary>Keras's VarianceScaling.</summary>
    public Initializer VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null) => new VarianceScaling(scale, mode, distribution, seed);
    /// <summary>Keras's RandomNormal.</summary>
    public Initializer RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) => new RandomNormal(mean, stddev, seed);
    /// <summary>Keras's RandomUniform.</summary>
    public Initializer RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null) => new RandomUniform(minval, maxval, seed);
    /// <summary>Keras's TruncatedNormal.</summary>
    public Initializer TruncatedNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) => new TruncatedNormalInitializer(mean, stddev, seed);
    /// <summary>Keras's Zeros.</summary>
    public Initializer Zeros() => new Constant("Zeros", 0);
    /// <summary>Keras's Ones.</summary>
    public Initializer Ones() => new Constant("Ones", 1);
    /// <summary>Keras's Constant.</summary>
    public Initializer Constant(double value = 0.0) => new Constant(value);
}
