using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;
using static KerasSharp.Backend.EngineScalars;

namespace KerasSharp.Layers;

/// <summary>
/// Keras GRU (Cho 2014). Gates in Keras's order z (update), r (reset), h (candidate) along the
/// last axis of <c>kernel [features, 3·units]</c> and <c>recurrent_kernel [units, 3·units]</c>:
/// <c>z = σ(x_z + h·U_z)</c>, <c>r = σ(x_r + h·U_r)</c>, <c>h' = z·h + (1 − z)·tanh(x_h + r∘…)</c>.
/// With reset_after (Keras 3's default, cuDNN's form) the reset gate multiplies
/// <c>h·U_h + b_rec_h</c> and the bias is <c>[2, 3·units]</c> (input bias, recurrent bias);
/// without it the reset gate multiplies h before <c>U_h</c> and the bias is <c>[3·units]</c>.
/// </summary>
public sealed class GRU : RecurrentLayer
{
    /// <summary>The gates' activation, sigmoid by default.</summary>
    public ActivationFunction recurrent_activation { get; }
    /// <summary>Whether the reset gate applies after the recurrent matrix (true, the default).</summary>
    public bool reset_after { get; }

    /// <summary>Keras's signature and defaults.</summary>
    public GRU(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null, double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null,
        bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false,
        bool reset_after = true, int?[]? input_shape = null, string? name = null)
        : base(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer,
            bias_regularizer, activity_regularizer, dropout, recurrent_dropout, seed, return_sequences, return_state, go_backwards, stateful, unroll,
            input_shape, name)
    {
        this.recurrent_activation = recurrent_activation ?? ActivationsApi.Get("sigmoid");
        this.reset_after = reset_after;
    }

    /// <inheritdoc />
    protected override int Gates => 3;
    /// <inheritdoc />
    protected override int StateCount => 1;

    /// <inheritdoc />
    protected override (long[] shape, Initializer initializer) BiasSpec() =>
        (reset_after ? new long[] { 2, 3L * units } : new long[] { 3L * units }, bias_initializer);

    /// <inheritdoc />
    protected override Tensor? InputBias => bias is null ? null : reset_after ? bias.Value[0] : bias.Value;

    /// <inheritdoc />
    protected override (Tensor output, Tensor[] states) Step(Tensor x, Tensor[] states, Tensor[]? recurrentMasks)
    {
        var h = states[0];
        var u = recurrent_kernel!.Value;
        var xs = x.chunk(3, 1);
        var us = u.chunk(3, 1);
        Tensor? rb = reset_after && bias is not null ? bias.Value[1] : null;
        var rbs = rb?.chunk(3, 0);
        Tensor H(int g) => recurrentMasks is null ? h : h * recurrentMasks[g];
        Tensor recZ, recR;
        if (recurrentMasks is null && reset_after)
        {
            var inner = torch.matmul(h, u);
            if (rb is not null) inner = Plus(inner, rb);
            var ins = inner.chunk(3, 1);
            var z0 = recurrent_activation.call(Plus(xs[0], ins[0]));
            var r0 = recurrent_activation.call(Plus(xs[1], ins[1]));
            var hh0 = activation.call(Plus(xs[2], r0 * ins[2]));
            var out0 = Plus(z0 * h, OneMinus(z0) * hh0);
            return (out0, new[] { out0 });
        }
        recZ = torch.matmul(H(0), us[0]);
        recR = torch.matmul(H(1), us[1]);
        if (rbs is not null) { recZ = Plus(recZ, rbs[0]); recR = Plus(recR, rbs[1]); }
        var z = recurrent_activation.call(Plus(xs[0], recZ));
        var r = recurrent_activation.call(Plus(xs[1], recR));
        Tensor recH;
        if (reset_after)
        {
            recH = torch.matmul(H(2), us[2]);
            if (rbs is not null) recH = Plus(recH, rbs[2]);
            recH = r * recH;
        }
        else recH = torch.matmul(r * H(2), us[2]);
        var hh = activation.call(Plus(xs[2], recH));
        var output = Plus(z * h, OneMinus(z) * hh);
        return (output, new[] { output });
    }

    // 1 − z with an engine scalar made once (a number here would make a temporary native scalar per
    // step, which the finalizer may free during the call); −z + 1 rounds exactly as 1 − z.

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = RecurrentConfig(d => d["recurrent_activation"] = recurrent_activation.name);
        RecurrentConfigTail(c);
        c["reset_after"] = reset_after;
        c["seed"] = seed;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        var a = ReadCommon(c);
        var ra = c.Raw("recurrent_activation") is null ? ActivationsApi.Get("sigmoid") : c.Activation("recurrent_activation");
        return new GRU(a.units, a.activation, ra, a.use_bias, a.kernel_initializer, a.recurrent_initializer, a.bias_initializer,
            a.kernel_regularizer, a.recurrent_regularizer, a.bias_regularizer, a.activity_regularizer, a.dropout, a.recurrent_dropout, a.seed,
            a.return_sequences, a.return_state, a.go_backwards, a.stateful, a.unroll, c.Bool("reset_after", true), name: c.Name);
    }
}
