using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Keras's unpack_x_y_sample_weight for one item a generator, PyDataset or DataLoader yields:
/// a tuple (x), (x, y) or (x, y, sample_weight); a list of tensors in that order; or a dictionary
/// of tensors: TorchSharp's {"data", "label"} convention, {"x", "y", "sample_weight"}, or else the
/// inputs by name.
/// </summary>
internal static class Unpack
{
    public static (object x, object? y, object? sw) Item(object item, string source)
    {
        switch (item)
        {
            case null: throw new ArgumentException($"{source} yielded null; expected (x, y) or (x, y, sample_weight).");
            case Tensor t: return (t, null, null);
            case ITuple tup:
                if (tup.Length < 1 || tup.Length > 3)
                    throw new ArgumentException($"{source} yielded a tuple of {tup.Length} elements; expected (x,), (x, y) or (x, y, sample_weight).");
                return (tup[0] ?? throw new ArgumentException($"{source} yielded a tuple whose x is null."), tup.Length > 1 ? tup[1] : null, tup.Length > 2 ? tup[2] : null);
            case IList<Tensor> list:
                if (list.Count < 1 || list.Count > 3)
                    throw new ArgumentException($"{source} yielded a list of {list.Count} tensors; expected [x], [x, y] or [x, y, sample_weight].");
                return (list[0], list.Count > 1 ? list[1] : null, list.Count > 2 ? list[2] : null);
            case IDictionary<string, Tensor> d:
                if (d.ContainsKey("data"))
                    return (d["data"], d.TryGetValue("label", out var l) ? l : null, d.TryGetValue("sample_weight", out var w) ? w : null);
                if (d.ContainsKey("x"))
                    return (d["x"], d.TryGetValue("y", out var y) ? y : null, d.TryGetValue("sample_weight", out var w2) ? w2 : null);
                return (d.ToDictionary(kv => kv.Key, kv => (object)kv.Value), null, null);
            default:
                return (item, null, null);
        }
    }
}
