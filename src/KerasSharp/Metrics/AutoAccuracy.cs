using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Internal use (compile, trainer): "accuracy" / "acc" as compile takes them. The trainer resolves
/// it against the loss and the shapes of the first batch, as Keras's compile_utils does: binary
/// (y_pred's last dimension is 1, or the loss is binary crossentropy), sparse categorical (labels
/// of lower rank, or labels ending in 1 against several classes) or categorical accuracy, named as
/// the user wrote it.
/// </summary>
public sealed class AutoAccuracy : Metric
{
    /// <summary>Creates it under the name the user wrote.</summary>
    public AutoAccuracy(string name) : base(null, name) { }

    /// <summary>Not resolved yet: throws.</summary>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null) =>
        throw new InvalidOperationException($"'{name}' must be resolved against the loss and the data first (Resolve).");

    /// <summary>Not resolved yet: throws.</summary>
    public override Tensor result() =>
        throw new InvalidOperationException($"'{name}' must be resolved against the loss and the data first (Resolve).");

    /// <inheritdoc />
    public override Tensor PerSample(Tensor y_true, Tensor y_pred) =>
        throw new InvalidOperationException($"'{name}' must be resolved against the loss and the data first (Resolve).");

    /// <summary>The stateful accuracy metric for this loss and these shapes, named as this one.</summary>
    public override Metric Resolve(Loss? loss, long[] yTrueShape, long[] yPredShape)
    {
        ArgumentNullException.ThrowIfNull(yTrueShape);
        ArgumentNullException.ThrowIfNull(yPredShape);
        bool binary = yPredShape[^1] == 1 || loss?.name == "binary_crossentropy";
        bool sparse = yTrueShape.Length < yPredShape.Length || (yTrueShape[^1] == 1 && yPredShape[^1] > 1);
        return binary ? new BinaryAccuracy(name: name) : sparse ? new SparseCategoricalAccuracy(name: name) : new CategoricalAccuracy(name: name);
    }
}
