using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

#pragma warning disable CS8981 // lower-case root, as tflearn in Python
namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's functions, with TFLearn's defaults, building a Keras graph that trains through
/// KerasSharp's one trainer. <c>using KerasSharp.TFLearn;</c> brings it in.
/// </summary>
public static partial class tflearn
{
    /// <summary>TFLearn's input layer; shape is [None, ...] (a leading None is added when missing).</summary>
    public static TFLearnTensor input_data(int?[] shape, ImagePreprocessing? data_preprocessing = null,
        ImageAugmentation? data_augmentation = null, string name = "InputData")
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = shape.Length > 1 && shape[0] is null ? shape.Skip(1) : shape;
        if (dims.Any(d => d is null))
            throw new ArgumentException($"input_data: only the batch dimension may be None; received shape [{string.Join(", ", shape.Select(d => d?.ToString() ?? "None"))}].");
        var input = keras.Input(shape: dims.Select(d => d!.Value).ToArray(), name: Layer.UniqueName(name));
        return new TFLearnTensor(input, input) { Preprocessing = data_preprocessing, Augmentation = data_augmentation };
    }

    /// <summary>TFLearn's uniform_scaling (factor 1): U(−√(3/n), √(3/n)), n = product of all but the last dimension.</summary>
    internal static Initializer UniformScaling() => new FunctionInitializer("UniformScaling", s =>
    {
        double fanIn = s.Take(s.Length - 1).Aggregate(1.0, (a, b) => a * b);
        double max = Math.Sqrt(3.0 / fanIn);
        return torch.rand(s) * (2 * max) - max;
    }, new Dictionary<string, object?> { ["factor"] = 1.0 });

    /// <summary>TFLearn's truncated normal initializer (stddev 0.02).</summary>
    static Initializer TFLearnInit(string name) => name switch
    {
        "truncated_normal" => new TruncatedNormal(0.0, 0.02),
        "normal" => new RandomNormal(0.0, 0.02),
        "zeros" => InitializersApi.Get("zeros"),
        "xavier" => InitializersApi.Get("glorot_uniform"),
        "uniform_scaling" => UniformScaling(),
        _ => throw new ArgumentException($"Unknown TFLearn initializer '{name}'. Known: truncated_normal, normal, uniform_scaling, xavier, zeros."),
    };

    /// <summary>TFLearn's optimizer classes (tflearn.optimizers.Adam(...)).</summary>
    public static TFLearnOptimizersApi optimizers => TFLearnOptimizersApi.Instance;
    /// <summary>TFLearn's dataset loaders.</summary>
    public static TFLearnDatasets datasets => TFLearnDatasets.Instance;
    /// <summary>TFLearn's data utilities (to_categorical, shuffle).</summary>
    public static DataUtils data_utils => DataUtils.Instance;

    static TFLearnTensor Next(TFLearnTensor incoming, Layer layer, KerasTensor? input = null) =>
        new(layer.Apply(input ?? incoming.Keras), incoming.Input, incoming.Regressions, layer);

    /// <summary>TFLearn's fully_connected: flattens a non-2-D input; weights truncated_normal(0.02), bias zeros, L2 = wd·Σw²/2.</summary>
    public static TFLearnTensor fully_connected(TFLearnTensor incoming, int n_units, string activation = "linear", bool bias = true,
        string weights_init = "truncated_normal", string bias_init = "zeros", object? regularizer = null, double weight_decay = 0.001,
        bool trainable = true, string name = "FullyConnected")
    {
        var x = incoming.Keras;
        if (x.shape.Length > 2) x = keras.layers.Flatten().Apply(x);
        var dense = new Dense(n_units, activation: ActivationsApi.Get(activation), use_bias: bias,
            kernel_initializer: TFLearnInit(weights_init), bias_initializer: TFLearnInit(bias_init),
            kernel_regularizer: TFLearnRegularizers.Get(regularizer, weight_decay), name: Layer.UniqueName(name)) { trainable = trainable };
        return Next(incoming, dense, x);
    }

    /// <summary>TFLearn's dropout: keep_prob is the probability of KEEPING a unit (Keras's rate = 1 − keep_prob). Training only.</summary>
    public static TFLearnTensor dropout(TFLearnTensor incoming, double keep_prob, string name = "Dropout")
    {
        if (keep_prob <= 0 || keep_prob > 1) throw new ArgumentException($"dropout: keep_prob must be in (0, 1], received {keep_prob}.");
        return Next(incoming, new Dropout(1 - keep_prob, name: Layer.UniqueName(name)));
    }

    /// <summary>TFLearn's flatten.</summary>
    public static TFLearnTensor flatten(TFLearnTensor incoming, string name = "Flatten") => Next(incoming, new Flatten(name: Layer.UniqueName(name)));

    /// <summary>TFLearn's activation.</summary>
    public static TFLearnTensor activation(TFLearnTensor incoming, string activation = "linear", string name = "activation") =>
        Next(incoming, new Activation(ActivationsApi.Get(activation), Layer.UniqueName(name)));

    /// <summary>TFLearn's reshape; new_shape includes the batch dimension (-1 or None first).</summary>
    public static TFLearnTensor reshape(TFLearnTensor incoming, int?[] new_shape, string name = "Reshape")
    {
        var dims = new_shape.Length > 0 && (new_shape[0] is null || new_shape[0] == -1) ? new_shape.Skip(1) : new_shape;
        return Next(incoming, new Reshape(dims.Select(d => d ?? -1).ToArray(), Layer.UniqueName(name)));
    }

    /// <summary>TFLearn's conv_2d: 'same' padding and uniform_scaling weights by default.</summary>
    public static TFLearnTensor conv_2d(TFLearnTensor incoming, int nb_filter, int filter_size, int strides = 1, string padding = "same",
        string activation = "linear", bool bias = true, string weights_init = "uniform_scaling", string bias_init = "zeros",
        object? regularizer = null, double weight_decay = 0.001, bool trainable = true, string name = "Conv2D")
    {
        var conv = new Conv2D(nb_filter, filter_size, strides, padding, activation: ActivationsApi.Get(activation), use_bias: bias,
            kernel_initializer: TFLearnInit(weights_init), bias_initializer: TFLearnInit(bias_init),
            kernel_regularizer: TFLearnRegularizers.Get(regularizer, weight_decay), name: Layer.UniqueName(name)) { trainable = trainable };
        return Next(incoming, conv);
    }

    /// <summary>TFLearn's max_pool_2d: strides default to the kernel size, 'same' padding.</summary>
    public static TFLearnTensor max_pool_2d(TFLearnTensor incoming, int kernel_size, int? strides = null, string padding = "same", string name = "MaxPool2D") =>
        Next(incoming, new MaxPooling2D(kernel_size, strides ?? kernel_size, padding, name: Layer.UniqueName(name)));

    /// <summary>TFLearn's avg_pool_2d: strides default to the kernel size, 'same' padding.</summary>
    public static TFLearnTensor avg_pool_2d(TFLearnTensor incoming, int kernel_size, int? strides = null, string padding = "same", string name = "AvgPool2D") =>
        Next(incoming, new AveragePooling2D(kernel_size, strides ?? kernel_size, padding, name: Layer.UniqueName(name)));

    /// <summary>TFLearn's global_avg_pool.</summary>
    public static TFLearnTensor global_avg_pool(TFLearnTensor incoming, string name = "GlobalAvgPool") => Next(incoming, new GlobalAveragePooling2D(name: Layer.UniqueName(name)));

    /// <summary>TFLearn's global_max_pool.</summary>
    public static TFLearnTensor global_max_pool(TFLearnTensor incoming, string name = "GlobalMaxPool") => Next(incoming, new GlobalMaxPooling2D(name: Layer.UniqueName(name)));

    /// <summary>TFLearn's batch_normalization: decay 0.9, epsilon 1e-5 (Keras: momentum 0.99, epsilon 1e-3).</summary>
    public static TFLearnTensor batch_normalization(TFLearnTensor incoming, double epsilon = 1e-5, double decay = 0.9, string name = "BatchNormalization") =>
        Next(incoming, new BatchNormalization(-1, decay, epsilon, name: Layer.UniqueName(name)));

    /// <summary>TFLearn's local_response_normalization (tf.nn.lrn).</summary>
    public static TFLearnTensor local_response_normalization(TFLearnTensor incoming, int depth_radius = 5, double bias = 1.0, double alpha = 0.0001,
        double beta = 0.75, string name = "LocalResponseNormalization") =>
        Next(incoming, new LocalResponseNormalization(depth_radius, bias, alpha, beta, Layer.UniqueName(name)));

    /// <summary>TFLearn's merge: "elemwise_mul", "elemwise_sum" or "concat" (along axis, default 1).</summary>
    public static TFLearnTensor merge(IReadOnlyList<TFLearnTensor> tensors_list, string mode, int axis = 1, string name = "Merge")
    {
        if (tensors_list.Count < 2) throw new ArgumentException($"merge needs at least 2 tensors, received {tensors_list.Count}.");
        var input = tensors_list[0].Input;
        if (tensors_list.Any(t => !ReferenceEquals(t.Input, input)))
            throw new ArgumentException("merge: all tensors must come from the same input_data.");
        Layer layer = mode switch
        {
            "elemwise_mul" => new Multiply(Layer.UniqueName(name)),
            "elemwise_sum" => new Add(Layer.UniqueName(name)),
            "concat" => new Concatenate(axis, Layer.UniqueName(name)),
            _ => throw new ArgumentException($"Unknown merge mode '{mode}'. Known modes: elemwise_mul, elemwise_sum, concat."),
        };
        var output = layer.Apply(tensors_list.Select(t => t.Keras).ToArray());
        var regressions = tensors_list.SelectMany(t => t.Regressions).Distinct().ToList();
        return new TFLearnTensor(output, input, regressions, layer);
    }

    /// <summary>TFLearn's regression: marks the output to train, with its optimizer, loss and metric.</summary>
    public static TFLearnTensor regression(TFLearnTensor incoming, object? optimizer = null, string loss = "categorical_crossentropy",
        string? metric = "default", double learning_rate = 0.001, int batch_size = 64, bool shuffle_batches = true)
    {
        var opt = optimizer switch
        {
            null => optimizers.get("adam", learning_rate),
            string name => optimizers.get(name, learning_rate),
            Optimizer o => o,
            _ => throw new ArgumentException($"regression: optimizer must be a name or an Optimizer, received {optimizer.GetType().Name}."),
        };
        if (metric is not null && metric != "default" && metric != "accuracy" && metric != "Accuracy")
            throw new ArgumentException($"Unknown TFLearn metric '{metric}'. Known metric names: default, accuracy (or null for none).");
        var r = new Regression
        {
            Output = incoming.Keras, Optimizer = opt, OptimizerName = opt.name, Loss = TFLearnLosses.Get(loss),
            Metric = metric is not null, BinaryMetric = incoming.Keras.shape[^1] == 1,
            BatchSize = batch_size, Shuffle = shuffle_batches,
        };
        return new TFLearnTensor(incoming.Keras, incoming.Input, incoming.Regressions.Append(r).ToList());
    }

    /// <summary>TFLearn's deep neural network model.</summary>
    public static DNN DNN(TFLearnTensor network, double clip_gradients = 5.0, int tensorboard_verbose = 0, string tensorboard_dir = "/tmp/tflearn_logs/",
        string? checkpoint_path = null, string? best_checkpoint_path = null, int? max_checkpoints = null, double best_val_accuracy = 0.0)
        => new(network, clip_gradients, tensorboard_verbose, tensorboard_dir, checkpoint_path, best_checkpoint_path, max_checkpoints, best_val_accuracy);
}
