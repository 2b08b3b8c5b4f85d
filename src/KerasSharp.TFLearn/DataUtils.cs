using System.Collections;
using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

#pragma warning disable CS8981 // lower-case names, as TFLearn's modules
namespace KerasSharp.TFLearn;

public static partial class tflearn
{
    /// <summary>
    /// <c>tflearn.data_utils</c>: to_categorical and shuffle with TFLearn's semantics. A static
    /// class, so <c>using static KerasSharp.TFLearn.tflearn.data_utils;</c> brings
    /// <c>to_categorical</c> and <c>shuffle</c> in, as <c>from tflearn.data_utils import ...</c> does.
    /// </summary>
    public static class data_utils
    {
        /// <summary>
        /// TFLearn's to_categorical. With <paramref name="nb_classes"/>: the labels, cast to integers
        /// (truncated, as numpy's int32 cast) and flattened, become one-hot rows of nb_classes
        /// columns. Without it (null or 0): one column per distinct label value present, in sorted
        /// order (TFLearn's <c>y[:, None] == np.unique(y)</c>). Returns float32 (TFLearn returns
        /// float64 with nb_classes; the network trains in float32).
        /// </summary>
        public static Tensor to_categorical(Tensor y, int? nb_classes = null)
        {
            ArgumentNullException.ThrowIfNull(y);
            return Categorical(y, nb_classes);
        }

        /// <summary>to_categorical on a NumSharp array (as keras.datasets' load_data returns): a float32 NDArray.</summary>
        public static NDArray to_categorical(NDArray y, int? nb_classes = null)
        {
            ArgumentNullException.ThrowIfNull(y);
            using var t = Utils.Arrays.ToTensor(y, "y");
            using var r = Categorical(t, nb_classes);
            return Utils.Arrays.ToNDArray(r);
        }

        /// <summary>to_categorical on int labels: one-hot rows.</summary>
        public static float[][] to_categorical(int[] y, int? nb_classes = null) => Rows(y, nb_classes);
        /// <summary>to_categorical on long labels: one-hot rows.</summary>
        public static float[][] to_categorical(long[] y, int? nb_classes = null) => Rows(y, nb_classes);
        /// <summary>to_categorical on labels held as floats: one-hot rows.</summary>
        public static float[][] to_categorical(float[] y, int? nb_classes = null) => Rows(y, nb_classes);
        /// <summary>to_categorical on labels held as doubles: one-hot rows.</summary>
        public static float[][] to_categorical(double[] y, int? nb_classes = null) => Rows(y, nb_classes);

        static float[][] Rows(Array y, int? nbClasses)
        {
            ArgumentNullException.ThrowIfNull(y);
            using var scope = torch.NewDisposeScope();
            var t = y switch
            {
                int[] a => torch.tensor(a).to(int64),
                long[] a => torch.tensor(a),
                float[] a => torch.tensor(a).to(float64),
                double[] a => torch.tensor(a),
                _ => throw new ArgumentException($"to_categorical: unsupported label type {y.GetType().Name}."),
            };
            return Utils.Arrays.ToJagged(Categorical(t, nbClasses));
        }

        static Tensor Categorical(Tensor y, int? nbClasses)
        {
            using var scope = torch.NewDisposeScope();
            Tensor result;
            if (nbClasses is int k && k != 0)
            {
                if (k < 0) throw new ArgumentException($"to_categorical: nb_classes must be a positive number of classes, received {k}.");
                if (y.dim() > 2) Console.Error.WriteLine("Warning: data array ndim > 2");
                var flat = y.reshape(-1);
                // numpy's int32 cast truncates toward zero.
                var labels = flat.is_floating_point() ? flat.trunc().to(int64) : flat.to(int64);
                if (labels.numel() > 0)
                {
                    var bad = ((labels < 0) | (labels >= k)).nonzero();
                    if (bad.shape[0] > 0)
                    {
                        long i = bad[0, 0].item<long>();
                        throw new ArgumentException($"to_categorical: label {Show(flat[i])} (sample {i}) is out of bounds for nb_classes={k}; labels must be integers in [0, {k}).");
                    }
                }
                result = torch.nn.functional.one_hot(labels, k).to(float32);
            }
            else
            {
                // TFLearn: (y[:, None] == np.unique(y)).astype(np.float32), one column per value present.
                var v = y.dim() == 2 && y.shape[1] == 1 ? y.reshape(-1) : y;
                if (v.dim() != 1)
                    throw new ArgumentException($"to_categorical without nb_classes takes a 1-D array of labels, received shape {Utils.Shapes.Format(y.shape)}; pass nb_classes to flatten it.");
                var (values, _, _) = torch.unique(v, sorted: true);
                result = (v.unsqueeze(1) == values.unsqueeze(0)).to(float32);
            }
            return result.MoveToOuterDisposeScope();
        }

        static string Show(Tensor scalar) => scalar.is_floating_point()
            ? scalar.to(float64).item<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : scalar.to(int64).item<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// TFLearn's shuffle for one array: the same kind of array (Tensor, NDArray, C# array,
        /// List), its first axis in a random order (from KerasSharp's seeded generator).
        /// </summary>
        public static T shuffle<T>(T arr) where T : notnull
        {
            var perm = Permutation(new object[] { arr });
            return Take(arr, perm);
        }

        /// <summary>TFLearn's <c>X, Y = shuffle(X, Y)</c>: both arrays in one random order, each of its own type: <c>(X, Y) = shuffle(X, Y);</c></summary>
        public static (T1, T2) shuffle<T1, T2>(T1 arr1, T2 arr2) where T1 : notnull where T2 : notnull
        {
            var perm = Permutation(new object[] { arr1, arr2 });
            return (Take(arr1, perm), Take(arr2, perm));
        }

        /// <summary>TFLearn's shuffle of three arrays in one random order.</summary>
        public static (T1, T2, T3) shuffle<T1, T2, T3>(T1 arr1, T2 arr2, T3 arr3) where T1 : notnull where T2 : notnull where T3 : notnull
        {
            var perm = Permutation(new object[] { arr1, arr2, arr3 });
            return (Take(arr1, perm), Take(arr2, perm), Take(arr3, perm));
        }

        static long Length(object a, int i) => a switch
        {
            Tensor t when t.dim() > 0 => t.shape[0],
            NDArray nd when nd.ndim > 0 => nd.shape[0],
            Array arr when arr.Rank > 0 => arr.GetLength(0),
            IList l => l.Count,
            _ => throw new ArgumentException($"shuffle: argument {i} ({a.GetType().Name}) is not an array with a first axis; expected a Tensor, an NDArray, a C# array or a List."),
        };

        static long[] Permutation(object[] arrs)
        {
            var lengths = arrs.Select(Length).ToArray();
            if (lengths.Any(n => n != lengths[0]))
                throw new ArgumentException($"shuffle: all arrays must have the same length along the first axis; received {string.Join(", ", lengths)}.");
            using var perm = torch.randperm(lengths[0]);
            return perm.data<long>().ToArray();
        }

        static T Take<T>(T a, long[] perm) where T : notnull
        {
            object result;
            switch (a)
            {
                case Tensor t:
                    using (var idx = torch.tensor(perm, device: t.device)) result = t.index_select(0, idx);
                    break;
                case NDArray nd:
                {
                    using var scope = torch.NewDisposeScope();
                    var t = Utils.Arrays.ToTensor(nd, "array");
                    var taken = Utils.Arrays.ToNDArray(t.index_select(0, torch.tensor(perm)));
                    result = taken.typecode == nd.typecode ? taken : taken.astype(nd.typecode);
                    break;
                }
                case Array arr:
                {
                    var lengths = Enumerable.Range(0, arr.Rank).Select(arr.GetLength).ToArray();
                    var copy = Array.CreateInstance(arr.GetType().GetElementType()!, lengths);
                    int row = lengths.Skip(1).Aggregate(1, (x, y) => x * y);
                    for (int i = 0; i < perm.Length; i++) Array.Copy(arr, perm[i] * row, copy, i * row, row);
                    // Rows of a jagged array are copied too, as numpy's arr[p] copies.
                    if (arr.Rank == 1) for (int i = 0; i < copy.Length; i++) if (copy.GetValue(i) is Array inner) copy.SetValue(inner.Clone(), i);
                    result = copy;
                    break;
                }
                case IList list:
                {
                    var copy = (IList)Activator.CreateInstance(a.GetType())!;
                    foreach (var i in perm) copy.Add(list[(int)i]);
                    result = copy;
                    break;
                }
                default: throw new ArgumentException($"shuffle: unsupported array type {a.GetType().Name}.");
            }
            return (T)result;
        }
    }
}
