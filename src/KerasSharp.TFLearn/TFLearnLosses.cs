using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.TFLearn;

/// <summary>TFLearn's objectives (objectives.py), each with TFLearn's own formula.</summary>
internal static class TFLearnLosses
{
    const double Eps = 1e-10; // TFLearn's config._EPSILON
    static readonly string[] Known = { "softmax_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy", "weighted_crossentropy", "mean_square", "hinge_loss", "roc_auc_score" };

    static Tensor Align(Tensor t, Tensor p) => Loss.Align(t, p);

    // Engine scalars made once: a number passed where TorchSharp takes a Scalar is a temporary that
    // TorchSharp leaves to the finalizer, which may free it while the call runs when other threads
    // allocate hard.
    static readonly Scalar ClipLow = Eps.ToScalar(), ClipHigh = (1 - Eps).ToScalar(), Zero = 0.0.ToScalar(), One = 1.0.ToScalar(), Two = 2.ToScalar();
    static Tensor Rows(Tensor v) => v.dim() <= 1 ? v : v.reshape(v.shape[0], -1).mean(new long[] { 1 });

    /// <summary>x², as square() computes it (pow(x, 2)), with the exponent made once.</summary>
    static Tensor Square(Tensor x) => x.pow(Two);

    public static Loss Get(string name, double weight = 1.0) => name switch
    {
        // tf.nn.softmax_cross_entropy_with_logits, averaged.
        "softmax_categorical_crossentropy" => new FunctionLoss("softmax_categorical_crossentropy", "SoftmaxCategoricalCrossentropy",
            (t, p) => -(Align(t, p) * F.log_softmax(p, -1)).sum(-1)),
        // Renormalize, clip to [1e-10, 1 − 1e-10], −Σ y·log p, mean.
        "categorical_crossentropy" => new FunctionLoss("categorical_crossentropy", "CategoricalCrossentropy",
            (t, p) => -(Align(t, p) * torch.log((p / p.sum(-1, keepdim: true)).clamp(ClipLow, ClipHigh))).sum(-1)),
        // sigmoid_cross_entropy_with_logits: TFLearn's binary_crossentropy takes logits.
        "binary_crossentropy" => new FunctionLoss("binary_crossentropy", "BinaryCrossentropy",
            (t, p) => Rows(F.binary_cross_entropy_with_logits(p, Align(t, p), reduction: nn.Reduction.None))),
        "weighted_crossentropy" => new FunctionLoss("weighted_crossentropy", "WeightedCrossentropy",
            (t, p) => Rows(F.binary_cross_entropy_with_logits(p, Align(t, p), reduction: nn.Reduction.None,
                pos_weights: torch.tensor(weight, dtype: p.dtype, device: p.device)))),
        // tf.reduce_mean(tf.square(y_pred - y_true)).
        "mean_square" => new FunctionLoss("mean_square", "MeanSquare", (t, p) => Rows(Square(p - Align(t, p))),
            reduced: (t, p) => F.mse_loss(p, t)),
        // tf.reduce_mean(tf.maximum(1 - y_true * y_pred, 0)): no {0,1} → {−1,1} conversion, unlike Keras.
        "hinge_loss" => new FunctionLoss("hinge_loss", "HingeLoss", (t, p) => Rows(torch.clamp_min((Align(t, p) * p).neg_().add_(One, One), Zero))),
        "roc_auc_score" => new RocAucLoss(),
        _ => throw new ArgumentException($"Unknown TFLearn loss '{name}'. Known loss names: {string.Join(", ", Known)}."),
    };

    /// <summary>TFLearn's roc_auc_score: Σ over (positive, negative) pairs with p⁺ − p⁻ &lt; 0.2 of (0.2 − (p⁺ − p⁻))³.</summary>
    sealed class RocAucLoss : Loss
    {
        public override string name => "roc_auc_score";
        public override string class_name => "RocAucScore";
        public override Tensor PerSample(Tensor y_true, Tensor y_pred) => call(y_true, y_pred).expand(y_pred.shape[0]) / y_pred.shape[0];
        public override Tensor call(Tensor y_true, Tensor y_pred)
        {
            var t = Align(y_true, y_pred).reshape(-1) > 0.5;
            var p = y_pred.reshape(-1);
            var pos = p.masked_select(t).unsqueeze(0);
            var neg = p.masked_select(t.logical_not()).unsqueeze(1);
            var diff = pos - neg - 0.2;
            return torch.where(diff < 0, (-diff).pow(3), torch.zeros_like(diff)).sum();
        }
    }
}
