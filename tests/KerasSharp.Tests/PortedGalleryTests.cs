using System.Diagnostics;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// The gallery of ported TFLearn and keras-io scripts (examples/ported): `Ported all --quick` runs every
/// script, each asserting its own result (an accuracy floor on Fashion-MNIST, a fall in the loss, or the
/// guide's shapes), and exits 0 only when all pass. The test builds the gallery when its program is missing
/// or older than its sources, then runs it as a child process.
/// </summary>
public class PortedGalleryTests
{
    static readonly string[] Scripts =
    [
        "linear_regression", "dnn", "convnet_mnist", "weights_persistence", "finetuning", "network_in_network", "alexnet",
        "convnet_cifar10", "highway_dnn", "mnist_convnet", "sequential_model", "functional_api", "training_with_built_in_methods",
    ];

    static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "KerasSharp101.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("KerasSharp101.sln not found above the test assembly.");
    }

    static (int code, string output) Dotnet(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    /// <summary>The built Ported.dll of the test's own configuration (Debug or Release), built first when missing or stale.</summary>
    static string PortedDll(string root)
    {
        // The test assembly lives in tests/KerasSharp.Tests/bin/<Configuration>/<tfm>[/<rid>]/.
        var bin = Path.GetRelativePath(Path.Combine(root, "tests", "KerasSharp.Tests", "bin"), AppContext.BaseDirectory)
            .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string configuration = bin.Length > 0 && bin[0] != ".." ? bin[0] : "Debug";
        string project = Path.Combine(root, "examples", "ported");
        string? Find() => Directory.Exists(Path.Combine(project, "bin", configuration))
            ? Directory.GetFiles(Path.Combine(project, "bin", configuration), "Ported.dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        var dll = Find();
        var newestSource = Directory.GetFiles(project, "*.cs*", SearchOption.TopDirectoryOnly).Max(File.GetLastWriteTimeUtc);
        if (dll is null || File.GetLastWriteTimeUtc(dll) < newestSource)
        {
            var (code, output) = Dotnet(root, "build", Path.Combine(project, "Ported.csproj"), "-c", configuration);
            Assert.True(code == 0, $"dotnet build examples/ported -c {configuration} failed:\n{Tail(output)}");
            dll = Find();
        }
        return dll ?? throw new InvalidOperationException($"examples/ported/bin/{configuration} has no Ported.dll after the build.");
    }

    static string Tail(string s) => s.Length > 6000 ? s[^6000..] : s;

    [Fact]
    public void Every_ported_script_runs_with_quick_and_clears_its_floor()
    {
        string root = RepoRoot();
        var (code, output) = Dotnet(root, PortedDll(root), "all", "--quick");

        var results = output.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => l.StartsWith("RESULT ") || l.StartsWith("FAILED ")).ToList();
        foreach (var script in Scripts)
            Assert.True(results.Any(l => l.StartsWith($"RESULT {script}: ")),
                $"No passing result line for {script}. Result lines:\n{string.Join("\n", results)}\n\nOutput tail:\n{Tail(output)}");
        Assert.DoesNotContain(results, l => l.StartsWith("FAILED "));
        Assert.True(code == 0, $"Ported all --quick exited with {code}.\n{Tail(output)}");
    }

    [Fact]
    public void An_unknown_script_name_is_refused_with_the_known_names()
    {
        string root = RepoRoot();
        var (code, output) = Dotnet(root, PortedDll(root), "no_such_script", "--quick");
        Assert.Equal(2, code);
        Assert.Contains("Unknown script 'no_such_script'. Known scripts: " + string.Join(", ", Scripts) + ", or all.", output);
    }
}
