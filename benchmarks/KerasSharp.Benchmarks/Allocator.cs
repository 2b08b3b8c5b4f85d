using System.Diagnostics;

namespace KerasSharp.Benchmarks;

/// <summary>
/// The timing sections run in a child process whose glibc malloc has fixed thresholds. With glibc's
/// defaults, the mmap and trim thresholds move with the sizes freed so far: the heap's top is then
/// given back to the kernel and taken again (page faults) on some steps and not on others,
/// depending on the order of earlier allocations in the process. In one process that hit one side
/// of a comparison (the MLP's fit: 6,000 to 15,000 page faults per epoch against 0 to 2,000 for the
/// raw loop, 20:31 UTC on 2026-12-01), in another the other side. Fixed thresholds take that chance
/// away from both sides alike; <c>--malloc-default</c> measures with glibc's defaults.
/// </summary>
static class Allocator
{
    // 32 MiB: every allocation below it comes from the heap; 256 MiB: the heap's top is kept.
    public const string Tunables = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456";

    /// <summary>Whether this process started with <see cref="Tunables"/>.</summary>
    public static bool Fixed => (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? "").Contains(Tunables, StringComparison.Ordinal);

    public static string Describe() => Fixed ? $"glibc malloc with fixed thresholds (GLIBC_TUNABLES={Tunables})" : "glibc malloc with its default (moving) thresholds";

    /// <summary>Runs this program again with <paramref name="args"/> and <see cref="Tunables"/>; its output goes to ours. Returns its exit code.</summary>
    public static int RunChild(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet");
        string dll = typeof(Allocator).Assembly.Location;
        if (!Path.GetFileNameWithoutExtension(psi.FileName).Equals(Path.GetFileNameWithoutExtension(dll), StringComparison.Ordinal)) psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        string current = Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? "";
        psi.Environment["GLIBC_TUNABLES"] = current.Length == 0 ? Tunables : current + ":" + Tunables;
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
