using KerasSharp;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>Each loss against a value computed by hand from Keras's formula.</summary>
public class LossTests
{
    static readonly float[,] T = { { 0f, 1f }, { 1f, 0f } };
    static readonly float[,] P = { { 0.2f, 0.8f }, { 0.6f, 0.4f } };

    static double Loss(KerasSharp.Losses.Loss loss, float[,] t, float[,] p) =>
        loss.call(torch.tensor(t), torch.tensor(p)).item<float>();

    static void Near(double expected, double actual, double tol = 1e-6) => Assert.True(Math.Abs(expected - actual) < tol, $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Mse_is_mean_of_squared_errors() => Near((0.04 + 0.04 + 0.16 + 0.16) / 4, Loss("mse", T, P));

    [Fact]
    public void Mae_is_mean_of_absolute_errors() => Near((0.2 + 0.2 + 0.4 + 0.4) / 4, Loss("mean_absolute_error", T, P));

    [Fact]
    public void Binary_crossentropy_on_probabilities()
    {
        double e = -(Math.Log(0.8) + Math.Log(0.8) + Math.Log(0.6) + Math.Log(0.6)) / 4;
        Near(e, Loss("binary_crossentropy", T, P));
    }

    [Fact]
    public void Binary_crossentropy_from_logits_applies_the_sigmoid()
    {
        float[,] logits = { { -1f, 2f }, { 0.5f, 0f } };
        double S(double x) => 1 / (1 + Math.Exp(-x));
        double e = -(Math.Log(1 - S(-1)) + Math.Log(S(2)) + Math.Log(S(0.5)) + Math.Log(1 - S(0))) / 4;
        Near(e, Loss(keras.losses.BinaryCrossentropy(from_logits: true), T, logits));
    }

    [Fact]
    public void Binary_crossentropy_clips_probabilities_at_1e_7()
    {
        float[,] t = { { 1f } }, p = { { 0f } };
        Near(-Math.Log(1e-7), Loss("binary_crossentropy", t, p), 1e-3);
    }

    [Fact]
    public void Categorical_crossentropy_renormalizes_the_predictions()
    {
        float[,] p = { { 0.2f, 0.6f }, { 0.3f, 0.3f } }; // rows sum to 0.8 and 0.6
        double e = -(Math.Log(0.6 / 0.8) + Math.Log(0.3 / 0.6)) / 2;
        Near(e, Loss("categorical_crossentropy", T, p));
    }

    [Fact]
    public void Categorical_crossentropy_from_logits_uses_log_softmax()
    {
        float[,] logits = { { 1f, 3f }, { 0f, -1f } };
        double Lse(double a, double b) => Math.Log(Math.Exp(a) + Math.Exp(b));
        double e = -((3 - Lse(1, 3)) + (0 - Lse(0, -1))) / 2;
        Near(e, Loss(keras.losses.CategoricalCrossentropy(from_logits: true), T, logits));
    }

    [Fact]
    public void Sparse_categorical_crossentropy_takes_class_indices()
    {
        var l = KerasSharp.Losses.LossesApi.Get("sparse_categorical_crossentropy")
            .call(torch.tensor(new long[] { 1, 0 }), torch.tensor(P)).item<float>();
        Near(-(Math.Log(0.8) + Math.Log(0.6)) / 2, l);
    }

    [Fact]
    public void Hinge_maps_0_1_labels_to_minus_one_plus_one()
    {
        float[,] p = { { 0.3f, -0.5f }, { 2f, 0.1f } };
        // y in {-1, 1}: [[-1, 1], [1, -1]]
        double e = (Math.Max(1 - (-1 * 0.3), 0) + Math.Max(1 - (1 * -0.5), 0) + Math.Max(1 - 2, 0) + Math.Max(1 - (-1 * 0.1), 0)) / 4;
        Near(e, Loss("hinge", T, p));
    }

    [Fact]
    public void Huber_is_quadratic_inside_delta_and_linear_outside()
    {
        float[,] t = { { 0f, 0f } }, p = { { 0.5f, 3f } };
        Near((0.5 * 0.25 + (3 - 0.5)) / 2, Loss("huber", t, p));
    }

    [Fact]
    public void Kl_divergence_sums_y_log_y_over_p()
    {
        float[,] t = { { 0.5f, 0.5f } }, p = { { 0.25f, 0.75f } };
        Near(0.5 * Math.Log(0.5 / 0.25) + 0.5 * Math.Log(0.5 / 0.75), Loss("kl_divergence", t, p));
    }

    static double MetricMean(KerasSharp.Metrics.Metric m, torch.Tensor t, float[,] p) => m.PerSample(t, torch.tensor(p)).mean().item<float>();

    [Fact]
    public void Top_k_accuracies_follow_keras_docs_and_count_ties_as_in_top_k()
    {
        // Keras's docstring examples: k=1 gives 0.5 for both.
        var p = new float[,] { { 0.1f, 0.9f, 0.8f }, { 0.05f, 0.95f, 0f } };
        Near(0.5, MetricMean(keras.metrics.SparseTopKCategoricalAccuracy(k: 1), torch.tensor(new long[] { 2, 1 }), p));
        Near(0.5, MetricMean(keras.metrics.TopKCategoricalAccuracy(k: 1), torch.tensor(new float[,] { { 0, 0, 1 }, { 0, 1, 0 } }), p));
        // k=2: class 2 (0.8) is second in row 0, class 1 is first in row 1.
        Near(1.0, MetricMean(keras.metrics.SparseTopKCategoricalAccuracy(k: 2), torch.tensor(new long[] { 2, 1 }), p));
        // A tie at the k-th value counts (in_top_k): class 1 ties class 0 at 0.5.
        var tie = new float[,] { { 0.5f, 0.5f, 0f } };
        Near(1.0, MetricMean(keras.metrics.SparseTopKCategoricalAccuracy(k: 1), torch.tensor(new long[] { 1 }), tie));
        Near(1.0, MetricMean(keras.metrics.TopKCategoricalAccuracy(k: 1), torch.tensor(new float[,] { { 0, 1, 0 } }), tie));
        Near(0.0, MetricMean(keras.metrics.SparseTopKCategoricalAccuracy(k: 1), torch.tensor(new long[] { 2 }), tie));
        Assert.Equal("sparse_top_k_categorical_accuracy", KerasSharp.Metrics.MetricsApi.Get("sparse_top_k_categorical_accuracy").name);
    }
}
