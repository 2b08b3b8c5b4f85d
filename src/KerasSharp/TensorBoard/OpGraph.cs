using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.TensorBoard.Proto;

namespace KerasSharp.TensorBoard;

/// <summary>
/// An op graph (TensorFlow's GraphDef) of a model's layers, for TensorBoard's Graphs dashboard,
/// which shows it as tf.keras and TFLearn runs show theirs: one name scope per layer holding its
/// variables (op VariableV2, with shape and dtype), the layer's op (op = the layer's class name)
/// and, when the layer has an activation other than linear, the activation op (Relu, Softmax, ...).
/// Every op carries <c>_output_shapes</c> (the batch dimension is -1), which the dashboard prints
/// on the edges. Input layers are Placeholder ops.
/// </summary>
/// <remarks>
/// TensorFlow records the ops a traced train function ran; KerasSharp's layers run as engine
/// kernels that are not traced, so the graph is built from the model's layers instead: one op per
/// layer call, not one per primitive kernel (a Dense layer is one op, not MatMul and BiasAdd).
/// </remarks>
public static class OpGraph
{
    /// <summary>The GraphDef producer version written (the one PyTorch's writer uses).</summary>
    public const int Producer = 22;

    /// <summary>
    /// The op graph of a built model. <paramref name="weight_name"/> names a variable inside its
    /// layer's scope (default: the weight's name, "kernel"; TFLearn passes "W" and "b").
    /// </summary>
    public static GraphDef FromModel(Model model, Func<Weight, string>? weight_name = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.built)
            throw new InvalidOperationException($"Model \"{model.name}\" has no graph yet: build it (give it an input shape, or call fit or predict) before writing its op graph.");
        var graph = new GraphDef { Versions = new VersionDef { Producer = Producer } };
        var producer = new Dictionary<KerasTensor, string>(ReferenceEqualityComparer.Instance);
        var calls = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        var variables = new Dictionary<Weight, string>(ReferenceEqualityComparer.Instance);

        void Visit(KerasTensor t)
        {
            if (producer.ContainsKey(t)) return;
            foreach (var u in t.Node.Inputs) Visit(u);
            var layer = t.Node.Layer;
            if (layer is InputLayer)
            {
                var input = Node(layer.name, "Placeholder", Array.Empty<string>(), t.shape);
                input.Attr["shape"] = new AttrValue { Shape = Shape(t.shape) };
                graph.Node.Add(input);
                producer[t] = layer.name;
                return;
            }
            calls.TryGetValue(layer, out int k);
            calls[layer] = k + 1;
            string suffix = k == 0 ? "" : $"_{k}";
            var inputs = t.Node.Inputs.Select(u => producer[u]).ToList();
            foreach (var w in layer.variables)
            {
                if (!variables.TryGetValue(w, out var wn))
                {
                    wn = $"{layer.name}/{weight_name?.Invoke(w) ?? w.name}";
                    var shape = w.shape.Select(d => (int?)d).ToArray();
                    var v = Node(wn, "VariableV2", Array.Empty<string>(), shape);
                    v.Attr["shape"] = new AttrValue { Shape = Shape(shape) };
                    graph.Node.Add(v);
                    variables[w] = wn;
                }
                inputs.Add(wn);
            }
            string op = $"{layer.name}/{layer.class_name}{suffix}";
            graph.Node.Add(Node(op, layer.class_name, inputs, t.shape));
            if (layer.get_config().TryGetValue("activation", out var a) && a is string act && act != "linear")
            {
                string kind = PascalCase(act);
                string activation = $"{layer.name}/{kind}{suffix}";
                graph.Node.Add(Node(activation, kind, new[] { op }, t.shape));
                op = activation;
            }
            producer[t] = op;
        }

        foreach (var i in model.inputs) Visit(i);
        foreach (var o in model.outputs) Visit(o);
        return graph;
    }

    static NodeDef Node(string name, string op, IEnumerable<string> inputs, int?[] shape)
    {
        var n = new NodeDef { Name = name, Op = op };
        n.Input.AddRange(inputs);
        n.Attr["dtype"] = new AttrValue { Type = DataType.DtFloat };
        var shapes = new AttrValue.Types.ListValue();
        shapes.Shape.Add(Shape(shape));
        n.Attr["_output_shapes"] = new AttrValue { List = shapes };
        return n;
    }

    static TensorShapeProto Shape(int?[] shape)
    {
        var s = new TensorShapeProto();
        foreach (var d in shape) s.Dim.Add(new TensorShapeProto.Types.Dim { Size = d ?? -1 });
        return s;
    }

    /// <summary>"relu" → "Relu", "leaky_relu" → "LeakyRelu" (TensorFlow's op names).</summary>
    static string PascalCase(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
