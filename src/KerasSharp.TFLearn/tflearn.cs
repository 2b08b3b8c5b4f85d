using System.Runtime.CompilerServices;
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
/// KerasSharp's one trainer. <c>using KerasSharp.TFLearn;</c> brings it in;
/// <c>using static KerasSharp.TFLearn.tflearn;</c> drops the prefix, as
/// <c>from tflearn import *</c> does. Layer names are unique in the process, as in TFLearn's one
/// default graph ("FullyConnected", "FullyConnected_1", ...); <c>keras.backend.clear_session()</c>
/// starts the counts again.
/// </summary>
public static partial class tflearn
{
    /// <summary>
    /// TFLearn's input layer. <paramref name="shape"/> is the placeholder's shape, batch first: when
    /// it has more than one dimension and does not start with None, None is added in front. So
    /// <c>[null, 2]</c> and <c>[28, 28, 1]</c> are per-sample shapes with any batch size, and
    /// <c>[null]</c> (one dimension, kept as it is) is one value per sample: a rank-1 input, as
    /// <c>single_unit</c> takes. Other dimensions may be None (unknown) too.
    /// <paramref name="name"/> is the key of this input in dictionary feeds
    /// (<c>fit(new Dictionary&lt;string, object&gt; { ["InputData"] = X }, ...)</c>).
    /// </summary>
    public static TFLearnTensor input_data(int?[] shape, ImagePreprocessing? data_preprocessing = null,
        ImageAugmentation? data_augmentation = null, string name = "InputData")
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(name);
        if (shape.Length == 0)
            throw new ArgumentException("input_data: shape [] has no batch dimension; give [None] for one value per sample, [None, 2] for two values, [None, 32, 32, 3] for images.");
        if (shape.Any(d => d is < 0))
            throw new ArgumentException($"input_data: dimensions must be positive or None; received shape [{Show(shape)}].");
        // TFLearn (layers/core.py): if len(shape) > 1 and shape[0] is not None, None is prepended.
        int?[] batchShape = shape.Length > 1 && shape[0] is not null ? new int?[] { null }.Concat(shape).ToArray() : shape;
        var input = keras.Input(batch_shape: batchShape, name: Layer.UniqueName(name));
        Register(input.Node.Layer);
        return new TFLearnTensor(input, input) { Preprocessing = data_preprocessing, Augmentation = data_augmentation, FeedName = name };
    }

    static string Show(int?[] shape) => string.Join(", ", shape.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"));

    /// <summary>TFLearn's truncated normal initializer (stddev 0.02).</summary>
    static Initializer TFLearnInit(string name) => name switch
    {
        "truncated_normal" => new TruncatedNormal(0.0, 0.02),
        "normal" => new RandomNormal(0.0, 0.02),
        "zeros" => InitializersApi.Get("zeros"),
        "xavier" => InitializersApi.Get("glorot_uniform"),
        "uniform_scaling" => new UniformScaling(),
        _ => throw new ArgumentException($"Unknown TFLearn initializer '{name}'. Known: truncated_normal, normal, uniform_scaling, xavier, zeros."),
    };

    /// <summary>TFLearn's optimizer classes (tflearn.optimizers.Adam(...)).</summary>
    public static TFLearnOptimizersApi optimizers => TFLearnOptimizersApi.Instance;
    /// <summary>TFLearn's dataset loaders.</summary>
    public static TFLearnDatasets datasets => TFLearnDatasets.Instance;

    // The layers whose weights DNN.load leaves as they are (restore=False, for fine-tuning).
    static readonly ConditionalWeakTable<Layer, object> notRestored = new();
    internal static bool Restores(Layer layer) => !notRestored.TryGetValue(layer, out _);

    static T Made<T>(T layer, bool restore) where T : Layer
    {
        if (!restore) notRestored.AddOrUpdate(layer, true);
        Register(layer);
        return layer;
    }

    static TFLearnTensor Next(TFLearnTensor incoming, Layer layer, KerasTensor? input = null) =>
        new(layer.Apply(input ?? incoming.Keras), incoming.Input, incoming.Regressions, Register(layer));

    /// <summary>A size argument of a TFLearn layer function must be ≥ 1; the error names the function and TFLearn's argument.</summary>
    static int PositiveArg(string function, string argument, int value) =>
        value > 0 ? value : throw new ArgumentException($"tflearn.{function}: `{argument}` must be a positive integer. Received: {argument}={value}", argument);

    static KerasTensor Flat(KerasTensor x) => x.shape.Length > 2 ? keras.layers.Flatten().Apply(x) : x;

    /// <summary>
    /// TFLearn's fully_connected: flattens a non-2-D input; weights truncated_normal(0.02), bias
    /// zeros, L2 = wd·Σw²/2. <paramref name="restore"/>: false leaves the layer's weights as they
    /// are when <c>DNN.load</c> restores a model (fine-tuning a new last layer).
    /// </summary>
    public static TFLearnTensor fully_connected(TFLearnTensor incoming, int n_units, string activation = "linear", bool bias = true,
        string weights_init = "truncated_normal", string bias_init = "zeros", object? regularizer = null, double weight_decay = 0.001,
        bool trainable = true, bool restore = true, string name = "FullyConnected")
    {
        PositiveArg("fully_connected", nameof(n_units), n_units);
        var dense = Made(new Dense(n_units, activation: ActivationsApi.Get(activation), use_bias: bias,
            kernel_initializer: TFLearnInit(weights_init), bias_initializer: TFLearnInit(bias_init),
            kernel_regularizer: TFLearnRegularizers.Get(regularizer, weight_decay), name: Layer.UniqueName(name)) { trainable = trainable }, restore);
        return Next(incoming, dense, Flat(incoming.Keras));
    }

    /// <summary>
    /// TFLearn's single_unit (its linear regression layer): one value per sample in ([None] or
    /// [None, 1]), activation(x·W + b) out ([None]). W and b start from one draw of a standard
    /// normal each, as TFLearn's <c>np.random.randn()</c> (drawn here from KerasSharp's seeded
    /// generator).
    /// </summary>
    public static TFLearnTensor single_unit(TFLearnTensor incoming, string activation = "linear", bool bias = true, bool trainable = true,
        bool restore = true, string name = "Linear")
    {
        double w0 = StandardNormal();
        double b0 = bias ? StandardNormal() : 0.0;
        var layer = Made(new SingleUnit(ActivationsApi.Get(activation), bias, new Constant(w0), new Constant(b0), Layer.UniqueName(name)) { trainable = trainable }, restore);
        return Next(incoming, layer);
    }

    static double StandardNormal()
    {
        using var t = torch.empty(1).normal_();
        return t.item<float>();
    }

    /// <summary>
    /// TFLearn's highway (fully connected highway layer): H = activation(x·W + b), the transform
    /// gate T = sigmoid(x·W_T + b_T) with b_T starting at −1, output H·T + x·(1 − T). A non-2-D input
    /// is flattened; n_units must equal the input size. <paramref name="transform_dropout"/> is a keep
    /// probability on T in training. The returned tensor has W, b, W_t and b_t.
    /// </summary>
    public static TFLearnTensor highway(TFLearnTensor incoming, int n_units, string activation = "linear", double? transform_dropout = null,
        string weights_init = "truncated_normal", string bias_init = "zeros", object? regularizer = null, double weight_decay = 0.001,
        bool trainable = true, bool restore = true, string name = "FullyConnectedHighway")
    {
        var layer = Made(new Highway(n_units, ActivationsApi.Get(activation), transform_dropout, TFLearnInit(weights_init), TFLearnInit(bias_init),
            TFLearnRegularizers.Get(regularizer, weight_decay), Layer.UniqueName(name)) { trainable = trainable }, restore);
        return Next(incoming, layer, Flat(incoming.Keras));
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
        object? regularizer = null, double weight_decay = 0.001, bool trainable = true, bool restore = true, string name = "Conv2D")
    {
        PositiveArg("conv_2d", nameof(nb_filter), nb_filter);
        PositiveArg("conv_2d", nameof(filter_size), filter_size);
        PositiveArg("conv_2d", nameof(strides), strides);
        var conv = Made(new Conv2D(nb_filter, filter_size, strides, padding, activation: ActivationsApi.Get(activation), use_bias: bias,
            kernel_initializer: TFLearnInit(weights_init), bias_initializer: TFLearnInit(bias_init),
            kernel_regularizer: TFLearnRegularizers.Get(regularizer, weight_decay), name: Layer.UniqueName(name)) { trainable = trainable }, restore);
        return Next(incoming, conv);
    }

    /// <summary>TFLearn's max_pool_2d: strides default to the kernel size, 'same' padding.</summary>
    public static TFLearnTensor max_pool_2d(TFLearnTensor incoming, int kernel_size, int? strides = null, string padding = "same", string name = "MaxPool2D") =>
        Next(incoming, new MaxPooling2D(PositiveArg("max_pool_2d", nameof(kernel_size), kernel_size), PositiveArg("max_pool_2d", nameof(strides), strides ?? kernel_size), padding, name: Layer.UniqueName(name)));

    /// <summary>TFLearn's avg_pool_2d: strides default to the kernel size, 'same' padding.</summary>
    public static TFLearnTensor avg_pool_2d(TFLearnTensor incoming, int kernel_size, int? strides = null, string padding = "same", string name = "AvgPool2D") =>
        Next(incoming, new AveragePooling2D(PositiveArg("avg_pool_2d", nameof(kernel_size), kernel_size), PositiveArg("avg_pool_2d", nameof(strides), strides ?? kernel_size), padding, name: Layer.UniqueName(name)));

    /// <summary>TFLearn's global_avg_pool.</summary>
    public static TFLearnTensor global_avg_pool(TFLearnTensor incoming, string name = "GlobalAvgPool") => Next(incoming, new GlobalAveragePooling2D(name: Layer.UniqueName(name)));

    /// <summary>TFLearn's global_max_pool.</summary>
    public static TFLearnTensor global_max_pool(TFLearnTensor incoming, string name = "GlobalMaxPool") => Next(incoming, new GlobalMaxPooling2D(name: Layer.UniqueName(name)));

    /// <summary>TFLearn's batch_normalization: decay 0.9, epsilon 1e-5 (Keras: momentum 0.99, epsilon 1e-3).</summary>
    public static TFLearnTensor batch_normalization(TFLearnTensor incoming, double epsilon = 1e-5, double decay = 0.9, bool trainable = true,
        bool restore = true, string name = "BatchNormalization") =>
        Next(incoming, Made(new BatchNormalization(-1, decay, epsilon, name: Layer.UniqueName(name)) { trainable = trainable }, restore));

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
        return new TFLearnTensor(output, input, regressions, Register(layer));
    }

    /// <summary>
    /// TFLearn's regression: marks the output to train, with its optimizer, loss and metric.
    /// <paramref name="optimizer"/> is a name ("sgd", "adam", ...: built with
    /// <paramref name="learning_rate"/>; null is TFLearn's default "adam"), a KerasSharp optimizer
    /// (<c>tflearn.optimizers.Momentum(0.1)</c>), or an object that yields one (a TFLearn optimizer
    /// class's <c>get_tensor()</c>, or a property of type Optimizer). <paramref name="metric"/> is
    /// "default" (accuracy; none for an output of one value per sample), a name (<c>"R2"</c>,
    /// <c>"accuracy"</c>, <c>"top_k"</c>) or null for none; a metric object
    /// (<c>tflearn.metrics.Top_k(3)</c>) goes through the overload that takes one.
    /// <paramref name="name"/> is the key of this target in dictionary feeds (default
    /// "TargetsData", TFLearn's placeholder scope); <paramref name="op_name"/> the name the console
    /// shows (default: the optimizer's class name). <paramref name="restore"/> is accepted for
    /// TFLearn's signature: the facade saves no optimizer state, so there is nothing to leave out.
    /// </summary>
    public static TFLearnTensor regression(TFLearnTensor incoming, object? optimizer = null, string loss = "categorical_crossentropy",
        string? metric = "default", double learning_rate = 0.001, int batch_size = 64, bool shuffle_batches = true, bool restore = true,
        string? op_name = null, string? name = null) =>
        Regress(incoming, optimizer, loss, metric, learning_rate, batch_size, shuffle_batches, op_name, name);

    /// <summary>
    /// TFLearn's regression with a metric object: <c>regression(net, optimizer: sgd, metric: tflearn.metrics.Top_k(3))</c>.
    /// The other arguments are as in the overload that takes a metric name.
    /// </summary>
    public static TFLearnTensor regression<TMetric>(TFLearnTensor incoming, TMetric metric, object? optimizer = null, string loss = "categorical_crossentropy",
        double learning_rate = 0.001, int batch_size = 64, bool shuffle_batches = true, bool restore = true, string? op_name = null, string? name = null)
        where TMetric : metrics.Metric =>
        Regress(incoming, optimizer, loss, metric, learning_rate, batch_size, shuffle_batches, op_name, name);

    static TFLearnTensor Regress(TFLearnTensor incoming, object? optimizer, string loss, object? metric, double learning_rate, int batch_size,
        bool shuffle_batches, string? op_name, string? name)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (batch_size <= 0) throw new ArgumentException($"regression: batch_size must be a positive integer, received {batch_size}.");
        var (opt, optName) = ResolveOptimizer(optimizer ?? "adam", learning_rate);
        var shape = incoming.Keras.shape;
        metrics.Metric? m = metric switch
        {
            null => null,
            // TFLearn: "No auto accuracy for linear regression" (a rank-1 output).
            "default" => shape.Length == 1 ? null : metrics.Accuracy(),
            string s => metrics.get(s),
            metrics.Metric given => given,
            _ => throw new ArgumentException($"regression: metric must be a TFLearn metric, a name or null, received {metric.GetType().Name}."),
        };
        m?.Prepare(shape);
        var r = new Regression
        {
            Output = incoming.Keras, Optimizer = opt, OptimizerName = op_name ?? optName, Loss = TFLearnLosses.Get(loss),
            Metric = m, BatchSize = batch_size, Shuffle = shuffle_batches, TargetName = name ?? "TargetsData",
        };
        return new TFLearnTensor(incoming.Keras, incoming.Input, incoming.Regressions.Append(r).ToList(), incoming.Layer);
    }

    static (Optimizer, string) ResolveOptimizer(object optimizer, double learningRate)
    {
        switch (optimizer)
        {
            case string s: { var o = optimizers.get(s, learningRate); return (o, o.name); }
            case Optimizer o: return (o, o.name);
        }
        // A TFLearn optimizer object (tflearn.SGD(lr_decay: ...)): TFLearn calls build() then get_tensor(); a
        // property of type Optimizer works too. The console shows the object's class name, as TFLearn's type(opt).__name__.
        var type = optimizer.GetType();
        var flags = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance;
        var getTensor = type.GetMethod("get_tensor", flags, Type.EmptyTypes);
        if (getTensor is not null && typeof(Optimizer).IsAssignableFrom(getTensor.ReturnType))
        {
            if (type.GetMethods(flags).FirstOrDefault(mi => mi.Name == "build" && mi.GetParameters().All(p => p.IsOptional)) is { } build)
                build.Invoke(optimizer, build.GetParameters().Select(p => p.DefaultValue).ToArray());
            if (getTensor.Invoke(optimizer, null) is Optimizer fromMethod) return (fromMethod, type.Name);
        }
        var property = type.GetProperties(flags).FirstOrDefault(p => p.CanRead && p.GetIndexParameters().Length == 0 && typeof(Optimizer).IsAssignableFrom(p.PropertyType));
        if (property?.GetValue(optimizer) is Optimizer fromProperty) return (fromProperty, type.Name);
        throw new ArgumentException($"regression: optimizer must be a name (\"adam\", \"sgd\", ...), a KerasSharp Optimizer, or a TFLearn optimizer object; received {type.Name}, which yields no Optimizer (no get_tensor() method or Optimizer property).");
    }

    /// <summary>TFLearn's deep neural network model.</summary>
    public static DNN DNN(TFLearnTensor network, double clip_gradients = 5.0, int tensorboard_verbose = 0, string tensorboard_dir = "/tmp/tflearn_logs/",
        string? checkpoint_path = null, string? best_checkpoint_path = null, int? max_checkpoints = null, double best_val_accuracy = 0.0)
        => new(network, clip_gradients, tensorboard_verbose, tensorboard_dir, checkpoint_path, best_checkpoint_path, max_checkpoints, best_val_accuracy);
}
