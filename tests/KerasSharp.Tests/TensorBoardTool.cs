using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// The real TensorBoard 2.22 backend, as ../shared/tools/tensorboard/tb-check serves it (see
/// ../shared/tools/README.md), found from the repository root.
/// </summary>
public static class TensorBoardTool
{
    /// <summary>The repository root: the nearest folder above the test assembly that holds KerasSharp101.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "KerasSharp101.sln"))) return d.FullName;
        throw new InvalidOperationException($"No KerasSharp101.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>../shared/tools/tensorboard/tb-check beside the repository.</summary>
    public static string TbCheck => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "tools", "tensorboard", "tb-check"));

    /// <summary>Null when tb-check is there, else why the tests that need it are skipped.</summary>
    public static string? Missing => File.Exists(TbCheck) ? null
        : $"The real TensorBoard is not available: {TbCheck} is absent (../shared/tools is not beside this checkout).";

    /// <summary>The output of one tb-check call.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The JSON summary tb-check prints on its first line.</summary>
        public JsonElement Json => JsonDocument.Parse(Stdout.Split('\n', 2)[0]).RootElement;
    }

    static ProcessStartInfo Start(params string[] args)
    {
        var psi = new ProcessStartInfo(TbCheck) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Runs <c>tb-check LOGDIR</c>: TensorBoard serves the logdir and reports what it served.</summary>
    public static Result Check(string logdir, int timeoutSeconds = 180) => Run(Start(logdir), timeoutSeconds);

    /// <summary>Starts <c>tb-check --python SCRIPT ARGS</c> (a script with the tensorboard package importable).</summary>
    public static Process StartPython(string script, params string[] args) => Process.Start(Start(new[] { "--python", script }.Concat(args).ToArray()))!;

    static Result Run(ProcessStartInfo psi, int timeoutSeconds)
    {
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"tb-check did not finish within {timeoutSeconds} s.");
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that needs the real TensorBoard: skipped, with the reason, when ../shared/tools is absent.</summary>
public sealed class TensorBoardToolFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when tb-check is missing.</summary>
    public TensorBoardToolFactAttribute()
    {
        if (TensorBoardTool.Missing is { } why) Skip = why;
    }
}
