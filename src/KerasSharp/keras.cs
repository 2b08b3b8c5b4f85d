using KerasSharp.Activations;
using KerasSharp.Callbacks;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;
using NumSharp;

#pragma warning disable CS8981 // lower-case root, as keras in Python and torch in TorchSharp
namespace KerasSharp;

/// <summary>
/// The root a user types, as in Python: <c>keras.Sequential(...)</c>, <c>keras.layers.Dense(...)</c>,
/// <c>keras.optimizers.Adam()</c>. One <c>using KerasSharp;</c> brings it in.
/// </summary>
public static class keras
{
    /// <summary>Layer factories.</summary>
    public static LayersApi layers => LayersApi.Instance;
    /// <summary>Optimizers.</summary>
    public static OptimizersApi optimizers => OptimizersApi.Instance;
    /// <summary>Losses.</summary>
    public static LossesApi losses => LossesApi.Instance;
    /// <summary>Metrics.</summary>
    public static MetricsApi metrics => MetricsApi.Instance;
    /// <summary>Activation functions.</summary>
    public static ActivationsApi activations => ActivationsApi.Instance;
    /// <summary>Initializers.</summary>
    public static InitializersApi initializers => InitializersApi.Instance;
    /// <summary>Regularizers.</summary>
    public static RegularizersApi regularizers => RegularizersApi.Instance;
    /// <summary>Callbacks.</summary>
    public static CallbacksApi callbacks => CallbacksApi.Instance;
    /// <summary>Utilities (set_random_seed, to_categorical).</summary>
    public static UtilsApi utils => UtilsApi.Instance;
    /// <summary>Datasets: cifar10, mnist, fashion_mnist.</summary>
    public static Datasets.DatasetsApi datasets => Datasets.DatasetsApi.Instance;
    /// <summary>keras.models (load_model).</summary>
    public static ModelsApi models => ModelsApi.Instance;
    /// <summary>keras.saving (load_model).</summary>
    public static ModelsApi saving => ModelsApi.Instance;
    /// <summary>keras.random: seeded normal, uniform and truncated-normal samples.</summary>
    public static Backend.RandomApi random => Backend.RandomApi.Instance;
    /// <summary>Backend settings (device, clear_session).</summary>
    public static BackendApi backend => BackendApi.Instance;

    /// <summary>A Sequential model from layers (a keras.Input may come first).</summary>
    public static Sequential Sequential(params Layer[] layers) => new(layers);
    /// <summary>A Sequential model from a list of layers, with a name.</summary>
    public static Sequential Sequential(IEnumerable<Layer>? layers = null, string? name = null) => new(layers, name);
    /// <summary>A symbolic input of this shape (batch dimension excluded).</summary>
    public static KerasTensor Input(int[] shape, string? name = null) => new InputLayer(shape, name).output;
    /// <summary>
    /// Keras's Input: <paramref name="shape"/> excludes the batch dimension and may hold null for
    /// unknown dimensions (<c>shape: new int?[] { null, 3 }</c>); <paramref name="batch_shape"/> includes it.
    /// </summary>
    public static KerasTensor Input(int?[]? shape = null, int? batch_size = null, int?[]? batch_shape = null, string? name = null) =>
        new InputLayer(shape, batch_size, batch_shape, name).output;
    /// <summary>A functional model from one input to one output.</summary>
    public static Model Model(KerasTensor inputs, KerasTensor outputs, string? name = null) => new(new[] { inputs }, new[] { outputs }, name);
    /// <summary>A functional model from inputs to outputs.</summary>
    public static Model Model(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null) => new(inputs, outputs, name);
    /// <summary>A functional model from inputs to one output (<c>keras.Model(inputs: model.inputs, outputs: layer.output)</c>).</summary>
    public static Model Model(IReadOnlyList<KerasTensor> inputs, KerasTensor outputs, string? name = null) => new(inputs, new[] { outputs }, name);
    /// <summary>A functional model from one input to several outputs.</summary>
    public static Model Model(KerasTensor inputs, IReadOnlyList<KerasTensor> outputs, string? name = null) => new(new[] { inputs }, outputs, name);
}

/// <summary><c>keras.models</c> and <c>keras.saving</c>.</summary>
public sealed class ModelsApi
{
    internal static readonly ModelsApi Instance = new();
    /// <summary>Loads a .keras file written by KerasSharp or by Keras 3. Safe with files from strangers: only KerasSharp's own classes are created.</summary>
    public Model load_model(string filepath, bool compile = true) => Saving.KerasArchive.Load(filepath, compile);
}

/// <summary><c>keras.callbacks</c>.</summary>
public sealed class CallbacksApi
{
    internal static readonly CallbacksApi Instance = new();
    /// <summary>Keras EarlyStopping.</summary>
    public EarlyStopping EarlyStopping(string monitor = "val_loss", double min_delta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restore_best_weights = false, int start_from_epoch = 0)
        => new(monitor, min_delta, patience, verbose, mode, baseline, restore_best_weights, start_from_epoch);
    /// <summary>Keras TerminateOnNaN.</summary>
    public TerminateOnNaN TerminateOnNaN(bool raise_error = false) => new(raise_error);
    /// <summary>Keras LearningRateScheduler with schedule(epoch, lr).</summary>
    public LearningRateScheduler LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0) => new(schedule, verbose);
    /// <summary>Keras LearningRateScheduler with schedule(epoch).</summary>
    public LearningRateScheduler LearningRateScheduler(Func<int, double> schedule, int verbose = 0) => new(schedule, verbose);
    /// <summary>Keras ReduceLROnPlateau.</summary>
    public ReduceLROnPlateau ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double min_delta = 1e-4, int cooldown = 0, double min_lr = 0.0)
        => new(monitor, factor, patience, verbose, mode, min_delta, cooldown, min_lr);
    /// <summary>Keras LambdaCallback.</summary>
    public LambdaCallback LambdaCallback(Action<int, Training.Logs?>? on_epoch_begin = null, Action<int, Training.Logs>? on_epoch_end = null,
        Action<Training.Logs?>? on_train_begin = null, Action<Training.Logs?>? on_train_end = null,
        Action<int, Training.Logs?>? on_train_batch_begin = null, Action<int, Training.Logs>? on_train_batch_end = null)
        => new(on_epoch_begin, on_epoch_end, on_train_begin, on_train_end, on_train_batch_begin, on_train_batch_end);
    /// <summary>Keras CSVLogger.</summary>
    public CSVLogger CSVLogger(string filename, string separator = ",", bool append = false) => new(filename, separator, append);
    /// <summary>Keras ProgbarLogger.</summary>
    public ProgbarLogger ProgbarLogger() => new();
    /// <summary>Keras History.</summary>
    public History History() => new();
    /// <summary>Keras ModelCheckpoint.</summary>
    public ModelCheckpoint ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false,
        bool save_weights_only = false, string mode = "auto", object? save_freq = null, double? initial_value_threshold = null)
        => new(filepath, monitor, verbose, save_best_only, save_weights_only, mode, save_freq, initial_value_threshold);
    /// <summary>Keras BackupAndRestore.</summary>
    public BackupAndRestore BackupAndRestore(string backup_dir, bool delete_checkpoint = true) => new(backup_dir, delete_checkpoint);
    /// <summary>Keras TensorBoard (update_freq: "epoch", "batch" or a number of batches).</summary>
    public Callbacks.TensorBoard TensorBoard(string log_dir = "logs", int histogram_freq = 0, bool write_graph = true, bool write_images = false,
        bool write_steps_per_second = false, object? update_freq = null, int profile_batch = 0, int embeddings_freq = 0, object? embeddings_metadata = null,
        IReadOnlyDictionary<string, object?>? hparams = null)
        => new(log_dir, histogram_freq, write_graph, write_images, write_steps_per_second, update_freq, profile_batch, embeddings_freq, embeddings_metadata, hparams);
}

/// <summary><c>keras.utils</c>.</summary>
public sealed class UtilsApi
{
    internal static readonly UtilsApi Instance = new();

    /// <summary>Seeds every random source KerasSharp uses, so that a CPU run repeats bit for bit.</summary>
    public void set_random_seed(long seed) => Backend.Seeds.Set(seed);

    /// <summary>One-hot encodes class indices: [N] → [N, num_classes].</summary>
    public float[,] to_categorical(IReadOnlyList<long> y, int? num_classes = null) => OneHot(y, num_classes);
    /// <summary>One-hot encodes long labels.</summary>
    public float[,] to_categorical(long[] y, int? num_classes = null) => OneHot(y, num_classes);

    static float[,] OneHot(IReadOnlyList<long> y, int? num_classes)
    {
        int n = y.Count;
        int k = num_classes ?? (int)(y.Count == 0 ? 0 : y.Max() + 1);
        var r = new float[n, k];
        for (int i = 0; i < n; i++)
        {
            if (y[i] < 0 || y[i] >= k) throw new ArgumentException($"to_categorical: label {y[i]} at index {i} is outside [0, {k}).");
            r[i, y[i]] = 1;
        }
        return r;
    }

    /// <summary>One-hot encodes int labels.</summary>
    public float[,] to_categorical(int[] y, int? num_classes = null) => OneHot(y.Select(v => (long)v).ToArray(), num_classes);
    /// <summary>One-hot encodes byte labels (what the image datasets hold).</summary>
    public float[,] to_categorical(byte[] y, int? num_classes = null) => OneHot(y.Select(v => (long)v).ToArray(), num_classes);
    /// <summary>One-hot encodes float labels, cast to integers as numpy's int64 cast does (toward zero).</summary>
    public float[,] to_categorical(float[] y, int? num_classes = null) => OneHot(y.Select(v => (long)v).ToArray(), num_classes);
    /// <summary>One-hot encodes double labels, cast to integers as numpy's int64 cast does (toward zero).</summary>
    public float[,] to_categorical(double[] y, int? num_classes = null) => OneHot(y.Select(v => (long)v).ToArray(), num_classes);

    /// <summary>
    /// Keras's to_categorical on an array, as <c>keras.datasets.*.load_data()</c> returns labels: the
    /// labels are cast to integers, a trailing dimension of 1 is dropped ([N, 1] → [N]), and a last
    /// dimension of <paramref name="num_classes"/> (default: the largest label + 1) is added. float32
    /// (Keras returns float64; networks train in float32).
    /// </summary>
    public NDArray to_categorical(NDArray y, int? num_classes = null)
    {
        using var t = Utils.Arrays.ToTensor(y, "y");
        using var r = to_categorical(t, num_classes);
        return Utils.Arrays.ToNDArray(r);
    }

    /// <summary>Keras's to_categorical on a tensor: as on an array; returns a float32 tensor.</summary>
    public TorchSharp.torch.Tensor to_categorical(TorchSharp.torch.Tensor y, int? num_classes = null)
    {
        var shape = y.shape.ToList();
        if (shape.Count > 1 && shape[^1] == 1) shape.RemoveAt(shape.Count - 1);
        var labels = y.detach().cpu().to(TorchSharp.torch.float64).trunc().to(TorchSharp.torch.int64).reshape(-1).data<long>().ToArray();
        var flat = OneHot(labels, num_classes);
        shape.Add(flat.GetLength(1));
        return TorchSharp.torch.tensor(flat).reshape(shape.ToArray());
    }

    /// <summary>
    /// Keras's plot_model: draws the model's graph into <paramref name="to_file"/> with Graphviz's
    /// <c>dot</c> (installed apart: <c>apt-get install graphviz</c>), in the format of the file's
    /// extension (.png, .svg, .pdf, ...; none: PNG). Keras's arguments and defaults.
    /// </summary>
    public void plot_model(Model model, string to_file = "model.png", bool show_shapes = false, bool show_dtype = false,
        bool show_layer_names = false, string rankdir = "TB", bool expand_nested = false, int dpi = 200,
        bool show_layer_activations = false, bool show_trainable = false, string splines = "ortho")
        => Utils.PlotModel.Plot(model, to_file, show_shapes, show_dtype, show_layer_names, rankdir, expand_nested, dpi,
            show_layer_activations, show_trainable, splines);

    /// <summary>Keras's model_to_dot: the Graphviz DOT text that plot_model draws (note: show_layer_names defaults to true here, as in Keras).</summary>
    public string model_to_dot(Model model, bool show_shapes = false, bool show_dtype = false, bool show_layer_names = true,
        string rankdir = "TB", bool expand_nested = false, int dpi = 200, bool subgraph = false, bool show_layer_activations = false,
        bool show_trainable = false, string splines = "ortho")
        => Utils.PlotModel.ToDot(model, show_shapes, show_dtype, show_layer_names, rankdir, expand_nested, dpi, subgraph,
            show_layer_activations, show_trainable, splines);
}

/// <summary><c>keras.backend</c>.</summary>
public sealed class BackendApi
{
    internal static readonly BackendApi Instance = new();
    /// <summary>"auto" (default: CUDA when available), "cpu" or "cuda".</summary>
    public void set_device(string device) => Backend.DeviceManager.Set(device);
    /// <summary>The device training runs on ("cpu", "cuda").</summary>
    public string get_device() => Backend.DeviceManager.Current.ToString();
    /// <summary>Resets automatic layer names, as Keras's clear_session.</summary>
    public void clear_session() => Layer.ResetNames();
    /// <summary>Keras's epsilon, 1e-7.</summary>
    public double epsilon() => Loss.Epsilon;
    /// <summary>Always "channels_last" at the public boundary.</summary>
    public string image_data_format() => "channels_last";
}
