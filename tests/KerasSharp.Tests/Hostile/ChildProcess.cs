using System.Diagnostics;
using System.Text;

namespace KerasSharp.Tests.Hostile;

/// <summary>What a child process left: its exit code, its output, and whether it had to be killed.</summary>
public sealed record ChildResult(int ExitCode, string Stdout, string Stderr, bool TimedOut, double Seconds)
{
    /// <summary>Died from a signal (SIGSEGV, SIGABRT...): the runtime's exit code is 128 + signal, or negative.</summary>
    public bool Crashed => ExitCode >= 128 || ExitCode < 0;

    /// <summary>Everything the child said, for failure messages.</summary>
    public string Describe() => $"exit code {ExitCode}{(TimedOut ? " (killed after the timeout)" : "")}, {Seconds:0.0} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>The lines the child printed with this prefix, prefix removed.</summary>
    public List<string> Lines(string prefix) =>
        Stdout.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].TrimEnd('\r')).ToList();
}

/// <summary>
/// Starts this test assembly as a child process (<see cref="WorkerProgram"/>), so that a case that
/// could take the process down (a native crash, an abort, a flood of memory) cannot take the test
/// runner with it.
/// </summary>
public static class ChildProcess
{
    /// <summary>Runs <c>dotnet KerasSharp.Tests.dll args...</c> and waits for it (killing it after the timeout).</summary>
    public static ChildResult Run(IEnumerable<string> args, int timeoutSeconds = 60, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(WorkerProgram).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        if (environment is not null) foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;
        var sw = Stopwatch.StartNew();
        using var p = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        bool done = p.WaitForExit(timeoutSeconds * 1000);
        if (!done) { try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } p.WaitForExit(); }
        p.WaitForExit(); // drains the output readers
        lock (stdout) lock (stderr)
            return new ChildResult(done ? p.ExitCode : -1, stdout.ToString(), stderr.ToString(), !done, sw.Elapsed.TotalSeconds);
    }

    /// <summary>Starts a child without waiting (for tests that run two at once).</summary>
    public static Process Start(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(WorkerProgram).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }
}
