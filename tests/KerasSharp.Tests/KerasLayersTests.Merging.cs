using KerasSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>Add, Multiply and Concatenate against Keras 3: keras/src/layers/merging/merging_test.py, and broadcasting through the real Keras (layers_oracle.py).</summary>
public class KerasLayersMergingTests
{
    static Layer Make(string layer_class) => layer_class switch
    {
        "add" => keras.layers.Add(),
        "multiply" => keras.layers.Multiply(),
        _ => keras.layers.Concatenate(axis: -1),
    };

    // test_basic: input_shape (2, 4, 5) twice; expected_output_shape (2, 4, 5), or (2, 4, 10) for concat; no weights.
    [Theory]
    [InlineData("add", new[] { 2, 4, 5 })]
    [InlineData("multiply", new[] { 2, 4, 5 })]
    [InlineData("concat", new[] { 2, 4, 10 })]
    public void Merge_basic_shapes_match_merging_test(string layer_class, int[] expected_output_shape)
    {
        var layer = Make(layer_class);
        var y = layer.Apply(new[] { torch.rand(2, 4, 5), torch.rand(2, 4, 5) });
        Assert.Equal(expected_output_shape.Select(d => (long)d), y.shape);
        Assert.Empty(layer.variables);
    }

    /// <summary>
    /// test_correctness_static (inputs with batch_size 2) and test_correctness_dynamic (no batch size):
    /// a functional model over two inputs, atol=1e-4 (the test's); values from the real Keras.
    /// </summary>
    [Theory]
    [InlineData("add", "merge_add", true)]
    [InlineData("multiply", "merge_multiply", true)]
    [InlineData("concat", "merge_concatenate", true)]
    [InlineData("add", "merge_add", false)]
    [InlineData("multiply", "merge_multiply", false)]
    [InlineData("concat", "merge_concatenate", false)]
    public void Merge_correctness_matches_merging_test(string layer_class, string oracle, bool static_batch)
    {
        var shape = new int?[] { 4, 5 };
        var input_1 = static_batch ? keras.Input(shape: shape, batch_size: 2) : keras.Input(shape: shape);
        var input_2 = static_batch ? keras.Input(shape: shape, batch_size: 2) : keras.Input(shape: shape);
        var layer = Make(layer_class);
        var output = layer.Apply(input_1, input_2);
        var model = keras.Model(new[] { input_1, input_2 }, new[] { output });
        var res = model.call(LayersOracle.Inputs(oracle))[0];
        LayersOracle.AssertClose(LayersOracle.Expected(oracle), res, rtol: 1e-6, atol: 1e-4);
    }

    /// <summary>Keras's broadcasting rules through the real Keras: (2, 4, 5) with (2, 1, 5), with (2, 5) (rank expanded after the batch axis), three inputs, and Concatenate on axis 1.</summary>
    [Theory]
    [InlineData("merge_add_broadcast")]
    [InlineData("merge_multiply_broadcast")]
    [InlineData("merge_add_rank2_rank3")]
    [InlineData("merge_add_three")]
    [InlineData("merge_concatenate_axis1")]
    public void Merge_broadcasting_and_axes_match_keras(string name)
    {
        Layer layer = name switch
        {
            "merge_multiply_broadcast" => keras.layers.Multiply(),
            "merge_concatenate_axis1" => keras.layers.Concatenate(axis: 1),
            _ => keras.layers.Add(),
        };
        var inputs = LayersOracle.Inputs(name);
        LayersOracle.AssertOutput(name, layer.Apply(inputs));
        var symbolic = layer.Apply(inputs.Select(t => keras.Input(shape: t.shape.Skip(1).Select(d => (int?)(int)d).ToArray())).ToArray());
        Assert.Equal(new int?[] { null }.Concat(LayersOracle.Expected(name).GetProperty("shape").EnumerateArray().Skip(1).Select(d => (int?)d.GetInt32())), symbolic.shape);
    }

    [Fact]
    public void Add_and_Concatenate_values_match_merging_test_mask_cases()
    {
        // test_add_with_mask and test_concatenate_with_mask, their tensors and expected values (KerasSharp has no Masking layer, so the masks are left out; they do not change these values).
        var x1 = torch.tensor(new float[] { 0, 0, 1, 2, 0, 0, 3, 4 }, new long[] { 1, 4, 2 });
        var x2 = torch.tensor(new float[] { 0, 0, 0, 0, 1, 2, 3, 4 }, new long[] { 1, 4, 2 });
        Assert.Equal(new float[] { 0, 0, 1, 2, 1, 2, 6, 8 }, keras.layers.Add().Apply(new[] { x1, x2 }).data<float>().ToArray());
        var axis1 = keras.layers.Concatenate(axis: 1).Apply(new[] { x1, x2 });
        Assert.Equal(new long[] { 1, 8, 2 }, axis1.shape);
        Assert.Equal(new float[] { 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4 }, axis1.contiguous().data<float>().ToArray());
        var axis2 = keras.layers.Concatenate(axis: 2).Apply(new[] { x1, x2 });
        Assert.Equal(new long[] { 1, 4, 4 }, axis2.shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 2, 3, 4, 3, 4 }, axis2.contiguous().data<float>().ToArray());
    }

    [Fact]
    public void Concatenate_errors_match_merging_test()
    {
        // test_concatenate_errors.
        var outputs = keras.layers.Concatenate(axis: -1).Apply(new[] { torch.ones(new long[] { 1, 1, 1, 1, 5 }), torch.ones(new long[] { 1, 1, 1, 1, 4 }) });
        Assert.Equal(new long[] { 1, 1, 1, 1, 9 }, outputs.shape);
        var e = Assert.Throws<ArgumentException>(() => keras.layers.Concatenate(axis: -1).Apply(new[] { torch.ones(new long[] { 1, 2, 1, 1, 5 }), torch.ones(new long[] { 1, 1, 1, 1, 4 }) }));
        Assert.Contains("requires inputs with matching shapes except for the concatenation axis", e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.Concatenate(axis: 1).Apply(new[] { torch.ones(new long[] { 1, 2, 1, 2, 1 }), torch.ones(new long[] { 1, 1, 1, 3, 1 }) }));
        Assert.Contains("requires inputs with matching shapes except for the concatenation axis", e.Message);
    }

    [Fact]
    public void Merge_layers_refuse_a_single_input()
    {
        // Keras returns a list of one input unchanged but refuses layer(x); in C# the two calls look alike, so KerasSharp refuses both.
        var x = keras.Input(shape: new int?[] { 2, 5 });
        var e = Assert.Throws<ArgumentException>(() => keras.layers.Add(name: "add").Apply(x));
        Assert.Equal("Layer \"add\" (Add) merges a list of inputs and needs at least 2, received 1 with shape (None, 2, 5).", e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.Concatenate(name: "cat").Apply(x));
        Assert.Equal("Layer \"cat\" (Concatenate) merges a list of inputs and needs at least 2, received 1 with shape (None, 2, 5).", e.Message);
    }
}
