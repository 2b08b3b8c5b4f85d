using PureHDF;
using PureHDF.VOL.Native;

namespace KerasSharp.Saving;

/// <summary>
/// Reads the HDF5 files Keras writes (weights stores and legacy .h5 models) through PureHDF. Every
/// failure of the HDF5 layer becomes an <see cref="InvalidDataException"/> that names the file and
/// the dataset or attribute path, with PureHDF's message after it.
/// </summary>
public sealed class H5Reader : IDisposable
{
    readonly NativeFile file;
    readonly long fileLength;

    /// <summary>The name used in messages (the .keras archive, or the .h5 file).</summary>
    public string DisplayName { get; }

    /// <summary>The size of the HDF5 data in bytes.</summary>
    public long FileLength => fileLength;

    H5Reader(NativeFile file, string displayName, long fileLength) { this.file = file; DisplayName = displayName; this.fileLength = fileLength; }

    /// <summary>Opens <paramref name="path"/>; <paramref name="displayName"/> names it in errors (defaults to the path).</summary>
    public static H5Reader Open(string path, string? displayName = null)
    {
        displayName ??= path;
        try { return new H5Reader(H5File.OpenRead(path), displayName, new FileInfo(path).Length); }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"'{displayName}' is not a readable HDF5 file: {e.Message}", e);
        }
    }

    /// <summary>Opens HDF5 data held in <paramref name="stream"/> (seekable), which the reader disposes; <paramref name="displayName"/> names it in errors.</summary>
    public static H5Reader Open(Stream stream, string displayName)
    {
        try { return new H5Reader(H5File.Open(stream, leaveOpen: false), displayName, stream.Length); }
        catch (Exception e) when (e is not InvalidDataException)
        {
            stream.Dispose();
            throw new InvalidDataException($"'{displayName}' is not a readable HDF5 file: {e.Message}", e);
        }
    }

    InvalidDataException Fail(string what, string path, Exception e) =>
        new($"'{DisplayName}': cannot read {what} '{path}': {e.Message}", e);

    T Guard<T>(string what, string path, Func<T> f)
    {
        try { return f(); }
        catch (Exception e) when (e is not InvalidDataException) { throw Fail(what, path, e); }
    }

    // Each group's members are listed once and kept: a lookup walks the path through these maps, so
    // loading a model of N layers costs O(N), where asking PureHDF for each path costs O(N) each.
    readonly Dictionary<string, IH5Object> objects = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<string>> members = new(StringComparer.Ordinal);

    static string Normal(string path) => path.Trim('/');

    IH5Object? Find(string path)
    {
        path = Normal(path);
        if (path == "") return file;
        if (objects.TryGetValue(path, out var o)) return o;
        int slash = path.LastIndexOf('/');
        string parent = slash < 0 ? "" : path[..slash];
        if (Find(parent) is not IH5Group g) return null;
        List(parent, g);
        return objects.TryGetValue(path, out o) ? o : null;
    }

    List<string> List(string path, IH5Group g)
    {
        if (members.TryGetValue(path, out var names)) return names;
        names = new List<string>();
        foreach (var c in g.Children())
        {
            names.Add(c.Name);
            objects[path == "" ? c.Name : $"{path}/{c.Name}"] = c;
        }
        members[path] = names;
        return names;
    }

    /// <summary>True when every link of the path exists ("optimizer/vars/0").</summary>
    public bool Exists(string path) => Guard("the link", path, () => Find(path) is not null);

    /// <summary>True when the path is a group.</summary>
    public bool IsGroup(string path) => Guard("the group", path, () => Find(path) is IH5Group);

    IH5Object Object(string path) => Find(path) ?? throw new InvalidDataException($"'{DisplayName}' has no object '{path}'.");

    IH5Dataset Dataset(string path) => Guard("the dataset", path, () =>
        Object(path) as IH5Dataset ?? throw new InvalidDataException($"'{DisplayName}': '{path}' is a group, where a dataset was expected."));

    /// <summary>The names of a group's members, in the file's order.</summary>
    public IReadOnlyList<string> Children(string path) => Guard("the group", path, () =>
        List(Normal(path), Object(path) as IH5Group ?? throw new InvalidDataException($"'{DisplayName}': '{path}' is not a group.")));

    /// <summary>A dataset's shape.</summary>
    public long[] Shape(string path)
    {
        var ds = Dataset(path);
        return Guard("the dataset", path, () => ds.Space.Dimensions.Select(d => (long)d).ToArray());
    }

    /// <summary>
    /// Refuses a dataset whose declared size cannot be in the file: a contiguous or compact dataset
    /// keeps its data in the file, so it cannot declare more bytes than the file has. Checked
    /// before the data is read, so that a small file declaring a huge dataset allocates nothing.
    /// </summary>
    void CheckDeclaredSize(IH5Dataset ds, string path, long[] shape)
    {
        long n = 1;
        foreach (var d in shape) n = d != 0 && n > long.MaxValue / Math.Max(d, 1) ? long.MaxValue : n * d;
        long size = ds.Type.Size;
        long bytes = n > long.MaxValue / Math.Max(size, 1) ? long.MaxValue : n * size;
        var layout = ds.Layout.Class;
        if (layout is H5DataLayoutClass.Contiguous or H5DataLayoutClass.Compact && bytes > fileLength)
            throw new InvalidDataException($"'{DisplayName}': dataset '{path}' declares shape {Utils.Shapes.Format(shape)} ({LoadLimits.Bytes(bytes)}), " +
                $"more than the whole HDF5 file ({LoadLimits.Bytes(fileLength)}); the file is damaged and refused.");
        if (n > LoadLimits.Current.MaxParameters)
            throw new InvalidDataException($"'{DisplayName}': dataset '{path}' declares shape {Utils.Shapes.Format(shape)} ({LoadLimits.Count(n)} values), " +
                $"over the limit of {LoadLimits.Count(LoadLimits.Current.MaxParameters)} (LoadLimits.MaxParameters); it is not read.");
    }

    /// <summary>
    /// A numeric dataset as float32 values (float16/32/64 and integer datasets are converted) with
    /// its shape. With <paramref name="expected"/>, the declared shape is compared before the data is
    /// read, and <paramref name="mismatch"/> gives the error for another shape.
    /// </summary>
    public (long[] shape, float[] data) Floats(string path, long[]? expected = null, Func<long[], Exception>? mismatch = null)
    {
        var ds = Dataset(path);
        var declared = Guard("the dataset", path, () => ds.Space.Dimensions.Select(d => (long)d).ToArray());
        if (expected is not null && !expected.SequenceEqual(declared))
            throw mismatch?.Invoke(declared) ?? new InvalidDataException($"'{DisplayName}': dataset '{path}' has shape {Utils.Shapes.Format(declared)}; expected {Utils.Shapes.Format(expected)}.");
        return Guard("the dataset", path, () =>
        {
            var shape = declared;
            CheckDeclaredSize(ds, path, shape);
            var type = ds.Type;
            float[] data = (type.Class, type.Size) switch
            {
                (H5DataTypeClass.FloatingPoint, 4) => ds.Read<float[]>(),
                (H5DataTypeClass.FloatingPoint, 8) => ds.Read<double[]>().Select(v => (float)v).ToArray(),
                (H5DataTypeClass.FloatingPoint, 2) => ds.Read<Half[]>().Select(v => (float)v).ToArray(),
                (H5DataTypeClass.FixedPoint, 8) => ds.Read<long[]>().Select(v => (float)v).ToArray(),
                (H5DataTypeClass.FixedPoint, 4) => ds.Read<int[]>().Select(v => (float)v).ToArray(),
                _ => throw new InvalidDataException($"'{DisplayName}': dataset '{path}' holds {type.Class} values of {type.Size} bytes; expected floating-point or integer values."),
            };
            return (shape, data);
        });
    }

    /// <summary>
    /// An integer scalar such as Keras's iteration counter: int32 on the numpy, JAX and torch
    /// backends, int64 on TensorFlow (float datasets are accepted when they hold a whole number).
    /// </summary>
    public long Integer(string path)
    {
        var ds = Dataset(path);
        return Guard("the dataset", path, () =>
        {
            var dims = ds.Space.Dimensions.Select(d => (long)d).ToArray();
            long count = 1;
            foreach (var d in dims) count = Math.Min(count * Math.Min(d, 17), 17);
            if (count > 16)
                throw new InvalidDataException($"'{DisplayName}': dataset '{path}' has shape {Utils.Shapes.Format(dims)}; expected one integer.");
            var type = ds.Type;
            long[] values = (type.Class, type.Size) switch
            {
                (H5DataTypeClass.FixedPoint, 8) => ds.Read<long[]>(),
                (H5DataTypeClass.FixedPoint, 4) => ds.Read<int[]>().Select(v => (long)v).ToArray(),
                (H5DataTypeClass.FixedPoint, 2) => ds.Read<short[]>().Select(v => (long)v).ToArray(),
                (H5DataTypeClass.FloatingPoint, 8) => ds.Read<double[]>().Select(WholeNumber).ToArray(),
                (H5DataTypeClass.FloatingPoint, 4) => ds.Read<float[]>().Select(v => WholeNumber(v)).ToArray(),
                _ => throw new InvalidDataException($"'{DisplayName}': dataset '{path}' holds {type.Class} values of {type.Size} bytes; expected an integer."),
            };
            if (values.Length != 1) throw new InvalidDataException($"'{DisplayName}': dataset '{path}' holds {values.Length} values; expected one integer.");
            return values[0];
        });

        long WholeNumber(double v) => v == Math.Floor(v) && Math.Abs(v) < 9e15 ? (long)v
            : throw new InvalidDataException($"'{DisplayName}': dataset '{path}' holds {v}; expected a whole number.");
    }

    /// <summary>True when the object at <paramref name="path"/> has the attribute.</summary>
    public bool HasAttribute(string path, string name) => Guard("the attributes of", path, () => Object(path).AttributeExists(name));

    /// <summary>A string attribute (fixed-length or variable-length, as h5py writes bytes and str).</summary>
    public string StringAttribute(string path, string name) => Guard($"attribute '{name}' of", path, () =>
    {
        var a = Object(path).Attribute(name);
        if (a.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw new InvalidDataException($"'{DisplayName}': attribute '{name}' of '{path}' is {a.Type.Class}; expected a string.");
        return a.Space.Rank == 0 ? a.Read<string>() : a.Read<string[]>().Single();
    });

    /// <summary>A list-of-strings attribute (layer_names, weight_names). An empty list, which h5py stores as float64, reads as empty.</summary>
    public IReadOnlyList<string> StringsAttribute(string path, string name) => Guard($"attribute '{name}' of", path, () =>
    {
        var a = Object(path).Attribute(name);
        if (a.Space.Dimensions.Aggregate(1UL, (p, d) => p * d) == 0) return Array.Empty<string>();
        if (a.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw new InvalidDataException($"'{DisplayName}': attribute '{name}' of '{path}' is {a.Type.Class}; expected a list of strings.");
        return a.Space.Rank == 0 ? new[] { a.Read<string>() } : a.Read<string[]>();
    });

    /// <inheritdoc />
    public void Dispose() => file.Dispose();
}
