using TorchSharp;
using static TorchSharp.torch;

#pragma warning disable CS8981 // lower-case names, as TFLearn's modules
namespace KerasSharp.TFLearn;

public static partial class tflearn
{
    /// <summary>
    /// <c>tflearn.metrics</c>: TFLearn's metric classes for <c>regression(metric: ...)</c>. Each
    /// gives one value per batch; the console shows its moving average (as the loss), and
    /// validation and <c>evaluate</c> average it over batches weighted by their sizes, as TFLearn's
    /// evaluate_flow does.
    /// </summary>
    public static class metrics
    {
        /// <summary>
        /// TFLearn's Metric base class: subclass it and implement <see cref="build"/> for a custom
        /// metric. <see cref="name"/> is what the console shows ("acc", "top3", "R2").
        /// </summary>
        public abstract class Metric
        {
            /// <summary>Creates a metric shown under <paramref name="name"/> (null: the class's own name).</summary>
            protected Metric(string? name = null) => this.name = name;

            /// <summary>The name the console shows.</summary>
            public string? name { get; protected set; }

            /// <summary>
            /// The metric of one batch, a scalar tensor, from the network's predictions and the
            /// targets (TFLearn's build, which sets the metric tensor). The inputs are not passed
            /// (null): KerasSharp's trainer gives metrics the predictions and targets only.
            /// </summary>
            public abstract Tensor build(Tensor predictions, Tensor targets, Tensor? inputs = null);

            /// <summary>The name of the metric's summary in TensorBoard (TFLearn: its op's name scope, "Accuracy", "Top_3", "StandardError").</summary>
            public virtual string summary_name => GetType().Name;

            /// <summary>Fits the metric to the output it measures (Accuracy turns binary for one value per sample).</summary>
            protected internal virtual void Prepare(int?[] outputShape) => name ??= GetType().Name;
        }

        /// <summary>TFLearn's Accuracy: argmax equality, or for an output of one value per sample ([None] or [None, 1]) the prediction above 0 (logits) against the 0/1 target; shown as "acc" or "binary_acc".</summary>
        public static Metric Accuracy(string? name = null) => new AccuracyMetric(name);
        /// <summary>TFLearn's alias <c>accuracy = Accuracy</c>.</summary>
        public static Metric accuracy(string? name = null) => Accuracy(name);
        /// <summary>TFLearn's Top_k: whether the target class (argmax of the one-hot target) is among the k highest predictions (tf.nn.in_top_k: ties at the k-th value count as in); shown as "top{k}".</summary>
        public static Metric Top_k(int k = 1, string? name = null) => new TopKMetric(k, name);
        /// <summary>TFLearn's alias <c>top_k = Top_k</c>.</summary>
        public static Metric top_k(int k = 1, string? name = null) => Top_k(k, name);
        /// <summary>TFLearn's R2, the coefficient of determination of the batch: 1 − Σ(y − ŷ)² / Σ(y − mean(y))² over all values; shown as "R2".</summary>
        public static Metric R2(string? name = null) => new R2Metric(name);

        static readonly string[] Known = { "Accuracy", "accuracy", "Top_k", "top_k", "R2" };

        /// <summary>TFLearn's metrics.get: the exact name, then its lower case ("R2", "accuracy", "Accuracy", "top_k").</summary>
        public static Metric get(string identifier)
        {
            ArgumentNullException.ThrowIfNull(identifier);
            Metric? Find(string n) => n switch
            {
                "Accuracy" or "accuracy" => Accuracy(),
                "Top_k" or "top_k" => Top_k(),
                "R2" => R2(),
                _ => null,
            };
            return Find(identifier) ?? Find(identifier.ToLowerInvariant())
                ?? throw new ArgumentException($"Invalid metrics: {identifier}. Known TFLearn metric names: {string.Join(", ", Known)} (WeightedR2 and Prediction_Counts are not ported).");
        }

        sealed class AccuracyMetric(string? name) : Metric(name)
        {
            bool binary;
            public override string summary_name => binary ? "BinaryAccuracy" : "Accuracy";

            protected internal override void Prepare(int?[] outputShape)
            {
                binary = outputShape.Length == 1 || (outputShape.Length == 2 && outputShape[1] == 1);
                name ??= binary ? "binary_acc" : "acc";
            }

            public override Tensor build(Tensor predictions, Tensor targets, Tensor? inputs = null)
            {
                if (binary)
                {
                    var p = (predictions > 0).to(float32);
                    return (p == targets.to(float32).reshape(p.shape)).to(float32).mean();
                }
                return (predictions.argmax(1) == targets.argmax(1)).to(float32).mean();
            }
        }

        sealed class TopKMetric : Metric
        {
            readonly int k;
            public TopKMetric(int k, string? name) : base(name ?? "top" + k)
            {
                if (k < 1) throw new ArgumentException($"Top_k: k must be a positive integer, received {k}.");
                this.k = k;
            }
            public override string summary_name => "Top_" + k;

            public override Tensor build(Tensor predictions, Tensor targets, Tensor? inputs = null)
            {
                if (predictions.dim() != 2)
                    throw new ArgumentException($"Top_k expects predictions of shape [batch, classes], received {Utils.Shapes.Format(predictions.shape)}.");
                var target = predictions.gather(1, targets.argmax(1, keepdim: true));
                // tf.nn.in_top_k: in the top k when fewer than k classes score strictly higher; a non-finite target score is out.
                var higher = (predictions > target).sum(1);
                return ((higher < k) & target.squeeze(1).isfinite()).to(float32).mean();
            }
        }

        sealed class R2Metric(string? name) : Metric(name ?? "R2")
        {
            public override string summary_name => "StandardError";

            public override Tensor build(Tensor predictions, Tensor targets, Tensor? inputs = null)
            {
                var t = targets.to(float32).reshape(predictions.shape);
                var a = (t - predictions).square().sum();
                var b = (t - t.mean()).square().sum();
                return 1 - a / b;
            }
        }
    }

    /// <summary>TFLearn's top-level <c>tflearn.Accuracy</c>.</summary>
    public static metrics.Metric Accuracy(string? name = null) => metrics.Accuracy(name);
    /// <summary>TFLearn's top-level <c>tflearn.Top_k</c>.</summary>
    public static metrics.Metric Top_k(int k = 1, string? name = null) => metrics.Top_k(k, name);
    /// <summary>TFLearn's top-level <c>tflearn.R2</c>.</summary>
    public static metrics.Metric R2(string? name = null) => metrics.R2(name);
}
