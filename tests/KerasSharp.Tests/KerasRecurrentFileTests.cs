using System.Diagnostics;
using System.Text.Json;
using KerasSharp;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Recurrent and merge layers in files exchanged with Keras 3.15.1: Keras keeps an LSTM's, GRU's or
/// SimpleRNN's variables in its cell ("layers/lstm/cell/vars/0"), so these tests need
/// WeightsStore to write and read that group (and ModelConfig to write a multi-input layer's
/// build_config as a list of shapes, as Keras does).
/// </summary>
public class KerasRecurrentFileTests
{
    [KpythonFact]
    public void A_file_kerassharp_writes_with_merge_layers_loads_in_keras_and_predicts_the_same()
    {
        keras.utils.set_random_seed(9);
        var inp = keras.Input(shape: new[] { 6, 6, 2 });
        var a = keras.layers.Conv2DTranspose(3, 3, strides: 2, padding: "same").Apply(inp);
        var b = keras.layers.UpSampling2D(2, interpolation: "bilinear").Apply(keras.layers.Conv2D(3, 1).Apply(inp));
        var m = keras.layers.average(new[] { keras.layers.subtract(new[] { a, b }), keras.layers.maximum(new[] { a, b }) });
        m = keras.layers.Cropping2D(((1, 0), (0, 1))).Apply(keras.layers.ZeroPadding2D(((1, 0), (0, 1))).Apply(m));
        var s = keras.layers.Reshape(new[] { 144, 3 }).Apply(m);
        s = keras.layers.Conv1D(4, 3, padding: "causal").Apply(s);
        s = keras.layers.LayerNormalization().Apply(keras.layers.AveragePooling1D(3, padding: "same").Apply(s));
        var o = keras.layers.Dense(2).Apply(keras.layers.GlobalMaxPooling1D().Apply(keras.layers.Permute(new[] { 2, 1 }).Apply(keras.layers.RepeatVector(3).Apply(keras.layers.GlobalAveragePooling1D().Apply(s)))));
        var model = keras.Model(inp, o);
        var x = torch.rand(2, 6, 6, 2);
        var mine = model.PredictTensors(x)[0];

        var dir = Directory.CreateTempSubdirectory("kerassharp-newlayers-");
        try
        {
            var file = Path.Combine(dir.FullName, "model.keras");
            model.save(file);
            var xFile = Path.Combine(dir.FullName, "x.json");
            File.WriteAllText(xFile, JsonSerializer.Serialize(new { shape = x.shape, data = x.data<float>().ToArray() }));
            var script = Path.Combine(dir.FullName, "predict.py");
            File.WriteAllText(script, string.Join("\n",
                "import json, sys, numpy as np",
                $"sys.path.insert(0, {JsonSerializer.Serialize(KerasNewLayersTests.OracleDir())})",
                "import newlayers_oracle  # jax.lax.conv_transpose for the numpy backend",
                "import keras",
                "d = json.load(open(sys.argv[2]))",
                "x = np.array(d['data'], dtype='float32').reshape(d['shape'])",
                "m = keras.models.load_model(sys.argv[1])",
                "print(json.dumps(np.asarray(m.predict(x, verbose=0)).astype('float64').ravel().tolist()))"));
            var psi = new ProcessStartInfo(KpythonFactAttribute.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script); psi.ArgumentList.Add(file); psi.ArgumentList.Add(xFile);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(120_000), "kpython did not finish in 120 s");
            Assert.True(p.ExitCode == 0, "Keras could not load KerasSharp's file:\n" + stderr.Result);
            var lines = stdout.Result.Trim().Split('\n');
            var keras_ = JsonSerializer.Deserialize<double[]>(lines[^1])!.Select(v => (float)v).ToArray();
            KerasNewLayersFileTests.Close(mine, torch.tensor(keras_, mine.shape), 1e-5);
        }
        finally { dir.Delete(recursive: true); }
    }


    [Fact]
    public void Keras_sequence_model_file_with_embedding_conv1d_lstm_gru_simple_rnn_loads_and_predicts_what_keras_predicts()
    {
        var model = keras.models.load_model(Path.Combine(KerasNewLayersTests.OracleDir(), "newlayers_sequence_model.keras"), compile: false);
        Assert.Equal(new[] { "InputLayer", "Embedding", "Conv1D", "LSTM", "GRU", "SimpleRNN", "Dense" }, model.layers.Select(l => l.class_name));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(KerasNewLayersTests.OracleDir(), "newlayers_models_expected.json")));
        var e = doc.RootElement.GetProperty("sequence");
        var y = model.PredictTensors(KerasNewLayersTests.Decode(e.GetProperty("x")))[0];
        var want = KerasNewLayersTests.Decode(e.GetProperty("y")).data<float>().ToArray();
        var got = y.contiguous().data<float>().ToArray();
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < got.Length; i++) Assert.True(Math.Abs(got[i] - want[i]) <= 1e-4, $"[{i}]: {got[i]}, Keras {want[i]}");
    }

    [Fact]
    public void A_keras_model_whose_lstm_takes_initial_state_as_a_keyword_input_is_refused_not_loaded_without_it()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(KerasNewLayersTests.OracleDir(), "newlayers_initial_state_model.json")));
        var e = Assert.Throws<NotSupportedException>(() => Saving.Deserializer.Model(doc.RootElement));
        Assert.Contains("keyword input 'initial_state'", e.Message);
    }

    [Fact]
    public void Recurrent_weights_round_trip_through_a_kerassharp_file()
    {
        keras.utils.set_random_seed(2);
        var m = keras.Sequential(keras.Input(shape: new int?[] { null, 3 }), keras.layers.LSTM(4, return_sequences: true), keras.layers.GRU(2));
        var path = Path.Combine(Path.GetTempPath(), $"kerassharp-rnn-{Guid.NewGuid():N}.keras");
        try
        {
            m.save(path);
            var back = keras.models.load_model(path, compile: false);
            var x = torch.rand(2, 5, 3);
            Assert.Equal(m.PredictTensors(x)[0].data<float>().ToArray(), back.PredictTensors(x)[0].data<float>().ToArray());
        }
        finally { File.Delete(path); }
    }

    [KpythonFact]
    public void A_file_kerassharp_writes_with_recurrent_layers_loads_in_keras_and_predicts_the_same()
    {
        keras.utils.set_random_seed(8);
        var inp = keras.Input(shape: new int?[] { null });
        var h = keras.layers.Embedding(12, 4).Apply(inp);
        h = keras.layers.LSTM(5, return_sequences: true).Apply(h);
        h = keras.layers.GRU(3, return_sequences: true, reset_after: false).Apply(h);
        h = keras.layers.SimpleRNN(2, go_backwards: true).Apply(h);
        var model = keras.Model(inp, keras.layers.Dense(1).Apply(h));
        var x = torch.tensor(new float[] { 1, 4, 7, 2, 0, 11, 3, 3, 9, 5, 6, 1 }, new long[] { 2, 6 });
        var mine = model.PredictTensors(x)[0].contiguous().data<float>().ToArray();
        var dir = Directory.CreateTempSubdirectory("kerassharp-rnn-");
        try
        {
            var file = Path.Combine(dir.FullName, "model.keras");
            model.save(file);
            var script = Path.Combine(dir.FullName, "predict.py");
            File.WriteAllText(script, string.Join("\n",
                "import json, sys, numpy as np, keras",
                "m = keras.models.load_model(sys.argv[1])",
                "x = np.array([[1, 4, 7, 2, 0, 11], [3, 3, 9, 5, 6, 1]], dtype='float32')",
                "print(json.dumps(np.asarray(m.predict(x, verbose=0)).astype('float64').ravel().tolist()))"));
            var psi = new ProcessStartInfo(KpythonFactAttribute.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script); psi.ArgumentList.Add(file);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(120_000), "kpython did not finish in 120 s");
            Assert.True(p.ExitCode == 0, "Keras could not load KerasSharp's file:\n" + stderr.Result);
            var theirs = JsonSerializer.Deserialize<double[]>(stdout.Result.Trim().Split('\n')[^1])!;
            Assert.Equal(theirs.Length, mine.Length);
            for (int i = 0; i < mine.Length; i++) Assert.True(Math.Abs(mine[i] - theirs[i]) <= 1e-4, $"[{i}]: {mine[i]}, Keras {theirs[i]}");
        }
        finally { dir.Delete(recursive: true); }
    }
}
