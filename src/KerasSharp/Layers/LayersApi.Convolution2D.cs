using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

public sealed partial class LayersApi
{
    /// <summary>Keras Conv2DTranspose: <c>kernel_size</c>, <c>strides</c>, <c>output_padding</c> and <c>dilation_rate</c> take a number or a tuple.</summary>
    public Conv2DTranspose Conv2DTranspose(int filters, Int2 kernel_size, Int2? strides = null, string padding = "valid", Int2? output_padding = null,
        string? data_format = null, Int2? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
        Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, int[]? input_shape = null, string? name = null)
        => new(filters, kernel_size, strides, padding, output_padding, data_format, dilation_rate, activation, use_bias, kernel_initializer,
            bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, input_shape, name);

    /// <summary>Keras UpSampling2D: <c>size</c> takes a number or a tuple; <c>interpolation</c> "nearest" or "bilinear".</summary>
    public UpSampling2D UpSampling2D(Int2? size = null, string? data_format = null, string interpolation = "nearest", int[]? input_shape = null, string? name = null)
        => new(size, data_format, interpolation, input_shape, name);

    /// <summary>Keras ZeroPadding2D: <c>padding</c> takes a number, (rows, columns) or ((top, bottom), (left, right)).</summary>
    public ZeroPadding2D ZeroPadding2D(Int2x2? padding = null, string? data_format = null, int[]? input_shape = null, string? name = null)
        => new(padding, data_format, input_shape, name);

    /// <summary>Keras Cropping2D: <c>cropping</c> takes a number, (rows, columns) or ((top, bottom), (left, right)).</summary>
    public Cropping2D Cropping2D(Int2x2? cropping = null, string? data_format = null, int[]? input_shape = null, string? name = null)
        => new(cropping, data_format, input_shape, name);
}
