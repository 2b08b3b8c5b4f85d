using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>Keras SGD: v = momentum·v − lr·g; w += v (Nesterov: w += momentum·v − lr·g).</summary>
public sealed class SGD : Optimizer
{
    /// <summary>The momentum.</summary>
    public double momentum { get; }
    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool nesterov { get; }
    /// <summary>Keras defaults: learning_rate 0.01, momentum 0.</summary>
    public SGD(double learning_rate = 0.01, double momentum = 0.0, bool nesterov = false, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, string name = "SGD")
        : base(learning_rate, clipnorm, clipvalue, global_clipnorm, name)
    {
        if (momentum < 0 || momentum > 1) throw new ArgumentException($"SGD: momentum must be in [0, 1], received {momentum}.");
        this.momentum = momentum; this.nesterov = nesterov;
    }
    /// <inheritdoc />
    public override string class_name => "SGD";
    /// <inheritdoc />
    protected override int SlotCount => momentum != 0 ? 1 : 0;
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long step, double lr)
    {
        var minusLr = S(-lr);
        if (momentum == 0) { w.add_(g, alpha: minusLr); return; }
        var v = s[0];
        var mu = S(momentum);
        v.mul_(mu).add_(g, alpha: minusLr);
        if (nesterov) w.add_(v, alpha: mu).add_(g, alpha: minusLr);
        else w.add_(v);
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["momentum"] = momentum; c["nesterov"] = nesterov; return c; }
}

/// <summary>Keras Adam: ε is added to √v (not to the bias-corrected √v̂ as in PyTorch); default ε 1e-7.</summary>
public sealed class Adam : Optimizer
{
    /// <summary>β₁.</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>AMSGrad variant.</summary>
    public bool amsgrad { get; }
    /// <summary>Keras defaults.</summary>
    public Adam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "adam")
        : base(learning_rate, clipnorm, clipvalue, global_clipnorm, name)
    { this.beta_1 = beta_1; this.beta_2 = beta_2; this.epsilon = epsilon; this.amsgrad = amsgrad; }
    /// <inheritdoc />
    public override string class_name => "Adam";
    /// <inheritdoc />
    protected override int SlotCount => amsgrad ? 3 : 2;
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        double alpha = lr * Math.Sqrt(1 - Math.Pow(beta_2, t)) / (1 - Math.Pow(beta_1, t));
        var m = s[0]; var v = s[1];
        m.mul_(S(beta_1)).add_(g, alpha: S(1 - beta_1));
        v.mul_(S(beta_2)).addcmul_(g, g, value: S(1 - beta_2));
        var vv = v;
        if (amsgrad) { s[2].copy_(torch.maximum(s[2], v)); vv = s[2]; }
        w.addcdiv_(m, vv.sqrt().add_(S(epsilon)), value: S(-alpha));
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    { var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; c["epsilon"] = epsilon; c["amsgrad"] = amsgrad; return c; }
}

/// <summary>Keras RMSprop: ε inside the square root; default rho 0.9, ε 1e-7.</summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Decay of the squared-gradient average.</summary>
    public double rho { get; }
    /// <summary>Momentum.</summary>
    public double momentum { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>Centered variant.</summary>
    public bool centered { get; }
    /// <summary>Keras defaults.</summary>
    public RMSprop(double learning_rate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "rmsprop")
        : base(learning_rate, clipnorm, clipvalue, global_clipnorm, name)
    { this.rho = rho; this.momentum = momentum; this.epsilon = epsilon; this.centered = centered; }
    /// <inheritdoc />
    public override string class_name => "RMSprop";
    /// <inheritdoc />
    protected override int SlotCount => 3;
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var velocity = s[0];
        velocity.mul_(S(rho)).addcmul_(g, g, value: S(1 - rho));
        Tensor denominator;
        if (centered)
        {
            var avg = s[1];
            avg.mul_(S(rho)).add_(g, alpha: S(1 - rho));
            denominator = (velocity - avg.square()).add_(S(epsilon));
        }
        else denominator = velocity.add(S(epsilon));
        var increment = g.mul(S(lr)).div_(denominator.sqrt_());
        if (momentum > 0) { s[2].mul_(S(momentum)).add_(increment); w.sub_(s[2]); }
        else w.sub_(increment);
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    { var c = base.get_config(); c["rho"] = rho; c["momentum"] = momentum; c["epsilon"] = epsilon; c["centered"] = centered; return c; }

    /// <summary>Keras's RMSprop.build: all velocities, then momentums (when momentum > 0), then average gradients (when centered).</summary>
    public override IEnumerable<(Tensor variable, int slot)> KerasSlotOrder(IReadOnlyList<Tensor> variables)
    {
        foreach (var v in variables) yield return (v, 0);
        if (momentum > 0) foreach (var v in variables) yield return (v, 2);
        if (centered) foreach (var v in variables) yield return (v, 1);
    }
}

/// <summary>Keras Adagrad: acc += g²; w −= lr·g / √(acc + ε); accumulator starts at 0.1.</summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Starting accumulator value.</summary>
    public double initial_accumulator_value { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>Keras defaults.</summary>
    public Adagrad(double learning_rate = 0.001, double initial_accumulator_value = 0.1, double epsilon = 1e-7,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "adagrad")
        : base(learning_rate, clipnorm, clipvalue, global_clipnorm, name)
    { this.initial_accumulator_value = initial_accumulator_value; this.epsilon = epsilon; }
    /// <inheritdoc />
    public override string class_name => "Adagrad";
    /// <inheritdoc />
    protected override int SlotCount => 1;
    /// <inheritdoc />
    protected override Tensor InitialSlot(int slot, Tensor variable) => torch.full_like(variable, initial_accumulator_value);
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        s[0].addcmul_(g, g, S(1));
        w.addcdiv_(g, s[0].add(S(epsilon)).sqrt_(), value: S(-lr));
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    { var c = base.get_config(); c["initial_accumulator_value"] = initial_accumulator_value; c["epsilon"] = epsilon; return c; }
}

/// <summary>Keras Adadelta (rho 0.95, ε 1e-7, learning_rate 0.001).</summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Decay rate.</summary>
    public double rho { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>Keras defaults.</summary>
    public Adadelta(double learning_rate = 0.001, double rho = 0.95, double epsilon = 1e-7,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "adadelta")
        : base(learning_rate, clipnorm, clipvalue, global_clipnorm, name)
    { this.rho = rho; this.epsilon = epsilon; }
    /// <inheritdoc />
    public override string class_name => "Adadelta";
    /// <inheritdoc />
    protected override int SlotCount => 2;
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var accGrad = s[0]; var accDelta = s[1];
        accGrad.mul_(S(rho)).addcmul_(g, g, value: S(1 - rho));
        var delta = accDelta.add(S(epsilon)).sqrt_().neg_().mul_(g).div_(accGrad.add(S(epsilon)).sqrt_());
        accDelta.mul_(S(rho)).addcmul_(delta, delta, value: S(1 - rho));
        w.add_(delta, alpha: S(lr));
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["rho"] = rho; c["epsilon"] = epsilon; return c; }
}

/// <summary>Keras Adamax: u = max(β₂·u, |g|); w −= lr·m / ((1 − β₁ᵗ)(u + ε)).</summary>
public sealed class Adamax : Optimizer
{
    /// <summary>β₁.</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>Keras defaults.</summary>
    public Adamax(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "adamax")
        : base(learning_rate, clipnorm, clipvalue, global_clipnorm, name)
    { this.beta_1 = beta_1; this.beta_2 = beta_2; this.epsilon = epsilon; }
    /// <inheritdoc />
    public override string class_name => "Adamax";
    /// <inheritdoc />
    protected override int SlotCount => 2;
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var m = s[0]; var u = s[1];
        m.mul_(S(beta_1)).add_(g, alpha: S(1 - beta_1));
        u.copy_(torch.maximum(u.mul(S(beta_2)), g.abs()));
        w.addcdiv_(m, u.add(S(epsilon)), value: S(-lr / (1 - Math.Pow(beta_1, t))));
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    { var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; c["epsilon"] = epsilon; return c; }
}

/// <summary>Keras Nadam, with its momentum schedule μₜ = β₁(1 − ½·0.96^(0.004·t)).</summary>
public sealed class Nadam : Optimizer
{
    double uProduct = 1.0;
    double uT, uT1, uProductT, uProductT1;
    /// <summary>β₁.</summary>
    public double beta_1 { get; }
    /// <summary>β₂.</summary>
    public double beta_2 { get; }
    /// <summary>ε.</summary>
    public double epsilon { get; }
    /// <summary>Keras defaults.</summary>
    public Nadam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "nadam")
        : base(learning_rate, clipnorm, clipvalue, global_clipnorm, name)
    { this.beta_1 = beta_1; this.beta_2 = beta_2; this.epsilon = epsilon; }
    /// <inheritdoc />
    public override string class_name => "Nadam";
    /// <inheritdoc />
    protected override int SlotCount => 2;
    /// <summary>The running product of the momentum schedule (Keras's u_product variable).</summary>
    public double u_product { get => uProduct; set => uProduct = value; }
    /// <inheritdoc />
    public override double[] ExtraState { get => new[] { uProduct }; set { if (value.Length > 0) uProduct = value[0]; } }
    /// <inheritdoc />
    protected override void BeforeStep(long t)
    {
        uT = beta_1 * (1 - 0.5 * Math.Pow(0.96, t * 0.004));
        uT1 = beta_1 * (1 - 0.5 * Math.Pow(0.96, (t + 1) * 0.004));
        uProductT = uProduct * uT;
        uProductT1 = uProductT * uT1;
        uProduct = uProductT;
    }
    /// <inheritdoc />
    protected override void UpdateStep(Tensor w, Tensor g, Tensor[] s, long t, double lr)
    {
        var m = s[0]; var v = s[1];
        m.mul_(S(beta_1)).add_(g, alpha: S(1 - beta_1));
        v.mul_(S(beta_2)).addcmul_(g, g, value: S(1 - beta_2));
        var mHat = m.mul(S(uT1 / (1 - uProductT1))).add_(g.mul(S((1 - uT) / (1 - uProductT))));
        var vHat = v.div(S(1 - Math.Pow(beta_2, t)));
        w.addcdiv_(mHat, vHat.sqrt_().add_(S(epsilon)), value: S(-lr));
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    { var c = base.get_config(); c["beta_1"] = beta_1; c["beta_2"] = beta_2; c["epsilon"] = epsilon; return c; }
}
