using KerasSharp.Models;

namespace KerasSharp.Tests.Hostile;

/// <summary>
/// The hostile inputs of issue 15 that could take a process down, each a named case that a child
/// process runs (<c>--hostile CASE...</c>). For each case the child prints <c>CASE-START name</c>, then
/// <c>CASE-RESULT name|ExceptionType|message</c> (or <c>none</c> and what the case returned), so the
/// parent sees which case was running when a child died.
/// </summary>
public static partial class HostileCases
{
    static readonly Dictionary<string, Func<string[], string>> Cases = new(StringComparer.Ordinal);

    static HostileCases()
    {
        AddLayerCases();
        AddProbeCases();
        AddFileCases();
    }

    static void AddProbeCases()
    {
        AddF("probe_rng", a =>
        {
            using var st = TorchSharp.torch.get_rng_state();
            var b = st.data<byte>().ToArray();
            switch (a[0])
            {
                case "left0": BitConverter.GetBytes(0).CopyTo(b, 8); break;
                case "short": b = b[..100]; break;
                case "next_big": BitConverter.GetBytes(5000L).CopyTo(b, 16); break;
                case "unseeded": BitConverter.GetBytes(0).CopyTo(b, 12); break;
            }
            TorchSharp.torch.set_rng_state(TorchSharp.torch.tensor(b));
            return b.Length.ToString() + " " + TorchSharp.torch.rand(2).data<float>()[0];
        });
    }

    static void AddF(string name, Func<string[], string> run) => Cases.Add(name, run);
    static void AddR(string name, Func<string> run) => Cases.Add(name, _ => run());
    static void Add(string name, Action run) => Cases.Add(name, _ => { run(); return ""; });

    /// <summary>The names of every case.</summary>
    public static IEnumerable<string> Names => Cases.Keys;

    /// <summary>Runs the cases named in args (a case's own arguments follow it after "--args", comma-separated).</summary>
    public static int RunCases(string[] names)
    {
        foreach (var spec in names)
        {
            var parts = spec.Split("::", 2);
            string name = parts[0];
            string[] caseArgs = parts.Length > 1 ? parts[1].Split("||") : Array.Empty<string>();
            Console.Out.WriteLine($"CASE-START {name}");
            Console.Out.Flush();
            if (!Cases.TryGetValue(name, out var run)) { Console.Out.WriteLine($"CASE-RESULT {name}|unknown-case|"); continue; }
            string result;
            try { result = $"none|{run(caseArgs)}"; }
            catch (Exception e) { result = $"{e.GetType().FullName}|{e.Message}"; }
            Console.Out.WriteLine($"CASE-RESULT {name}|{result.Replace("\r", "").Replace("\n", "⏎")}");
            Console.Out.Flush();
        }
        return 0;
    }

    static readonly float[,] X4 = { { 0, 0, 1, 1 }, { 0, 1, 0, 1 }, { 1, 0, 1, 0 }, { 1, 1, 1, 1 } };

    static Sequential Fitted(string loss, int units, string activation)
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 4 }), keras.layers.Dense(units, activation: activation));
        m.compile(optimizer: "sgd", loss: loss);
        return m;
    }

    static void AddLayerCases()
    {
        // A kernel of 100,000 × 10⁹ float32 is 400 TB, past any machine's address space (2⁴⁷ bytes), so
        // its allocation fails everywhere rather than succeeding on a large machine and filling its memory.
        Add("dense_units_1e9", () => keras.Sequential(keras.Input(shape: new[] { 100_000 }), keras.layers.Dense(1_000_000_000)));
        Add("dense_units_int_max", () => keras.Sequential(keras.Input(shape: new[] { 100_000 }), keras.layers.Dense(int.MaxValue)));
        Add("dense_units_0", () => keras.layers.Dense(0));
        Add("conv_kernel_negative", () => keras.layers.Conv2D(4, kernel_size: -3));
        Add("conv_kernel_0", () => keras.layers.Conv2D(4, kernel_size: 0));
        Add("tflearn_conv_2d_filter_0", () => KerasSharp.TFLearn.tflearn.conv_2d(KerasSharp.TFLearn.tflearn.input_data(shape: new int?[] { null, 8, 8, 1 }), 4, filter_size: 0));
        Add("tflearn_max_pool_2d_kernel_0", () => KerasSharp.TFLearn.tflearn.max_pool_2d(KerasSharp.TFLearn.tflearn.input_data(shape: new int?[] { null, 8, 8, 1 }), kernel_size: 0));
        Add("conv_dilation_0", () => keras.layers.Conv2D(4, 3, dilation_rate: 0));
        Add("conv1d_dilation_0", () => keras.layers.Conv1D(4, 3, dilation_rate: 0));
        Add("conv1d_kernel_negative", () => keras.layers.Conv1D(4, -2));
        Add("dense_units_int_max_small_input", () => keras.Sequential(keras.Input(shape: new[] { 4 }), keras.layers.Dense(int.MaxValue)));
        Add("embedding_input_dim_int_max", () => keras.Sequential(keras.Input(shape: new[] { 3 }), keras.layers.Embedding(int.MaxValue, 100_000)));
        Add("predict_batch_size_0", () => { var m = Fitted("mse", 1, "linear"); m.predict(X4, batch_size: 0); });
        Add("conv_strides_0", () => keras.layers.Conv2D(4, 3, strides: 0));
        Add("pool_strides_0", () => keras.layers.MaxPooling2D(2, strides: 0));
        Add("pool_size_0", () => keras.layers.MaxPooling2D(0));
        Add("conv_padding_null", () => keras.layers.Conv2D(4, 3, padding: null!));
        Add("pool_padding_null", () => keras.layers.MaxPooling2D(2, padding: null!));
        Add("conv_kernel_larger_than_image", () => keras.Sequential(keras.Input(shape: new[] { 3, 3, 1 }), keras.layers.Conv2D(4, 5)));
        Add("pool_larger_than_image", () => keras.Sequential(keras.Input(shape: new[] { 3, 3, 1 }), keras.layers.MaxPooling2D(5)));
        Add("evaluate_batch_size_0", () => { var m = Fitted("mse", 1, "linear"); m.evaluate(X4, new float[,] { { 0 }, { 1 }, { 1 }, { 0 } }, batch_size: 0, verbose: 0); });
        Add("fit_batch_size_0", () => { var m = Fitted("mse", 1, "linear"); m.fit(X4, new float[,] { { 0 }, { 1 }, { 1 }, { 0 } }, batch_size: 0, verbose: 0); });
        Add("fit_0_samples", () => { var m = Fitted("mse", 1, "linear"); m.fit(new float[0, 4], new float[0, 1], verbose: 0); });
        Add("evaluate_0_samples", () => { var m = Fitted("mse", 1, "linear"); m.evaluate(new float[0, 4], new float[0, 1], verbose: 0); });
        Add("predict_0_rows", () => { var m = Fitted("mse", 1, "linear"); m.predict(new float[0, 4]); });
        Add("sparse_label_too_large", () => { var m = Fitted("sparse_categorical_crossentropy", 3, "softmax"); m.fit(X4, new[] { 0, 1, 3, 2 }, verbose: 0); });
        Add("sparse_label_negative", () => { var m = Fitted("sparse_categorical_crossentropy", 3, "softmax"); m.fit(X4, new[] { 0, -1, 2, 2 }, verbose: 0); });
        Add("sparse_label_too_large_evaluate", () => { var m = Fitted("sparse_categorical_crossentropy", 3, "softmax"); m.evaluate(X4, new[] { 0, 1, 7, 2 }, verbose: 0); });
        Add("sparse_label_fraction", () => { var m = Fitted("sparse_categorical_crossentropy", 3, "softmax"); m.fit(X4, new[] { 0f, 1.5f, 2f, 2f }, verbose: 0); });
        AddR("binary_label_2", () => { var m = Fitted("binary_crossentropy", 1, "sigmoid"); return m.fit(X4, new float[] { 0, 1, 2, 1 }, verbose: 0).history["loss"][0].ToString("R"); });
        AddR("binary_accuracy_label_2", () => { var m = Fitted("binary_crossentropy", 1, "sigmoid"); m.compile(optimizer: "sgd", loss: "binary_crossentropy", metrics: new[] { "accuracy" }); return m.fit(X4, new float[] { 0, 1, 2, 1 }, verbose: 0).history["loss"][0].ToString("R"); });
        Add("nan_in_x", () => { var m = Fitted("mse", 1, "linear"); var x = (float[,])X4.Clone(); x[2, 1] = float.NaN; m.fit(x, new float[,] { { 0 }, { 1 }, { 1 }, { 0 } }, verbose: 0); });
    }
}
