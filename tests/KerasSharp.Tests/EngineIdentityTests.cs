using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// The training step avoids TorchSharp calls that make a temporary native scalar (the finalizer may
/// free it while the native call still runs when other threads allocate hard; fit on a 2 GB stream
/// stopped with "Unknown scalar type"). Each replacement must give the engine's result bit for bit,
/// or the Keras numbers the other tests hold would move: these tests hold the engine to that.
/// </summary>
public class EngineIdentityTests
{
    static Tensor Data(int seed, params long[] shape)
    {
        var g = new torch.Generator((ulong)seed);
        // Values across many magnitudes, signs, zeros and subnormal-adjacent numbers.
        var t = torch.randn(shape, generator: g) * torch.exp(torch.randn(shape, generator: g) * 6);
        t[0] = 0f;
        return t;
    }

    static void BitEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
        var a = actual.contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
        int diff = e.Zip(a).Count(p => p.First != p.Second);
        Assert.Equal(0, diff);
    }

    [Fact]
    public void PowByAHeldTwo_IsSquare_BitForBit_GradientsIncluded()
    {
        var x0 = Data(1, 1000, 37).clamp(-1e15, 1e15);
        using var two = 2.ToScalar(); // what EngineScalars.Square passes
        BitEqual(x0.square(), x0.pow(two));
        // x also feeds another term, so its gradient sums two contributions: the order must be square()'s.
        var up = Data(2, 1000, 37).clamp(-10, 10);
        Tensor Grad(Func<Tensor, Tensor> sq)
        {
            var x = x0.clamp(-100, 100).detach().clone().requires_grad_();
            ((sq(x) * up).sum() + (x * up).sum() * 3).backward();
            return x.grad!;
        }
        BitEqual(Grad(x => x.square()), Grad(x => x.pow(two)));
    }

    [Fact]
    public void NegThenAddOne_IsOneMinus_BitForBit()
    {
        var z = torch.sigmoid(Data(2, 4096));
        using var one = 1.0.ToScalar();
        BitEqual(1 - z, z.neg().add_(one, one));
    }

    [Fact]
    public void TensorNorm_IsVectorNorm_BitForBit()
    {
        foreach (var n in new long[] { 1, 7, 513, 100_003 })
        {
            var g = Data((int)n, n);
            BitEqual(torch.linalg.vector_norm(g), g.norm());
        }
        var norms = torch.stack(new[] { Data(3, 300).norm(), Data(4, 10).norm(), Data(5, 1).norm() });
        BitEqual(torch.linalg.vector_norm(norms), norms.norm());
    }

    [Fact]
    public void ClampMin_IsMaximumWithAScalarTensor_NaNKept()
    {
        var norms = torch.tensor(new[] { 0f, 0.5f, 1f, 1.5f, 1e30f, float.NaN });
        using var one = 1.0.ToScalar();
        var expected = torch.maximum(norms, torch.tensor(1.0f));
        var actual = norms.clamp_min(one);
        Assert.Equal(new[] { 1f, 1f, 1f, 1.5f, 1e30f }, actual.data<float>().ToArray()[..5]);
        // NaN stays NaN (its bit pattern may differ between the two kernels).
        Assert.True(float.IsNaN(actual.data<float>()[5]) && float.IsNaN(expected.data<float>()[5]));
        BitEqual(expected[..5], actual[..5]);
    }

    [Fact]
    public void AddWithExplicitAlpha_IsPlus_BitForBit()
    {
        var a = Data(6, 2000); var b = Data(7, 2000);
        using var one = 1.0.ToScalar();
        BitEqual(a + b, a.add(b, one));
    }
    [Fact]
    public void Regularizers_WithHeldFactors_AreTheEngineFormula_BitForBit()
    {
        var x = Data(11, 300, 17);
        BitEqual(x.abs().sum() * (float)0.01, new KerasSharp.Regularizers.L1(0.01).call(x));
        BitEqual(x.square().sum() * 0.003, new KerasSharp.Regularizers.L2(0.003).call(x));
        var both = torch.zeros(Array.Empty<long>()) + x.abs().sum() * 0.02;
        both = both + x.square().sum() * 0.005;
        BitEqual(both, new KerasSharp.Regularizers.L1L2(0.02, 0.005).call(x));
        // Gradients too, with the weight also used by the rest of the loss (its gradient sums both).
        var data = Data(17, 9, 64).clamp(-10, 10);
        var a = Data(12, 64, 9).clamp(-100, 100).requires_grad_(); var b = a.detach().clone().requires_grad_();
        (data.matmul(a).sum() + a.square().sum() * 0.003).backward();
        (data.matmul(b).sum() + new KerasSharp.Regularizers.L2(0.003).call(b)).backward();
        BitEqual(a.grad!, b.grad!);
    }

    [Fact]
    public void HeldCountDivisionAndExplicitAlphaSums_AreTheOperators_BitForBit()
    {
        var a = Data(13, 32, 5); var b = Data(14, 32, 5); var c = Data(15, 32, 5);
        var average = new KerasSharp.Layers.Average();
        BitEqual((a + b + c) / 3, average.call(new[] { a, b, c }, false));
        var add = new KerasSharp.Layers.Add();
        BitEqual(a + b + c, add.call(new[] { a, b, c }, false));
        var penalty = Data(16, 1).sum();
        using var batch = 32.0.ToScalar(); // what EngineScalars.Hold(32) holds for the activity penalty's batch size
        BitEqual(penalty / 32L, penalty.div(batch));
    }
    /// <summary>
    /// The Keras losses whose constants are held engine scalars, against the same formulas written
    /// with TorchSharp's operators and numbers (the form each had before), bit for bit.
    /// </summary>
    [Fact]
    public void LossesWithHeldConstants_AreTheirOperatorForms_BitForBit()
    {
        var g = new torch.Generator(21);
        var p = torch.rand(new long[] { 64, 7 }, generator: g) * 3 - 1;
        var t = torch.rand(new long[] { 64, 7 }, generator: g) * 3 - 1;
        var labels = (torch.rand(new long[] { 64, 7 }, generator: g) > 0.5).to(float32);
        var probs = torch.softmax(p, -1); var probsTrue = torch.softmax(t, -1);
        const double eps = 1e-7;
        static Tensor Mean(Tensor v) => v.mean(new long[] { -1 });
        var losses = keras.losses;
        BitEqual(100.0 * Mean(((t - p) / torch.clamp_min(t.abs(), eps)).abs()), losses.mean_absolute_percentage_error(t, p));
        BitEqual(Mean((torch.log(torch.clamp_min(p, eps) + 1.0) - torch.log(torch.clamp_min(t, eps) + 1.0)).square()), losses.mean_squared_logarithmic_error(t, p));
        foreach (double delta in new[] { 1.0, 0.35 })
        {
            var e = p - t; var abs = e.abs();
            BitEqual(Mean(torch.where(abs <= delta, 0.5 * e.square(), delta * abs - 0.5 * delta * delta)), losses.huber(t, p, delta));
        }
        var x = p - t;
        BitEqual(Mean(x + torch.nn.functional.softplus(x * -2.0) - Math.Log(2.0)), losses.log_cosh(t, p));
        var kt = probsTrue.clamp(eps, 1); var kp = probs.clamp(eps, 1);
        BitEqual((kt * torch.log(kt / kp)).sum(-1), losses.kl_divergence(probsTrue, probs));
        BitEqual(Mean(probs - probsTrue * torch.log(probs + eps)), losses.poisson(probsTrue, probs));
        var signs = 2.0 * labels - 1.0;
        BitEqual(Mean(torch.clamp_min(1.0 - signs * p, 0.0)), losses.hinge(labels, p));
        BitEqual(Mean(torch.clamp_min(1.0 - signs * p, 0.0).square()), losses.squared_hinge(labels, p));
        BitEqual(Mean(torch.clamp_min(1.0 - t * p, 0.0)), losses.hinge(t, p)); // labels not in {0, 1}: kept as given
        var pos = (labels * p).sum(-1); var neg = ((1.0 - labels) * p).amax(new long[] { -1 });
        BitEqual(torch.clamp_min(neg - pos + 1.0, 0.0), losses.categorical_hinge(labels, p));
        // Label smoothing and the focal forms (values and gradients: y_pred is a leaf here).
        var n = (double)labels.shape[^1];
        void SameLoss(Func<Tensor, Tensor> reference, Func<Tensor, Tensor> ours)
        {
            var a = probs.detach().clone().requires_grad_(); var b = probs.detach().clone().requires_grad_();
            var ra = reference(a); var rb = ours(b);
            BitEqual(ra.detach(), rb.detach());
            ra.sum().backward(); rb.sum().backward();
            BitEqual(a.grad!, b.grad!);
        }
        static Tensor Clip(Tensor v) => (v / v.sum(-1, keepdim: true)).clamp(1e-7, 1 - 1e-7);
        SameLoss(q => -((labels * (1.0 - 0.1) + 0.1 / n) * torch.log(Clip(q))).sum(-1), q => losses.categorical_crossentropy(labels, q, label_smoothing: 0.1));
        SameLoss(q =>
        {
            var o = Clip(q);
            return (torch.pow(1.0 - o, 2.0) * 0.25 * (-(labels * (1.0 - 0.2) + 0.2 / n) * torch.log(o))).sum(-1);
        }, q => losses.categorical_focal_crossentropy(labels, q, label_smoothing: 0.2));
        SameLoss(q =>
        {
            var st = labels * (1.0 - 0.1) + 0.5 * 0.1;
            var bce = torch.nn.functional.binary_cross_entropy(q.clamp(1e-7, 1 - 1e-7), st, reduction: nn.Reduction.None);
            var pT = st * q + (1.0 - st) * (1.0 - q);
            var focal = torch.pow(1.0 - pT, 2.0) * bce;
            focal = (st * 0.25 + (1.0 - st) * (1.0 - 0.25)) * focal;
            return focal.mean(new long[] { -1 });
        }, q => losses.binary_focal_crossentropy(labels, q, apply_class_balancing: true, label_smoothing: 0.1));
        static Tensor Normalize(Tensor v) => v * torch.clamp_max(torch.rsqrt(v.square().sum(-1, keepdim: true)), 1.0 / 1e-7);
        BitEqual(-(Normalize(t) * Normalize(p)).sum(-1), losses.cosine_similarity(t, p));
    }
    [Fact]
    public void ActivationsWithHeldConstants_AreTheirOperatorForms_BitForBit_GradientsIncluded()
    {
        var x0 = Data(31, 40, 25).clamp(-50, 50);
        (Tensor value, Tensor grad) Run(Func<Tensor, Tensor> f)
        {
            var x = x0.detach().clone().requires_grad_();
            var y = f(x);
            y.sum().backward();
            return (y.detach(), x.grad!);
        }
        void Same(Func<Tensor, Tensor> reference, Func<Tensor, Tensor> ours)
        {
            var (ev, eg) = Run(reference); var (av, ag) = Run(ours);
            BitEqual(ev, av); BitEqual(eg, ag);
        }
        Same(x => 0.5 * x * (1 + (Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x.pow(3))).tanh_()), x => keras.activations.gelu(x, true));
        Same(x => 0.5 * x * (1 + (x / Math.Sqrt(2.0)).erf_()), x => keras.activations.gelu(x, false));
        Same(x => (x / 6.0 + 0.5).clamp_(0.0, 1.0), x => keras.activations.hard_sigmoid(x));
        Same(x => x.clamp(-1.0, 1.0), x => keras.activations.hard_tanh(x));
        Same(x => torch.nn.functional.elu(x, 1.0), x => keras.activations.elu(x, 1.0));
        Same(x => torch.nn.functional.elu(x, 0.35), x => keras.activations.elu(x, 0.35));
        Same(x => torch.nn.functional.leaky_relu(x, 0.2), x => keras.activations.leaky_relu(x, 0.2));
        Same(x => torch.nn.functional.softsign(x), x => keras.activations.softsign(x));
        // relu with a slope, a cap or a threshold, against the operator form it had.
        foreach (var (slope, max, threshold) in new (double, double?, double)[] { (0.1, null, 0.5), (0.1, 4.0, 0), (0, 6.0, 0), (0, 3.0, 0.5), (0.2, null, 0), (0.3, 2.5, -0.25) })
            Same(x =>
            {
                Tensor? negative = slope != 0 ? (threshold != 0 ? torch.nn.functional.relu(threshold - x) : torch.nn.functional.relu(-x)) : null;
                bool clip = max is not null;
                Tensor y;
                if (slope != 0 && max is null && threshold == 0) return torch.nn.functional.leaky_relu(x, slope);
                if (threshold != 0) y = x.masked_fill(x.gt(threshold).logical_not(), 0.0);
                else if (max == 6.0) { y = torch.nn.functional.relu6(x); clip = false; }
                else y = torch.nn.functional.relu(x);
                if (clip) y = y.clamp(0.0, max!.Value);
                return negative is null ? y : y - slope * negative;
            }, x => keras.activations.relu(x, slope, max, threshold));
        // The rarer ones, against the operator forms they had.
        foreach (double alpha in new[] { 1.0, 0.7 })
            Same(x => x.clamp_min(0.0) + alpha * (x.clamp_max(0.0) / alpha).expm1_(), x => keras.activations.celu(x, alpha));
        Same(x =>
        {
            var y = torch.zeros_like(x);
            y = torch.where(x.gt(0.5), x - 0.5, y);
            return torch.where(x.lt(-0.5), x + 0.5, y);
        }, x => keras.activations.soft_shrink(x, 0.5));
        Same(x => x.masked_fill(x.abs().gt(0.5).logical_not(), 0.0), x => keras.activations.hard_shrink(x, 0.5));
        Same(x => torch.where(x.lt(1.0), 0.25 * (x + 1).square(), x).masked_fill(x.le(-1.0), 0.0), x => keras.activations.sparse_plus(x));
        Same(x => (x + (x.square() + 4.0).sqrt_()) / 2, x => keras.activations.squareplus(x, 4));
        Same(x => (0.5 * (x + 1)).clamp_(0.0, 1.0), x => keras.activations.sparse_sigmoid(x));
    }
}
