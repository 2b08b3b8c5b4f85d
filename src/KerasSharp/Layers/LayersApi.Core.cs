using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

public sealed partial class LayersApi
{
    /// <summary>Keras Embedding (embeddings_initializer "uniform"); <c>input_shape</c> may hold null for sequences of any length.</summary>
    public Embedding Embedding(int input_dim, int output_dim, Initializer? embeddings_initializer = null, Regularizer? embeddings_regularizer = null,
        Regularizer? activity_regularizer = null, bool mask_zero = false, int?[]? input_shape = null, string? name = null)
        => new(input_dim, output_dim, embeddings_initializer, embeddings_regularizer, activity_regularizer, mask_zero, input_shape, name);

    /// <summary>Keras LayerNormalization over one axis (default -1), epsilon 1e-3.</summary>
    public LayerNormalization LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Regularizer? beta_regularizer = null,
        Regularizer? gamma_regularizer = null, int[]? input_shape = null, string? name = null)
        => new(axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer, input_shape, name);

    /// <summary>Keras LayerNormalization over several axes (<c>axis: new[] { 1, 2 }</c>).</summary>
    public LayerNormalization LayerNormalization(int[] axis, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Regularizer? beta_regularizer = null,
        Regularizer? gamma_regularizer = null, int[]? input_shape = null, string? name = null)
        => new(axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer, input_shape, name);

    /// <summary>Keras RepeatVector.</summary>
    public RepeatVector RepeatVector(int n, string? name = null) => new(n, name);

    /// <summary>Keras Permute (dims count from 1).</summary>
    public Permute Permute(int[] dims, string? name = null) => new(dims, name);
}
