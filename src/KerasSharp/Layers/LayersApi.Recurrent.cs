using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

public sealed partial class LayersApi
{
    /// <summary>Keras LSTM (tanh, sigmoid gates, glorot_uniform kernel, orthogonal recurrent kernel, unit_forget_bias).</summary>
    public LSTM LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        bool unit_forget_bias = true, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, double dropout = 0.0, double recurrent_dropout = 0.0,
        int? seed = null, bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false,
        bool unroll = false, int?[]? input_shape = null, string? name = null)
        => new(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, unit_forget_bias,
            kernel_regularizer, recurrent_regularizer, bias_regularizer, activity_regularizer, dropout, recurrent_dropout, seed, return_sequences,
            return_state, go_backwards, stateful, unroll, input_shape, name);

    /// <summary>Keras GRU (tanh, sigmoid gates, reset_after=True as in Keras 3).</summary>
    public GRU GRU(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null, double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null,
        bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false,
        bool reset_after = true, int?[]? input_shape = null, string? name = null)
        => new(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer,
            recurrent_regularizer, bias_regularizer, activity_regularizer, dropout, recurrent_dropout, seed, return_sequences, return_state,
            go_backwards, stateful, unroll, reset_after, input_shape, name);

    /// <summary>Keras SimpleRNN (tanh).</summary>
    public SimpleRNN SimpleRNN(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null,
        Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, bool return_sequences = false, bool return_state = false,
        bool go_backwards = false, bool stateful = false, bool unroll = false, int?[]? input_shape = null, string? name = null)
        => new(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer,
            bias_regularizer, activity_regularizer, dropout, recurrent_dropout, seed, return_sequences, return_state, go_backwards, stateful,
            unroll, input_shape, name);
}
