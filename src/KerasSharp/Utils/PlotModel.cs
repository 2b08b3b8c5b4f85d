using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using KerasSharp.Layers;
using KerasSharp.Models;

namespace KerasSharp.Utils;

/// <summary>
/// Keras's model_to_dot and plot_model: the model's graph as Graphviz DOT text, laid out the way
/// Keras's pydot code writes it (one HTML-table node per layer, edges between the layers a tensor
/// goes through), and drawn by Graphviz's <c>dot</c> program. Node names are the layer names
/// (Keras uses Python object ids), so the text is the same from run to run.
/// </summary>
public static class PlotModel
{
    /// <summary>The Graphviz program to run; null: <c>dot</c> found on the PATH. For tests and unusual installs.</summary>
    public static string? DotExecutable { get; set; }

    /// <summary>Keras's message when Graphviz is missing, with the Debian/Ubuntu package to install.</summary>
    public const string MissingGraphviz = "You must install graphviz (see instructions at https://graphviz.gitlab.io/download/) for `plot_model` to work. " +
        "On Debian or Ubuntu: apt-get install graphviz (plot_model runs its `dot` program).";

    static readonly HashSet<string> DotKeywords = new(StringComparer.OrdinalIgnoreCase) { "node", "edge", "graph", "digraph", "subgraph", "strict" };

    /// <summary>Keras's model_to_dot, as text.</summary>
    public static string ToDot(Model model, bool show_shapes = false, bool show_dtype = false, bool show_layer_names = true,
        string rankdir = "TB", bool expand_nested = false, int dpi = 200, bool subgraph = false, bool show_layer_activations = false,
        bool show_trainable = false, string splines = "ortho")
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.built)
            throw new InvalidOperationException("This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.");
        var o = new Options(show_shapes, show_dtype, show_layer_names, show_layer_activations, show_trainable, expand_nested);
        var sb = new StringBuilder();
        if (subgraph)
        {
            sb.Append("subgraph ").Append(Id("cluster_" + model.name)).Append(" {\n");
            sb.Append("label=").Append(Id(model.name)).Append(";\nlabeljust=l;\nstyle=dashed;\n");
        }
        else
        {
            sb.Append("digraph G {\n");
            sb.Append("concentrate=True;\n");
            sb.Append("dpi=").Append(dpi).Append(";\n");
            sb.Append("rankdir=").Append(Id(rankdir)).Append(";\n");
            sb.Append("splines=").Append(Id(splines)).Append(";\n");
            sb.Append("node [shape=record];\n");
        }
        var layers = model.layers;
        foreach (var layer in layers)
        {
            if (expand_nested && layer is ModelLayer nested)
                sb.Append(ToDot(nested.model, show_shapes, show_dtype, show_layer_names, rankdir, expand_nested, dpi, subgraph: true,
                    show_layer_activations, show_trainable, splines)).Append('\n');
            else
                sb.Append(Id(layer.name)).Append(" [border=0, fontname=Helvetica, label=").Append(Label(layer, o)).Append(", margin=0];\n");
        }
        var edges = new List<(string from, string to)>();
        void AddEdge(Layer from, Layer to)
        {
            var e = (Id(from.name), Id(to.name));
            if (!edges.Contains(e)) edges.Add(e);
        }
        if (model is Sequential && !expand_nested)
        {
            for (int i = 0; i + 1 < layers.Count; i++) AddEdge(layers[i], layers[i + 1]);
        }
        else
        {
            // A Sequential's InputLayer is not drawn: its first layer has no edge in (the edge into the
            // nested Sequential from outside is drawn by the model around it).
            var connected = model is Sequential ? layers.Skip(1) : layers;
            var own = model is Sequential ? null : NodesOf(model);
            foreach (var layer in connected)
                foreach (var node in layer.InboundNodes)
                {
                    if (own is not null && !own.Contains(node)) continue;
                    for (int inputIndex = 0; inputIndex < node.Inputs.Count; inputIndex++)
                    {
                        Layer source = node.Inputs[inputIndex].Node.Layer, destination = layer;
                        if (expand_nested)
                        {
                            // Into a nested model: from the layer that makes its output, to the layer that takes its input.
                            while (source is ModelLayer s) source = s.model.outputs[0].Node.Layer;
                            while (destination is ModelLayer d)
                                destination = d.model is Sequential seq ? seq.layers[0] : d.model.inputs[inputIndex].Node.Layer;
                        }
                        AddEdge(source, destination);
                    }
                }
        }
        foreach (var (from, to) in edges) sb.Append(from).Append(" -> ").Append(to).Append("  [penwidth=2];\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>Keras's plot_model: writes the picture to <paramref name="to_file"/> in the format its extension names (none: PNG).</summary>
    public static void Plot(Model model, string to_file = "model.png", bool show_shapes = false, bool show_dtype = false,
        bool show_layer_names = false, string rankdir = "TB", bool expand_nested = false, int dpi = 200,
        bool show_layer_activations = false, bool show_trainable = false, string splines = "ortho")
    {
        ArgumentNullException.ThrowIfNull(to_file);
        var dot = ToDot(model, show_shapes, show_dtype, show_layer_names, rankdir, expand_nested, dpi, subgraph: false,
            show_layer_activations, show_trainable, splines);
        var extension = Path.GetExtension(to_file);
        var format = string.IsNullOrEmpty(extension) ? "png" : extension[1..];
        var exe = DotExecutable ?? FindOnPath("dot") ?? throw new InvalidOperationException(MissingGraphviz);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-T" + format);
        psi.ArgumentList.Add("-o");
        psi.ArgumentList.Add(Path.GetFullPath(to_file));
        Process process;
        try { process = Process.Start(psi) ?? throw new InvalidOperationException(MissingGraphviz); }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException(MissingGraphviz + $" ('{exe}' could not be started: {e.Message})", e); }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"plot_model: Graphviz's dot could not write '{to_file}' as '{format}' (exit code {process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}".TrimEnd());
        }
    }

    static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { program + ".exe" } : new[] { program })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }

    sealed record Options(bool Shapes, bool Dtype, bool Names, bool Activations, bool Trainable, bool ExpandNested);

    /// <summary>The calls (nodes) that belong to a functional model: those between its inputs and its outputs.</summary>
    static HashSet<Node> NodesOf(Model model)
    {
        var nodes = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var inputs = model.inputs.Select(t => t.Node).ToHashSet(ReferenceEqualityComparer.Instance);
        var work = new Stack<Node>(model.outputs.Select(t => t.Node));
        while (work.Count > 0)
        {
            var n = work.Pop();
            if (!nodes.Add(n) || inputs.Contains(n)) continue;
            foreach (var t in n.Inputs) work.Push(t.Node);
        }
        return nodes;
    }

    /// <summary>Keras's make_layer_label: an HTML table with the name, the activation, the shapes, the dtype and whether it trains.</summary>
    static string Label(Layer layer, Options o)
    {
        var cls = Html(layer.class_name);
        int colspanMax = (o.Dtype ? 1 : 0) + (o.Trainable ? 1 : 0) + (o.Shapes ? 2 : 0);
        int colspan = Math.Max(1, colspanMax);
        var sb = new StringBuilder("<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">");
        sb.Append($"<tr><td colspan=\"{colspan}\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\">");
        sb.Append(o.Names ? $"<b>{Html(layer.name)}</b> ({cls})" : $"<b>{cls}</b>");
        sb.Append("</font></td></tr>");
        if (o.Activations && layer is not ModelLayer && layer.get_config().TryGetValue("activation", out var activation) && activation is not null)
            sb.Append($"<tr><td bgcolor=\"white\" colspan=\"{colspan}\"><font point-size=\"14\">Activation: <b>{Html(activation.ToString()!)}</b></font></td></tr>");
        var cols = new List<string>();
        if (o.Shapes)
        {
            var node = layer.InboundNodes.FirstOrDefault();
            if (layer is not InputLayer)
            {
                string inShape = node is null ? "?" : node.Inputs.Count == 1 ? Shapes.Format(node.Inputs[0].shape)
                    : "[" + string.Join(", ", node.Inputs.Select(t => Shapes.Format(t.shape))) + "]";
                cols.Add($"<td bgcolor=\"white\"><font point-size=\"14\">Input shape: <b>{inShape}</b></font></td>");
            }
            cols.Add($"<td bgcolor=\"white\"><font point-size=\"14\">Output shape: <b>{(node is null ? "?" : Shapes.Format(node.Output.shape))}</b></font></td>");
        }
        // KerasSharp computes in float32: every output is float32.
        if (o.Dtype) cols.Add("<td bgcolor=\"white\"><font point-size=\"14\">Output dtype: <b>float32</b></font></td>");
        if (o.Trainable && layer.variables.Count > 0)
            cols.Add(layer.trainable
                ? "<td bgcolor=\"forestgreen\"><font point-size=\"14\" color=\"white\"><b>Trainable</b></font></td>"
                : "<td bgcolor=\"firebrick\"><font point-size=\"14\" color=\"white\"><b>Non-trainable</b></font></td>");
        if (cols.Count > 0) sb.Append("<tr>").Append(string.Concat(cols)).Append("</tr>");
        sb.Append("</table>>");
        return sb.ToString();
    }

    static string Html(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>pydot's quote_if_necessary: a plain identifier stays bare, anything else is quoted.</summary>
    static string Id(string s) =>
        Regex.IsMatch(s, "^[_a-zA-Z][a-zA-Z0-9_]*$") && !DotKeywords.Contains(s) ? s : "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
