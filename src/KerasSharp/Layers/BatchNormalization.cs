using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras BatchNormalization (axis -1, momentum 0.99, epsilon 1e-3). Training normalizes with the
/// batch's mean and biased variance and updates moving = moving·momentum + batch·(1 − momentum);
/// inference uses the moving statistics. The axis is Keras's: the last (channels) by default.
/// </summary>
public sealed class BatchNormalization : Layer
{
    /// <summary>The normalized axis (Keras, default -1: the channels).</summary>
    public int axis { get; }
    /// <summary>Momentum of the moving statistics.</summary>
    public double momentum { get; }
    /// <summary>Added to the variance.</summary>
    public double epsilon { get; }
    /// <summary>Whether beta is added.</summary>
    public bool center { get; }
    /// <summary>Whether gamma multiplies.</summary>
    public bool scale { get; }
    /// <summary>Initializer of beta.</summary>
    public Initializer beta_initializer { get; }
    /// <summary>Initializer of gamma.</summary>
    public Initializer gamma_initializer { get; }
    /// <summary>Initializer of the moving mean.</summary>
    public Initializer moving_mean_initializer { get; }
    /// <summary>Initializer of the moving variance.</summary>
    public Initializer moving_variance_initializer { get; }
    /// <summary>Regularizer of beta.</summary>
    public Regularizer? beta_regularizer { get; }
    /// <summary>Regularizer of gamma.</summary>
    public Regularizer? gamma_regularizer { get; }
    /// <summary>The scale, after build (null when <see cref="scale"/> is false).</summary>
    public Weight? gamma { get; private set; }
    /// <summary>The offset, after build (null when <see cref="center"/> is false).</summary>
    public Weight? beta { get; private set; }
    /// <summary>The moving mean, after build (not trainable).</summary>
    public Weight? moving_mean { get; private set; }
    /// <summary>The moving variance, after build (not trainable).</summary>
    public Weight? moving_variance { get; private set; }
    int normalizedAxis;
    long[] reduceAxes = Array.Empty<long>(), viewShape = Array.Empty<long>();

    /// <summary>Keras's signature and defaults.</summary>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Initializer? moving_mean_initializer = null,
        Initializer? moving_variance_initializer = null, Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null,
        string? name = null)
        : base(name)
    {
        // Keras takes any epsilon; a negative or NaN one makes every output NaN, so KerasSharp refuses it.
        if (!(epsilon >= 0)) throw new ArgumentException($"Layer \"{this.name}\" (BatchNormalization): epsilon must be >= 0, received {epsilon}.");
        this.axis = axis; this.momentum = momentum; this.epsilon = epsilon; this.center = center; this.scale = scale;
        this.beta_initializer = beta_initializer ?? InitializersApi.Get("zeros");
        this.gamma_initializer = gamma_initializer ?? InitializersApi.Get("ones");
        this.moving_mean_initializer = moving_mean_initializer ?? InitializersApi.Get("zeros");
        this.moving_variance_initializer = moving_variance_initializer ?? InitializersApi.Get("ones");
        this.beta_regularizer = beta_regularizer; this.gamma_regularizer = gamma_regularizer;
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        int a = axis < 0 ? axis + s.Length : axis;
        // Keras fails here with an IndexError (axis out of range); KerasSharp names the problem.
        if (a <= 0 || a >= s.Length)
            throw new ArgumentException($"Layer \"{name}\" (BatchNormalization): axis {axis} is not a feature axis of the input (batch excluded), received input with shape {Utils.Shapes.Format(s)}.");
        if (s[a] is not int dim)
            throw InputSpec.UndefinedWeightShape(name, scale ? "gamma" : center ? "beta" : "moving_mean", new[] { s[a] });
        long n = dim;
        normalizedAxis = a;
        reduceAxes = Enumerable.Range(0, s.Length).Where(d => d != a).Select(d => (long)d).ToArray();
        viewShape = Enumerable.Repeat(1L, s.Length).ToArray();
        viewShape[a] = -1;
        if (scale) gamma = this.AddLayerWeight("gamma", new[] { n }, gamma_initializer, regularizer: gamma_regularizer);
        if (center) beta = this.AddLayerWeight("beta", new[] { n }, beta_initializer, regularizer: beta_regularizer);
        moving_mean = this.AddLayerWeight("moving_mean", new[] { n }, moving_mean_initializer, trainable: false);
        moving_variance = this.AddLayerWeight("moving_variance", new[] { n }, moving_variance_initializer, trainable: false);
    }

    /// <summary>Keras's InputSpec for a built BatchNormalization: the same rank and the same size on <see cref="axis"/>.</summary>
    protected override void CheckInputShapes(int?[][] inputShapes)
    {
        var built = BuiltInputShapes![0];
        InputSpec.Check(name, 0, inputShapes[0], ndim: built.Length, axes: new[] { (axis, built[normalizedAxis]) });
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => inputShapes[0];

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        Tensor mean, variance;
        if (training && trainable)
        {
            (variance, mean) = torch.var_mean(x, reduceAxes, unbiased: false, keepdim: false);
            var (m, oneMinusM, _) = Scalars;
            using (torch.no_grad())
            {
                moving_mean!.Value.mul_(m).add_(mean.detach(), alpha: oneMinusM);
                moving_variance!.Value.mul_(m).add_(variance.detach(), alpha: oneMinusM);
            }
        }
        else
        {
            mean = moving_mean!.Value;
            variance = moving_variance!.Value;
        }
        var inv = torch.rsqrt(variance.add(Scalars.epsilon, Backend.EngineScalars.One));
        if (gamma is not null) inv = inv * gamma.Value;
        var shift = beta is not null ? beta.Value - mean * inv : -mean * inv;
        return torch.addcmul(shift.view(viewShape), x, inv.view(viewShape), Backend.EngineScalars.One);
    }

    // momentum, 1 − momentum and epsilon as engine scalars, made once: numbers passed as scalars make a
    // temporary native scalar per call, which the finalizer may free while the call runs.
    (Scalar momentum, Scalar oneMinusMomentum, Scalar epsilon)? scalars;
    (Scalar momentum, Scalar oneMinusMomentum, Scalar epsilon) Scalars => scalars ??= (momentum.ToScalar(), (1 - momentum).ToScalar(), epsilon.ToScalar());

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["axis"] = axis; c["momentum"] = momentum; c["epsilon"] = epsilon; c["center"] = center; c["scale"] = scale;
        c["beta_initializer"] = ConfigSerializer.Object(beta_initializer);
        c["gamma_initializer"] = ConfigSerializer.Object(gamma_initializer);
        c["moving_mean_initializer"] = ConfigSerializer.Object(moving_mean_initializer);
        c["moving_variance_initializer"] = ConfigSerializer.Object(moving_variance_initializer);
        c["beta_regularizer"] = ConfigSerializer.Object(beta_regularizer);
        c["gamma_regularizer"] = ConfigSerializer.Object(gamma_regularizer);
        c["beta_constraint"] = null; c["gamma_constraint"] = null;
        c["synchronized"] = false;
        c["renorm"] = false; c["renorm_clipping"] = null; c["renorm_momentum"] = 0.99;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        c.ExpectNull("beta_constraint", "gamma_constraint", "renorm_clipping");
        c.Expect("renorm", v => v is null || v.Value.ValueKind == System.Text.Json.JsonValueKind.False, "false");
        c.Ignore("synchronized", "renorm_momentum");
        int axis = c.Raw("axis") is { ValueKind: System.Text.Json.JsonValueKind.Array } arr && arr.GetArrayLength() == 1 ? arr[0].GetInt32() : c.Int("axis", -1);
        return new BatchNormalization(axis, c.Num("momentum", 0.99), c.Num("epsilon", 1e-3), c.Bool("center", true), c.Bool("scale", true),
            c.Initializer("beta_initializer", "zeros"), c.Initializer("gamma_initializer", "ones"), c.Initializer("moving_mean_initializer", "zeros"),
            c.Initializer("moving_variance_initializer", "ones"), c.Regularizer("beta_regularizer"), c.Regularizer("gamma_regularizer"), c.Name);
    }
}
