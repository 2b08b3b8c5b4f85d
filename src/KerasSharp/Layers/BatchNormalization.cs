using KerasSharp.Initializers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras BatchNormalization (momentum 0.99, epsilon 1e-3). Training normalizes with the batch's
/// mean and biased variance and updates moving = moving·momentum + batch·(1 − momentum);
/// inference uses the moving statistics.
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
    Weight? gamma, beta, movingMean, movingVariance;
    int engineAxis;

    /// <summary>Keras's signature and defaults.</summary>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null)
        : base(name)
    {
        this.axis = axis; this.momentum = momentum; this.epsilon = epsilon; this.center = center; this.scale = scale;
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        int a = axis < 0 ? axis + s.Length : axis;
        if (a <= 0 || a >= s.Length || s[a] is null)
            throw new ArgumentException($"Layer \"{name}\" (BatchNormalization): axis {axis} must be a known dimension of the input, received input with shape {Utils.Shapes.Format(s)}.");
        long n = s[a]!.Value;
        engineAxis = EngineAxis(a, s.Length);
        if (scale) gamma = AddWeight("gamma", new[] { n }, InitializersApi.Get("ones"));
        if (center) beta = AddWeight("beta", new[] { n }, InitializersApi.Get("zeros"));
        movingMean = AddWeight("moving_mean", new[] { n }, InitializersApi.Get("zeros"), trainable: false);
        movingVariance = AddWeight("moving_variance", new[] { n }, InitializersApi.Get("ones"), trainable: false);
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => inputShapes[0];

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        long rank = x.dim();
        var reduce = Enumerable.Range(0, (int)rank).Where(d => d != engineAxis).Select(d => (long)d).ToArray();
        var viewShape = Enumerable.Repeat(1L, (int)rank).ToArray();
        viewShape[engineAxis] = -1;
        Tensor mean, variance;
        if (training && trainable)
        {
            (variance, mean) = torch.var_mean(x, reduce, unbiased: false, keepdim: false);
            using (torch.no_grad())
            {
                movingMean!.Value.mul_(momentum).add_(mean.detach(), alpha: 1 - momentum);
                movingVariance!.Value.mul_(momentum).add_(variance.detach(), alpha: 1 - momentum);
            }
        }
        else
        {
            mean = movingMean!.Value;
            variance = movingVariance!.Value;
        }
        var inv = torch.rsqrt(variance + epsilon);
        if (gamma is not null) inv = inv * gamma.Value;
        var shift = beta is not null ? beta.Value - mean * inv : -mean * inv;
        return torch.addcmul(shift.view(viewShape), x, inv.view(viewShape), 1);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["axis"] = axis; c["momentum"] = momentum; c["epsilon"] = epsilon; c["center"] = center; c["scale"] = scale;
        c["beta_initializer"] = Saving.ConfigSerializer.Object(InitializersApi.Get("zeros"));
        c["gamma_initializer"] = Saving.ConfigSerializer.Object(InitializersApi.Get("ones"));
        c["moving_mean_initializer"] = Saving.ConfigSerializer.Object(InitializersApi.Get("zeros"));
        c["moving_variance_initializer"] = Saving.ConfigSerializer.Object(InitializersApi.Get("ones"));
        c["beta_regularizer"] = null; c["gamma_regularizer"] = null; c["beta_constraint"] = null; c["gamma_constraint"] = null;
        c["synchronized"] = false;
        return c;
    }
}
