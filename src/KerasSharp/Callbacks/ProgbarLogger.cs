using System.Diagnostics;
using System.Globalization;
using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras's progress bar. verbose=1 on a terminal redraws one line in place (at most every 50 ms);
/// with output redirected it prints one line per epoch. verbose=2 prints one line per epoch.
/// </summary>
public sealed class ProgbarLogger : Callback
{
    /// <summary>Reads its logs only inside its hooks.</summary>
    public override bool KeepsBatchLogs => false;

    readonly TextWriter output;
    readonly bool dynamic;
    int verbose, epochs;
    long steps;
    Stopwatch epochClock = new();
    double lastUpdate = -1, timeAfterFirstStep = -1;
    int prevWidth;

    /// <summary>Creates the logger on the console.</summary>
    public ProgbarLogger() : this(Console.Out, !Console.IsOutputRedirected) { }

    /// <summary>Creates the logger on a writer; <paramref name="dynamic"/> says whether lines are redrawn in place.</summary>
    public ProgbarLogger(TextWriter output, bool dynamic) { this.output = output; this.dynamic = dynamic; }

    /// <inheritdoc />
    public override void Bind(Models.Model m, IReadOnlyDictionary<string, object?> p)
    {
        base.Bind(m, p);
        verbose = p.TryGetValue("verbose", out var v) && v is int vi ? vi : 1;
        epochs = p.TryGetValue("epochs", out var e) && e is int ei ? ei : 1;
        steps = p.TryGetValue("steps", out var s) && s is long sl ? sl : 0;
    }

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Logs? logs = null)
    {
        if (epochs > 1 && verbose > 0) output.WriteLine($"Epoch {epoch + 1}/{epochs}");
        epochClock = Stopwatch.StartNew();
        lastUpdate = -1; timeAfterFirstStep = -1; prevWidth = 0;
    }

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Logs logs)
    {
        if (verbose != 1 || !dynamic) return;
        double now = epochClock.Elapsed.TotalSeconds;
        if (batch == 0) timeAfterFirstStep = now;
        if (lastUpdate >= 0 && now - lastUpdate < 0.05) return;
        lastUpdate = now;
        Write(batch + 1, logs, finalize: false);
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Logs logs)
    {
        if (verbose == 0) return;
        Write(steps, logs, finalize: true);
    }

    double TimePerStep(long current, double now)
    {
        if (current <= 0) return 0;
        if (timeAfterFirstStep >= 0 && current > 1) return (now - timeAfterFirstStep) / (current - 1);
        return now / current;
    }

    /// <summary>Keras's number format: %.4f, or %.4e below 1e-3.</summary>
    public static string FormatValue(double v) =>
        Math.Abs(v) > 1e-3 || double.IsNaN(v) || double.IsInfinity(v)
            ? v.ToString("0.0000", CultureInfo.InvariantCulture).Replace("NaN", "nan").Replace("∞", "inf")
            : v.ToString("0.0000e+00", CultureInfo.InvariantCulture);

    /// <summary>Keras's time-per-step format: 3ms/step, 250us/step, 2s/step.</summary>
    public static string FormatTime(double perUnit, string unit = "step") =>
        perUnit >= 1 || perUnit == 0 ? $" {perUnit.ToString("0", CultureInfo.InvariantCulture)}s/{unit}"
        : perUnit >= 1e-3 ? $" {(perUnit * 1000).ToString("0", CultureInfo.InvariantCulture)}ms/{unit}"
        : $" {(perUnit * 1e6).ToString("0", CultureInfo.InvariantCulture)}us/{unit}";

    void Write(long current, Logs logs, bool finalize)
    {
        double now = epochClock.Elapsed.TotalSeconds;
        double perStep = TimePerStep(current, now);
        var metrics = string.Concat(logs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $" - {kv.Key}: {FormatValue(kv.Value)}"));
        int digits = (int)Math.Floor(Math.Log10(Math.Max(steps, 1))) + 1;
        string count = current.ToString(CultureInfo.InvariantCulture).PadLeft(digits) + "/" + steps;
        if (verbose == 2)
        {
            output.WriteLine($"{count} - {now.ToString("0", CultureInfo.InvariantCulture)}s -{FormatTime(perStep)}{metrics}");
            return;
        }
        int width = 20;
        int done = steps > 0 ? (int)(width * (double)current / steps) : 0;
        string eta;
        if (!finalize)
        {
            double left = perStep * (steps - current);
            eta = left > 3600 ? $"{(int)(left / 3600)}:{(int)(left % 3600 / 60):00}:{(int)(left % 60):00}" : left > 60 ? $"{(int)(left / 60)}:{(int)(left % 60):00}" : $"{(int)left}s";
        }
        else eta = $"{now.ToString("0", CultureInfo.InvariantCulture)}s";
        string line;
        if (dynamic)
            line = $"\x1b[1m{count}\x1b[0m " + (done > 0 ? $"\x1b[32m{new string('━', done)}\x1b[0m" : "") + $"\x1b[37m{new string('━', width - done)}\x1b[0m" +
                   $" \x1b[1m{eta}\x1b[0m{FormatTime(perStep)}{metrics}";
        else
            line = $"{count} {new string('━', width)} {eta}{FormatTime(perStep)}{metrics}";
        if (dynamic)
        {
            int visible = System.Text.RegularExpressions.Regex.Replace(line, "\x1b\\[[0-9;]*m", "").Length;
            string pad = prevWidth > visible ? new string(' ', prevWidth - visible) : "";
            prevWidth = visible;
            output.Write("\r" + line + pad + (finalize ? "\n" : ""));
        }
        else if (finalize) output.WriteLine(line);
        output.Flush();
    }
}
