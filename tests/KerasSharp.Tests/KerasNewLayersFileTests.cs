using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KerasSharp;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>A test that runs the real Keras (../shared/tools/keras3/kpython); skipped, with the reason, where the tool is absent.</summary>
public sealed class KpythonFactAttribute : FactAttribute
{
    /// <summary>The kpython launcher, beside the repository.</summary>
    public static string Path => System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot(), "..", "shared", "tools", "keras3", "kpython"));

    static string RepoRoot([CallerFilePath] string file = "") => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, "..", "..");

    /// <summary>Skips when kpython is missing.</summary>
    public KpythonFactAttribute()
    {
        if (!File.Exists(Path)) Skip = $"The real Keras is not available here ({Path} is missing).";
    }
}

/// <summary>
/// Files exchanged with Keras 3.15.1. KerasOracle/newlayers_models_oracle.py wrote, with the real
/// Keras, a .keras model holding the new image and sequence layers, and the predictions Keras
/// makes with it (newlayers_models_expected.json); KerasSharp loads the file and predicts the same
/// within 1e-5. The other direction runs kpython at test time: Keras loads a .keras file that
/// KerasSharp wrote and predicts what KerasSharp predicts.
/// </summary>
public class KerasNewLayersFileTests
{
    static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(KerasNewLayersTests.OracleDir(), "newlayers_models_expected.json"))).RootElement.Clone());

    internal static void Close(torch.Tensor actual, torch.Tensor expected, double tol)
    {
        Assert.Equal(expected.shape, actual.shape);
        var a = actual.contiguous().data<float>().ToArray();
        var e = expected.contiguous().data<float>().ToArray();
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - e[i]) <= tol + tol * Math.Abs(e[i]), $"[{i}]: {a[i]}, Keras {e[i]}");
    }

    [Fact]
    public void Keras_image_model_file_with_the_new_layers_loads_and_predicts_what_keras_predicts()
    {
        var model = keras.models.load_model(Path.Combine(KerasNewLayersTests.OracleDir(), "newlayers_image_model.keras"), compile: false);
        var names = model.layers.Select(l => l.class_name).ToHashSet();
        foreach (var cls in new[] { "Conv2DTranspose", "UpSampling2D", "Subtract", "Maximum", "Average", "Minimum", "ZeroPadding2D", "Cropping2D",
                     "Conv1D", "MaxPooling1D", "AveragePooling1D", "LayerNormalization", "GlobalAveragePooling1D", "RepeatVector", "Permute", "GlobalMaxPooling1D" })
            Assert.Contains(cls, names);
        var e = Expected.Value.GetProperty("image");
        var y = model.PredictTensors(KerasNewLayersTests.Decode(e.GetProperty("x")))[0];
        Close(y, KerasNewLayersTests.Decode(e.GetProperty("y")), 1e-5);
    }

    [KpythonFact]
    public void A_file_kerassharp_writes_with_the_new_layers_loads_in_keras_and_predicts_the_same()
    {
        keras.utils.set_random_seed(9);
        var inp = keras.Input(shape: new[] { 6, 6, 2 });
        // Merge layers need ModelConfig to write their build_config as Keras does (see the report's patch).
        var a = keras.layers.Conv2DTranspose(3, 3, strides: 2, padding: "same").Apply(inp);
        var m = keras.layers.UpSampling2D(2, interpolation: "bilinear").Apply(keras.layers.Conv2D(3, 1).Apply(a));
        m = keras.layers.Cropping2D(((1, 0), (0, 1))).Apply(keras.layers.ZeroPadding2D(((1, 0), (0, 1))).Apply(m));
        var s = keras.layers.Reshape(new[] { 576, 3 }).Apply(m);
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
            Close(mine, torch.tensor(keras_, mine.shape), 1e-5);
        }
        finally { dir.Delete(recursive: true); }
    }
}
