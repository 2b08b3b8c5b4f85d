using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

public sealed partial class LayersApi
{
    /// <summary>Keras Conv1D: <c>padding</c> "valid", "same" or "causal"; <c>input_shape</c> may hold null for the steps.</summary>
    public Conv1D Conv1D(int filters, int kernel_size, int strides = 1, string padding = "valid", string? data_format = null,
        int dilation_rate = 1, int groups = 1, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, int?[]? input_shape = null, string? name = null)
        => new(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation, use_bias, kernel_initializer,
            bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, input_shape, name);

    /// <summary>Keras MaxPooling1D.</summary>
    public MaxPooling1D MaxPooling1D(int pool_size = 2, int? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        => new(pool_size, strides, padding, data_format, name);
    /// <summary>Keras AveragePooling1D.</summary>
    public AveragePooling1D AveragePooling1D(int pool_size = 2, int? strides = null, string padding = "valid", string? data_format = null, string? name = null)
        => new(pool_size, strides, padding, data_format, name);
    /// <summary>Keras GlobalAveragePooling1D.</summary>
    public GlobalAveragePooling1D GlobalAveragePooling1D(string? data_format = null, bool keepdims = false, string? name = null) => new(data_format, keepdims, name);
    /// <summary>Keras GlobalMaxPooling1D.</summary>
    public GlobalMaxPooling1D GlobalMaxPooling1D(string? data_format = null, bool keepdims = false, string? name = null) => new(data_format, keepdims, name);
}
