using KerasSharp;
using KerasSharp.Utils;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// keras.utils.model_to_dot and plot_model. The DOT texts are Keras 3.15.1's (pydot 1.4.2) with the
/// node ids (Python object ids) replaced by the layer names:
/// tests/KerasSharp.Tests/KerasOracle/plot_model.py.
/// </summary>
public class PlotModelTests
{
    static Models.Model Small()
    {
        // inp = keras.Input(shape=(4,), name="x")
        var inp = keras.Input(shape: [4], name: "x");
        // h = keras.layers.Dense(8, activation="relu", name="hidden")(inp)
        var h = keras.layers.Dense(8, activation: "relu", name: "hidden").Apply(inp);
        var a = keras.layers.Dense(3, name: "a").Apply(h);
        var b = keras.layers.Dense(3, activation: "sigmoid", name: "b").Apply(h);
        // out = keras.layers.Concatenate(name="cat")([a, b])
        var @out = keras.layers.Concatenate(name: "cat").Apply(a, b);
        return keras.Model(inp, @out, name: "small");
    }

    static string Node(string id, string title, string rows = "", int colspan = 1) =>
        $"{id} [border=0, fontname=Helvetica, label=<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\"><tr><td colspan=\"{colspan}\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\">{title}</font></td></tr>{rows}</table>>, margin=0];\n";

    const string Header = "digraph G {\nconcentrate=True;\ndpi=200;\nrankdir=TB;\nsplines=ortho;\nnode [shape=record];\n";

    [Fact]
    public void Model_to_dot_writes_Keras_text_for_a_functional_model()
    {
        // print(keras.utils.model_to_dot(m).to_string())
        var expected = Header
            + Node("x", "<b>x</b> (InputLayer)") + Node("hidden", "<b>hidden</b> (Dense)") + Node("a", "<b>a</b> (Dense)")
            + Node("b", "<b>b</b> (Dense)") + Node("cat", "<b>cat</b> (Concatenate)")
            + "x -> hidden  [penwidth=2];\nhidden -> a  [penwidth=2];\nhidden -> b  [penwidth=2];\na -> cat  [penwidth=2];\nb -> cat  [penwidth=2];\n}\n";
        Assert.Equal(expected, keras.utils.model_to_dot(Small()));
    }

    [Fact]
    public void Model_to_dot_shows_shapes_dtypes_activations_and_trainable()
    {
        // model_to_dot(m, show_shapes=True, show_dtype=True, show_layer_names=True, rankdir="LR", dpi=96, show_layer_activations=True, show_trainable=True)
        var dot = keras.utils.model_to_dot(Small(), show_shapes: true, show_dtype: true, show_layer_names: true, rankdir: "LR", dpi: 96,
            show_layer_activations: true, show_trainable: true);
        static string Cell(string text) => $"<td bgcolor=\"white\"><font point-size=\"14\">{text}</font></td>";
        const string Trainable = "<td bgcolor=\"forestgreen\"><font point-size=\"14\" color=\"white\"><b>Trainable</b></font></td>";
        static string Act(string name) => $"<tr><td bgcolor=\"white\" colspan=\"4\"><font point-size=\"14\">Activation: <b>{name}</b></font></td></tr>";
        const string F32 = "Output dtype: <b>float32</b>";
        var expected = "digraph G {\nconcentrate=True;\ndpi=96;\nrankdir=LR;\nsplines=ortho;\nnode [shape=record];\n"
            + Node("x", "<b>x</b> (InputLayer)", "<tr>" + Cell("Output shape: <b>(None, 4)</b>") + Cell(F32) + "</tr>", 4)
            + Node("hidden", "<b>hidden</b> (Dense)", Act("relu") + "<tr>" + Cell("Input shape: <b>(None, 4)</b>") + Cell("Output shape: <b>(None, 8)</b>") + Cell(F32) + Trainable + "</tr>", 4)
            + Node("a", "<b>a</b> (Dense)", Act("linear") + "<tr>" + Cell("Input shape: <b>(None, 8)</b>") + Cell("Output shape: <b>(None, 3)</b>") + Cell(F32) + Trainable + "</tr>", 4)
            + Node("b", "<b>b</b> (Dense)", Act("sigmoid") + "<tr>" + Cell("Input shape: <b>(None, 8)</b>") + Cell("Output shape: <b>(None, 3)</b>") + Cell(F32) + Trainable + "</tr>", 4)
            + Node("cat", "<b>cat</b> (Concatenate)", "<tr>" + Cell("Input shape: <b>[(None, 3), (None, 3)]</b>") + Cell("Output shape: <b>(None, 6)</b>") + Cell(F32) + "</tr>", 4)
            + "x -> hidden  [penwidth=2];\nhidden -> a  [penwidth=2];\nhidden -> b  [penwidth=2];\na -> cat  [penwidth=2];\nb -> cat  [penwidth=2];\n}\n";
        Assert.Equal(expected, dot);
    }

    [Fact]
    public void Model_to_dot_draws_a_Sequential_and_nested_models()
    {
        static string Shapes(string i, string o) =>
            $"<tr><td bgcolor=\"white\"><font point-size=\"14\">Input shape: <b>{i}</b></font></td><td bgcolor=\"white\"><font point-size=\"14\">Output shape: <b>{o}</b></font></td></tr>";
        // s = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="d1"), keras.layers.Dense(1, name="d2")], name="seq")
        var s = keras.Sequential([keras.Input(shape: [4]), keras.layers.Dense(2, name: "d1"), keras.layers.Dense(1, name: "d2")], name: "seq");
        Assert.Equal(Header + Node("d1", "<b>d1</b> (Dense)", Shapes("(None, 4)", "(None, 2)"), 2) + Node("d2", "<b>d2</b> (Dense)", Shapes("(None, 2)", "(None, 1)"), 2)
            + "d1 -> d2  [penwidth=2];\n}\n", keras.utils.model_to_dot(s, show_shapes: true));

        // A functional model inside a functional model, drawn as one box, then expanded.
        var ei = keras.Input(shape: [4], name: "enc_in");
        var encoder = keras.Model(ei, keras.layers.Dense(2, name: "code").Apply(ei), name: "encoder");
        var x = keras.Input(shape: [4], name: "x");
        var m = keras.Model(x, keras.layers.Dense(1, name: "out").Apply(encoder.Apply(x)), name: "outer");
        var shown = keras.utils.model_to_dot(m, show_shapes: true);
        Assert.Equal(Header
            + Node("x", "<b>x</b> (InputLayer)", "<tr><td bgcolor=\"white\"><font point-size=\"14\">Output shape: <b>(None, 4)</b></font></td></tr>", 2)
            + Node("encoder", "<b>encoder</b> (Functional)", Shapes("(None, 4)", "(None, 2)"), 2)
            + Node("out", "<b>out</b> (Dense)", Shapes("(None, 2)", "(None, 1)"), 2)
            + "x -> encoder  [penwidth=2];\nencoder -> out  [penwidth=2];\n}\n", shown);
        // model_to_dot(m, expand_nested=True)
        Assert.Equal(Header + Node("x", "<b>x</b> (InputLayer)")
            + "subgraph cluster_encoder {\nlabel=encoder;\nlabeljust=l;\nstyle=dashed;\n"
            + Node("enc_in", "<b>enc_in</b> (InputLayer)") + Node("code", "<b>code</b> (Dense)") + "enc_in -> code  [penwidth=2];\n}\n\n"
            + Node("out", "<b>out</b> (Dense)")
            + "x -> enc_in  [penwidth=2];\ncode -> out  [penwidth=2];\n}\n", keras.utils.model_to_dot(m, expand_nested: true));

        // A Sequential inside a Sequential, expanded.
        var inner = keras.Sequential([keras.layers.Dense(2, name: "i1"), keras.layers.Dense(2, name: "i2")], name: "inner");
        var outerSeq = keras.Sequential([keras.Input(shape: [3]), inner, keras.layers.Dense(1, name: "o")], name: "outer_seq");
        Assert.Equal(Header + "subgraph cluster_inner {\nlabel=inner;\nlabeljust=l;\nstyle=dashed;\n"
            + Node("i1", "<b>i1</b> (Dense)") + Node("i2", "<b>i2</b> (Dense)") + "i1 -> i2  [penwidth=2];\n}\n\n"
            + Node("o", "<b>o</b> (Dense)") + "i2 -> o  [penwidth=2];\n}\n", keras.utils.model_to_dot(outerSeq, expand_nested: true));
    }

    [Fact]
    public void An_unbuilt_model_cannot_be_drawn()
    {
        var e = Assert.Throws<InvalidOperationException>(() => keras.utils.model_to_dot(keras.Sequential([keras.layers.Dense(1)])));
        Assert.Equal("This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.", e.Message);
    }

    static string Tmp(string name) => Path.Combine(Path.GetTempPath(), $"kerassharp-plot-{Guid.NewGuid():N}-{name}");

    static bool HaveDot => Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "dot")));

    [Fact]
    public void Plot_model_writes_a_png()
    {
        Assert.True(HaveDot, "Graphviz's dot is not installed (apt-get install graphviz)");
        var file = Tmp("model.png");
        try
        {
            // keras.utils.plot_model(model, to_file="model.png", show_shapes=True)
            keras.utils.plot_model(Small(), to_file: file, show_shapes: true);
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.InRange(bytes.Length, 10_000, 5_000_000);
            // The IHDR chunk: width and height (big-endian) of a picture drawn at 200 dpi.
            int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.InRange(width, 500, 20_000);
            Assert.InRange(height, 500, 20_000);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Plot_model_writes_an_svg_with_the_layer_names()
    {
        Assert.True(HaveDot, "Graphviz's dot is not installed (apt-get install graphviz)");
        var file = Tmp("model.svg");
        try
        {
            keras.utils.plot_model(Small(), to_file: file, show_layer_names: true, rankdir: "LR");
            var svg = File.ReadAllText(file);
            Assert.Contains("<svg", svg);
            foreach (var name in new[] { "hidden", "cat", "InputLayer", "Concatenate" }) Assert.Contains(name, svg);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Plot_model_without_graphviz_says_what_to_install()
    {
        var previous = PlotModel.DotExecutable;
        PlotModel.DotExecutable = "/nonexistent/graphviz/dot";
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => keras.utils.plot_model(Small(), to_file: Tmp("x.png")));
            Assert.StartsWith("You must install graphviz (see instructions at https://graphviz.gitlab.io/download/) for `plot_model` to work. " +
                "On Debian or Ubuntu: apt-get install graphviz", e.Message);
        }
        finally { PlotModel.DotExecutable = previous; }
    }
}
