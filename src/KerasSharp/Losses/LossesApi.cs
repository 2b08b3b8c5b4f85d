using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.Losses;

/// <summary><c>keras.losses</c>: Keras's losses, by class and by name.</summary>
public sealed class LossesApi
{
    internal static readonly LossesApi Instance = new();
    const double Eps = Loss.Epsilon;

    static readonly Utils.Registry<Loss> registry = new Utils.Registry<Loss>("loss")
        .Add(() => Instance.MeanSquaredError(), "mean_squared_error", "mse", "MSE", "MeanSquaredError")
        .Add(() => Instance.MeanAbsoluteError(), "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError")
        .Add(() => Instance.BinaryCrossentropy(), "binary_crossentropy", "bce", "BCE", "BinaryCrossentropy")
        .Add(() => Instance.CategoricalCrossentropy(), "categorical_crossentropy", "CategoricalCrossentropy")
        .Add(() => Instance.SparseCategoricalCrossentropy(), "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy")
        .Add(() => Instance.Hinge(), "hinge", "Hinge")
        .Add(() => Instance.Huber(), "huber", "Huber")
        .Add(() => Instance.KLDivergence(), "kl_divergence", "kld", "KLD", "KLDivergence");

    /// <summary>The loss for a name, or an error that lists the known names.</summary>
    public static Loss Get(string name) => registry.Get(name);

    /// <summary>keras.losses.get: the loss for a name, or an error that lists the known names.</summary>
    public Loss get(string identifier) => Get(identifier);

    static Tensor MeanLast(Tensor v) => v.dim() <= 1 ? v : v.mean(new long[] { -1 });
    static Tensor SumLast(Tensor v) => v.dim() <= 1 ? v : v.sum(-1);
    static Tensor Batch(Tensor v) => v.dim() <= 1 ? v : v.reshape(v.shape[0], -1).mean(new long[] { 1 });

    /// <summary>mean((y − ŷ)²) over the last axis.</summary>
    public Loss MeanSquaredError() => new FunctionLoss("mean_squared_error", "MeanSquaredError",
        (t, p) => Batch(MeanLast((Loss.Align(t, p) - p).square())),
        reduced: (t, p) => F.mse_loss(p, t));

    /// <summary>mean(|y − ŷ|) over the last axis.</summary>
    public Loss MeanAbsoluteError() => new FunctionLoss("mean_absolute_error", "MeanAbsoluteError",
        (t, p) => Batch(MeanLast((Loss.Align(t, p) - p).abs())),
        reduced: (t, p) => F.l1_loss(p, t));

    /// <summary>Keras binary crossentropy: probabilities clipped to [1e-7, 1 − 1e-7], or logits with from_logits.</summary>
    public Loss BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0) => new FunctionLoss("binary_crossentropy", "BinaryCrossentropy",
        (t, p) =>
        {
            t = Loss.Align(t, p);
            if (label_smoothing > 0) t = t * (1 - label_smoothing) + 0.5 * label_smoothing;
            var e = from_logits
                ? F.binary_cross_entropy_with_logits(p, t, reduction: nn.Reduction.None)
                : F.binary_cross_entropy(p.clamp(Eps, 1 - Eps), t, reduction: nn.Reduction.None);
            return Batch(MeanLast(e));
        }, extraConfig: new() { ["from_logits"] = from_logits, ["label_smoothing"] = label_smoothing, ["axis"] = -1 },
        reduced: label_smoothing > 0 ? null : (t, p) => from_logits
            ? F.binary_cross_entropy_with_logits(p, t)
            : F.binary_cross_entropy(p.clamp(Eps, 1 - Eps), t));

    /// <summary>Keras categorical crossentropy: −Σ y·log(ŷ/Σŷ clipped), or log_softmax with from_logits.</summary>
    public Loss CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0) => new FunctionLoss("categorical_crossentropy", "CategoricalCrossentropy",
        (t, p) =>
        {
            t = Loss.Align(t, p);
            if (label_smoothing > 0) t = t * (1 - label_smoothing) + label_smoothing / p.shape[^1];
            return Batch(-SumLast(t * LogProbabilities(p, from_logits)));
        }, extraConfig: new() { ["from_logits"] = from_logits, ["label_smoothing"] = label_smoothing, ["axis"] = -1 });

    /// <summary>Keras sparse categorical crossentropy: labels are class indices.</summary>
    public Loss SparseCategoricalCrossentropy(bool from_logits = false) => new FunctionLoss("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy",
        (t, p) =>
        {
            var labels = t.dim() == p.dim() ? t.squeeze(-1) : t;
            var logp = LogProbabilities(p, from_logits);
            return Batch(-logp.gather(-1, labels.to(int64).unsqueeze(-1)).squeeze(-1));
        }, sparse: true, extraConfig: new() { ["from_logits"] = from_logits, ["ignore_class"] = null });

    static Tensor LogProbabilities(Tensor p, bool fromLogits)
    {
        if (fromLogits) return F.log_softmax(p, -1);
        var q = p / p.sum(-1, keepdim: true);
        return torch.log(q.clamp(Eps, 1 - Eps));
    }

    /// <summary>Keras hinge: mean(max(1 − y·ŷ, 0)); labels in {0, 1} become {−1, 1}.</summary>
    public Loss Hinge() => new FunctionLoss("hinge", "Hinge", (t, p) =>
    {
        t = Loss.Align(t, p);
        using (torch.no_grad())
        {
            bool binary = ((t == 0) | (t == 1)).all().item<bool>();
            if (binary) t = t * 2 - 1;
        }
        return Batch(MeanLast(torch.clamp_min(1 - t * p, 0)));
    });

    /// <summary>Keras Huber: ½x² where |x| ≤ δ, else δ(|x| − ½δ); mean over the last axis.</summary>
    public Loss Huber(double delta = 1.0) => new FunctionLoss("huber_loss", "Huber", (t, p) =>
    {
        var err = (Loss.Align(t, p) - p).abs();
        var v = torch.where(err <= delta, 0.5 * err.square(), delta * (err - 0.5 * delta));
        return Batch(MeanLast(v));
    }, extraConfig: new() { ["delta"] = delta });

    /// <summary>Keras KL divergence: Σ y·log(y/ŷ), both clipped to [1e-7, 1].</summary>
    public Loss KLDivergence() => new FunctionLoss("kl_divergence", "KLDivergence", (t, p) =>
    {
        t = Loss.Align(t, p).clamp(Eps, 1);
        var q = p.clamp(Eps, 1);
        return Batch(SumLast(t * torch.log(t / q)));
    });
}
