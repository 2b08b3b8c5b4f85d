using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras's <c>Constant</c>: a scalar everywhere, or an array broadcast to the weight's shape
/// (Keras computes <c>cast(value) * ones(shape)</c>; here an array that does not broadcast to
/// exactly the requested shape is an error).
/// </summary>
public sealed class Constant : Initializer
{
    readonly double? scalar;
    readonly Tensor? array;

    /// <summary>A scalar constant.</summary>
    /// <param name="value">The value of every element.</param>
    public Constant(double value = 0.0) => scalar = value;

    /// <summary>An array constant (copied), broadcast to the weight's shape.</summary>
    /// <param name="value">The values: a tensor.</param>
    public Constant(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        array = value.detach().cpu().clone();
    }

    /// <summary>An array constant from a .NET array of any rank (double, float, int, long, byte or bool elements).</summary>
    /// <param name="value">The values, for example <c>new double[,] {{1, 2}, {3, 4}}</c>.</param>
    public Constant(Array value) => array = FromArray(value);

    /// <summary>A vector constant (float32), broadcast to the weight's shape.</summary>
    /// <param name="value">The values.</param>
    public Constant(float[] value) : this((Array)value) { }

    /// <summary>A vector constant (float64), broadcast to the weight's shape.</summary>
    /// <param name="value">The values.</param>
    public Constant(double[] value) : this((Array)value) { }

    /// <summary>An array constant from a NumSharp array.</summary>
    /// <param name="value">The values.</param>
    public Constant(NumSharp.NDArray value) => array = Utils.Arrays.ToTensor(value ?? throw new ArgumentNullException(nameof(value)), "Constant value").clone();

    /// <summary>The value: a 0-d float64 tensor for a scalar, else the array (a copy).</summary>
    public Tensor value => array is null ? torch.tensor(scalar!.Value, float64) : array.clone();

    /// <inheritdoc />
    public override Tensor call(long[] shape, ScalarType? dtype = null)
    {
        var dt = dtype ?? float32;
        var t = Backend.TensorAllocation.Empty(shape, dt, "Constant");
        if (array is null) return t.fill_(scalar!.Value);
        if (!Broadcasts(array.shape, shape))
        {
            t.Dispose();
            throw new ArgumentException($"Constant: a value of shape {Utils.Shapes.Format(array.shape)} cannot be broadcast to the requested shape {Utils.Shapes.Format(shape)}.", nameof(shape));
        }
        using var v = array.to(dt);
        return t.copy_(v);
    }

    static bool Broadcasts(long[] from, long[] to)
    {
        if (from.Length > to.Length) return from.Take(from.Length - to.Length).All(d => d == 1) && Broadcasts(from[(from.Length - to.Length)..], to);
        for (int i = 1; i <= from.Length; i++)
            if (from[^i] != 1 && from[^i] != to[^i]) return false;
        return true;
    }

    /// <summary>
    /// Keras's config: <c>{"value": 6.0}</c> for a scalar; for an array, Keras's serialized tensor
    /// <c>{"value": {"class_name": "__tensor__", "config": {"value": [...], "dtype": "float64"}}}</c>.
    /// </summary>
    public override Dictionary<string, object?> get_config()
    {
        if (array is null) return new() { ["value"] = scalar!.Value };
        return new()
        {
            ["value"] = new Dictionary<string, object?>
            {
                ["class_name"] = "__tensor__",
                ["config"] = new Dictionary<string, object?> { ["value"] = Nested(array), ["dtype"] = Backend.TensorAllocation.DtypeName(array.dtype) },
            },
        };
    }

    /// <summary>
    /// Keras's <c>from_config</c>: a number, or a serialized tensor. Without "value" it is the
    /// constructor's default, 0.0, so that <c>keras.initializers.get("constant")</c> works (in Keras
    /// 3.15.1 it fails with a KeyError, as Keras's from_config requires the key).
    /// </summary>
    public static Constant from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var c = InitializerConfig.OrEmpty(config);
        InitializerConfig.CheckKeys(c, "Constant", "value");
        var v = InitializerConfig.Get(c, "value");
        if (v is null) return new Constant();
        if (InitializerConfig.IsNumber(v)) return new Constant(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
        if (v is IReadOnlyDictionary<string, object?> d && d.TryGetValue("class_name", out var cn) && cn as string == "__tensor__"
            && d.TryGetValue("config", out var inner) && inner is IReadOnlyDictionary<string, object?> ic && ic.TryGetValue("value", out var values))
        {
            string dtypeName = ic.TryGetValue("dtype", out var dn) && dn is string s ? s : "float32";
            return new Constant(FromNested(values, dtypeName));
        }
        if (v is IEnumerable<object?> list) return new Constant(FromNested(list, "float32"));
        throw new ArgumentException($"Constant: 'value' must be a number or a serialized tensor. Received: {v}");
    }

    static object Nested(Tensor t)
    {
        using var d = t.to(float64).contiguous();
        var flat = d.data<double>().ToArray();
        bool integral = !t.is_floating_point();
        int pos = 0;
        object Build(int dim)
        {
            if (dim == t.dim()) { double x = flat[pos++]; return integral ? (object)(long)x : x; }
            var l = new List<object?>();
            for (long i = 0; i < t.shape[dim]; i++) l.Add(Build(dim + 1));
            return l;
        }
        return Build(0);
    }

    static Tensor FromNested(object? values, string dtypeName)
    {
        var shape = new List<long>();
        var flat = new List<double>();
        void Walk(object? v, int depth)
        {
            if (v is IEnumerable<object?> l && v is not string)
            {
                var items = l.ToList();
                if (shape.Count == depth) shape.Add(items.Count);
                else if (shape[depth] != items.Count) throw new ArgumentException("Constant: the serialized tensor's nested lists differ in length.");
                foreach (var x in items) Walk(x, depth + 1);
            }
            else if (InitializerConfig.IsNumber(v)) flat.Add(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
            else throw new ArgumentException($"Constant: the serialized tensor holds a value that is not a number: {v}.");
        }
        Walk(InitializerConfig.Normalize(values), 0);
        var dt = dtypeName switch
        {
            "float64" => float64, "float16" => float16, "bfloat16" => bfloat16, "int32" => int32, "int64" => int64,
            "int8" => int8, "int16" => int16, "uint8" => ScalarType.Byte, "bool" => ScalarType.Bool, _ => float32,
        };
        using var t = torch.tensor(flat.ToArray(), shape.ToArray(), float64);
        return t.to(dt);
    }

    static Tensor FromArray(Array a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var shape = Enumerable.Range(0, a.Rank).Select(i => (long)a.GetLength(i)).ToArray();
        var e = a.GetType().GetElementType();
        var flat = new List<double>(a.Length);
        foreach (var x in a)
        {
            if (!InitializerConfig.IsNumber(x) && x is not bool)
                throw new ArgumentException($"Constant: the array's elements must be numbers (double, float, int, long, byte) or bool; received {e?.Name ?? "unknown"}. A jagged array is not accepted: use a rectangular one (double[,]).", nameof(a));
            flat.Add(x is bool b ? (b ? 1 : 0) : Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture));
        }
        var dt = e == typeof(double) ? float64 : e == typeof(float) ? float32 : e == typeof(int) ? int32
            : e == typeof(long) ? int64 : e == typeof(byte) ? ScalarType.Byte : e == typeof(bool) ? ScalarType.Bool : float64;
        using var t = torch.tensor(flat.ToArray(), shape, float64);
        return t.to(dt);
    }
}
