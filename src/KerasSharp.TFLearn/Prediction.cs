using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// What DNN.predict returns: the network's output, one row per input sample, printed as numpy
/// prints the array (<c>[[0.04013482]]</c>, or <c>[1.5315033 1.5585315 1.5855598]</c> for a
/// network whose output has one value per sample, as <c>single_unit</c>'s).
/// </summary>
public sealed class Prediction : IReadOnlyList<float[]>
{
    readonly float[] data;
    readonly int[] dims;

    /// <summary>Wraps rows of values (a [samples, values] array).</summary>
    public Prediction(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Length == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != n)) throw new ArgumentException("Prediction: every row must hold the same number of values.");
        data = rows.SelectMany(r => r).ToArray();
        dims = new[] { rows.Length, n };
    }

    Prediction(float[] data, int[] dims) { this.data = data; this.dims = dims; }

    /// <summary>The output tensor's values.</summary>
    internal static Prediction From(Tensor t)
    {
        using var c = t.detach().cpu().to(float32).contiguous();
        return new Prediction(c.data<float>().ToArray(), c.shape.Select(d => (int)d).ToArray());
    }

    /// <summary>numpy's shape of the prediction ([samples] or [samples, ...]).</summary>
    public int[] shape => (int[])dims.Clone();

    int RowLength => dims.Length <= 1 ? 1 : dims.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>Sample <paramref name="index"/>'s values (flattened; one value when the output has one per sample).</summary>
    public float[] this[int index]
    {
        get
        {
            if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is out of bounds for {Count} samples");
            int k = RowLength;
            return data.AsSpan(index * k, k).ToArray();
        }
    }
    /// <inheritdoc />
    public int Count => dims.Length == 0 ? 1 : dims[0];
    /// <inheritdoc />
    public IEnumerator<float[]> GetEnumerator() { for (int i = 0; i < Count; i++) yield return this[i]; }
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    /// <summary>The values as rows.</summary>
    public static implicit operator float[][](Prediction p) => p.ToArray();

    /// <summary>The values, row-major.</summary>
    public TFLearnArray ToTFLearnArray() => new((float[])data.Clone(), dims);

    /// <summary>numpy's str() of the array.</summary>
    public override string ToString() => NumpyFormat.Format(data, dims);
}
