using System.Text.Json;
using KerasSharp.Models;
using KerasSharp.Saving;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Files written by the real Keras 3.15.1 (numpy backend) load in KerasSharp: the fixtures in
/// Fixtures/keras3 were written by Fixtures/keras3/make_fixtures.py, which also recorded in
/// expected.json what Keras predicts from each file, every optimizer variable by name, and the
/// summary Keras prints for each compiled model.
/// </summary>
public class KerasFixtureTests
{
    static readonly JsonElement Expected = LoadExpected();

    static JsonElement LoadExpected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture("expected.json")));
        return doc.RootElement.Clone();
    }

    static string Fixture(string name) => SavingKerasRunner.TestPath("Fixtures", "keras3", name);

    static JsonElement Entry(string file) => Expected.GetProperty("files").GetProperty(file);

    static torch.Tensor Input(JsonElement entry, int i = 0)
    {
        var shape = entry.GetProperty("x_shapes")[i].EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var flat = new List<float>();
        void Walk(JsonElement e) { if (e.ValueKind == JsonValueKind.Array) foreach (var x in e.EnumerateArray()) Walk(x); else flat.Add(e.GetSingle()); }
        Walk(entry.GetProperty("x")[i]);
        return torch.tensor(flat.ToArray(), shape);
    }

    static double[] Flat(JsonElement e)
    {
        var flat = new List<double>();
        void Walk(JsonElement x) { if (x.ValueKind == JsonValueKind.Array) foreach (var y in x.EnumerateArray()) Walk(y); else flat.Add(x.GetDouble()); }
        Walk(e);
        return flat.ToArray();
    }

    /// <summary>The model's predictions equal Keras's within 1e-6 (absolute, or relative for values above 1).</summary>
    static void AssertPredictions(Model m, JsonElement entry)
    {
        var got = m.predict(Input(entry)).ToArray<float>();
        var want = Flat(entry.GetProperty("y"));
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++)
            Assert.True(Math.Abs(got[i] - want[i]) <= 1e-6 * Math.Max(1, Math.Abs(want[i])), $"prediction {i}: KerasSharp {got[i]:R}, Keras {want[i]:R}");
    }

    /// <summary>
    /// Iterations, learning rate and every variable by name, bit for bit (they are stored values).
    /// <paramref name="keepName"/> maps Keras's name to the one KerasSharp gives (identity unless told).
    /// </summary>
    static void AssertOptimizerState(Model m, JsonElement state, Func<string, string>? keepName = null)
    {
        var opt = m.optimizer!;
        Assert.Equal(state.GetProperty("class_name").GetString(), opt.class_name);
        Assert.Equal(state.GetProperty("iterations").GetInt64(), opt.iterations);
        Assert.Equal((float)state.GetProperty("learning_rate").GetDouble(), (float)opt.learning_rate);
        var vars = OptimizerState.Read(opt, m);
        var want = state.GetProperty("variables").EnumerateArray().ToList();
        Assert.Equal(want.Select(v => (keepName ?? (n => n))(v.GetProperty("name").GetString()!)), vars.Select(v => v.name));
        for (int i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), vars[i].shape);
            var values = vars[i].data switch { int[] n => n.Select(x => (double)x).ToArray(), float[] f => f.Select(x => (double)x).ToArray(), _ => Array.Empty<double>() };
            Assert.Equal(Flat(want[i].GetProperty("values")), values);
        }
    }

    [Theory]
    [InlineData("mlp_adam.keras")]
    [InlineData("convnet_bn.keras")]
    [InlineData("functional_rmsprop.keras")]
    [InlineData("sgd_momentum.keras")]
    [InlineData("optimizer_adagrad.keras")]
    [InlineData("optimizer_adadelta.keras")]
    [InlineData("optimizer_adamax.keras")]
    [InlineData("optimizer_nadam.keras")]
    [InlineData("optimizer_rmsprop.keras")]
    [InlineData("optimizer_sgd.keras")]
    public void A_compiled_keras_file_loads_with_keras_predictions_and_every_optimizer_variable(string file)
    {
        var entry = Entry(file);
        var m = keras.models.load_model(Fixture(file));
        AssertPredictions(m, entry);
        // Keras names Nadam's u_product, an unnamed Variable, "variable" and a counter over the process ("variable_1" here).
        AssertOptimizerState(m, entry.GetProperty("optimizer"), n => System.Text.RegularExpressions.Regex.Replace(n, "^variable_[0-9]+$", "variable"));
    }

    [Fact]
    public void An_adam_amsgrad_file_loads_with_its_velocity_hats_after_the_other_slots()
    {
        var entry = Entry("optimizer_adam_amsgrad.keras");
        var m = keras.models.load_model(Fixture("optimizer_adam_amsgrad.keras"));
        AssertPredictions(m, entry);
        AssertOptimizerState(m, entry.GetProperty("optimizer"));
    }

    [Fact]
    public void A_file_from_keras_on_tensorflow_with_an_int64_counter_loads()
    {
        var entry = Entry("mlp_adam_int64_counter.keras");
        var m = keras.models.load_model(Fixture("mlp_adam_int64_counter.keras"));
        AssertPredictions(m, entry);
        AssertOptimizerState(m, entry.GetProperty("optimizer"));
        Assert.Equal(7, m.optimizer!.iterations);
    }

    [Fact]
    public void A_keras_weights_file_loads_into_the_same_architecture_with_its_optimizer_state()
    {
        var entry = Entry("mlp_adam.weights.h5");
        var m = keras.Sequential(new Layers.Layer[] { keras.Input(shape: new[] { 4 }), keras.layers.Dense(8, activation: "relu", name: "dense"), keras.layers.Dropout(0.25),
            keras.layers.Dense(3, activation: "softmax", name: "dense_1") });
        m.compile(optimizer: new Optimizers.Adam(learning_rate: 0.005, name: "adam"), loss: "categorical_crossentropy");
        m.load_weights(Fixture("mlp_adam.weights.h5"));
        AssertPredictions(m, entry);
        AssertOptimizerState(m, entry.GetProperty("optimizer"));
    }

    [Fact]
    public void An_uncompiled_keras_file_with_every_other_layer_kind_loads_with_keras_predictions()
    {
        var entry = Entry("uncompiled.keras");
        var m = keras.models.load_model(Fixture("uncompiled.keras"));
        Assert.Null(m.optimizer);
        Assert.Equal(new[] { "Conv2D", "AveragePooling2D", "Conv2D", "Reshape", "GlobalMaxPooling2D", "Dense", "Activation" }, m.layers.Select(l => l.class_name));
        AssertPredictions(m, entry);
    }

    [Fact]
    public void A_depthwise_convolution_file_loads_with_keras_predictions()
    {
        var m = keras.models.load_model(Fixture("depthwise_conv.keras"));
        AssertPredictions(m, Entry("depthwise_conv.keras"));
    }

    [Fact]
    public void A_legacy_h5_model_loads_its_architecture_weights_and_optimizer_state()
    {
        var entry = Entry("legacy.h5");
        var m = keras.models.load_model(Fixture("legacy.h5"));
        Assert.Equal(new[] { "Conv2D", "BatchNormalization", "Flatten", "Dense" }, m.layers.Select(l => l.class_name));
        AssertPredictions(m, entry);
        // make_fixtures.py recorded the state of the model Keras saved. Keras names the slots of a
        // Sequential it built with the model's name first ("legacy_conv2d_4_kernel_momentum"); a
        // model loaded from a file, in Keras as here, names them by layer ("conv2d_4_kernel_momentum").
        AssertOptimizerState(m, entry.GetProperty("optimizer"), n => n.Replace("/legacy_", "/"));
    }

    [Fact]
    public void A_tf_keras_2_h5_model_loads_and_its_optimizer_starts_fresh_with_a_warning_as_in_keras_3()
    {
        var entry = Entry("legacy_keras2.h5");
        var err = new StringWriter();
        var previous = Console.Error;
        Console.SetError(err);
        Model m;
        try { m = keras.models.load_model(Fixture("legacy_keras2.h5")); }
        finally { Console.SetError(previous); }
        AssertPredictions(m, entry);
        // tf.keras 2 kept no learning-rate variable and grouped the slots per kind: Keras 3 cannot
        // map its 13 values onto its 14 variables, and starts the optimizer fresh.
        Assert.Contains("Error in loading the saved optimizer state. As a result, your model is starting with a freshly initialized optimizer.", err.ToString());
        Assert.Contains("because it has 14 variables whereas the saved optimizer has 13 variables", err.ToString());
        Assert.Equal(0, m.optimizer!.iterations);
    }

    [Theory]
    [InlineData("mlp_adam.keras")]
    [InlineData("convnet_bn.keras")]
    [InlineData("functional_rmsprop.keras")]
    [InlineData("sgd_momentum.keras")]
    [InlineData("optimizer_nadam.keras")]
    [InlineData("optimizer_sgd.keras")]
    public void Summary_of_a_loaded_model_is_the_text_keras_prints_for_it(string file)
    {
        var m = keras.models.load_model(Fixture(file));
        Assert.Equal(Entry(file).GetProperty("summary").GetString(), m.summary_text(76));
    }
}
