using KerasSharp.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// A running value the trainer keeps on the device during an epoch (the loss, each metric) and
/// hands to callbacks through <see cref="Logs"/>. Updating never reads from the engine; reading
/// the result is one device operation, and the logs read all results at once.
/// </summary>
internal abstract class Tracker : IDisposable
{
    protected Tracker(string name) => Name = name;
    /// <summary>The log key ("loss", "accuracy", "dense_1_loss").</summary>
    public string Name { get; }
    /// <summary>The current value, on the device (a scalar tensor).</summary>
    public abstract Tensor Result();
    /// <summary>Back to the state of no data.</summary>
    public abstract void Reset();
    /// <summary>The samples (or total weight) counted so far, when known without reading the engine.</summary>
    public virtual double? HostCount => null;
    /// <inheritdoc />
    public virtual void Dispose() { }
}

/// <summary>A mean weighted by a weight known on the host (the loss, weighted by batch size, as Keras's loss tracker).</summary>
internal sealed class MeanTracker : Tracker
{
    readonly Tensor total;
    double count;
    readonly Backend.ScalarCache scalars;

    public MeanTracker(string name, Device device, Backend.ScalarCache scalars) : base(name)
    {
        this.scalars = scalars;
        total = (device.type == DeviceType.CPU ? torch.zeros(Array.Empty<long>()) : torch.zeros(Array.Empty<long>(), device: device)).DetachFromDisposeScope();
    }

    /// <summary>Adds a (scalar, device) value with a host weight.</summary>
    public void Update(Tensor value, long weight)
    {
        total.add_(value, alpha: scalars.Get(weight));
        count += weight;
    }

    public override Tensor Result() => total / scalars.Get(Math.Max(count, 1e-300));
    public override void Reset() { total.fill_(scalars.Get(0)); count = 0; }
    public override double? HostCount => count;
    public override void Dispose() => total.Dispose();
}

/// <summary>A metric defined per sample (the pre-stateful Metric API): a mean weighted by sample weights.</summary>
internal sealed class PerSampleTracker : Tracker
{
    readonly Metric metric;
    readonly Tensor total, weightTotal;
    double hostCount;
    bool weighted;
    readonly Backend.ScalarCache scalars;
    readonly bool useSampleWeights;

    /// <summary>A tracker of a metric; <paramref name="useSampleWeights"/> is true for Keras's weighted_metrics only.</summary>
    public PerSampleTracker(string name, Metric metric, Device device, Backend.ScalarCache scalars, bool useSampleWeights) : base(name)
    {
        this.metric = metric; this.scalars = scalars; this.useSampleWeights = useSampleWeights;
        Tensor Zero() => (device.type == DeviceType.CPU ? torch.zeros(Array.Empty<long>()) : torch.zeros(Array.Empty<long>(), device: device)).DetachFromDisposeScope();
        total = Zero(); weightTotal = Zero();
    }

    public void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        var v = metric.PerSample(yTrue, yPred);
        if (sampleWeight is null || !useSampleWeights)
        {
            total.add_(v.sum());
            hostCount += v.shape[0];
            return;
        }
        weighted = true;
        total.add_((v * sampleWeight).sum());
        weightTotal.add_(sampleWeight.sum());
    }

    public override Tensor Result() => weighted
        ? total / (weightTotal + scalars.Get(hostCount)).clamp_min(1e-30)
        : total / scalars.Get(Math.Max(hostCount, 1e-300));
    public override void Reset() { total.fill_(scalars.Get(0)); weightTotal.fill_(scalars.Get(0)); hostCount = 0; weighted = false; }
    public override void Dispose() { total.Dispose(); weightTotal.Dispose(); }
}
