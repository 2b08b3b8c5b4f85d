using System.Collections;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>Resolves compile's loss, loss_weights, metrics and weighted_metrics onto the model's outputs, as Keras's CompileLoss and CompileMetrics do.</summary>
internal sealed class CompileArguments
{
    public required Loss[] Losses;
    public double[]? LossWeights;
    public required List<Metric> SharedMetrics;
    public IReadOnlyList<IReadOnlyList<Metric>>? MetricsPerOutput;
    public IReadOnlyList<IReadOnlyList<Metric>>? WeightedMetricsPerOutput;

    public static CompileArguments Resolve(Model model, object loss, object? lossWeights, object? metrics, object? weightedMetrics)
    {
        IReadOnlyList<string>? names = model.built ? model.output_names : null;
        int outputs = model.built ? model.outputs.Count : 1;
        var losses = ByOutput(loss, names, outputs, "loss", ToLoss, single: true);
        double[]? weights = lossWeights switch
        {
            null => null,
            double[] d => d,
            IEnumerable<double> e => e.ToArray(),
            IDictionary d => ByName(d, names, "loss_weights").Select(o => o is null ? 1.0 : System.Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            _ => throw new ArgumentException($"compile: loss_weights must be a list of numbers (one per output) or a dictionary by output name; received {lossWeights.GetType().Name}."),
        };
        if (weights is not null && weights.Length != losses.Length && !(losses.Length == 1 && weights.Length == outputs))
            throw new ArgumentException($"compile: loss_weights has {weights.Length} entries; the model has {outputs} output(s).");
        var result = new CompileArguments { Losses = losses, LossWeights = weights, SharedMetrics = new List<Metric>() };
        (result.SharedMetrics, result.MetricsPerOutput) = MetricLists(metrics, names, outputs, "metrics");
        var (sharedWeighted, weightedPer) = MetricLists(weightedMetrics, names, outputs, "weighted_metrics");
        if (weightedPer is null && sharedWeighted.Count > 0) weightedPer = Enumerable.Range(0, outputs).Select(_ => (IReadOnlyList<Metric>)sharedWeighted).ToList();
        result.WeightedMetricsPerOutput = weightedPer;
        return result;
    }

    static Loss ToLoss(object? o, string what) => o switch
    {
        Loss l => l,
        string s => LossesApi.Get(s),
        Func<Tensor, Tensor, Tensor> f => new FunctionLoss(f.Method.Name, "LossFunctionWrapper", f),
        null => throw new ArgumentException($"compile: {what} is null."),
        Delegate d => throw new ArgumentException($"compile: {what} is a function of type {TypeName(d.GetType())}; a loss function takes and returns torch tensors: " +
            "Func<Tensor, Tensor, Tensor> (y_true, y_pred) → per-sample losses, for example static Tensor my_loss(Tensor y_true, Tensor y_pred) => (y_true - y_pred).square().mean([-1]); " +
            "or pass a loss name or a Loss."),
        _ => throw new ArgumentException($"compile: {what} must be a loss name, a Loss, or a function (y_true, y_pred) → per-sample losses (Func<Tensor, Tensor, Tensor>); received {TypeName(o.GetType())}."),
    };

    /// <summary>A type as C# writes it: Func&lt;NDArray, NDArray, NDArray&gt; rather than Func`3.</summary>
    internal static string TypeName(Type t) => !t.IsGenericType ? t.Name
        : $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>";

    static Metric ToMetric(object? o, string what) => o switch
    {
        Metric m => m,
        string s => MetricsApi.Get(s),
        Func<Tensor, Tensor, Tensor> f => new Metric(f.Method.Name, "MeanMetricWrapper", f),
        _ => throw new ArgumentException($"compile: {what} must be a metric name, a Metric, or a function (y_true, y_pred) → per-sample values (Func<Tensor, Tensor, Tensor>); received {(o is null ? "null" : TypeName(o.GetType()))}."),
    };

    static T[] ByOutput<T>(object value, IReadOnlyList<string>? names, int outputs, string what, Func<object?, string, T> one, bool single)
    {
        switch (value)
        {
            case string or Loss or Metric or Delegate: return new[] { one(value, what) };
            case IDictionary d: return ByName(d, names, what).Select((o, i) => one(o, $"{what}['{names![i]}']")).ToArray();
            case IEnumerable e:
                var list = e.Cast<object?>().Select((o, i) => one(o, $"{what}[{i}]")).ToArray();
                if (list.Length != 1 && list.Length != outputs)
                    throw new ArgumentException($"compile: {what} has {list.Length} entries; the model has {outputs} output(s). Give one, or one per output.");
                return list;
            default: return new[] { one(value, what) };
        }
    }

    static object?[] ByName(IDictionary d, IReadOnlyList<string>? names, string what)
    {
        if (names is null) throw new ArgumentException($"compile: {what} is a dictionary by output name, but the model is not built yet, so its outputs have no names; give it an input shape first.");
        var keys = d.Keys.Cast<object>().Select(k => k.ToString()!).ToList();
        var unknown = keys.Where(k => !names.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"compile: {what} has keys [{string.Join(", ", unknown)}] that are not output names. The model's outputs are: [{string.Join(", ", names)}].");
        return names.Select(n => d.Contains(n) ? d[n] : null).ToArray();
    }

    static (List<Metric> shared, IReadOnlyList<IReadOnlyList<Metric>>? perOutput) MetricLists(object? metrics, IReadOnlyList<string>? names, int outputs, string what)
    {
        switch (metrics)
        {
            case null: return (new List<Metric>(), null);
            case IDictionary d:
                var per = ByName(d, names, what).Select((o, i) => (IReadOnlyList<Metric>)(o switch
                {
                    null => new List<Metric>(),
                    string or Metric or Delegate => new List<Metric> { ToMetric(o, $"{what}['{names![i]}']") },
                    IEnumerable e => e.Cast<object?>().Select(m => ToMetric(m, $"{what}['{names![i]}']")).ToList(),
                    _ => new List<Metric> { ToMetric(o, what) },
                })).ToList();
                return (new List<Metric>(), per);
            case string or Metric or Delegate: return (new List<Metric> { ToMetric(metrics, what) }, null);
            case IEnumerable e:
                var items = e.Cast<object?>().ToList();
                if (items.Count > 0 && items.All(i => i is IEnumerable and not string))
                {
                    if (items.Count != outputs) throw new ArgumentException($"compile: {what} is a list of {items.Count} lists; the model has {outputs} output(s).");
                    return (new List<Metric>(), items.Select(i => (IReadOnlyList<Metric>)((IEnumerable)i!).Cast<object?>().Select(m => ToMetric(m, what)).ToList()).ToList());
                }
                return (items.Select(m => ToMetric(m, what)).ToList(), null);
            default: throw new ArgumentException($"compile: {what} must be a list of metrics, a list of lists or a dictionary by output name; received {metrics.GetType().Name}.");
        }
    }
}
