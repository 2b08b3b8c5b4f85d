using KerasSharp.Metrics;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras's MonitorCallback (keras/src/callbacks/monitor_callback.py), the base of EarlyStopping,
/// ReduceLROnPlateau and ModelCheckpoint: it decides whether a monitored value improved. In
/// <c>mode="auto"</c> the direction comes from the metric, as Keras 3 takes it: "loss" and "val_loss"
/// fall, and a compiled metric of that name (after removing "val_") rises or falls by its
/// direction; any other name throws, asking for mode "min" or "max".
/// </summary>
public class MonitorCallback : Callback
{
    /// <summary>Keras's ops.less: the monitored value improves downward.</summary>
    public static readonly Func<double, double, bool> less = (a, b) => a < b;
    /// <summary>Keras's ops.greater: the monitored value improves upward.</summary>
    public static readonly Func<double, double, bool> greater = (a, b) => a > b;

    /// <summary>The monitored log key ("val_loss").</summary>
    public string monitor { get; }
    /// <summary>"auto", "min" or "max".</summary>
    public string mode { get; }
    /// <summary>The best value so far (the baseline or initial threshold at first), or null.</summary>
    public double? best { get; set; }
    /// <summary>The smallest change that counts as an improvement, signed by the direction once it is known.</summary>
    public double min_delta { get; protected set; }
    /// <summary>The comparison (<see cref="less"/> or <see cref="greater"/>), or null until the direction is set.</summary>
    public Func<double, double, bool>? monitor_op { get; protected set; }

    /// <summary>Keras's signature. An unknown mode falls back to "auto" with Keras's warning.</summary>
    public MonitorCallback(string monitor = "val_loss", string mode = "auto", double? baseline = null, double min_delta = 0)
    {
        if (mode != "auto" && mode != "min" && mode != "max")
        {
            Console.Error.WriteLine($"UserWarning: {GetType().Name} mode '{mode}' is unknown, fallback to auto mode.");
            mode = "auto";
        }
        this.monitor = monitor; this.mode = mode; best = baseline; this.min_delta = Math.Abs(min_delta);
    }

    /// <summary>
    /// Keras's _set_monitor_op: sets <see cref="monitor_op"/> from the mode, or in "auto" from the
    /// metric's direction; throws when the direction cannot be told.
    /// </summary>
    public void _set_monitor_op()
    {
        if (mode == "min") monitor_op = less;
        else if (mode == "max") monitor_op = greater;
        else
        {
            string metricName = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor["val_".Length..] : monitor;
            if (metricName == "loss") monitor_op = less;
            if (BoundModel?.Config is { } config)
                foreach (var op in config.TrainOps)
                    foreach (var m in op.Metrics.Concat(op.MetricsPerOutput?.SelectMany(x => x) ?? Enumerable.Empty<Metric>())
                                 .Concat(op.WeightedMetricsPerOutput?.SelectMany(x => x) ?? Enumerable.Empty<Metric>()))
                        if (m.name == metricName || op.Prefix + m.name == metricName || metricName.EndsWith("_" + m.name, StringComparison.Ordinal))
                            if (Direction(m) is string d) monitor_op = d == "up" ? greater : less;
            if (monitor_op is null)
                throw new ArgumentException($"{GetType().Name} callback received monitor={monitor}, but Keras isn't able to automatically determine " +
                    "whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, " +
                    "or pass `mode='min'` in order to use the lowest value.");
        }
        if (monitor_op == less) min_delta = -min_delta;
    }

    /// <summary>Keras's _is_improvement: true when there is no reference yet, else monitor_op(value − min_delta, reference).</summary>
    public bool _is_improvement(double monitor_value, double? reference_value)
    {
        if (reference_value is not double reference) return true;
        if (monitor_op is null) _set_monitor_op();
        return monitor_op!(monitor_value - min_delta, reference);
    }

    /// <summary>A metric's direction, "up" or "down" (Keras's _direction), or null when it has none; "accuracy" and "acc" rise.</summary>
    internal static string? Direction(Metric m) => m.Direction ?? (m is AutoAccuracy ? "up" : null);
}
