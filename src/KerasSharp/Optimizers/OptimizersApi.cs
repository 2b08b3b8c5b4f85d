namespace KerasSharp.Optimizers;

/// <summary><c>keras.optimizers</c>.</summary>
public sealed class OptimizersApi
{
    internal static readonly OptimizersApi Instance = new();
    static readonly Utils.Registry<Optimizer> registry = new Utils.Registry<Optimizer>("optimizer")
        .Add(() => new SGD(), "sgd", "SGD")
        .Add(() => new Adam(), "adam", "Adam")
        .Add(() => new RMSprop(), "rmsprop", "RMSprop")
        .Add(() => new Adagrad(), "adagrad", "Adagrad")
        .Add(() => new Adadelta(), "adadelta", "Adadelta")
        .Add(() => new Adamax(), "adamax", "Adamax")
        .Add(() => new Nadam(), "nadam", "Nadam");

    /// <summary>The optimizer for a name with Keras's defaults, or an error that lists the known names.</summary>
    public static Optimizer Get(string name) => registry.Get(name);

    /// <summary>keras.optimizers.get: the optimizer for a name with Keras's defaults, or an error that lists the known names.</summary>
    public Optimizer get(string identifier) => Get(identifier);

    /// <summary>Keras SGD.</summary>
    public SGD SGD(double learning_rate = 0.01, double momentum = 0.0, bool nesterov = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null)
        => new(learning_rate, momentum, nesterov, clipnorm, clipvalue, global_clipnorm);
    /// <summary>Keras Adam.</summary>
    public Adam Adam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null)
        => new(learning_rate, beta_1, beta_2, epsilon, amsgrad, clipnorm, clipvalue, global_clipnorm);
    /// <summary>Keras RMSprop.</summary>
    public RMSprop RMSprop(double learning_rate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null)
        => new(learning_rate, rho, momentum, epsilon, centered, clipnorm, clipvalue, global_clipnorm);
    /// <summary>Keras Adagrad.</summary>
    public Adagrad Adagrad(double learning_rate = 0.001, double initial_accumulator_value = 0.1, double epsilon = 1e-7, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null)
        => new(learning_rate, initial_accumulator_value, epsilon, clipnorm, clipvalue, global_clipnorm);
    /// <summary>Keras Adadelta.</summary>
    public Adadelta Adadelta(double learning_rate = 0.001, double rho = 0.95, double epsilon = 1e-7, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null)
        => new(learning_rate, rho, epsilon, clipnorm, clipvalue, global_clipnorm);
    /// <summary>Keras Adamax.</summary>
    public Adamax Adamax(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null)
        => new(learning_rate, beta_1, beta_2, epsilon, clipnorm, clipvalue, global_clipnorm);
    /// <summary>Keras Nadam.</summary>
    public Nadam Nadam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null)
        => new(learning_rate, beta_1, beta_2, epsilon, clipnorm, clipvalue, global_clipnorm);
}
