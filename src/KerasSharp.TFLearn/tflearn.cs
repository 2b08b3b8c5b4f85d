using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

#pragma warning disable CS8981 // lower-case root, as tflearn in Python
namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's functions, with TFLearn's defaults, building a Keras graph that trains through
/// KerasSharp's one trainer. <c>using KerasSharp.TFLearn;</c> brings it in.
/// </summary>
public static class tflearn
{
    /// <summary>TFLearn's input layer; shape is [None, ...] (a leading None is added when missing).</summary>
    public static TFLearnTensor input_data(int?[] shape, string name = "InputData")
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = shape.Length > 1 && shape[0] is null ? shape.Skip(1) : shape;
        if (dims.Any(d => d is null))
            throw new ArgumentException($"input_data: only the batch dimension may be None; received shape [{string.Join(", ", shape.Select(d => d?.ToString() ?? "None"))}].");
        var input = keras.Input(shape: dims.Select(d => d!.Value).ToArray(), name: Layer.UniqueName(name));
        return new TFLearnTensor(input, input);
    }

    /// <summary>TFLearn's truncated normal initializer (stddev 0.02).</summary>
    static Initializer TFLearnInit(string name) => name switch
    {
        "truncated_normal" => new TruncatedNormalInitializer(0.0, 0.02),
        "normal" => new RandomNormal(0.0, 0.02),
        "zeros" => InitializersApi.get("zeros"),
        "xavier" => InitializersApi.get("glorot_uniform"),
        "uniform_scaling" => new FunctionInitializer("UniformScaling", s =>
        {
            double fanIn = s.Take(s.Length - 1).Aggregate(1.0, (a, b) => a * b);
            double max = Math.Sqrt(3.0 / fanIn);
            return torch.rand(s) * (2 * max) - max;
        }),
        _ => throw new ArgumentException($"Unknown TFLearn initializer '{name}'. Known: truncated_normal, normal, uniform_scaling, xavier, zeros."),
    };

    /// <summary>TFLearn's fully_connected: flattens a non-2-D input; weights truncated_normal(0.02), bias zeros.</summary>
    public static TFLearnTensor fully_connected(TFLearnTensor incoming, int n_units, string activation = "linear", bool bias = true,
        string weights_init = "truncated_normal", string bias_init = "zeros", string name = "FullyConnected")
    {
        var x = incoming.Keras;
        if (x.shape.Length > 2) x = keras.layers.Flatten().Apply(x);
        var dense = new Dense(n_units, activation: ActivationsApi.get(activation), use_bias: bias,
            kernel_initializer: TFLearnInit(weights_init), bias_initializer: TFLearnInit(bias_init), name: Layer.UniqueName(name));
        return new TFLearnTensor(dense.Apply(x), incoming.Input, incoming.Regressions);
    }

    static readonly string[] OptimizerNames = { "sgd", "rmsprop", "adam", "momentum", "adagrad", "adadelta", "nesterov" };

    /// <summary>TFLearn's optimizers by name, with TFLearn's defaults (Adam ε 1e-8, RMSProp decay 0.9 ε 1e-10).</summary>
    static (Optimizer opt, string display) MakeOptimizer(string name, double lr) => (name.ToLowerInvariant()) switch
    {
        "sgd" => (new SGD(lr), "SGD"),
        "adam" => (new Adam(lr, epsilon: 1e-8), "Adam"),
        "rmsprop" => (new RMSprop(lr, rho: 0.9, epsilon: 1e-10), "RMSProp"),
        "momentum" => (new SGD(lr, momentum: 0.9), "Momentum"),
        "nesterov" => (new SGD(lr, momentum: 0.9, nesterov: true), "Nesterov"),
        "adagrad" => (new Adagrad(lr, initial_accumulator_value: 0.1, epsilon: 1e-7), "AdaGrad"),
        "adadelta" => (new Adadelta(lr, rho: 0.1, epsilon: 1e-8), "AdaDelta"),
        _ => throw new ArgumentException($"Unknown TFLearn optimizer '{name}'. Known optimizer names: {string.Join(", ", OptimizerNames)}."),
    };

    static readonly string[] LossNames = { "mean_square", "categorical_crossentropy", "softmax_categorical_crossentropy", "binary_crossentropy", "hinge_loss" };

    static Loss MakeLoss(string name) => name switch
    {
        "mean_square" => LossesApi.get("mse"),
        // TFLearn renormalizes and clips at 1e-10; Keras clips at 1e-7 (see docs/porting-tflearn.md).
        "categorical_crossentropy" => LossesApi.get("categorical_crossentropy"),
        "softmax_categorical_crossentropy" => keras.losses.CategoricalCrossentropy(from_logits: true),
        // TFLearn's binary_crossentropy is sigmoid_cross_entropy_with_logits: it takes logits.
        "binary_crossentropy" => keras.losses.BinaryCrossentropy(from_logits: true),
        "hinge_loss" => LossesApi.get("hinge"),
        _ => throw new ArgumentException($"Unknown TFLearn loss '{name}'. Known loss names: {string.Join(", ", LossNames)}."),
    };

    /// <summary>TFLearn's regression: marks the output to train, with its optimizer, loss and metric.</summary>
    public static TFLearnTensor regression(TFLearnTensor incoming, string optimizer = "adam", string loss = "categorical_crossentropy",
        string? metric = "default", double learning_rate = 0.001, int batch_size = 64, bool shuffle_batches = true)
    {
        var (opt, display) = MakeOptimizer(optimizer, learning_rate);
        var r = new Regression
        {
            Output = incoming.Keras, Optimizer = opt, OptimizerName = display, Loss = MakeLoss(loss),
            Metric = metric is not null, BinaryMetric = incoming.Keras.shape[^1] == 1,
            BatchSize = batch_size, Shuffle = shuffle_batches,
        };
        return new TFLearnTensor(incoming.Keras, incoming.Input, incoming.Regressions.Append(r).ToList());
    }

    /// <summary>TFLearn's deep neural network model.</summary>
    public static DNN DNN(TFLearnTensor network, double clip_gradients = 5.0, int tensorboard_verbose = 0, string tensorboard_dir = "/tmp/tflearn_logs/")
        => new(network, clip_gradients, tensorboard_verbose, tensorboard_dir);
}
