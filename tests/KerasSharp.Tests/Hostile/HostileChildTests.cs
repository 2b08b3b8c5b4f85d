using System.Text.RegularExpressions;
using Xunit;

namespace KerasSharp.Tests.Hostile;

/// <summary>
/// Issue 15's cases that could take a process down (a native abort, an error on a timer thread or
/// at exit), each run in a child process (<see cref="ChildProcess"/>): the child must exit normally
/// and report the expected error.
/// </summary>
public class HostileChildTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-hostile-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }

    static string Arg(string name, params string[] args) => args.Length == 0 ? name : $"{name}::{string.Join("||", args)}";

    /// <summary>Runs the cases in one child; returns each case's "type|message" (or "none|result").</summary>
    internal static (ChildResult child, Dictionary<string, string> results) Run(params string[] cases)
    {
        var r = ChildProcess.Run(new[] { "--hostile" }.Concat(cases), timeoutSeconds: 180);
        Assert.False(r.Crashed || r.TimedOut || r.ExitCode != 0, r.Describe());
        var results = new Dictionary<string, string>();
        foreach (var line in r.Lines("CASE-RESULT "))
        {
            var parts = line.Split('|', 2);
            results[parts[0] + "#" + results.Keys.Count(k => k.StartsWith(parts[0] + "#"))] = parts[1];
        }
        Assert.Equal(cases.Length, results.Count);
        return (r, results);
    }

    static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    const string TooLarge = "File too large: the file system or the process's file size limit refuses to let it grow (Specified file length was too large for the file system.)";

    [Fact]
    public void An_event_file_that_cannot_grow_is_reported_once_and_training_goes_on_or_stops_as_chosen()
    {
        var dir = TempDir();
        string warn = Path.Combine(dir, "warn"), raise = Path.Combine(dir, "raise");
        var (r, res) = Run(Arg("tensorboard_file_too_large", warn, "warn"));
        Assert.Equal($"none|40 epochs|{TooLarge}", res["tensorboard_file_too_large#0"]);
        Assert.Equal(1, Count(r.Stderr, "TensorBoard: could not write the event file"));
        Assert.Matches($"TensorBoard: could not write the event file '{Regex.Escape(warn)}/train/events\\.out\\.tfevents\\.[^']+': {Regex.Escape(TooLarge)} Later summaries of this run are dropped; training goes on \\(on_write_error=\"warn\"\\)\\.", r.Stderr);

        (r, res) = Run(Arg("tensorboard_file_too_large", raise, "raise"));
        Assert.Matches($"^System\\.IO\\.IOException\\|TensorBoard: could not write the event file '{Regex.Escape(raise)}/train/events\\.out\\.tfevents\\.[^']+': {Regex.Escape(TooLarge)}$", res["tensorboard_file_too_large#0"]);
        Assert.Equal(1, Count(r.Stderr, "TensorBoard: could not write the event file"));
        Assert.Contains("The next summary call raises this error (on_write_error=\"raise\").", r.Stderr);

        // What the failed file holds stays readable up to its last whole record.
        foreach (var run in new[] { warn, raise })
            Assert.Contains("epoch_loss", KerasSharp.TensorBoard.TensorBoardLog.Read(run).Runs["train"].Scalars.Keys);
    }

    [Fact]
    public void A_write_failure_on_the_flush_timer_or_at_exit_is_reported_and_the_process_exits_normally()
    {
        var dir = TempDir();
        var (r, res) = Run(Arg("summarywriter_timer_file_too_large", Path.Combine(dir, "timer")));
        Assert.Equal($"none|{TooLarge}", res["summarywriter_timer_file_too_large#0"]);
        Assert.Equal(1, Count(r.Stderr, "TensorBoard: could not write the event file"));
        Assert.DoesNotContain("Unhandled exception", r.Stderr);

        (r, res) = Run(Arg("summarywriter_exit_file_too_large", Path.Combine(dir, "exit")));
        Assert.Equal("none|left open", res["summarywriter_exit_file_too_large#0"]);
        Assert.Equal(1, Count(r.Stderr, "TensorBoard: could not write the event file"));
        Assert.DoesNotContain("Unhandled exception", r.Stderr);

        (r, res) = Run(Arg("tflearn_file_too_large", Path.Combine(dir, "tflearn"), "run"));
        Assert.Equal($"none|{Path.Combine(dir, "tflearn", "run")}|{TooLarge}", res["tflearn_file_too_large#0"]);
        Assert.Equal(1, Count(r.Stderr, "TensorBoard: could not write the event file"));
        Assert.Contains("| SGD | epoch: 040 |", r.Stdout); // training went on to the end
    }

    /// <summary>The process ids in the names of the event files directly in a folder.</summary>
    static HashSet<string> Writers(string dir) =>
        Directory.EnumerateFiles(dir, "events.out.tfevents.*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f).Split('.')[4]).ToHashSet();

    static List<string> RunTogether(Func<int, string[]> args)
    {
        var ps = new[] { ChildProcess.Start(args(0)), ChildProcess.Start(args(1)) };
        var outs = ps.Select(p => { string o = p.StandardOutput.ReadToEnd(); p.StandardError.ReadToEnd(); p.WaitForExit(); Assert.Equal(0, p.ExitCode); return o; }).ToList();
        return outs.Select(o => o.Split('\n').Single(l => l.StartsWith("CASE-RESULT ")).TrimEnd('\r')).ToList();
    }

    [Fact]
    public void Two_processes_started_together_with_one_run_id_or_log_dir_never_share_a_run_folder()
    {
        var root = TempDir();
        var results = RunTogether(i => new[] { "--hostile", Arg("tflearn_same_run_id", root, "run") });
        var dirs = results.Select(l => l.Split('|')[2]).OrderBy(d => d, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { Path.Combine(root, "run"), Path.Combine(root, "run_1") }, dirs);
        foreach (var d in dirs) Assert.Single(Writers(d));

        // Keras's TensorBoard: both fits run at once (each waits for the other in its first epoch).
        var logDir = Path.Combine(root, "logs");
        var barrier = Path.Combine(root, "barrier");
        Directory.CreateDirectory(barrier);
        results = RunTogether(i => new[] { "--hostile", Arg("tensorboard_same_log_dir", logDir, barrier, i == 0 ? "a" : "b", i == 0 ? "b" : "a") });
        dirs = results.Select(l => l.Split('|')[2]).OrderBy(d => d, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { logDir, logDir + "_1" }, dirs);
        foreach (var d in dirs) Assert.Single(Writers(d));
    }

    [Fact]
    public void A_damaged_backup_is_a_clear_error_not_an_abort()
    {
        var dir = TempDir();
        string[] modes = { "rng_left_0", "rng_next_5000", "rng_unseeded", "rng_short", "epoch_negative", "truncated", "not_a_backup" };
        var (_, res) = Run(modes.Select(m => Arg("backup_damaged", Path.Combine(dir, m), m)).ToArray());
        string Expect(string mode, string what) =>
            $"System.IO.InvalidDataException|BackupAndRestore: the backup '{Path.Combine(dir, mode, "latest.weights.h5")}' is damaged or not a KerasSharp backup: {what}. Delete it to start training afresh.";
        Assert.Equal(Expect("rng_left_0", "its random generator state has left=0, expected 1 to 624"), res["backup_damaged#0"]);
        Assert.Equal(Expect("rng_next_5000", "its random generator state has next=5000, expected 0 to 624"), res["backup_damaged#1"]);
        Assert.Equal(Expect("rng_unseeded", "its random generator state is marked as never seeded"), res["backup_damaged#2"]);
        Assert.Equal(Expect("rng_short", "its random generator state has 100 bytes, the engine's has 5056"), res["backup_damaged#3"]);
        Assert.Equal(Expect("epoch_negative", "the finished epoch must be one number ≥ 0, the file holds [-4]"), res["backup_damaged#4"]);
        Assert.Equal(Expect("truncated", "its epoch and random generator state cannot be read (The file is too small)"), res["backup_damaged#5"]);
        Assert.Equal(Expect("not_a_backup", "its epoch and random generator state cannot be read (Could not find part of the path 'kerassharp_backup/epoch'.)"), res["backup_damaged#6"]);
    }

    [Fact]
    public void Fit_evaluate_and_predict_on_0_samples_raise_and_nan_in_the_data_is_named_with_its_index()
    {
        var (r, res) = Run("fit_0_samples", "evaluate_0_samples", "predict_0_rows", "nan_in_x", "inf_in_y");
        const string Empty = "System.ArgumentException|The data holds 0 samples; fit, evaluate and predict need at least one.";
        Assert.Equal(Empty, res["fit_0_samples#0"]);
        Assert.Equal(Empty, res["evaluate_0_samples#0"]);
        Assert.Equal(Empty, res["predict_0_rows#0"]);
        Assert.Equal("none|", res["nan_in_x#0"]);
        Assert.Contains("KerasSharp: fit: x holds 1 NaN or infinite value; the first: x[2, 1] is NaN (sample 2). The loss and the weights will not be numbers; clean the data (the learning rate is not the cause).", r.Stderr);
        Assert.Contains("KerasSharp: epoch 1: the loss is NaN because the data holds NaN or infinite values (x[2, 1] is NaN); clean the data.", r.Stderr);
        Assert.Contains("KerasSharp: fit: y holds 1 NaN or infinite value; the first: y[1, 0] is inf (sample 1).", r.Stderr);
        Assert.DoesNotContain("learning rate.", r.Stderr.Replace("the learning rate is not the cause", ""));
    }
}
