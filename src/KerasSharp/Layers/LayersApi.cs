using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary><c>keras.layers</c>: factories with Keras's names, parameters and defaults.</summary>
public sealed class LayersApi
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
    public Dropout Dropout(double rate, string? name = null) => new(rate, name);
    /// <summary>Keras Flatten.</summary>
    public Flatten Flatten(string? name = null) => new(name);
    /// <summary>Keras Reshape.</summary>
    public Reshape Reshape(int[] target_shape, string? name = null) => new(target_shape, name);
    /// <summary>Keras InputLayer.</summary>
    public InputLayer InputLayer(int[] shape, string? name = null) => new(shape, name);
    /// <summary>Keras Concatenate.</summary>
    public Concatenate Concatenate(int axis = -1, string? name = null) => new(axis, name);
    /// <summary>Keras Add.</summary>
    public Add Add(string? name = null) => new(name);
    /// <summary>Keras Multiply.</summary>
    public Multiply Multiply(string? name = null) => new(name);

    /// <summary>Keras Conv2D with a square kernel.</summary>
    public Conv2D Conv2D(int filters, int kernel_size, int strides = 1, string padding = "valid", ActivationFunction? activation = null,
        bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        int[]? input_shape = null, string? name = null)
        => new(filters, kernel_size, strides, padding, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, input_shape, name);

    /// <summary>Keras Conv2D with a (height, width) kernel.</summary>
    public Conv2D Conv2D(int filters, (int, int) kernel_size, (int, int)? strides = null, string padding = "valid", ActivationFunction? activation = null,
        bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        int[]? input_shape = null, string? name = null)
        => new(filters, kernel_size, strides, padding, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, input_shape, name);

    /// <summary>Keras MaxPooling2D.</summary>
    public MaxPooling2D MaxPooling2D(int pool_size = 2, int? strides = null, string padding = "valid", string? name = null) => new(pool_size, strides, padding, name);
    /// <summary>Keras MaxPooling2D with a tuple pool size.</summary>
    public MaxPooling2D MaxPooling2D((int, int) pool_size, (int, int)? strides = null, string padding = "valid", string? name = null) => new(pool_size, strides, padding, name);
    /// <summary>Keras AveragePooling2D.</summary>
    public AveragePooling2D AveragePooling2D(int pool_size = 2, int? strides = null, string padding = "valid", string? name = null) => new(pool_size, strides, padding, name);
    /// <summary>Keras AveragePooling2D with a tuple pool size.</summary>
    public AveragePooling2D AveragePooling2D((int, int) pool_size, (int, int)? strides = null, string padding = "valid", string? name = null) => new(pool_size, strides, padding, name);
    /// <summary>Keras GlobalAveragePooling2D.</summary>
    public GlobalAveragePooling2D GlobalAveragePooling2D(string? name = null) => new(name);
    /// <summary>Keras GlobalMaxPooling2D.</summary>
    public GlobalMaxPooling2D GlobalMaxPooling2D(string? name = null) => new(name);
    /// <summary>Keras BatchNormalization.</summary>
    public BatchNormalization BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null)
        => new(axis, momentum, epsilon, center, scale, name);
}
