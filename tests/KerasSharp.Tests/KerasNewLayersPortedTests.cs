using System.Text.Json;
using KerasSharp;
using KerasSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's own tests of the new layers, ported. Each test names the Keras file and test
/// (under keras/src/layers/). Literal numbers are Keras's, with Keras's tolerances. Where a Keras
/// test computes its expectation with a reference function of the test file (np_conv1d,
/// np_conv2d_transpose, np_maxpool1d, np_avgpool1d, np.repeat, numpy ops), the values come from
/// KerasOracle/newlayers_keras_tests_fixture.json, which
/// <c>../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/newlayers_keras_tests_oracle.py</c>
/// writes by calling those functions with Keras's parameters (and checking them against the real
/// Keras layer); those are compared within 1e-5.
/// </summary>
public class KerasNewLayersPortedTests
{
    static LayersApi L => keras.layers;

    static readonly Lazy<JsonElement> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(KerasNewLayersTests.OracleDir(), "newlayers_keras_tests_fixture.json"))).RootElement.Clone());

    static Tensor Arange(int n, params long[] shape) => torch.arange(n, dtype: float32).reshape(shape);

    static void Close(Tensor actual, float[] expected, double atol, double rtol, string who = "")
    {
        var a = actual.detach().cpu().contiguous().data<float>().ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]), $"{who}[{i}]: {a[i]}, expected {expected[i]}");
    }

    static void Close(Tensor actual, Tensor expected, double atol, double rtol, string who = "")
    {
        Assert.Equal(expected.shape, actual.shape);
        Close(actual, expected.contiguous().data<float>().ToArray(), atol, rtol, who);
    }

    static float[] Rows(params float[][] rows) => rows.SelectMany(r => r).ToArray();
    static float[] Same(int n, params float[] perRow) => perRow.SelectMany(v => Enumerable.Repeat(v, n)).ToArray();

    // ----- rnn/lstm_test.py -----

    static LSTM ConstLstm(int units, bool go_backwards = false, bool unroll = false, bool unit_forget_bias = true, bool use_bias = true, bool stateful = false) =>
        L.LSTM(units, kernel_initializer: keras.initializers.Constant(0.01), recurrent_initializer: keras.initializers.Constant(0.02),
            bias_initializer: keras.initializers.Constant(0.03), go_backwards: go_backwards, unroll: unroll, unit_forget_bias: unit_forget_bias,
            use_bias: use_bias, stateful: stateful);

    [Fact]
    public void Lstm_test_correctness()
    {
        var seq = Arange(72, 3, 6, 4);
        Close(ConstLstm(3).Apply(seq), Same(3, 0.6288687f, 0.86899155f, 0.9460773f), 1e-5, 1e-5, "default");
        Close(ConstLstm(3, go_backwards: true).Apply(seq), Same(3, 0.35622165f, 0.74789524f, 0.8872726f), 1e-5, 1e-5, "go_backwards");
        Close(ConstLstm(3, unroll: true).Apply(seq), Same(3, 0.6288687f, 0.86899155f, 0.9460773f), 1e-5, 1e-5, "unroll");
        Close(ConstLstm(3, unit_forget_bias: false).Apply(seq), Same(3, 0.57019705f, 0.8661914f, 0.9459622f), 1e-5, 1e-5, "unit_forget_bias=False");
        Close(ConstLstm(3, use_bias: false).Apply(seq), Same(3, 0.54986924f, 0.86226785f, 0.9443936f), 1e-5, 1e-5, "use_bias=False");
    }

    [Fact]
    public void Lstm_test_statefulness()
    {
        var seq = Arange(24, 2, 3, 4);
        var layer = ConstLstm(4, stateful: true);
        layer.Apply(seq);
        Close(layer.Apply(seq), Same(4, 0.3124785f, 0.6863672f), 1e-5, 1e-5);
        layer.reset_state();
        layer.Apply(seq);
        Close(layer.Apply(seq), Same(4, 0.3124785f, 0.6863672f), 1e-5, 1e-5);
    }

    [Fact]
    public void Lstm_test_pass_initial_state()
    {
        var seq = Arange(24, 2, 4, 3);
        var init = new[] { Arange(4, 2, 2), Arange(4, 2, 2) };
        Close(ConstLstm(2).Apply(seq, init), new[] { 0.20574439f, 0.3558822f, 0.64930826f, 0.66276f }, 1e-5, 1e-5);
        Close(ConstLstm(2, go_backwards: true).Apply(seq, init), new[] { 0.13281618f, 0.2790356f, 0.5839337f, 0.5992567f }, 1e-5, 1e-5);
    }

    [Fact]
    public void Lstm_and_gru_test_basics_shapes_and_weights()
    {
        // lstm_test.py and gru_test.py, test_basics: input (3, 2, 4).
        var x = torch.randn(3, 2, 4);
        foreach (var layer in new RecurrentLayer[] { L.LSTM(3, dropout: 0.5), L.LSTM(3, dropout: 0.5, recurrent_dropout: 0.5), L.GRU(3, dropout: 0.5), L.GRU(3, dropout: 0.5, recurrent_dropout: 0.5) })
        {
            Assert.Equal(new long[] { 3, 3 }, layer.Apply(x, training: true).shape);
            Assert.Equal(3, layer.trainable_weights.Count());
            Assert.Empty(layer.non_trainable_weights);
        }
        foreach (var layer in new RecurrentLayer[]
        {
            L.LSTM(3, return_sequences: true, bias_regularizer: "l1", kernel_regularizer: "l2", recurrent_regularizer: "l2"),
            L.GRU(3, return_sequences: true, bias_regularizer: "l1", kernel_regularizer: "l2", recurrent_regularizer: "l2"),
        })
        {
            Assert.Equal(new long[] { 3, 2, 3 }, layer.Apply(x).shape);
            Assert.Equal(3, layer.trainable_weights.Count());
        }
    }

    // ----- rnn/gru_test.py -----

    static GRU ConstGru(int units, bool go_backwards = false, bool unroll = false, bool reset_after = true, bool use_bias = true, bool stateful = false, bool return_state = false) =>
        L.GRU(units, kernel_initializer: keras.initializers.Constant(0.01), recurrent_initializer: keras.initializers.Constant(0.02),
            bias_initializer: keras.initializers.Constant(0.03), go_backwards: go_backwards, unroll: unroll, reset_after: reset_after,
            use_bias: use_bias, stateful: stateful, return_state: return_state);

    [Fact]
    public void Gru_test_correctness()
    {
        var seq = Arange(72, 3, 6, 4);
        Close(ConstGru(3).Apply(seq), Same(3, 0.5217289f, 0.6371659f, 0.39384964f), 1e-5, 1e-5, "default");
        Close(ConstGru(3, go_backwards: true).Apply(seq), Same(3, 0.24406259f, 0.611516f, 0.3928808f), 1e-5, 1e-5, "go_backwards");
        Close(ConstGru(3, unroll: true).Apply(seq), Same(3, 0.5217289f, 0.6371659f, 0.39384964f), 1e-5, 1e-5, "unroll");
        Close(ConstGru(3, reset_after: false).Apply(seq), Same(3, 0.51447755f, 0.6426879f, 0.40208298f), 1e-5, 1e-5, "reset_after=False");
        Close(ConstGru(3, use_bias: false).Apply(seq), Same(3, 0.49988455f, 0.64701194f, 0.4103359f), 1e-5, 1e-5, "use_bias=False");
    }

    [Fact]
    public void Gru_test_statefulness()
    {
        var seq = Arange(24, 2, 3, 4);
        var layer = ConstGru(4, stateful: true);
        layer.Apply(seq);
        // Keras's assertAllClose defaults: atol = rtol = 1e-6.
        Close(layer.Apply(seq), Same(4, 0.29542392f, 0.5885018f), 1e-6, 1e-6);
        layer.reset_state();
        layer.Apply(seq);
        Close(layer.Apply(seq), Same(4, 0.29542392f, 0.5885018f), 1e-6, 1e-6);
    }

    [Fact]
    public void Gru_test_pass_initial_state_and_return_state()
    {
        var seq = Arange(24, 2, 4, 3);
        var init = new[] { Arange(4, 2, 2) };
        var forward = new[] { 0.23774096f, 0.33508456f, 0.83659905f, 1.0227708f };
        var backward = new[] { 0.13486053f, 0.23261218f, 0.78257304f, 0.9691353f };
        // test_pass_initial_state
        Close(ConstGru(2).Apply(seq, init), forward, 1e-6, 1e-6);
        Close(ConstGru(2, go_backwards: true).Apply(seq, init), backward, 1e-6, 1e-6);
        // test_pass_return_state: output, state = layer(sequence, initial_state=...)
        foreach (var (back, want) in new[] { (false, forward), (true, backward) })
        {
            var outs = ConstGru(2, go_backwards: back, return_state: true).ApplyWithState(seq, init);
            Assert.Equal(2, outs.Length);
            Close(outs[0], want, 1e-6, 1e-6);
            Close(outs[0], outs[1], 1e-6, 1e-6);
        }
    }

    // ----- rnn/simple_rnn_test.py -----

    static SimpleRNN ConstRnn(int units, bool go_backwards = false, bool unroll = false, bool stateful = false) =>
        L.SimpleRNN(units, kernel_initializer: keras.initializers.Constant(0.01), recurrent_initializer: keras.initializers.Constant(0.02),
            bias_initializer: keras.initializers.Constant(0.03), go_backwards: go_backwards, unroll: unroll, stateful: stateful);

    [Fact]
    public void Simple_rnn_test_correctness_statefulness_and_initial_state()
    {
        var seq = Arange(24, 2, 3, 4);
        foreach (var unroll in new[] { false, true })
        {
            Close(ConstRnn(4, unroll: unroll).Apply(seq), Same(4, 0.405432f, 0.73605347f), 1e-6, 1e-6, "test_correctness");
            Close(ConstRnn(4, go_backwards: true, unroll: unroll).Apply(seq), Same(4, 0.11144729f, 0.5528889f), 1e-6, 1e-6, "test_correctness go_backwards");
        }
        var stateful = ConstRnn(4, stateful: true);
        stateful.Apply(seq);
        Close(stateful.Apply(seq), Same(4, 0.40559256f, 0.7361247f), 1e-6, 1e-6, "test_statefulness");
        stateful.reset_state();
        stateful.Apply(seq);
        Close(stateful.Apply(seq), Same(4, 0.40559256f, 0.7361247f), 1e-6, 1e-6, "test_statefulness after reset_state");
        var seq2 = Arange(24, 2, 4, 3);
        var init = new[] { Arange(8, 2, 4) };
        Close(ConstRnn(4).Apply(seq2, init), Same(4, 0.33621645f, 0.6262637f), 1e-6, 1e-6, "test_pass_initial_state");
        Close(ConstRnn(4, go_backwards: true).Apply(seq2, init), Same(4, 0.07344437f, 0.43043602f), 1e-6, 1e-6, "test_pass_initial_state go_backwards");
    }

    // ----- convolutional/conv_test.py -----

    [Theory]
    [InlineData(5, 2, 1, "valid", 1, 1, 5, 4, 4, 5)]
    [InlineData(6, 2, 1, "same", 2, 2, 4, 4, 4, 6)]
    [InlineData(6, 2, 1, "causal", 2, 2, 4, 4, 4, 6)]
    [InlineData(6, 2, 2, "valid", 1, 2, 5, 4, 2, 6)]
    public void Conv_test_conv1d_basic(int filters, int kernel_size, int strides, string padding, int dilation_rate, int groups,
        int steps, int channels, int outSteps, int outChannels)
    {
        var layer = L.Conv1D(filters, kernel_size, strides: strides, padding: padding, dilation_rate: dilation_rate, groups: groups);
        Assert.Equal(new long[] { 3, outSteps, outChannels }, layer.Apply(torch.randn(3, steps, channels)).shape);
        Assert.Equal(2, layer.trainable_weights.Count());
        Assert.Empty(layer.non_trainable_weights);
    }

    [Fact]
    public void Conv_test_bad_init_args_for_conv1d()
    {
        Assert.Contains("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.",
            Assert.Throws<ArgumentException>(() => L.Conv1D(0, 1)).Message);
        Assert.Contains("The number of groups must be a positive integer. Received: groups=0.",
            Assert.Throws<ArgumentException>(() => L.Conv1D(5, 2, groups: 0)).Message);
        Assert.Contains("The number of filters must be evenly divisible by the number of groups. Received: groups=2, filters=5.",
            Assert.Throws<ArgumentException>(() => L.Conv1D(5, 2, groups: 2)).Message);
        Assert.Contains("`strides > 1` not supported in conjunction with `dilation_rate > 1`.",
            Assert.Throws<ArgumentException>(() => L.Conv1D(2, 2, strides: 2, dilation_rate: 2)).Message);
        Assert.Contains("The `kernel_size` argument must be a tuple of 1 integers. Received kernel_size=(0,), including values {0} that do not satisfy `value > 0`",
            Assert.Throws<ArgumentException>(() => L.Conv1D(2, 0)).Message);
    }

    [Fact]
    public void Conv_test_ConvCorrectnessTest_test_conv1d()
    {
        foreach (var c in Fixture.Value.GetProperty("conv1d").EnumerateArray())
        {
            var p = c.GetProperty("params");
            int One(string k) => p.GetProperty(k) is { ValueKind: JsonValueKind.Array } a ? a[0].GetInt32() : p.GetProperty(k).GetInt32();
            var layer = L.Conv1D(p.GetProperty("filters").GetInt32(), One("kernel_size"), strides: One("strides"), padding: p.GetProperty("padding").GetString()!,
                data_format: p.GetProperty("data_format").GetString(), dilation_rate: One("dilation_rate"), groups: p.GetProperty("groups").GetInt32());
            var x = KerasNewLayersTests.Decode(c.GetProperty("inputs"));
            layer.Apply(x);
            layer.kernel!.assign(KerasNewLayersTests.Decode(c.GetProperty("kernel")));
            layer.bias!.assign(KerasNewLayersTests.Decode(c.GetProperty("bias")));
            Close(layer.Apply(x), KerasNewLayersTests.Decode(c.GetProperty("expected")), 1e-5, 1e-5, p.GetRawText());
        }
    }

    // ----- convolutional/conv_transpose_test.py -----

    [Theory]
    [InlineData(5, 2, 2, 2, 2, "valid", -1, -1, "channels_last", new long[] { 2, 8, 8, 4 }, new long[] { 2, 16, 16, 5 })]
    [InlineData(6, 2, 2, 3, 3, "same", 2, 2, "channels_last", new long[] { 2, 8, 8, 4 }, new long[] { 2, 23, 23, 6 })]
    [InlineData(6, 2, 3, 2, 1, "valid", -1, -1, "channels_first", new long[] { 2, 4, 8, 8 }, new long[] { 2, 6, 16, 10 })]
    [InlineData(2, 7, 7, 16, 16, "valid", -1, -1, "channels_last", new long[] { 1, 14, 14, 2 }, new long[] { 1, 224, 224, 2 })]
    public void Conv_transpose_test_conv2d_transpose_basic(int filters, int kh, int kw, int sh, int sw, string padding, int oph, int opw,
        string data_format, long[] input_shape, long[] output_shape)
    {
        var layer = L.Conv2DTranspose(filters, (kh, kw), strides: (sh, sw), padding: padding, output_padding: oph < 0 ? null : (oph, opw), data_format: data_format);
        Assert.Equal(output_shape, layer.Apply(torch.randn(input_shape)).shape);
        Assert.Equal(2, layer.trainable_weights.Count());
        var symbolic = layer.compute_output_shape(new[] { new int?[] { null }.Concat(input_shape.Skip(1).Select(d => (int?)(int)d)).ToArray() });
        Assert.Equal(output_shape.Skip(1).Select(d => (int?)(int)d), symbolic.Skip(1));
    }

    [Fact]
    public void Conv_transpose_test_bad_init_args()
    {
        Assert.Contains("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.",
            Assert.Throws<ArgumentException>(() => L.Conv2DTranspose(0, 1)).Message);
        Assert.Matches(@"The `kernel_size` argument must be a tuple of \d+ integers. Received kernel_size=\(1, 0\), including values \{0\} that do not satisfy `value > 0`",
            Assert.Throws<ArgumentException>(() => L.Conv2DTranspose(2, (1, 0))).Message);
        Assert.Matches(@"The `strides` argument must be a tuple of \d+ integers. Received strides=\(1, 0\), including values \{0\} that do not satisfy `value > 0`",
            Assert.Throws<ArgumentException>(() => L.Conv2DTranspose(2, (2, 2), strides: (1, 0))).Message);
        Assert.Contains("`output_padding` must be strictly less than `strides`",
            Assert.Throws<ArgumentException>(() => L.Conv2DTranspose(2, 3, strides: 2, output_padding: 3)).Message);
        Assert.Contains("`output_padding` must be strictly less than `strides`",
            Assert.Throws<ArgumentException>(() => L.Conv2DTranspose(2, 3, strides: (2, 3), output_padding: (1, 3))).Message);
        Assert.Matches(@"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=\(2, 2\) and dilation_rate=\(2, 1\)",
            Assert.Throws<ArgumentException>(() => L.Conv2DTranspose(2, (2, 2), strides: 2, dilation_rate: (2, 1))).Message);
        Assert.Contains("`output_padding` must be strictly less than `strides`",
            Assert.Throws<ArgumentException>(() => L.Conv2DTranspose(16, 3, strides: (1, 1), output_padding: 1)).Message);
    }

    [Fact]
    public void Conv_transpose_test_output_padding_serialization()
    {
        var layer = L.Conv2DTranspose(2, 3, strides: 2, output_padding: 1);
        var config = JsonSerializer.SerializeToElement(layer.get_config());
        Assert.Equal("[1,1]", config.GetProperty("output_padding").GetRawText());
        var revived = (Conv2DTranspose)Saving.Deserializer.Layer(JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["class_name"] = "Conv2DTranspose", ["config"] = config }));
        Assert.Equal(layer.output_padding, revived.output_padding);
        var shape = new[] { new int?[] { 1, 5, 5, 3 } };
        Assert.Equal(layer.compute_output_shape(shape), revived.compute_output_shape(shape));
    }

    [Fact]
    public void Conv_transpose_test_ConvTransposeCorrectnessTest_test_conv2d_transpose()
    {
        foreach (var c in Fixture.Value.GetProperty("conv2d_transpose").EnumerateArray())
        {
            var p = c.GetProperty("params");
            Int2 Pair(string k) => p.GetProperty(k) is { ValueKind: JsonValueKind.Array } a ? (a[0].GetInt32(), a[1].GetInt32()) : p.GetProperty(k).GetInt32();
            Int2? op = p.GetProperty("output_padding").ValueKind == JsonValueKind.Null ? null : Pair("output_padding");
            var layer = L.Conv2DTranspose(p.GetProperty("filters").GetInt32(), Pair("kernel_size"), strides: Pair("strides"), padding: p.GetProperty("padding").GetString()!,
                output_padding: op, data_format: p.GetProperty("data_format").GetString(), dilation_rate: Pair("dilation_rate"));
            var x = KerasNewLayersTests.Decode(c.GetProperty("inputs"));
            layer.Apply(x);
            layer.kernel!.assign(KerasNewLayersTests.Decode(c.GetProperty("kernel")));
            layer.bias!.assign(KerasNewLayersTests.Decode(c.GetProperty("bias")));
            var y = layer.Apply(x);
            if (c.TryGetProperty("expected", out var e)) { Close(y, KerasNewLayersTests.Decode(e), 1e-5, 1e-5, p.GetRawText()); continue; }
            // Outputs of 200,000 values are kept as their sums and every 97th value.
            var s = c.GetProperty("expected_summary");
            Assert.Equal(s.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), y.shape);
            var flat = y.to(float64).flatten();
            Assert.Equal(s.GetProperty("sum").GetDouble(), flat.sum().item<double>(), 1e-5 * s.GetProperty("abs_sum").GetDouble());
            Assert.Equal(s.GetProperty("abs_sum").GetDouble(), flat.abs().sum().item<double>(), 1e-5 * s.GetProperty("abs_sum").GetDouble());
            var every = s.GetProperty("every97").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            Close(flat.to(float32)[TensorIndex.Slice(null, null, 97)], every, 1e-5, 1e-5, p.GetRawText());
        }
    }

    // ----- reshaping/up_sampling2d_test.py -----

    [Fact]
    public void Up_sampling2d_test_upsampling_2d()
    {
        foreach (var c in Fixture.Value.GetProperty("upsampling2d").EnumerateArray())
        {
            var size = c.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var layer = L.UpSampling2D((size[0], size[1]), data_format: c.GetProperty("data_format").GetString());
            Close(layer.Apply(KerasNewLayersTests.Decode(c.GetProperty("inputs"))), KerasNewLayersTests.Decode(c.GetProperty("expected")), 1e-6, 1e-6);
        }
    }

    [Fact]
    public void Up_sampling2d_test_upsampling_2d_correctness()
    {
        var x = Arange(12, 2, 2, 1, 3);
        var y = L.UpSampling2D((1, 2)).Apply(x);
        Assert.Equal(new long[] { 2, 2, 2, 3 }, y.shape);
        Close(y, new float[] { 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, 9, 10, 11 }, 1e-6, 1e-6);
    }

    [Fact]
    public void Up_sampling2d_test_upsampling_2d_bilinear_shapes_and_the_refused_interpolations()
    {
        foreach (var fmt in new[] { "channels_first", "channels_last" })
            foreach (var cols in new[] { 2, 3 })
            {
                var x = fmt == "channels_first" ? torch.rand(2, 2, 11, 12) : torch.rand(2, 11, 12, 2);
                var y = L.UpSampling2D((2, cols), data_format: fmt, interpolation: "bilinear").Apply(x);
                Assert.Equal(fmt == "channels_first" ? new long[] { 2, 2, 22, 12 * cols } : new long[] { 2, 22, 12 * cols, 2 }, y.shape);
            }
        // test_upsampling_2d_various_interpolation_methods also runs "bicubic": KerasSharp refuses it (its kernel differs from the engine's).
        Assert.Contains("bicubic", Assert.Throws<NotSupportedException>(() => L.UpSampling2D((1, 2), interpolation: "bicubic")).Message);
    }

    // ----- core/embedding_test.py -----

    [Fact]
    public void Embedding_test_correctness_and_basics()
    {
        var layer = L.Embedding(3, 2);
        layer.Apply(torch.tensor(new float[] { 0 }));
        layer.embeddings!.assign(torch.tensor(new float[] { 0, 0, 2, 2, 3, 3 }, new long[] { 3, 2 }));
        Close(layer.Apply(torch.tensor(new float[] { 2, 1, 0 })), new float[] { 3, 3, 2, 2, 0, 0 }, 1e-6, 1e-6);
        // test_embedding_basics
        var basic = L.Embedding(4, 3);
        Assert.Equal(new long[] { 2, 3 }, basic.Apply(torch.tensor(new long[] { 1, 3 })).shape);
        Assert.Single(basic.trainable_weights);
        Assert.Equal(new long[] { 2, 3, 4 }, L.Embedding(5, 4).Apply(torch.zeros(2, 3, dtype: int64)).shape);
    }

    [Fact]
    public void Embedding_test_invalid_input_and_output_dim()
    {
        foreach (var bad in new[] { -1, 0 })
        {
            Assert.Contains("`input_dim` must be a positive integer", Assert.Throws<ArgumentException>(() => L.Embedding(bad, 8)).Message);
            Assert.Contains("`output_dim` must be a positive integer", Assert.Throws<ArgumentException>(() => L.Embedding(10, bad)).Message);
        }
    }

    // ----- normalization/layer_normalization_test.py -----

    [Fact]
    public void Layer_normalization_test_output()
    {
        var layer = L.LayerNormalization(beta_initializer: "ones", gamma_initializer: "ones");
        Close(layer.Apply(Arange(5, 1, 5)), new[] { -0.41386f, 0.29307f, 1.0f, 1.70693f, 2.41386f }, 1e-5, 1e-5);
    }

    [Fact]
    public void Layer_normalization_test_ln_basics_and_unsorted_axis()
    {
        var reg = L.LayerNormalization(gamma_regularizer: keras.regularizers.L2(0.01), beta_regularizer: keras.regularizers.L2(0.01));
        Assert.Equal(new long[] { 3, 4, 2 }, reg.Apply(torch.randn(3, 4, 2)).shape);
        Assert.Equal(2, reg.trainable_weights.Count());
        var none = L.LayerNormalization(scale: false, center: false);
        Assert.Equal(new long[] { 3, 3 }, none.Apply(torch.randn(3, 3)).shape);
        Assert.Empty(none.variables);
        var three = L.LayerNormalization(axis: new[] { -3, -2, -1 });
        Assert.Equal(new long[] { 2, 8, 8, 3 }, three.Apply(torch.randn(2, 8, 8, 3)).shape);
        Assert.Equal(new long[] { 8, 8, 3 }, three.gamma!.shape);
        // test_unsorted_axis
        var x = torch.randn(2, 3, 4);
        Close(L.LayerNormalization(axis: new[] { -1, -2 }).Apply(x), L.LayerNormalization(axis: new[] { -2, -1 }).Apply(x), 1e-6, 1e-6);
    }

    [Fact]
    public void Layer_normalization_test_correctness()
    {
        keras.utils.set_random_seed(5);
        var layer = L.LayerNormalization();
        var inputs = torch.randn(1000, 2, 2, 2) * 10 + 5;
        var outp = (layer.Apply(inputs) - layer.beta!.Value) / layer.gamma!.Value;
        Assert.Equal(0.0, outp.mean().item<float>(), 0.1);
        Assert.Equal(1.0, outp.std(unbiased: false).item<float>(), 0.1);
    }

    // ----- pooling/max_pooling_test.py, average_pooling_test.py, global_*_pooling_test.py -----

    [Fact]
    public void Pooling_tests_max_and_average_pooling1d()
    {
        var x = Arange(24, 2, 3, 4);
        foreach (var (key, make) in new (string, Func<int, int, string, string, Layer>)[]
        {
            ("maxpool1d", (p, s, pad, f) => L.MaxPooling1D(p, s, pad, f)),
            ("avgpool1d", (p, s, pad, f) => L.AveragePooling1D(p, s, pad, f)),
        })
            foreach (var c in Fixture.Value.GetProperty(key).EnumerateArray())
            {
                var layer = make(c.GetProperty("pool_size").GetInt32(), c.GetProperty("strides").GetInt32(), c.GetProperty("padding").GetString()!, c.GetProperty("data_format").GetString()!);
                Close(layer.Apply(x), KerasNewLayersTests.Decode(c.GetProperty("expected")), 1e-6, 1e-6, key + " " + c.GetRawText()[..60]);
            }
    }

    [Fact]
    public void Pooling_tests_global_average_and_max_pooling1d()
    {
        var x = Arange(24, 2, 3, 4);
        foreach (var (key, make) in new (string, Func<string, bool, Layer>)[]
        {
            ("gap1d", (f, k) => L.GlobalAveragePooling1D(f, k)),
            ("gmp1d", (f, k) => L.GlobalMaxPooling1D(f, k)),
        })
            foreach (var c in Fixture.Value.GetProperty(key).EnumerateArray())
            {
                var layer = make(c.GetProperty("data_format").GetString()!, c.GetProperty("keepdims").GetBoolean());
                Close(layer.Apply(x), KerasNewLayersTests.Decode(c.GetProperty("expected")), 1e-6, 1e-6, key);
            }
    }

    // ----- merging/merging_test.py -----

    [Fact]
    public void Merging_test_basic_and_correctness_static()
    {
        foreach (var c in Fixture.Value.GetProperty("merging").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            Layer Make() => name switch
            {
                "add" => L.Add(), "subtract" => L.Subtract(), "minimum" => L.Minimum(), "maximum" => L.Maximum(),
                "multiply" => L.Multiply(), "average" => L.Average(), "concat" => L.Concatenate(axis: -1),
                _ => throw new InvalidOperationException(name),
            };
            var i1 = keras.Input(shape: new int?[] { 4, 5 }, batch_size: 2);
            var i2 = keras.Input(shape: new int?[] { 4, 5 }, batch_size: 2);
            var layer = Make();
            var outp = layer.Apply(i1, i2);
            Assert.Equal(name == "concat" ? new int?[] { 2, 4, 10 } : new int?[] { 2, 4, 5 }, outp.shape);
            Assert.Empty(layer.variables);
            var model = keras.Model(new[] { i1, i2 }, new[] { outp });
            var res = model.call(KerasNewLayersTests.Decode(c.GetProperty("x1")), KerasNewLayersTests.Decode(c.GetProperty("x2")))[0];
            Close(res, KerasNewLayersTests.Decode(c.GetProperty("expected")), 1e-4, 0, name);
        }
    }

    [Fact]
    public void Merging_test_subtract_layer_inputs_length_errors()
    {
        var a = keras.Input(shape: new[] { 4, 5 });
        var b = keras.Input(shape: new[] { 4, 5 });
        var c = keras.Input(shape: new[] { 4, 5 });
        Assert.Contains("layer should be called on exactly 2 inputs", Assert.Throws<ArgumentException>(() => L.Subtract().Apply(a, b, c)).Message);
        Assert.Contains("layer should be called on exactly 2 inputs", Assert.Throws<ArgumentException>(() => L.Subtract().Apply(new[] { a })).Message);
    }

    // ----- reshaping/zero_padding2d_test.py, cropping2d_test.py, repeat_vector_test.py, permute_test.py -----

    [Theory]
    [InlineData("channels_first")]
    [InlineData("channels_last")]
    public void Zero_padding2d_test_zero_padding_2d(string data_format)
    {
        var inputs = torch.rand(1, 2, 3, 4);
        var y = L.ZeroPadding2D(((1, 2), (3, 4)), data_format: data_format).Apply(inputs);
        int h = data_format == "channels_first" ? 2 : 1;
        foreach (var i in new[] { 0, -1, -2 }) Assert.Equal(0f, y.select(h, i < 0 ? y.shape[h] + i : i).abs().max().item<float>());
        foreach (var i in new[] { 0, 1, 2, -1, -2, -3, -4 }) Assert.Equal(0f, y.select(h + 1, i < 0 ? y.shape[h + 1] + i : i).abs().max().item<float>());
        Close(y.narrow(h, 1, y.shape[h] - 3).narrow(h + 1, 3, y.shape[h + 1] - 7), inputs, 1e-6, 1e-6);
        // test_zero_padding_2d_with_same_padding
        foreach (var padding in new Int2x2[] { ((2, 2), (2, 2)), (2, 2), 2 })
        {
            var z = L.ZeroPadding2D(padding, data_format: data_format).Apply(inputs);
            foreach (var i in new[] { 0, 1, -1, -2 })
            {
                Assert.Equal(0f, z.select(h, i < 0 ? z.shape[h] + i : i).abs().max().item<float>());
                Assert.Equal(0f, z.select(h + 1, i < 0 ? z.shape[h + 1] + i : i).abs().max().item<float>());
            }
            Close(z.narrow(h, 2, z.shape[h] - 4).narrow(h + 1, 2, z.shape[h + 1] - 4), inputs, 1e-6, 1e-6);
        }
        // test_zero_padding_2d_get_config
        var config = JsonSerializer.SerializeToElement(L.ZeroPadding2D((1, 2), data_format: data_format).get_config());
        Assert.Equal("[[1,1],[2,2]]", config.GetProperty("padding").GetRawText());
        Assert.Equal(data_format, config.GetProperty("data_format").GetString());
    }

    [Fact]
    public void Zero_padding2d_and_cropping2d_tests_with_dynamic_spatial_dim_and_errors()
    {
        Assert.Equal(new int?[] { 1, 5, null, 4 }, L.ZeroPadding2D(((1, 2), (3, 4))).Apply(keras.Input(batch_shape: new int?[] { 1, 2, null, 4 })).shape);
        Assert.Equal(new int?[] { 1, 4, null, 5 }, L.Cropping2D(((1, 2), (3, 4))).Apply(keras.Input(batch_shape: new int?[] { 1, 7, null, 5 })).shape);
        // test_zero_padding_2d_errors_if_padding_argument_invalid: ((1, 2), (3, -4)) (the other forms do not compile in C#).
        Assert.Throws<ArgumentException>(() => L.ZeroPadding2D(((1, 2), (3, -4))));
        Assert.Throws<ArgumentException>(() => L.Cropping2D(((1, 2), (3, -4))));
        // test_cropping_2d_errors_if_cropping_more_than_available
        foreach (var fmt in new[] { "channels_first", "channels_last" })
            foreach (var cropping in new Int2x2[] { ((3, 6), (0, 0)), ((0, 0), (5, 4)) })
                Assert.Throws<ArgumentException>(() => L.Cropping2D(cropping, data_format: fmt).Apply(keras.Input(batch_shape: new int?[] { 3, 7, 9, 5 })));
        // test_cropping_2d_error_on_excessive_cropping
        foreach (var fmt in new[] { "channels_first", "channels_last" })
            foreach (var cropping in new Int2x2[] { ((4, 5), (0, 0)), ((0, 0), (5, 5)), ((6, 3), (0, 0)), ((0, 0), (7, 3)) })
                Assert.Contains("Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input.",
                    Assert.Throws<ArgumentException>(() => L.Cropping2D(cropping, data_format: fmt).Apply(torch.rand(3, 8, 9, 5))).Message);
    }

    [Fact]
    public void Cropping2d_test_cropping_2d()
    {
        var cases = new (Int2x2 cropping, (int, int) rows, (int, int) cols)[]
        {
            (((1, 2), (3, 4)), (1, 5), (3, 5)), (((2, 2), (2, 2)), (2, 5), (2, 7)), ((2, 2), (2, 5), (2, 7)), (2, (2, 5), (2, 7)),
            (((0, 2), (0, 4)), (0, 5), (0, 5)), (((1, 0), (3, 0)), (1, 7), (3, 9)), (((1, 0), (3, 4)), (1, 7), (3, 5)), (((1, 2), (3, 0)), (1, 5), (3, 9)),
        };
        foreach (var fmt in new[] { "channels_first", "channels_last" })
            foreach (var (cropping, rows, cols) in cases)
            {
                bool first = fmt == "channels_first";
                var inputs = first ? torch.rand(3, 5, 7, 9) : torch.rand(3, 7, 9, 5);
                int h = first ? 2 : 1;
                var expected = inputs.narrow(h, rows.Item1, rows.Item2 - rows.Item1).narrow(h + 1, cols.Item1, cols.Item2 - cols.Item1);
                Close(L.Cropping2D(cropping, data_format: fmt).Apply(inputs), expected, 1e-6, 1e-6, $"{fmt} {cropping}");
            }
    }

    [Fact]
    public void Repeat_vector_and_permute_tests()
    {
        var inputs = torch.rand(2, 5);
        var y = L.RepeatVector(3).Apply(inputs);
        Assert.Equal(new long[] { 2, 3, 5 }, y.shape);
        for (int i = 0; i < 3; i++) Close(y.select(1, i), inputs, 0, 0);
        Assert.Equal(new int?[] { null, 3, 5 }, L.RepeatVector(n: 3).Apply(keras.Input(batch_shape: new int?[] { null, 5 })).shape);
        Assert.Equal(new int?[] { 2, 3, null }, L.RepeatVector(n: 3).Apply(keras.Input(batch_shape: new int?[] { 2, null })).shape);
        foreach (var n in new[] { 0, -3 })
            Assert.Contains("should be a positive integer", Assert.Throws<ArgumentException>(() => L.RepeatVector(n)).Message);
        // permute_test.py
        var p = torch.rand(10, 3, 5, 5);
        Close(L.Permute(new[] { 3, 1, 2 }).Apply(p), p.permute(0, 3, 1, 2), 0, 0);
        Assert.Equal(new int?[] { null, 5, 3 }, L.Permute(new[] { 2, 1 }).Apply(keras.Input(batch_shape: new int?[] { null, 3, 5 })).shape);
        Assert.Matches("Invalid permutation .*dims.*", Assert.Throws<ArgumentException>(() => L.Permute(new[] { 0, 1, 2 })).Message);
        Assert.Matches("Invalid permutation .*dims.*", Assert.Throws<ArgumentException>(() => L.Permute(new[] { 1, 4, 2 })).Message);
    }
}
