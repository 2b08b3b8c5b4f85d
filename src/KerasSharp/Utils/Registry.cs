namespace KerasSharp.Utils;

/// <summary>A name → factory table. An unknown name throws an error that lists the known names.</summary>
public sealed class Registry<T>
{
    readonly string kind;
    readonly Dictionary<string, Func<T>> byName = new(StringComparer.Ordinal);

    /// <summary>Creates a registry; <paramref name="kind"/> names it in errors ("optimizer", "loss").</summary>
    public Registry(string kind) => this.kind = kind;

    /// <summary>Adds a factory under one or more names.</summary>
    public Registry<T> Add(Func<T> factory, params string[] names)
    {
        foreach (var n in names) byName[n] = factory;
        return this;
    }

    /// <summary>True when the name is known.</summary>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <summary>The known names, sorted.</summary>
    public IReadOnlyList<string> Names => byName.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>Creates the object for a name, or throws with the list of known names.</summary>
    public T Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (byName.TryGetValue(name, out var f)) return f();
        throw new ArgumentException($"Unknown {kind} '{name}'. Known {kind} names: {string.Join(", ", Names)}.");
    }
}
