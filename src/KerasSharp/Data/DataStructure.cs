using System.Collections;
using KerasSharp.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Maps what a user passes as x, y and sample_weight (one array, a list of arrays, a dictionary by
/// input or output name, tensors) onto the model's inputs and trained outputs, with Keras's errors.
/// </summary>
internal sealed class DataStructure
{
    readonly Model model;
    readonly IReadOnlyList<string> inputNames, outputNames;
    readonly int[] trainedOutputs;

    public DataStructure(Model model, IReadOnlyList<int>? trainedOutputs, IReadOnlyList<string>? inputNames = null, IReadOnlyList<string>? outputNames = null)
    {
        this.model = model;
        bool built = model.built;
        this.inputNames = inputNames ?? (built ? model.inputs.Select(i => i.name).ToList() : new List<string>());
        this.outputNames = outputNames ?? (built ? model.output_names : new List<string>());
        int outs = built ? model.outputs.Count : 1;
        this.trainedOutputs = (trainedOutputs ?? Enumerable.Range(0, outs).ToList()).ToArray();
    }

    int ExpectedInputs => model.built ? model.inputs.Count : 1;

    /// <summary>The model's inputs from x, in input order (CPU tensors as given or converted).</summary>
    public Tensor[] Inputs(object x, string what = "x")
    {
        if (TryDictionary(x, out var dict))
        {
            if (inputNames.Count == 0)
                throw new ArgumentException($"{what} is a dictionary, but model \"{model.name}\" is not built yet, so it has no input names; build it (keras.Input) first.");
            var missing = inputNames.Where(n => !dict.ContainsKey(n)).ToList();
            var extra = dict.Keys.Where(k => !inputNames.Contains(k)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
                throw new ArgumentException($"When providing `{what}` as a dict, the keys must be the names of the model's inputs. Expected: [{string.Join(", ", inputNames)}], received: [{string.Join(", ", dict.Keys)}].");
            return inputNames.Select(n => Convert(dict[n]!, $"{what}['{n}']")).ToArray();
        }
        var list = List(x, ExpectedInputs, what);
        if (model.built && list.Length != ExpectedInputs)
            throw new ArgumentException($"Model \"{model.name}\" expects {ExpectedInputs} input(s), but {what} holds {list.Length}.");
        return list;
    }

    /// <summary>The targets, one per model output (null for outputs nothing trains).</summary>
    public Tensor?[] Targets(object y, string what = "y")
    {
        int outputs = model.built ? model.outputs.Count : 1;
        var result = new Tensor?[outputs];
        if (TryDictionary(y, out var dict))
        {
            var names = trainedOutputs.Select(o => outputNames[o]).ToList();
            var missing = names.Where(n => !dict.ContainsKey(n)).ToList();
            var extra = dict.Keys.Where(k => !names.Contains(k)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
                throw new ArgumentException($"When providing `{what}` as a dict, the keys must be the names of the model's outputs. Expected: [{string.Join(", ", names)}], received: [{string.Join(", ", dict.Keys)}].");
            for (int j = 0; j < trainedOutputs.Length; j++) result[trainedOutputs[j]] = Convert(dict[names[j]]!, $"{what}['{names[j]}']");
            return result;
        }
        var list = List(y, trainedOutputs.Length, what);
        if (list.Length != trainedOutputs.Length)
            throw new ArgumentException($"Model \"{model.name}\" trains {trainedOutputs.Length} output(s) and expects {trainedOutputs.Length} target array(s), but {what} holds {list.Length}.");
        for (int j = 0; j < list.Length; j++) result[trainedOutputs[j]] = list[j];
        return result;
    }

    /// <summary>Per-sample weights: a 1-D array of one weight per sample (or [N, 1]).</summary>
    public static Tensor? SampleWeights(object? sw, string what = "sample_weight")
    {
        if (sw is null) return null;
        if (TryDictionary(sw, out _))
            throw new NotSupportedException($"`{what}` as a dictionary per output is not supported by KerasSharp; pass one array of weights, one per sample.");
        var t = Convert(sw, what);
        if (t.dim() == 2 && t.shape[1] == 1) t = t.reshape(-1);
        if (t.dim() != 1)
            throw new ArgumentException($"`{what}` must be a 1-D array of one weight per sample, received shape {Utils.Shapes.Format(t.shape)}.");
        return t.dtype == float32 ? t : t.to(float32);
    }

    static Tensor Convert(object data, string what) => Utils.Arrays.ToTensor(data, what);

    static Tensor[] List(object data, int expected, string what)
    {
        switch (data)
        {
            case Tensor t: return new[] { t };
            case Tensor[] ts: return ts;
            case IList<Tensor> tl: return tl.ToArray();
            // Only a real object[] (or a list of objects) holds several arrays: float[][] is an object[] too, by covariance.
            case object[] arr when data.GetType() == typeof(object[]): return arr.Select((a, i) => Convert(a, $"{what}[{i}]")).ToArray();
            case List<object> lo: return lo.Select((a, i) => Convert(a, $"{what}[{i}]")).ToArray();
        }
        if (expected > 1 && data is Array a2 && a2.Rank == 1 && a2.Length == expected && a2.GetType().GetElementType()!.IsArray
            && a2.GetValue(0) is Array inner && inner.GetType().GetElementType()!.IsArray)
            return Enumerable.Range(0, expected).Select(i => Convert(a2.GetValue(i)!, $"{what}[{i}]")).ToArray();
        return new[] { Convert(data, what) };
    }

    static bool TryDictionary(object data, out Dictionary<string, object?> dict)
    {
        dict = null!;
        if (data is IDictionary d && data.GetType().GetGenericArguments() is { Length: 2 } ga && ga[0] == typeof(string))
        {
            dict = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in d) dict[(string)e.Key] = e.Value;
            return true;
        }
        return false;
    }
}
