using System.Globalization;
using System.Text;
using KerasSharp.Layers;

namespace KerasSharp.Models;

/// <summary>
/// Keras 3's summary table, as rich renders it without a terminal: heavy head, a rule between
/// rows, default width min(88, 80 − 4) = 76 (108 for non-sequential graphs, with "Connected to").
/// </summary>
internal static class Summary
{
    public static string Render(Model model, int? lineLength)
    {
        var layers = model.layers;
        bool sequentialLike = model is Sequential || !model.Plan.Any(p => p.inputSlots.Length > 1) && model.inputs.Count == 1 && model.outputs.Count == 1;
        double[] positions = sequentialLike ? new[] { 0.45, 0.80, 1.0 } : new[] { 0.3, 0.56, 0.74, 1.0 };
        string[] header = sequentialLike ? new[] { "Layer (type)", "Output Shape", "Param #" } : new[] { "Layer (type)", "Output Shape", "Param #", "Connected to" };
        bool[] right = sequentialLike ? new[] { false, false, true } : new[] { false, false, true, false };
        int terminal = Console.IsOutputRedirected ? 80 : SafeWindowWidth();
        int length = lineLength ?? Math.Min(sequentialLike ? 88 : 108, terminal - 4);

        // Column widths as rich computes them: requested width + 2 padding, then the excess over
        // (length − borders) taken away one column at a time with Python's round-half-even.
        var widths = new List<int>();
        int current = 0;
        foreach (var p in positions) { int w = (int)(p * length) - current; widths.Add(w); current += w; }
        var cells = widths.Select(w => w + 2).ToArray();
        int available = length - (cells.Length + 1);
        int excess = cells.Sum() - available;
        if (excess > 0)
        {
            int remaining = excess, ratioLeft = cells.Length;
            for (int i = 0; i < cells.Length; i++)
            {
                int d = (int)Math.Min(cells[i], Math.Round((double)remaining / ratioLeft, MidpointRounding.ToEven));
                cells[i] -= d; remaining -= d; ratioLeft--;
            }
        }

        var sb = new StringBuilder();
        sb.Append($"Model: \"{model.name}\"\n");
        string Rule(char left, char fill, char mid, char rightC) => left + string.Join(mid, cells.Select(c => new string(fill, c))) + rightC + "\n";
        sb.Append(Rule('┏', '━', '┳', '┓'));
        AppendRow(sb, header.Select(h => new List<string> { h }).ToArray(), cells, right, '┃');
        sb.Append(Rule('┡', '━', '╇', '┩'));
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var fields = new List<string>
            {
                $"{layer.name} ({layer.class_name})",
                OutputShape(layer),
                layer.built ? layer.count_params().ToString("N0", CultureInfo.InvariantCulture) : "0 (unbuilt)",
            };
            if (!sequentialLike) fields.Add(Connections(layer));
            AppendRow(sb, fields.Select((f, k) => Wrap(f, cells[k] - 2)).ToArray(), cells, right, '│');
            sb.Append(i < layers.Count - 1 ? Rule('├', '─', '┼', '┤') : Rule('└', '─', '┴', '┘'));
        }
        if (layers.Count == 0) sb.Append(Rule('└', '─', '┴', '┘'));
        long trainable = model.trainable_weights.Sum(w => w.size);
        long nonTrainable = model.non_trainable_weights.Sum(w => w.size);
        // Keras counts the optimizer's variables once it is built: the iteration counter (int32),
        // the learning rate and the slots, 4 bytes each (see Saving.OptimizerState).
        bool optimizerBuilt = model.optimizer is { } opt && Saving.OptimizerState.IsBuilt(opt);
        var (optimizerParams, optimizerBytes) = optimizerBuilt ? Saving.OptimizerState.Size(model.optimizer!, model) : (0L, 0L);
        long total = trainable + nonTrainable + optimizerParams;
        sb.Append($" Total params: {total.ToString("N0", CultureInfo.InvariantCulture)} ({Memory((trainable + nonTrainable) * 4.0 + optimizerBytes)})\n");
        sb.Append($" Trainable params: {trainable.ToString("N0", CultureInfo.InvariantCulture)} ({Memory(trainable * 4)})\n");
        sb.Append($" Non-trainable params: {nonTrainable.ToString("N0", CultureInfo.InvariantCulture)} ({Memory(nonTrainable * 4)})\n");
        if (optimizerBuilt) sb.Append($" Optimizer params: {optimizerParams.ToString("N0", CultureInfo.InvariantCulture)} ({Memory(optimizerBytes)})\n");
        return sb.ToString();
    }

    static int SafeWindowWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; } catch (IOException) { return 80; }
    }

    static string OutputShape(Layer layer)
    {
        if (layer is InputLayer il) return Utils.Shapes.Format(il.BatchInputShape!);
        var node = layer.InboundNodes.LastOrDefault();
        return node is null ? "?" : Utils.Shapes.Format(node.Output.shape);
    }

    static string Connections(Layer layer)
    {
        var node = layer.InboundNodes.LastOrDefault();
        if (node is null || node.Inputs.Count == 0) return "-";
        return string.Join(", ", node.Inputs.Select(t => $"{t.Node.Layer.name}[0][0]"));
    }

    /// <summary>
    /// Keras's readable_memory_size, with Python's "{:.2f}": the exact value rounded half to even
    /// (1152 bytes is "1.12 KB"; .NET's "0.00" would round that tie up).
    /// </summary>
    public static string Memory(double bytes)
    {
        string[] units = { "B", "KB", "MB", "GB", "TB", "PB" };
        foreach (var u in units)
        {
            if (bytes / 1024 < 1) return Fixed2(bytes) + " " + u;
            bytes /= 1024;
        }
        return Fixed2(bytes) + " PB";
    }

    // A byte count divided by powers of 1024 has few decimal digits, so the decimal conversion is exact at the ties that matter.
    static string Fixed2(double v) => Math.Round((decimal)v, 2, MidpointRounding.ToEven).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// rich's word wrap with the table's "ellipsis" overflow: words fill a line while they fit; a
    /// word longer than the width takes a line of its own, cut to width − 1 characters and "…".
    /// </summary>
    static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var w in text.Split(' '))
        {
            if (w.Length > width)
            {
                if (line.Length > 0) lines.Add(line);
                lines.Add(w[..(width - 1)] + "…");
                line = "";
            }
            else if (line.Length == 0) line = w;
            else if (line.Length + 1 + w.Length <= width) line += " " + w;
            else { lines.Add(line); line = w; }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        return lines;
    }

    static void AppendRow(StringBuilder sb, List<string>[] fields, int[] cells, bool[] right, char border)
    {
        int height = fields.Max(f => f.Count);
        for (int r = 0; r < height; r++)
        {
            sb.Append(border);
            for (int c = 0; c < cells.Length; c++)
            {
                string text = r < fields[c].Count ? fields[c][r] : "";
                int inner = cells[c] - 2;
                sb.Append(' ').Append(right[c] ? text.PadLeft(inner) : text.PadRight(inner)).Append(' ').Append(border);
            }
            sb.Append('\n');
        }
    }
}
