using System.Runtime.InteropServices;
using KerasSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Checks the values of targets that the engine would otherwise reject from deep inside its loss
/// kernels (with a C++ trace naming neither the argument nor the sample): class indices of a sparse
/// crossentropy outside <c>[0, classes)</c>, and targets of a binary crossentropy on probabilities
/// outside <c>[0, 1]</c>. In-memory arrays are checked once per call, where they enter; batches from
/// a generator are checked on the host before they go to the device, so no check costs a device
/// sync per step. What still gets past (tensors already on an accelerator) is translated from the
/// engine's error by <see cref="Translate"/>.
/// </summary>
/// <remarks>
/// Keras's TensorFlow backend raises "Received a label value of 3 which is outside the valid range
/// of [0, 3)" for a sparse label out of range, and its torch backend raises torch's own errors for
/// both cases (<c>torch.nn.functional.binary_cross_entropy</c> checks its targets); the messages here
/// start with TensorFlow's text and add the array, the sample and the output.
/// </remarks>
internal static class LabelChecks
{
    /// <summary>What the loss of an output needs of its targets.</summary>
    internal enum Need { Nothing, ClassIndices, Probabilities }

    /// <summary>What <paramref name="loss"/> needs of its targets (and, for class indices, the class axis and the ignored class).</summary>
    public static (Need need, int axis, int? ignoreClass) NeedOf(Loss loss)
    {
        switch (loss)
        {
            case SparseCategoricalCrossentropy s: return (Need.ClassIndices, s.axis, s.ignore_class);
            case BinaryCrossentropy b: return (b.from_logits ? Need.Nothing : Need.Probabilities, -1, null);
            case BinaryFocalCrossentropy: return (Need.Probabilities, -1, null); // applies the sigmoid itself, then the probability form
            case LossFunctionWrapper w:
                switch (w.fn_name)
                {
                    case "sparse_categorical_crossentropy":
                        return (Need.ClassIndices, Int(w, "axis") ?? -1, Int(w, "ignore_class"));
                    case "binary_crossentropy":
                        return (w.fn_kwargs.TryGetValue("from_logits", out var fl) && fl is true ? Need.Nothing : Need.Probabilities, -1, null);
                    case "binary_focal_crossentropy":
                        return (Need.Probabilities, -1, null);
                }
                break;
        }
        return (Need.Nothing, -1, null);
    }

    static int? Int(LossFunctionWrapper w, string key) =>
        w.fn_kwargs.TryGetValue(key, out var v) && v is not null ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Checks the targets <paramref name="y"/> of one output against what its loss needs; throws an
    /// <see cref="ArgumentException"/> naming the array, the first bad sample and its value.
    /// </summary>
    /// <param name="loss">The output's loss.</param>
    /// <param name="y">The targets (samples on the first axis), as the user gave them.</param>
    /// <param name="predShape">The output's shape (the class axis gives the number of classes).</param>
    /// <param name="what">The array's name in messages ("y", "validation y", "generator batch y[0]").</param>
    /// <param name="outputName">The output layer's name.</param>
    public static void Check(Loss loss, Tensor y, int?[] predShape, string what, string outputName)
    {
        var (need, axis, ignore) = NeedOf(loss);
        if (need == Need.Nothing || y.numel() == 0 || y.dtype == ScalarType.Bool) return;
        using var scope = torch.NewDisposeScope();
        if (need == Need.ClassIndices)
        {
            int classAxis = axis < 0 ? predShape.Length + axis : axis;
            if (classAxis < 0 || classAxis >= predShape.Length || predShape[classAxis] is not int classes) return;
            // The loss casts labels to int64 (truncating, as Keras's cast to int does).
            var labels = y.dtype == int64 ? y : y.to(int64);
            // Scalars held until the calls return (this runs on a PyDataset's worker threads, where a temporary
            // scalar may be finalized during the native call; see Backend.EngineScalars).
            using var classCount = ((long)classes).ToScalar();
            var bad = labels.lt(Backend.EngineScalars.Zero) | labels.ge(classCount);
            if (ignore is int ic) { using var ignored = ((long)ic).ToScalar(); bad = bad & labels.ne(ignored); }
            if (!bad.any().item<bool>()) return;
            long flat = bad.reshape(-1).nonzero()[0, 0].item<long>();
            long perSample = y.dim() == 0 ? 1 : Math.Max(1, y.numel() / y.shape[0]);
            long value = labels.reshape(-1)[flat].item<long>();
            var shown = labels.reshape(-1).narrow(0, 0, Math.Min(20, labels.numel())).data<long>().ToArray();
            throw new ArgumentException($"Received a label value of {value} which is outside the valid range of [0, {classes}).  Label values: " +
                $"{string.Join(" ", shown)}{(labels.numel() > 20 ? " ..." : "")} ({what}, sample {flat / perSample}: output \"{outputName}\" has {classes} classes, " +
                $"and its loss {loss.name} takes one class index in [0, {classes}) per sample{(ignore is int i2 ? $", or the ignored class {i2}" : "")}.)");
        }
        else
        {
            var t = y.is_floating_point() ? y : y.to(float64);
            var bad = t.lt(Backend.EngineScalars.Zero) | t.gt(Backend.EngineScalars.One) | t.isnan();
            if (!bad.any().item<bool>()) return;
            long flat = bad.reshape(-1).nonzero()[0, 0].item<long>();
            long perSample = y.dim() == 0 ? 1 : Math.Max(1, y.numel() / y.shape[0]);
            double value = t.reshape(-1)[flat].to(float64).item<double>();
            throw new ArgumentException($"The targets of {loss.name} must be between 0 and 1 (a probability, or a binary label 0 or 1), " +
                $"but {what} holds {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} in sample {flat / perSample} (output \"{outputName}\"). " +
                "Binary labels must be 0 or 1; for class indices 0, 1, 2, ... use sparse_categorical_crossentropy.");
        }
    }

    /// <summary>
    /// The engine's errors for out-of-range targets, as a clear <see cref="ArgumentException"/>; null
    /// for any other error. Used where a batch could not be checked before it reached the device.
    /// </summary>
    public static ArgumentException? Translate(ExternalException e, string step, IEnumerable<Loss> losses)
    {
        string first = e.Message.Split('\n')[0];
        var needs = losses.Select(l => NeedOf(l).need).ToHashSet();
        if (needs.Contains(Need.Probabilities) && first.Contains("all elements of target should be between 0 and 1", StringComparison.Ordinal))
            return new ArgumentException($"The targets of a binary crossentropy must be between 0 and 1 (a probability, or a binary label 0 or 1); a batch of {step} holds a value outside [0, 1] (the engine said: {first}).", e);
        if (needs.Contains(Need.ClassIndices) && first.Contains("out of bounds", StringComparison.Ordinal))
            return new ArgumentException($"A batch of {step} holds a class index outside the valid range of its sparse crossentropy (the engine said: {first}).", e);
        return null;
    }
}
