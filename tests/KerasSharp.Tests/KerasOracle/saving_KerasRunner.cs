using System.Diagnostics;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// The real Keras 3.15.1 (numpy backend) of ../shared/tools/keras3/kpython, beside the repository,
/// for tests that hand KerasSharp's files to Keras. Where it is absent, tests marked
/// <see cref="SavingKerasFactAttribute"/> report themselves skipped with the reason.
/// </summary>
public static class SavingKerasRunner
{
    /// <summary>The repository root (the folder holding KerasSharp101.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "KerasSharp101.sln"))) return d.FullName;
        throw new InvalidOperationException($"No KerasSharp101.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>../shared/tools/keras3/kpython.</summary>
    public static string KPython => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "tools", "keras3", "kpython"));

    /// <summary>Why Keras cannot run here, or null when it can.</summary>
    public static string? Missing => File.Exists(KPython) ? null : $"the real Keras is not available: {KPython} does not exist (it comes with ../shared beside the repository)";

    /// <summary>tests/KerasSharp.Tests/&lt;relative&gt;.</summary>
    public static string TestPath(params string[] relative) => Path.Combine(new[] { RepoRoot, "tests", "KerasSharp.Tests" }.Concat(relative).ToArray());

    /// <summary>Runs a script with kpython and returns its standard output; a failure shows Keras's standard error.</summary>
    public static string Run(string script, params string[] args)
    {
        var psi = new ProcessStartInfo(KPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(300_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException($"kpython {script} ran over 5 minutes."); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"kpython {script} failed (exit {p.ExitCode}):\n{stderr.Result}\n{stdout}");
        return stdout;
    }
}

/// <summary>A test that runs the real Keras: skipped, with the reason, where ../shared/tools/keras3/kpython is absent.</summary>
public sealed class SavingKerasFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when Keras is missing.</summary>
    public SavingKerasFactAttribute()
    {
        if (SavingKerasRunner.Missing is { } why) Skip = why;
    }
}
