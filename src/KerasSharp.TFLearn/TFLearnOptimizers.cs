using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// TensorFlow's FTRL-Proximal (TFLearn's 'ftrl', learning_rate 3.0, learning_rate_power −0.5,
/// initial accumulator 0.1): accum' = accum + g²; linear += g − (accum'^½ − accum^½)/lr · w;
/// w = (sign(linear)·l1 − linear) / (accum'^½/lr + 2·l2) where |linear| > l1, else 0.
/// </summary>
public sealed class Ftrl : Optimizer
{
    /// <summary>TFLearn's defaults.</summary>
    public Ftrl(double learning_rate = 3.0, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0, string name = "Ftrl")
        : base(learning_rate, null, null, null, name)
    {
        if (learning_rate_power > 0) throw new ArgumentException($"Ftrl: learning_rate_power must be <= 0, received {learning_rate_power}.");
        this.learning_rate_power = learning_rate_power; this.initial_accumulator_value = initial_accumulator_value;
        l1 = l1_regularization_strength; l2 = l2_regularization_strength;
    }
    /// <summary>The power of the accumulator in the step size.</summary>
    public double learning_rate_power { get; }
    /// <summary>Starting accumulator value.</summary>
    public double initial_accumulator_value { get; }
    readonly double l1, l2;
    /// <inheritdoc />
    public override string class_name => "Ftrl";
    /// <inheritdoc />
    protected override int SlotCount => 2;
    /// <inheritdoc />
    protected override Tensor InitialSlot(int slot, Tensor variable) =>
        slot == 0 ? torch.full_like(variable, initial_accumulator_value) : torch.zeros_like(variable);
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var accum = s[0]; var linear = s[1];
        var accumNew = accum + g.square();
        var sigma = (accumNew.pow(-learning_rate_power) - accum.pow(-learning_rate_power)) / lr;
        linear.add_(g - sigma * w);
        var quadratic = accumNew.pow(-learning_rate_power) / lr + 2 * l2;
        var updated = (linear.sign() * l1 - linear) / quadratic;
        w.copy_(torch.where(linear.abs() > l1, updated, torch.zeros_like(w)));
        accum.copy_(accumNew);
    }
}

/// <summary>TFLearn's optimizer classes, with TFLearn's defaults (its Adam uses ε = 1e-8).</summary>
public sealed class TFLearnOptimizersApi
{
    internal static readonly TFLearnOptimizersApi Instance = new();
    /// <summary>TFLearn's SGD (plain gradient descent), learning_rate 0.001.</summary>
    public Optimizer SGD(double learning_rate = 0.001) => new SGD(learning_rate, name: "SGD");
    /// <summary>TFLearn's Adam: β₁ 0.9, β₂ 0.999, ε 1e-8.</summary>
    public Optimizer Adam(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) => new Adam(learning_rate, beta1, beta2, epsilon, name: "Adam");
    /// <summary>TFLearn's RMSProp: decay 0.9, momentum 0, ε 1e-10.</summary>
    public Optimizer RMSProp(double learning_rate = 0.001, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10) => new RMSprop(learning_rate, decay, momentum, epsilon, name: "RMSProp");
    /// <summary>TFLearn's Momentum: momentum 0.9.</summary>
    public Optimizer Momentum(double learning_rate = 0.001, double momentum = 0.9) => new SGD(learning_rate, momentum, name: "Momentum");
    /// <summary>TFLearn's Nesterov: momentum 0.9.</summary>
    public Optimizer Nesterov(double learning_rate = 0.001, double momentum = 0.9) => new SGD(learning_rate, momentum, nesterov: true, name: "Nesterov");
    /// <summary>TFLearn's AdaGrad: initial accumulator 0.1.</summary>
    public Optimizer AdaGrad(double learning_rate = 0.001, double initial_accumulator_value = 0.1) => new Adagrad(learning_rate, initial_accumulator_value, 1e-7, name: "AdaGrad");
    /// <summary>TFLearn's AdaDelta: rho 0.1, ε 1e-8.</summary>
    public Optimizer AdaDelta(double learning_rate = 0.001, double rho = 0.1, double epsilon = 1e-08) => new Adadelta(learning_rate, rho, epsilon, name: "AdaDelta");
    /// <summary>TFLearn's Ftrl: learning_rate 3.0.</summary>
    public Optimizer Ftrl(double learning_rate = 3.0, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0)
        => new Ftrl(learning_rate, learning_rate_power, initial_accumulator_value, l1_regularization_strength, l2_regularization_strength);

    static readonly string[] Known = { "sgd", "rmsprop", "adam", "momentum", "adagrad", "ftrl", "adadelta", "nesterov" };

    /// <summary>TFLearn's get: the exact name, then its lower case.</summary>
    public Optimizer get(string name, double learning_rate) => (name.ToLowerInvariant()) switch
    {
        "sgd" => SGD(learning_rate),
        "adam" => Adam(learning_rate),
        "rmsprop" => RMSProp(learning_rate),
        "momentum" => Momentum(learning_rate),
        "nesterov" => Nesterov(learning_rate),
        "adagrad" => AdaGrad(learning_rate),
        "adadelta" => AdaDelta(learning_rate),
        "ftrl" => Ftrl(learning_rate),
        _ => throw new ArgumentException($"Unknown TFLearn optimizer '{name}'. Known optimizer names: {string.Join(", ", Known)}."),
    };
}
