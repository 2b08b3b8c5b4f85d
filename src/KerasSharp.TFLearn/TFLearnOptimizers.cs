using KerasSharp.Optimizers;
using KerasSharp.Optimizers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// TensorFlow 1's MomentumOptimizer, which TFLearn's Momentum and Nesterov wrap: the accumulator
/// sums raw gradients, a = momentum·a + g, and the step multiplies it by the current rate,
/// w −= lr·a (Nesterov: w −= lr·g + lr·momentum·a). With a constant rate this equals Keras's SGD
/// with momentum; with TFLearn's lr_decay it does not (Keras's SGD folds each step's rate into
/// its momentum), so TFLearn's classes keep TensorFlow's rule.
/// </summary>
public sealed class Momentum : Optimizer
{
    /// <summary>The momentum.</summary>
    public double momentum { get; }
    /// <summary>Nesterov's variant (TFLearn's Nesterov).</summary>
    public bool use_nesterov { get; }

    /// <summary>A TensorFlow 1 momentum optimizer.</summary>
    public Momentum(LearningRate learning_rate, double momentum, bool use_nesterov, string name)
        : base(learning_rate, 0.001, null, null, null, null, name)
    { this.momentum = momentum; this.use_nesterov = use_nesterov; }

    /// <inheritdoc />
    public override string class_name => use_nesterov ? "Nesterov" : "Momentum";
    /// <inheritdoc />
    protected override string[][] SlotGroups => new[] { new[] { "momentum" } };

    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long step, double lr)
    {
        var a = s[0];
        a.mul_(S(momentum)).add_(g);
        if (use_nesterov) w.sub_(g.mul(S(lr))).sub_(a.mul(S(lr * momentum)));
        else w.sub_(a.mul(S(lr)));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config(); c["momentum"] = momentum; c["use_nesterov"] = use_nesterov; return c;
    }
}

/// <summary>
/// TensorFlow 1's RMSPropOptimizer, which TFLearn's RMSProp wraps: Keras's RMSprop rule, with the
/// mean square initialized to ones (tf.train.RMSPropOptimizer's "rms" slot), not zeros as in Keras 3.
/// </summary>
public sealed class RMSProp : RMSprop
{
    /// <summary>A TensorFlow 1 RMSProp optimizer (decay is Keras's rho).</summary>
    public RMSProp(double learning_rate, double decay, double momentum, double epsilon, string name)
        : base(learning_rate, decay, momentum, epsilon, name: name) { }

    /// <inheritdoc />
    protected override Tensor InitialSlot(int slot, Tensor variable) => slot == 0 ? torch.ones_like(variable) : torch.zeros_like(variable);
}

/// <summary>
/// TFLearn's optimizer classes (tflearn/optimizers.py) with TFLearn's defaults, built on KerasSharp's
/// optimizers where TensorFlow 1's rule is Keras's: SGD (with lr_decay as
/// tf.train.exponential_decay, i.e. Keras's ExponentialDecay over the optimizer's iterations),
/// Adam (ε 1e-8), AdaGrad (TensorFlow 1 adds no ε), AdaDelta, Ftrl, ProximalAdaGrad (TFLearn builds
/// tf.train.AdagradOptimizer for it); Momentum, Nesterov and RMSProp keep TensorFlow 1's rules.
/// TFLearn's use_locking has no meaning here and is not offered.
/// </summary>
public sealed class TFLearnOptimizersApi
{
    internal static readonly TFLearnOptimizersApi Instance = new();

    static LearningRate Rate(double learning_rate, double lr_decay, double decay_step, bool staircase) =>
        lr_decay > 0 ? new ExponentialDecay(learning_rate, decay_step, lr_decay, staircase) : learning_rate;

    /// <summary>TFLearn's SGD: plain gradient descent, learning_rate 0.001; lr_decay &gt; 0 decays the rate as tf.train.exponential_decay.</summary>
    public Optimizer SGD(double learning_rate = 0.001, double lr_decay = 0.0, double decay_step = 100, bool staircase = false, string name = "SGD")
        => new SGD(Rate(learning_rate, lr_decay, decay_step, staircase), name: name);
    /// <summary>TFLearn's RMSProp: decay 0.9, momentum 0, ε 1e-10 (TensorFlow 1's rule).</summary>
    public Optimizer RMSProp(double learning_rate = 0.001, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10, string name = "RMSProp")
        => new RMSProp(learning_rate, decay, momentum, epsilon, name);
    /// <summary>TFLearn's Adam: β₁ 0.9, β₂ 0.999, ε 1e-8.</summary>
    public Optimizer Adam(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam")
        => new Adam(learning_rate, beta1, beta2, epsilon, name: name);
    /// <summary>TFLearn's Momentum: momentum 0.9; lr_decay &gt; 0 decays the rate as tf.train.exponential_decay.</summary>
    public Optimizer Momentum(double learning_rate = 0.001, double momentum = 0.9, double lr_decay = 0.0, double decay_step = 100, bool staircase = false, string name = "Momentum")
        => new Momentum(Rate(learning_rate, lr_decay, decay_step, staircase), momentum, use_nesterov: false, name);
    /// <summary>TFLearn's AdaGrad: initial accumulator 0.1, no ε (tf.train.AdagradOptimizer).</summary>
    public Optimizer AdaGrad(double learning_rate = 0.001, double initial_accumulator_value = 0.1, string name = "AdaGrad")
        => new Adagrad(learning_rate, initial_accumulator_value, epsilon: 0.0, name: name);
    /// <summary>TFLearn's Ftrl: learning_rate 3.0, learning_rate_power −0.5, initial accumulator 0.1.</summary>
    public Optimizer Ftrl(double learning_rate = 3.0, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0, string name = "Ftrl")
        => new Ftrl(learning_rate, learning_rate_power, initial_accumulator_value, l1_regularization_strength, l2_regularization_strength, name: name);
    /// <summary>TFLearn's AdaDelta: rho 0.1, ε 1e-8.</summary>
    public Optimizer AdaDelta(double learning_rate = 0.001, double rho = 0.1, double epsilon = 1e-08, string name = "AdaDelta")
        => new Adadelta(learning_rate, rho, epsilon, name: name);
    /// <summary>TFLearn's ProximalAdaGrad, which TFLearn builds as tf.train.AdagradOptimizer: the same as AdaGrad.</summary>
    public Optimizer ProximalAdaGrad(double learning_rate = 0.001, double initial_accumulator_value = 0.1, string name = "ProximalAdaGrad")
        => new Adagrad(learning_rate, initial_accumulator_value, epsilon: 0.0, name: name);
    /// <summary>TFLearn's Nesterov: momentum 0.9; lr_decay &gt; 0 decays the rate as tf.train.exponential_decay.</summary>
    public Optimizer Nesterov(double learning_rate = 0.001, double momentum = 0.9, double lr_decay = 0.0, double decay_step = 100, bool staircase = false, string name = "Nesterov")
        => new Momentum(Rate(learning_rate, lr_decay, decay_step, staircase), momentum, use_nesterov: true, name);

    static readonly string[] Known = { "sgd", "rmsprop", "adam", "momentum", "adagrad", "ftrl", "adadelta", "nesterov", "proximaladagrad" };

    /// <summary>TFLearn's get (the exact name, then its lower case) called with a learning rate, as regression does.</summary>
    public Optimizer get(string name, double learning_rate) => name.ToLowerInvariant() switch
    {
        "sgd" => SGD(learning_rate),
        "adam" => Adam(learning_rate),
        "rmsprop" => RMSProp(learning_rate),
        "momentum" => Momentum(learning_rate),
        "nesterov" => Nesterov(learning_rate),
        "adagrad" => AdaGrad(learning_rate),
        "proximaladagrad" => ProximalAdaGrad(learning_rate),
        "adadelta" => AdaDelta(learning_rate),
        "ftrl" => Ftrl(learning_rate),
        _ => throw new ArgumentException($"Unknown TFLearn optimizer '{name}'. Known optimizer names: {string.Join(", ", Known)}."),
    };
}

#pragma warning disable CS8981 // lower-case root, as tflearn in Python
public static partial class tflearn
{
    /// <summary>tflearn.SGD (tflearn.optimizers.SGD).</summary>
    public static Optimizer SGD(double learning_rate = 0.001, double lr_decay = 0.0, double decay_step = 100, bool staircase = false, string name = "SGD")
        => optimizers.SGD(learning_rate, lr_decay, decay_step, staircase, name);
    /// <summary>tflearn.RMSProp.</summary>
    public static Optimizer RMSProp(double learning_rate = 0.001, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10, string name = "RMSProp")
        => optimizers.RMSProp(learning_rate, decay, momentum, epsilon, name);
    /// <summary>tflearn.Adam.</summary>
    public static Optimizer Adam(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam")
        => optimizers.Adam(learning_rate, beta1, beta2, epsilon, name);
    /// <summary>tflearn.Momentum.</summary>
    public static Optimizer Momentum(double learning_rate = 0.001, double momentum = 0.9, double lr_decay = 0.0, double decay_step = 100, bool staircase = false, string name = "Momentum")
        => optimizers.Momentum(learning_rate, momentum, lr_decay, decay_step, staircase, name);
    /// <summary>tflearn.AdaGrad.</summary>
    public static Optimizer AdaGrad(double learning_rate = 0.001, double initial_accumulator_value = 0.1, string name = "AdaGrad")
        => optimizers.AdaGrad(learning_rate, initial_accumulator_value, name);
    /// <summary>tflearn.Ftrl.</summary>
    public static Optimizer Ftrl(double learning_rate = 3.0, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0, string name = "Ftrl")
        => optimizers.Ftrl(learning_rate, learning_rate_power, initial_accumulator_value, l1_regularization_strength, l2_regularization_strength, name);
    /// <summary>tflearn.AdaDelta.</summary>
    public static Optimizer AdaDelta(double learning_rate = 0.001, double rho = 0.1, double epsilon = 1e-08, string name = "AdaDelta")
        => optimizers.AdaDelta(learning_rate, rho, epsilon, name);
    /// <summary>tflearn.ProximalAdaGrad.</summary>
    public static Optimizer ProximalAdaGrad(double learning_rate = 0.001, double initial_accumulator_value = 0.1, string name = "ProximalAdaGrad")
        => optimizers.ProximalAdaGrad(learning_rate, initial_accumulator_value, name);
    /// <summary>tflearn.Nesterov.</summary>
    public static Optimizer Nesterov(double learning_rate = 0.001, double momentum = 0.9, double lr_decay = 0.0, double decay_step = 100, bool staircase = false, string name = "Nesterov")
        => optimizers.Nesterov(learning_rate, momentum, lr_decay, decay_step, staircase, name);
}
