using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using KerasSharp.Models;
using PureHDF;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// What loading says about files it cannot take: every config key is honoured or refused with an
/// error naming the object, the key and the value; HDF5 failures name the file and the dataset.
/// The files are the real Keras's (Fixtures/keras3) with one thing changed.
/// </summary>
public partial class SavingErrorTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-saveerr-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }

    static string Fixture(string name) => SavingKerasRunner.TestPath("Fixtures", "keras3", name);

    /// <summary>A copy of a Keras fixture whose config.json is changed by <paramref name="edit"/>.</summary>
    static string WithConfig(string fixture, Action<JsonObject> edit)
    {
        var path = Path.Combine(TempDir(), fixture);
        using (var src = ZipFile.OpenRead(Fixture(fixture)))
        using (var dst = ZipFile.Open(path, ZipArchiveMode.Create))
            foreach (var e in src.Entries)
            {
                using var input = e.Open();
                using var ms = new MemoryStream();
                input.CopyTo(ms);
                var bytes = ms.ToArray();
                if (e.FullName == "config.json")
                {
                    var root = JsonNode.Parse(bytes)!.AsObject();
                    edit(root);
                    bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
                }
                using var output = dst.CreateEntry(e.FullName).Open();
                output.Write(bytes);
            }
        return path;
    }

    static JsonObject Layer(JsonObject root, int i) => root["config"]!["layers"]![i]!["config"]!.AsObject();

    [Fact]
    public void An_unknown_layer_config_key_is_refused_naming_the_layer_the_key_and_the_value()
    {
        var path = WithConfig("mlp_adam.keras", r => Layer(r, 1)["kernel_constraint"] = JsonNode.Parse("{\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 2}}"));
        var e = Assert.Throws<NotSupportedException>(() => keras.models.load_model(path));
        Assert.Equal("Dense 'dense': config key 'kernel_constraint' = {\"class_name\":\"MaxNorm\",\"config\":{\"max_value\":2}} is not supported by KerasSharp (supported: null).", e.Message);

        path = WithConfig("mlp_adam.keras", r => Layer(r, 1)["units_per_head"] = 4);
        Assert.Equal("Dense 'dense': config key 'units_per_head' = 4 is not supported by KerasSharp.", Assert.Throws<NotSupportedException>(() => keras.models.load_model(path)).Message);
    }

    [Fact]
    public void A_missing_required_key_is_an_error_not_a_default()
    {
        var path = WithConfig("mlp_adam.keras", r => Layer(r, 1).Remove("units"));
        Assert.Equal("Dense 'dense': config has no 'units', which this class needs.", Assert.Throws<InvalidDataException>(() => keras.models.load_model(path)).Message);
    }

    [Fact]
    public void Optimizer_and_compile_keys_kerassharp_cannot_honour_are_refused()
    {
        JsonObject Opt(JsonObject r) => r["compile_config"]!["optimizer"]!["config"]!.AsObject();
        // Keras 3's weight_decay is honoured (decoupled, as Keras applies it).
        var path = WithConfig("mlp_adam.keras", r => Opt(r)["weight_decay"] = 0.004);
        Assert.Equal(0.004, keras.models.load_model(path).optimizer!.weight_decay);
        path = WithConfig("mlp_adam.keras", r => Opt(r)["use_ema"] = true);
        Assert.Equal("Adam: use_ema=True is not supported: KerasSharp does not keep an exponential moving average of the weights.",
            Assert.Throws<NotSupportedException>(() => keras.models.load_model(path)).Message);
        path = WithConfig("mlp_adam.keras", r => Opt(r)["lookahead"] = 5);
        Assert.Equal("Adam: argument(s) not recognized: {'lookahead': 5.0}. Known arguments: amsgrad, beta_1, beta_2, clipnorm, clipvalue, decay, ema_momentum, ema_overwrite_frequency, epsilon, global_clipnorm, gradient_accumulation_steps, learning_rate, loss_scale_factor, name, use_ema, weight_decay.",
            Assert.Throws<ArgumentException>(() => keras.models.load_model(path)).Message);
        path = WithConfig("mlp_adam.keras", r => r["compile_config"]!["steps_per_execution"] = 8);
        Assert.Equal("compile_config: config key 'steps_per_execution' = 8 is not supported by KerasSharp (supported: 1 (KerasSharp runs callbacks after every batch)).",
            Assert.Throws<NotSupportedException>(() => keras.models.load_model(path)).Message);
        // Loading without compiling reads none of these.
        Assert.Null(keras.models.load_model(path, compile: false).optimizer);
    }

    [Fact]
    public void Initializer_and_regularizer_configs_are_read_strictly()
    {
        var path = WithConfig("mlp_adam.keras", r => Layer(r, 1)["kernel_initializer"]!["config"]!["gain"] = 2);
        Assert.Equal("GlorotUniform.__init__() got an unexpected keyword argument 'gain'. GlorotUniform takes: seed, input_axes, output_axes.", Assert.Throws<ArgumentException>(() => keras.models.load_model(path)).Message);
        path = WithConfig("mlp_adam.keras", r => Layer(r, 1)["kernel_regularizer"]!["config"]!["l3"] = 1);
        Assert.Equal("L2: argument(s) not recognized: {'l3': 1.0}. Known arguments: l2.", Assert.Throws<ArgumentException>(() => keras.models.load_model(path)).Message);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_names_itself()
    {
        var path = Path.Combine(TempDir(), "w.weights.h5");
        File.WriteAllText(path, "not an HDF5 file");
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        Assert.StartsWith($"'{path}' is not a readable HDF5 file: ", Assert.Throws<InvalidDataException>(() => m.load_weights(path)).Message);
    }

    static Sequential Mlp()
    {
        var m = keras.Sequential(new Layers.Layer[] { keras.Input(shape: new[] { 4 }), keras.layers.Dense(8, activation: "relu", name: "dense"), keras.layers.Dropout(0.25),
            keras.layers.Dense(3, activation: "softmax", name: "dense_1") });
        m.compile(optimizer: new Optimizers.Adam(learning_rate: 0.005, name: "adam"), loss: "categorical_crossentropy");
        return m;
    }

    /// <summary>A copy of Keras's mlp_adam.weights.h5 with one dataset replaced.</summary>
    static string WeightsWith(string dataset, H5Dataset replacement)
    {
        // PureHDF writes whole files: rebuild Keras's file with the same groups and datasets.
        var root = new H5File();
        using (var f = H5File.OpenRead(Fixture("mlp_adam.weights.h5")))
        {
            void Copy(IH5Group from, H5Group to, string prefix)
            {
                foreach (var child in from.Children())
                {
                    string p = prefix + child.Name;
                    if (child is IH5Group g) { var ng = new H5Group(); to[child.Name] = ng; Copy(g, ng, p + "/"); }
                    else if (p == dataset) to[child.Name] = replacement;
                    else
                    {
                        var ds = (IH5Dataset)child;
                        var dims = ds.Space.Dimensions;
                        to[child.Name] = ds.Type.Class == H5DataTypeClass.FixedPoint ? new H5Dataset(ds.Read<int[]>(), fileDims: dims) : new H5Dataset(ds.Read<float[]>(), fileDims: dims);
                    }
                }
            }
            Copy(f, root, "");
        }
        var path = Path.Combine(TempDir(), "mlp.weights.h5");
        root.Write(path);
        return path;
    }

    [Fact]
    public void A_dataset_of_the_wrong_type_is_an_error_naming_the_file_and_the_dataset()
    {
        var path = WeightsWith("optimizer/vars/0", new H5Dataset("seven"));
        var e = Assert.Throws<InvalidDataException>(() => Mlp().load_weights(path));
        Assert.StartsWith($"'{path}': dataset 'optimizer/vars/0' holds ", e.Message);
        Assert.EndsWith("; expected an integer.", e.Message);
    }

    [Fact]
    public void An_optimizer_slot_of_another_shape_is_an_error_naming_the_file_the_path_and_both_shapes()
    {
        var path = WeightsWith("optimizer/vars/2", new H5Dataset(new float[32], fileDims: new ulong[] { 8, 4 }));
        var e = Assert.Throws<InvalidDataException>(() => Mlp().load_weights(path));
        Assert.Equal($"'{path}': optimizer variable 'optimizer/vars/2' has shape (8, 4); Adam's variable adam/dense_kernel_momentum has shape (4, 8).", e.Message);
    }

    [Fact]
    public void A_layer_weight_of_another_shape_names_the_file_the_path_and_both_shapes()
    {
        var m = keras.Sequential(new Layers.Layer[] { keras.Input(shape: new[] { 4 }), keras.layers.Dense(7, name: "wide"), keras.layers.Dense(3) });
        var e = Assert.Throws<InvalidDataException>(() => m.load_weights(Fixture("mlp_adam.weights.h5")));
        Assert.Equal($"'{Fixture("mlp_adam.weights.h5")}': weight 'layers/dense/vars/0' of layer 'wide' has shape (4, 8), the model expects (4, 7).", e.Message);
    }

    [Fact]
    public void Another_optimizer_layout_is_skipped_with_keras_warning_and_leaves_the_optimizer_as_it_was()
    {
        var m = keras.Sequential(new Layers.Layer[] { keras.Input(shape: new[] { 4 }), keras.layers.Dense(8, name: "dense"), keras.layers.Dropout(0.25), keras.layers.Dense(3, name: "dense_1") });
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.1, momentum: 0.5), loss: "mse");
        var err = new StringWriter();
        var previous = Console.Error;
        Console.SetError(err);
        try { m.load_weights(Fixture("mlp_adam.weights.h5")); }
        finally { Console.SetError(previous); }
        Assert.Equal($"UserWarning: '{Fixture("mlp_adam.weights.h5")}': Skipping variable loading for optimizer '{m.optimizer!.name}', because it has 6 variables whereas the saved optimizer has 10 variables.",
            err.ToString().Trim());
        Assert.Equal(0, m.optimizer!.iterations);
        Assert.Equal(0.1, m.optimizer.learning_rate);
    }

    [Fact]
    public void Load_weights_reads_the_weights_of_a_legacy_h5_model_file()
    {
        var m = keras.Sequential(new Layers.Layer[] { keras.Input(shape: new[] { 5, 5, 1 }), keras.layers.Conv2D(2, 3, activation: "relu"), keras.layers.BatchNormalization(),
            keras.layers.Flatten(), keras.layers.Dense(3, activation: "softmax") });
        m.load_weights(Fixture("legacy.h5"));
        var full = keras.models.load_model(Fixture("legacy.h5"), compile: false);
        var x = torch.randn(2, 5, 5, 1);
        Assert.Equal(full.predict(x).ToArray<float>(), m.predict(x).ToArray<float>());
        var shallow = keras.Sequential(keras.Input(shape: new[] { 5, 5, 1 }), keras.layers.Flatten(), keras.layers.Dense(3));
        Assert.Equal($"'{Fixture("legacy.h5")}': Layer count mismatch when loading weights from file. Model expected 1 layers, found 3 saved layers.",
            Assert.Throws<InvalidDataException>(() => shallow.load_weights(Fixture("legacy.h5"))).Message);
    }

    /// <summary>A user layer: y = factor · x.</summary>
    sealed class Scale(double factor, string? name = null) : Layers.Layer(name)
    {
        public double factor { get; } = factor;
        public override string class_name => "Scale";
        public override int?[] compute_output_shape(int?[][] s) => s[0];
        public override torch.Tensor call(torch.Tensor[] x, bool training) => x[0] * factor;
        public override Dictionary<string, object?> get_config() { var c = base.get_config(); c["factor"] = factor; return c; }
    }

    [Fact]
    public void A_registered_layer_class_is_read_strictly_too()
    {
        Saving.Deserializer.RegisterLayerFromConfig("Scale", c => { c.LayerBase(); return new Scale(c.Num("factor"), c.Name); });
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), new Scale(3.0, name: "scale"));
        var dir = TempDir();
        m.save(Path.Combine(dir, "scale.keras"));
        var x = torch.tensor(new float[] { 1, -2 }, new long[] { 1, 2 });
        Assert.Equal(new float[] { 3, -6 }, keras.models.load_model(Path.Combine(dir, "scale.keras")).predict(x).ToArray<float>());
        var bad = Path.Combine(dir, "bad.keras");
        File.Copy(Path.Combine(dir, "scale.keras"), bad);
        using (var zip = ZipFile.Open(bad, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("config.json")!;
            JsonObject root;
            using (var r = new StreamReader(entry.Open())) root = JsonNode.Parse(r.ReadToEnd())!.AsObject();
            entry.Delete();
            Layer(root, 1)["offset"] = 0.5;
            using var w = new StreamWriter(zip.CreateEntry("config.json").Open());
            w.Write(root.ToJsonString());
        }
        Assert.Equal("Scale 'scale': config key 'offset' = 0.5 is not supported by KerasSharp.", Assert.Throws<NotSupportedException>(() => keras.models.load_model(bad)).Message);
    }

    [Fact]
    public void Saving_writes_no_file_for_a_path_keras_cannot_load()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        Assert.Equal("File format not supported: filepath=m.tf. Keras 3 only supports V3 `.keras` files, legacy H5 format files (`.h5` extension).",
            Assert.Throws<ArgumentException>(() => keras.models.load_model("m.tf")).Message);
        Assert.Equal("The filename must end in `.weights.h5`. Received: filepath=w.h5", Assert.Throws<ArgumentException>(() => m.save_weights("w.h5")).Message);
    }
}
