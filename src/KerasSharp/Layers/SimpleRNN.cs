using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras SimpleRNN: <c>h = activation(x·kernel + bias + h·recurrent_kernel)</c>, tanh by default,
/// with <c>kernel [features, units]</c>, <c>recurrent_kernel [units, units]</c>, <c>bias [units]</c>.
/// </summary>
public sealed class SimpleRNN : RecurrentLayer
{
    /// <summary>Keras's signature and defaults.</summary>
    public SimpleRNN(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null,
        Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, bool return_sequences = false, bool return_state = false,
        bool go_backwards = false, bool stateful = false, bool unroll = false, int?[]? input_shape = null, string? name = null)
        : base(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer,
            bias_regularizer, activity_regularizer, dropout, recurrent_dropout, seed, return_sequences, return_state, go_backwards, stateful, unroll,
            input_shape, name) { }

    /// <inheritdoc />
    protected override int Gates => 1;
    /// <inheritdoc />
    protected override int StateCount => 1;

    /// <inheritdoc />
    protected override (long[] shape, Initializer initializer) BiasSpec() => (new long[] { units }, bias_initializer);

    /// <inheritdoc />
    protected override (Tensor output, Tensor[] states) Step(Tensor x, Tensor[] h, Tensor[]? recurrentMasks)
    {
        var prev = recurrentMasks is null ? h[0] : h[0] * recurrentMasks[0];
        var output = activation.call(Backend.EngineScalars.Plus(x, torch.matmul(prev, recurrent_kernel!.Value)));
        return (output, new[] { output });
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = RecurrentConfig(_ => { });
        RecurrentConfigTail(c);
        // Keras's SimpleRNN writes no seed (its cell does); the seed is read back when a config has one.
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        var a = ReadCommon(c);
        return new SimpleRNN(a.units, a.activation, a.use_bias, a.kernel_initializer, a.recurrent_initializer, a.bias_initializer,
            a.kernel_regularizer, a.recurrent_regularizer, a.bias_regularizer, a.activity_regularizer, a.dropout, a.recurrent_dropout, a.seed,
            a.return_sequences, a.return_state, a.go_backwards, a.stateful, a.unroll, name: c.Name);
    }
}
