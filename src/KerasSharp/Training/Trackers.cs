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
    /// <summary>
    /// On the CPU, the value read without making a result tensor (one native read), or null when
    /// the value needs engine work first.
    /// </summary>
    public virtual float? ReadOnCpu() => null;
    /// <inheritdoc />
    public virtual void Dispose() { }
}

/// <summary>A mean weighted by a weight known on the host (the loss, weighted by batch size, as Keras's loss tracker).</summary>
internal sealed class MeanTracker : Tracker
{
    readonly Tensor total;
    double count;
    readonly Backend.ScalarCache scalars;
    readonly bool onCpu;

    public MeanTracker(string name, Device device, Backend.ScalarCache scalars) : base(name)
    {
        this.scalars = scalars;
        onCpu = device.type == DeviceType.CPU;
        total = (device.type == DeviceType.CPU ? torch.zeros(Array.Empty<long>()) : torch.zeros(Array.Empty<long>(), device: device)).DetachFromDisposeScope();
    }

    /// <summary>Adds a (scalar, device) value with a host weight.</summary>
    public void Update(Tensor value, long weight)
    {
        total.add_(value, alpha: scalars.Get(weight));
        count += weight;
    }

    public override Tensor Result() => total / scalars.Get(Math.Max(count, 1e-300));

    /// <remarks>
    /// The float total divided on the host: the double quotient of two floats rounded to float is the
    /// float quotient the engine computes (a double carries more than twice a float's precision),
    /// for counts below 2^24 that a float holds exactly; above that the engine's path is taken.
    /// </remarks>
    public override float? ReadOnCpu()
    {
        if (!onCpu || count >= (1 << 24)) return null;
        using var sc = total.ToScalar();
        return (float)(sc.ToSingle() / Math.Max(count, 1e-300));
    }
    public override void Reset() { total.fill_(scalars.Get(0)); count = 0; }
    public override double? HostCount => count;
    public override void Dispose() => total.Dispose();
}

/// <summary>
/// A compiled metric: Keras's stateful Metric object, updated each batch on the device. Sample
/// weights reach only the weighted metrics (Keras's weighted_metrics), as in Keras.
/// </summary>
internal sealed class MetricTracker(string name, Metric metric, bool useSampleWeights) : Tracker(name)
{
    public Metric Metric => metric;
    public void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight) => metric.update_state(yTrue, yPred, useSampleWeights ? sampleWeight : null);
    public override Tensor Result() => metric.result();
    public override float? ReadOnCpu() => metric.ReadOnCpu();
    public override void Reset() => metric.reset_state();
}
