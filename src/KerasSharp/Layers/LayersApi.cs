using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary><c>keras.layers</c>: factories with Keras's names, parameters and defaults.</summary>
public sealed partial class LayersApi
{
    internal static readonly LayersApi Instance = new();

    /// <summary>Keras Dense.</summary>
    public Dense Dense(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null,
        Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null, int[]? input_shape = null, string? name = null)
        => new(units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, input_shape, name);

    /// <summary>Keras Activation.</summary>
    public Activation Activation(ActivationFunction activation, string? name = null) => new(activation, name);
    /// <summary>Keras Dropout (rate = fraction dropped).</summary>
    public Dropout Dropout(double rate, int?[]? noise_shape = null, int? seed = null, string? name = null) => new(rate, noise_shape, seed, name);
    /// <summary>Keras Flatten.</summary>
    public Flatten Flatten(string? data_format = null, string? name = null) => new(data_format, name);
    /// <summary>Keras Reshape.</summary>
    public Reshape Reshape(int[] target_shape, string? name = null) => new(target_shape, name);
    /// <summary>Keras InputLayer.</summary>
    public InputLayer InputLayer(int[] shape, string? name = null) => new(shape, name);
    /// <summary>Keras InputLayer with unknown dimensions or a batch shape.</summary>
    public InputLayer InputLayer(int?[]? shape = null, int? batch_size = null, int?[]? batch_shape = null, string? name = null) => new(shape, batch_size, batch_shape, name);
    /// <summary>Keras Concatenate.</summary>
    public Concatenate Concatenate(int axis = -1, string? name = null) => new(axis, name);
    /// <summary>Keras Add.</summary>
    public Add Add(string? name = null) => new(name);
    /// <summary>Keras Multiply.</summary>
    public Multiply Multiply(string? name = null) => new(name);

    /// <summary>Keras Conv2D: <c>kernel_size</c>, <c>strides</c> and <c>dilation_rate</c> take a number or a (height, width) tuple.</summary>
    public Conv2D Conv2D(int filters, Int2 kernel_size, Int2? strides = null, string padding = "valid", string? data_format = null,
        Int2? dilation_rate = null, int groups = 1, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, int[]? input_shape = null, string? name = null)
        => new(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation, use_bias, kernel_initializer,
            bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, input_shape, name);

    /// <summary>Keras MaxPooling2D: <c>pool_size</c> and <c>strides</c> take a number or a tuple.</summary>
    public MaxPooling2D MaxPooling2D(Int2? pool_size = null, Int2? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        => new(pool_size, strides, padding, data_format, name);
    /// <summary>Keras AveragePooling2D: <c>pool_size</c> and <c>strides</c> take a number or a tuple.</summary>
    public AveragePooling2D AveragePooling2D(Int2? pool_size = null, Int2? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        => new(pool_size, strides, padding, data_format, name);
    /// <summary>Keras GlobalAveragePooling2D.</summary>
    public GlobalAveragePooling2D GlobalAveragePooling2D(string? data_format = null, bool keepdims = false, string? name = null) => new(data_format, keepdims, name);
    /// <summary>Keras GlobalMaxPooling2D.</summary>
    public GlobalMaxPooling2D GlobalMaxPooling2D(string? data_format = null, bool keepdims = false, string? name = null) => new(data_format, keepdims, name);
    /// <summary>Keras BatchNormalization.</summary>
    public BatchNormalization BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Initializer? moving_mean_initializer = null,
        Initializer? moving_variance_initializer = null, Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null, string? name = null)
        => new(axis, momentum, epsilon, center, scale, beta_initializer, gamma_initializer, moving_mean_initializer, moving_variance_initializer,
            beta_regularizer, gamma_regularizer, name);
}
