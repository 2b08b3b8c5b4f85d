namespace KerasSharp.TensorBoard;

/// <summary>
/// Where a program's TensorBoard runs go when it keeps them in a project's log folder (the
/// examples keep theirs in the repository's <c>tensorboard-logs/</c>). Not a Keras API: Keras
/// takes log_dir as given, relative to the working directory.
/// </summary>
public static class LogRoot
{
    /// <summary>
    /// The nearest existing folder named <paramref name="name"/> in the working directory or one of
    /// its parents; else in the program's base directory or one of its parents (a program started
    /// with <c>dotnet run --project</c> from elsewhere still finds its repository's folder); else
    /// <paramref name="name"/> in the working directory (the first writer creates it). Only
    /// directory names are looked at; nothing is read, created or written.
    /// </summary>
    public static string Find(string name = "tensorboard-logs")
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(new[] { '/', '\\' }) >= 0)
            throw new ArgumentException($"LogRoot.Find: name must be a single folder name, received '{name}'.");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, name);
                if (Directory.Exists(candidate)) return candidate;
            }
        return Path.Combine(Directory.GetCurrentDirectory(), name);
    }
}
