using KerasSharp;
using KerasSharp.Build;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>summary() text and counts against Keras's, and the promised errors.</summary>
public class SummaryAndErrorTests
{
    [Fact]
    public void Summary_matches_keras_3_text_for_the_documented_two_layer_network()
    {
        keras.backend.clear_session();
        var model = keras.Sequential(keras.Input(shape: new[] { 32 }), keras.layers.Dense(64, activation: "relu"), keras.layers.Dense(10));
        // Keras 3 prints this (non-terminal width 76) for the same network.
        var expected =
            "Model: \"sequential\"\n" +
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n" +
            "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n" +
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n" +
            "│ dense (Dense)                   │ (None, 64)             │         2,112 │\n" +
            "├─────────────────────────────────┼────────────────────────┼───────────────┤\n" +
            "│ dense_1 (Dense)                 │ (None, 10)             │           650 │\n" +
            "└─────────────────────────────────┴────────────────────────┴───────────────┘\n" +
            " Total params: 2,762 (10.79 KB)\n" +
            " Trainable params: 2,762 (10.79 KB)\n" +
            " Non-trainable params: 0 (0.00 B)\n";
        Assert.Equal(expected, model.summary_text(line_length: 76));
    }

    [Fact]
    public void Parameter_counts_equal_keras_for_the_mnist_mlp_and_the_cifar_convnet()
    {
        var mlp = keras.Sequential(keras.Input(shape: new[] { 784 }), keras.layers.Dense(512, activation: "relu"),
            keras.layers.Dense(512, activation: "relu"), keras.layers.Dense(10, activation: "softmax"));
        Assert.Equal(669_706, mlp.count_params());

        var conv = keras.Sequential(keras.Input(shape: new[] { 32, 32, 3 }),
            keras.layers.Conv2D(32, 3, padding: "same", activation: "relu"), keras.layers.MaxPooling2D(2, padding: "same"),
            keras.layers.Conv2D(64, 3, padding: "same", activation: "relu"), keras.layers.Conv2D(64, 3, padding: "same", activation: "relu"),
            keras.layers.MaxPooling2D(2, padding: "same"), keras.layers.Flatten(), keras.layers.Dense(512, activation: "relu"),
            keras.layers.Dropout(0.5), keras.layers.Dense(10, activation: "softmax"));
        Assert.Equal(new long[] { 896, 0, 18_496, 36_928, 0, 0, 2_097_664, 0, 5_130 }, conv.layers.Select(l => l.count_params()).ToArray());
        var text = conv.summary_text(76);
        Assert.Contains("(None, 8, 8, 64)", text);
        Assert.Contains(" Total params: 2,159,114 (8.24 MB)", text);
    }

    [Fact]
    public void Unknown_optimizer_name_lists_the_known_names()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        var e = Assert.Throws<ArgumentException>(() => m.compile(optimizer: "adamm", loss: "mse"));
        Assert.Equal("Unknown optimizer 'adamm'. Known optimizer names: adadelta, adagrad, adam, adamax, adamw, ftrl, lion, nadam, rmsprop, sgd.", e.Message);
    }

    [Fact]
    public void Unknown_loss_activation_and_initializer_names_list_the_known_names()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        Assert.StartsWith("Unknown loss 'mean_square'. Known loss names: ", Assert.Throws<ArgumentException>(() => m.compile(optimizer: "sgd", loss: "mean_square")).Message);
        var a = Assert.Throws<ArgumentException>(() => keras.layers.Dense(1, activation: "rellu"));
        Assert.Contains("Unknown activation 'rellu'", a.Message);
        Assert.Contains("relu, relu6", a.Message);
        Assert.Contains("Unknown initializer 'glorot'", Assert.Throws<ArgumentException>(() => keras.layers.Dense(1, kernel_initializer: "glorot")).Message);
    }

    [Fact]
    public void Input_of_the_wrong_width_names_the_layer_the_expected_and_the_received_shape()
    {
        keras.backend.clear_session();
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: "sgd", loss: "mse");
        var e = Assert.Throws<ArgumentException>(() => m.fit(new float[4, 3], new float[4, 1], verbose: 0));
        Assert.Equal("Input 0 of layer \"dense\" is incompatible with the layer: expected shape (None, 2), but received input with shape (4, 3).", e.Message);
    }

    [Fact]
    public void Targets_of_the_wrong_shape_name_the_output_layer_and_both_shapes()
    {
        keras.backend.clear_session();
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(3, activation: "softmax"));
        m.compile(optimizer: "sgd", loss: "categorical_crossentropy");
        var e = Assert.Throws<ArgumentException>(() => m.fit(new float[4, 2], new float[4, 2], verbose: 0));
        Assert.Equal("Target for output 0 (layer \"dense\") does not fit: expected shape (None, 3), received targets with shape (4, 2).", e.Message);
    }

    [Fact]
    public void Functional_layer_called_on_an_incompatible_tensor_names_the_shapes()
    {
        var a = keras.Input(shape: new[] { 4 });
        var b = keras.Input(shape: new[] { 3 });
        var d = keras.layers.Dense(2, name: "shared");
        d.Apply(a);
        var e = Assert.Throws<ArgumentException>(() => d.Apply(b));
        // Keras 3.15.1's texts (kpython: Dense(2, name='shared') on Input((4,)) then Input((3,)); Add()([Input((4,)), Input((3,))])).
        Assert.Equal("Input 0 with name 'None' of layer 'shared' is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape (None, 3)", e.Message);
        var add = Assert.Throws<ArgumentException>(() => keras.layers.Add().Apply(a, b));
        Assert.Equal("Inputs have incompatible shapes. Received shapes (4,) and (3,)", add.Message);
    }

    [Fact]
    public void Cuda_request_without_cuda_is_a_clear_error()
    {
        if (TorchSharp.torch.cuda.is_available()) return;
        var e = Assert.Throws<InvalidOperationException>(() => keras.backend.set_device("cuda"));
        Assert.StartsWith("set_device(\"cuda\"): CUDA is not available.", e.Message);
        Assert.Contains("Unknown device 'tpu'", Assert.Throws<ArgumentException>(() => keras.backend.set_device("tpu")).Message);
    }

    [Fact]
    public void First_training_call_after_set_device_prints_the_device_in_one_line()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: "sgd", loss: "mse");
        var previous = Console.Out;
        var console = new StringWriter();
        try
        {
            keras.backend.set_device("cpu");
            Console.SetOut(console);
            m.fit(new float[4, 2], new float[4, 1], epochs: 2, verbose: 0);
            m.fit(new float[4, 2], new float[4, 1], epochs: 1, verbose: 0);
        }
        finally { Console.SetOut(previous); keras.backend.set_device("auto"); }
        Assert.Equal($"KerasSharp: training on cpu, {TorchSharp.torch.get_num_threads()} threads (set_device).\n", console.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Functional_model_with_concatenate_add_and_multiply_computes_the_merges()
    {
        var a = keras.Input(shape: new[] { 2 });
        var b = keras.Input(shape: new[] { 2 });
        var cat = keras.layers.Concatenate().Apply(a, b);
        var sum = keras.layers.Add().Apply(a, b);
        var prod = keras.layers.Multiply().Apply(a, b);
        var m = keras.Model(new[] { a, b }, new[] { cat, sum, prod });
        var outs = m.predict_outputs(new object[] { new float[,] { { 1, 2 } }, new float[,] { { 3, 4 } } });
        Assert.Equal(new float[] { 1, 2, 3, 4 }, outs[0].ToArray<float>());
        Assert.Equal(new float[] { 4, 6 }, outs[1].ToArray<float>());
        Assert.Equal(new float[] { 3, 8 }, outs[2].ToArray<float>());
        Assert.Contains("Connected to", m.summary_text(108));
    }
}

/// <summary>The ELF fix that lets TorchSharp's native glue load on Debian 12.</summary>
public class NativeFixTests
{
    static string? PristineGlue()
    {
        string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string p = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(p) ? p : null;
    }

    /// <summary>Runs a check on a temporary copy of the pristine glue from the NuGet cache.</summary>
    static void OnCopy(Action<string, string> check)
    {
        var src = PristineGlue();
        Assert.NotNull(src);
        string copy = Path.Combine(Path.GetTempPath(), $"glue-{Guid.NewGuid():N}.so");
        File.Copy(src!, copy);
        try { check(src!, copy); }
        finally { File.Delete(copy); }
    }

    [Fact]
    public void Pristine_glue_needs_glibcxx_3_4_32_and_the_fix_weakens_exactly_the_missing_versions_once() => OnCopy((src, copy) =>
        {
            var needs = ElfVersionPatcher.ReadVersionNeeds(copy);
            Assert.Contains(needs, n => n.File == "libstdc++.so.6" && n.Name == "GLIBCXX_3.4.32" && n.Flags == 0);
            // A libstdc++ like Debian 12's: every version up to 3.4.30.
            var available = new HashSet<string>(needs.Where(n => n.File == "libstdc++.so.6" && n.Name != "GLIBCXX_3.4.32").Select(n => n.Name));
            var first = ElfVersionPatcher.WeakenMissing(copy, "libstdc++.so.6", available);
            Assert.Equal(new[] { "GLIBCXX_3.4.32" }, first.Weakened);
            Assert.Equal(2, ElfVersionPatcher.ReadVersionNeeds(copy).Single(n => n.Name == "GLIBCXX_3.4.32").Flags);
            var second = ElfVersionPatcher.WeakenMissing(copy, "libstdc++.so.6", available);
            Assert.Empty(second.Weakened);
            Assert.Equal(new[] { "GLIBCXX_3.4.32" }, second.AlreadyWeak);
            // With every version present (Ubuntu 24.04, Debian 13) nothing is touched.
            var all = new HashSet<string>(needs.Select(n => n.Name));
            Assert.Equal("libstdc++.so.6 provides every version it needs", ElfVersionPatcher.WeakenMissing(src, "libstdc++.so.6", all).Skipped);
        });

    [Fact]
    public void Fix_refuses_a_version_that_a_relocation_really_uses() => OnCopy((src, copy) =>
        {
            var needs = ElfVersionPatcher.ReadVersionNeeds(copy);
            // Pretend the system lacks GLIBCXX_3.4 itself, which many relocated symbols need.
            var available = new HashSet<string>(needs.Select(n => n.Name).Where(n => n != "GLIBCXX_3.4"));
            var e = Assert.Throws<InvalidOperationException>(() => ElfVersionPatcher.WeakenMissing(copy, "libstdc++.so.6", available));
            Assert.Contains("needs GLIBCXX_3.4 from libstdc++.so.6 for a symbol that is relocated at load time", e.Message);
            Assert.Equal(File.ReadAllBytes(src), File.ReadAllBytes(copy));
        });

    [Fact]
    public void Fix_refuses_a_file_that_is_not_elf_and_changes_nothing()
    {
        string f = Path.Combine(Path.GetTempPath(), $"not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllText(f, "hello");
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.WeakenMissing(f, "libstdc++.so.6", new HashSet<string>()));
        Assert.Contains("no ELF magic number. Nothing was changed.", e.Message);
        Assert.Equal("hello", File.ReadAllText(f));
        File.Delete(f);
    }
}
