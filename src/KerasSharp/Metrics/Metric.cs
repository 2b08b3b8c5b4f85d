using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// A Keras metric, kept as a running mean of per-sample values (on the device, read only when
/// shown). Converts implicitly from a name; "accuracy" is resolved from the loss and label shapes
/// at the first batch, as Keras does.
/// </summary>
public class Metric
{
    readonly Func<Tensor, Tensor, Tensor>? perSample;
    /// <summary>The name shown in logs and history ("accuracy", "mae").</summary>
    public string name { get; }
    /// <summary>The Keras class name.</summary>
    public string class_name { get; }

    /// <summary>Creates a metric from a per-sample function.</summary>
    public Metric(string name, string className, Func<Tensor, Tensor, Tensor> perSample)
    {
        this.name = name; class_name = className; this.perSample = perSample;
    }

    /// <summary>For "accuracy"/"acc", whose function is chosen at the first batch.</summary>
    protected Metric(string name) { this.name = name; class_name = "MeanMetricWrapper"; }

    /// <summary>The per-sample values, shape [N].</summary>
    public virtual Tensor PerSample(Tensor y_true, Tensor y_pred) => perSample!(y_true, y_pred);

    /// <summary>Resolves "accuracy" for a loss and shapes; other metrics return themselves.</summary>
    public virtual Metric Resolve(Losses.Loss? loss, long[] yTrueShape, long[] yPredShape) => this;

    /// <summary>Looks a metric up by name.</summary>
    public static implicit operator Metric(string name) => MetricsApi.Get(name);
}

/// <summary>"accuracy" / "acc": binary, sparse categorical or categorical, chosen as Keras's compile_utils does.</summary>
public sealed class AutoAccuracy : Metric
{
    /// <summary>Creates it under the name the user wrote.</summary>
    public AutoAccuracy(string name) : base(name) { }

    /// <inheritdoc />
    public override Tensor PerSample(Tensor y_true, Tensor y_pred) =>
        throw new InvalidOperationException("'accuracy' must be resolved against the data first.");

    /// <inheritdoc />
    public override Metric Resolve(Losses.Loss? loss, long[] yTrueShape, long[] yPredShape)
    {
        bool binary = yPredShape[^1] == 1 || loss?.name == "binary_crossentropy";
        bool sparse = yTrueShape.Length < yPredShape.Length || (yTrueShape[^1] == 1 && yPredShape[^1] > 1);
        var api = MetricsApi.Instance;
        var m = binary ? api.BinaryAccuracy() : sparse ? api.SparseCategoricalAccuracy() : api.CategoricalAccuracy();
        return new Metric(name, m.class_name, m.PerSample);
    }
}
