using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras LSTM (Hochreiter 1997). Gates in Keras's order i, f, c, o along the last axis of
/// <c>kernel [features, 4·units]</c>, <c>recurrent_kernel [units, 4·units]</c> and
/// <c>bias [4·units]</c>: <c>i = σ(z_i)</c>, <c>f = σ(z_f)</c>, <c>c = f·c + i·tanh(z_c)</c>,
/// <c>o = σ(z_o)</c>, <c>h = o·tanh(c)</c>, with σ the recurrent_activation (sigmoid) and tanh
/// the activation. With unit_forget_bias (the default) the forget gate's bias starts at 1.
/// </summary>
public sealed class LSTM : RecurrentLayer
{
    /// <summary>The gates' activation, sigmoid by default.</summary>
    public ActivationFunction recurrent_activation { get; }
    /// <summary>Whether the forget gate's bias starts at 1 (the others from bias_initializer).</summary>
    public bool unit_forget_bias { get; }

    /// <summary>
    /// Keras's signature and defaults. <paramref name="input_shape"/> (batch excluded) may hold null
    /// for sequences of any length, as <c>(None, features)</c>.
    /// </summary>
    public LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        bool unit_forget_bias = true, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, double dropout = 0.0, double recurrent_dropout = 0.0,
        int? seed = null, bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false,
        bool unroll = false, int?[]? input_shape = null, string? name = null)
        : base(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer,
            bias_regularizer, activity_regularizer, dropout, recurrent_dropout, seed, return_sequences, return_state, go_backwards, stateful, unroll,
            input_shape, name)
    {
        this.recurrent_activation = recurrent_activation ?? ActivationsApi.Get("sigmoid");
        this.unit_forget_bias = unit_forget_bias;
    }

    /// <inheritdoc />
    protected override int Gates => 4;
    /// <inheritdoc />
    protected override int StateCount => 2;

    /// <inheritdoc />
    protected override (long[] shape, Initializer initializer) BiasSpec()
    {
        var shape = new long[] { 4L * units };
        if (!unit_forget_bias) return (shape, bias_initializer);
        var init = bias_initializer;
        return (shape, new FunctionInitializer("LSTMBias", _ => torch.cat(new[]
        {
            init.call(new long[] { units }), torch.ones(units, dtype: float32), init.call(new long[] { 2L * units }),
        })));
    }

    /// <inheritdoc />
    protected override (Tensor output, Tensor[] states) Step(Tensor x, Tensor[] h, Tensor[]? recurrentMasks)
    {
        var u = recurrent_kernel!.Value;
        Tensor z;
        if (recurrentMasks is null) z = torch.addmm(x, h[0], u, 1, 1);
        else
        {
            var parts = u.chunk(4, 1);
            z = Backend.EngineScalars.Plus(x, torch.cat(Enumerable.Range(0, 4).Select(g => torch.matmul(h[0] * recurrentMasks[g], parts[g])).ToArray(), 1));
        }
        // The gate activation is elementwise: one call on all of z, of which i, f and o are used.
        var sig = recurrent_activation.call(z).chunk(4, 1);
        var (i, f, o) = (sig[0], sig[1], sig[3]);
        var c = torch.addcmul(f * h[1], i, activation.call(z.narrow(1, 2L * units, units)), Backend.EngineScalars.One);
        var hNew = o * activation.call(c);
        return (hNew, new[] { hNew, c });
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = RecurrentConfig(d => d["recurrent_activation"] = recurrent_activation.name);
        c["unit_forget_bias"] = unit_forget_bias;
        RecurrentConfigTail(c);
        c["seed"] = seed;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        var a = ReadCommon(c);
        var ra = c.Raw("recurrent_activation") is null ? ActivationsApi.Get("sigmoid") : c.Activation("recurrent_activation");
        return new LSTM(a.units, a.activation, ra, a.use_bias, a.kernel_initializer, a.recurrent_initializer, a.bias_initializer,
            c.Bool("unit_forget_bias", true), a.kernel_regularizer, a.recurrent_regularizer, a.bias_regularizer, a.activity_regularizer,
            a.dropout, a.recurrent_dropout, a.seed, a.return_sequences, a.return_state, a.go_backwards, a.stateful, a.unroll, name: c.Name);
    }
}
