using KerasSharp;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's optimizer tests (keras/src/optimizers/*_test.py), ported through KerasSharp's
/// public API with Keras's numbers and tolerances: test_single_step, test_correctness_with_golden,
/// test_weight_decay, test_clip_norm and test_clip_value of every optimizer, and optimizer_test.py.
/// </summary>
public class OptimizerStepTests
{
    static readonly float[] W0 = { 1f, 2f, 3f, 4f };
    static readonly float[] G = { 1f, 6f, 7f, 2f };

    /// <summary>numpy's assert_allclose: |actual − desired| ≤ atol + rtol·|desired|.</summary>
    internal static void AllClose(IReadOnlyList<double> desired, IReadOnlyList<double> actual, double rtol = 1e-6, double atol = 1e-6, string what = "")
    {
        Assert.Equal(desired.Count, actual.Count);
        for (int i = 0; i < desired.Count; i++)
            Assert.True(Math.Abs(actual[i] - desired[i]) <= atol + rtol * Math.Abs(desired[i]),
                $"{what} index {i}: desired {desired[i]:R}, actual {actual[i]:R} (rtol {rtol}, atol {atol})");
    }

    static double[] Values(Tensor t) => t.detach().cpu().to(float64).data<double>().ToArray();

    /// <summary>Applies each gradient in turn to a variable that starts at <paramref name="w0"/>, as Keras's tests do with apply_gradients(zip([grads], [vars])).</summary>
    static double[] Apply(Optimizer opt, float[] w0, params float[][] grads)
    {
        var w = new Parameter(torch.tensor(w0));
        foreach (var g in grads) opt.apply_gradients((torch.tensor(g), w));
        return Values(w);
    }

    // ----- test_single_step (each file: optimizer(learning_rate=0.5), grads [1, 6, 7, 2], vars [1, 2, 3, 4], rtol = atol = 1e-4) -----

    public static IEnumerable<object[]> SingleSteps() => new[]
    {
        new object[] { "sgd_test.py", new SGD(learning_rate: 0.5), new[] { 0.5, -1.0, -0.5, 3.0 } },
        new object[] { "adam_test.py", new Adam(learning_rate: 0.5), new[] { 0.5, 1.5, 2.5, 3.5 } },
        new object[] { "adamw_test.py", new AdamW(learning_rate: 0.5), new[] { 0.4980, 1.4960, 2.494, 3.492 } },
        new object[] { "rmsprop_test.py", new RMSprop(learning_rate: 0.5), new[] { -0.5811, 0.4189, 1.4189, 2.4189 } },
        new object[] { "adagrad_test.py", new Adagrad(learning_rate: 0.5), new[] { 0.5233, 1.5007, 2.5005, 3.5061 } },
        new object[] { "adadelta_test.py", new Adadelta(learning_rate: 0.5), new[] { 0.9993, 1.9993, 2.9993, 3.9993 } },
        new object[] { "adamax_test.py", new Adamax(learning_rate: 0.5), new[] { 0.5, 1.5, 2.5, 3.5 } },
        new object[] { "nadam_test.py", new Nadam(learning_rate: 0.5), new[] { 0.4686, 1.4686, 2.4686, 3.4686 } },
        new object[] { "ftrl_test.py", new Ftrl(learning_rate: 0.5), new[] { 0.2218, 1.3954, 2.3651, 2.8814 } },
        new object[] { "lion_test.py", new Lion(learning_rate: 0.5), new[] { 0.5, 1.5, 2.5, 3.5 } },
        new object[] { "lamb_test.py", new Lamb(learning_rate: 0.5), new[] { -0.3693, 0.6306, 1.6306, 2.6306 } },
    };

    [Theory]
    [MemberData(nameof(SingleSteps))]
    public void Test_single_step_matches_keras(string kerasFile, Optimizer optimizer, double[] expected)
    {
        AllClose(expected, Apply(optimizer, W0, G), rtol: 1e-4, atol: 1e-4, what: kerasFile);
        Assert.Equal(1, optimizer.iterations);
    }

    // ----- test_correctness_with_golden (x = ones(10); first grads 0.01, then arange(0.1, 1.1, 0.1); rtol = atol = 5e-4) -----

    static double[][] Tile(params double[] v) => v.Select(x => Enumerable.Repeat(x, 10).ToArray()).ToArray();

    public static IEnumerable<object[]> Goldens() => new[]
    {
        new object[] { "sgd_test.py", new SGD(nesterov: true), new[]
        {
            new[] { 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999 },
            new[] { 0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899 },
            new[] { 0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799 },
            new[] { 0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699 },
            new[] { 0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599 },
        } },
        new object[] { "adam_test.py", new Adam(amsgrad: true), Tile(0.999, 0.9982, 0.9974, 0.9965, 0.9955) },
        new object[] { "adamw_test.py", new AdamW(learning_rate: 1.0, weight_decay: 0.5, epsilon: 2), new[]
        {
            new[] { 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998 },
            new[] { 0.2486, 0.2475, 0.2463, 0.2451, 0.244, 0.2428, 0.2417, 0.2405, 0.2394, 0.2382 },
            new[] { 0.1223, 0.1198, 0.1174, 0.1149, 0.1124, 0.11, 0.1075, 0.1051, 0.1027, 0.1003 },
            new[] { 0.0586, 0.0549, 0.0512, 0.0475, 0.0439, 0.0402, 0.0366, 0.033, 0.0294, 0.0258 },
            new[] { 0.0263, 0.0215, 0.0167, 0.012, 0.0073, 0.0026, -0.0021, -0.0067, -0.0113, -0.0159 },
        } },
        new object[] { "rmsprop_test.py", new RMSprop(centered: true), Tile(0.9967, 0.9933, 0.9908, 0.9885, 0.9864) },
        new object[] { "adagrad_test.py", new Adagrad(learning_rate: 0.2, initial_accumulator_value: 0.3, epsilon: 1e-6), new[]
        {
            new[] { 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963 },
            new[] { 0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209 },
            new[] { 0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891 },
            new[] { 0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579 },
            new[] { 0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825 },
        } },
        new object[] { "adadelta_test.py", new Adadelta(learning_rate: 1.0, rho: 0.8, epsilon: 1e-6), Tile(0.9978, 0.9947, 0.9915, 0.9882, 0.9849) },
        new object[] { "adamax_test.py", new Adamax(learning_rate: 0.2, beta_1: 0.85, beta_2: 0.95, epsilon: 1e-6), new[]
        {
            new[] { 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8 },
            new[] { 0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691 },
            new[] { 0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466 },
            new[] { 0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848 },
            new[] { 0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126 },
        } },
        new object[] { "nadam_test.py", new Nadam(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5), new[]
        {
            new[] { 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281 },
            new[] { -0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717 },
            new[] { -0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084 },
            new[] { -1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299 },
            new[] { -1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454 },
        } },
        new object[] { "ftrl_test.py", new Ftrl(learning_rate: 0.05, learning_rate_power: -0.2, initial_accumulator_value: 0.4,
            l1_regularization_strength: 0.05, l2_regularization_strength: 0.15, l2_shrinkage_regularization_strength: 0.01, beta: 0.3), new[]
        {
            new[] { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            new[] { -0.0034, -0.0077, -0.0118, -0.0157, -0.0194, -0.023, -0.0263, -0.0294, -0.0325, -0.0354 },
            new[] { -0.0078, -0.0162, -0.0242, -0.0317, -0.0387, -0.0454, -0.0516, -0.0575, -0.0631, -0.0685 },
            new[] { -0.0121, -0.0246, -0.0363, -0.0472, -0.0573, -0.0668, -0.0757, -0.0842, -0.0922, -0.0999 },
            new[] { -0.0164, -0.0328, -0.0481, -0.0623, -0.0753, -0.0875, -0.099, -0.1098, -0.1201, -0.1299 },
        } },
        new object[] { "lion_test.py", new Lion(), Tile(0.999, 0.998, 0.997, 0.996, 0.995) },
        new object[] { "lamb_test.py", new Lamb(), Tile(0.999, 0.9982, 0.9974, 0.9965, 0.9955) },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Test_correctness_with_golden_matches_keras(string kerasFile, Optimizer optimizer, double[][] golden)
    {
        var x = new Parameter(torch.ones(10));
        var grads = torch.tensor(Enumerable.Range(1, 10).Select(i => (float)(0.1 * i)).ToArray());
        optimizer.apply_gradients((torch.full(10, 0.01f), x));
        for (int i = 0; i < 5; i++)
        {
            AllClose(golden[i], Values(x), rtol: 5e-4, atol: 5e-4, what: $"{kerasFile} step {i}");
            optimizer.apply_gradients((grads, x));
        }
    }

    // ----- test_weight_decay: three optimizers share var1; var2 is excluded by name, var3 by identity -----

    public static IEnumerable<object[]> WeightDecays() => new[]
    {
        new object[] { "sgd_test.py", (Func<Optimizer>)(() => new SGD(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "adam_test.py", (Func<Optimizer>)(() => new Adam(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "adamw_test.py", (Func<Optimizer>)(() => new AdamW(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "rmsprop_test.py", (Func<Optimizer>)(() => new RMSprop(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "adagrad_test.py", (Func<Optimizer>)(() => new Adagrad(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "adadelta_test.py", (Func<Optimizer>)(() => new Adadelta(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "adamax_test.py", (Func<Optimizer>)(() => new Adamax(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "nadam_test.py", (Func<Optimizer>)(() => new Nadam(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "lion_test.py", (Func<Optimizer>)(() => new Lion(learning_rate: 1.0, weight_decay: 0.004)) },
        new object[] { "lamb_test.py", (Func<Optimizer>)(() => new Lamb(learning_rate: 1.0, weight_decay: 0.004)) },
    };

    [Theory]
    [MemberData(nameof(WeightDecays))]
    public void Test_weight_decay_matches_keras(string kerasFile, Func<Optimizer> make)
    {
        // Keras names var2 "exclude"; here var2 is a Dense layer's weight named "bias", excluded by that name.
        var m = keras.Sequential(keras.Input(shape: new[] { 1 }), keras.layers.Dense(1));
        var (var1, var2) = (m.trainable_weights[0], m.trainable_weights[1]);
        using (torch.no_grad()) { var1.Value.fill_(2.0); var2.Value.fill_(2.0); }
        var var3 = new Parameter(torch.tensor(2.0f));
        Tensor Zero(Tensor v) => torch.zeros_like(v);

        var optimizer1 = make();
        optimizer1.apply_gradients((Zero(var1.Value), var1));
        var optimizer2 = make();
        optimizer2.exclude_from_weight_decay(var_names: new[] { "bias" });
        optimizer2.apply_gradients((Zero(var1.Value), var1), (Zero(var2.Value), var2));
        var optimizer3 = make();
        optimizer3.exclude_from_weight_decay(var_list: new Tensor[] { var3 });
        optimizer3.apply_gradients((Zero(var1.Value), var1.Value), (Zero(var3), var3));

        Assert.True(Math.Abs(Values(var1.Value)[0] - 1.9760959) < 1.5e-6, $"{kerasFile}: var1 = {Values(var1.Value)[0]:R}"); // assertAlmostEqual(decimal=6)
        Assert.Equal(2.0, Values(var2.Value)[0], 6);
        Assert.Equal(2.0, Values(var3)[0], 6);
    }

    [Fact]
    public void Adamw_refuses_weight_decay_none_with_keras_text()
    {
        // adamw_test.py test_weight_decay_is_none
        var e = Assert.Throws<ArgumentException>(() => new AdamW(learning_rate: 1.0, weight_decay: null));
        Assert.Equal("Argument `weight_decay` must be a float. Received: weight_decay=None", e.Message);
    }

    // ----- test_clip_norm / test_clip_value of every optimizer file (Keras calls _clip_gradients; here the clipped
    // gradient is read back through an SGD step of rate 1 from zero, which is −gradient) -----

    public static IEnumerable<object[]> OptimizerNames() =>
        new[] { "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "Lion", "Lamb" }.Select(n => new object[] { n });

    static Optimizer Make(string cls, double? clipnorm = null, double? clipvalue = null) => cls switch
    {
        "SGD" => new SGD(clipnorm: clipnorm, clipvalue: clipvalue),
        "Adam" => new Adam(clipnorm: clipnorm, clipvalue: clipvalue),
        "AdamW" => new AdamW(clipnorm: clipnorm, clipvalue: clipvalue),
        "RMSprop" => new RMSprop(clipnorm: clipnorm, clipvalue: clipvalue),
        "Adagrad" => new Adagrad(clipnorm: clipnorm, clipvalue: clipvalue),
        "Adadelta" => new Adadelta(clipnorm: clipnorm, clipvalue: clipvalue),
        "Adamax" => new Adamax(clipnorm: clipnorm, clipvalue: clipvalue),
        "Nadam" => new Nadam(clipnorm: clipnorm, clipvalue: clipvalue),
        "Ftrl" => new Ftrl(clipnorm: clipnorm, clipvalue: clipvalue),
        "Lion" => new Lion(clipnorm: clipnorm, clipvalue: clipvalue),
        "Lamb" => new Lamb(clipnorm: clipnorm, clipvalue: clipvalue),
        _ => throw new ArgumentException(cls),
    };

    /// <summary>The gradient an optimizer's clipping makes of [100, 100]: its constructor's clip arguments on an SGD of rate 1.</summary>
    static double[] Clipped(Optimizer configured)
    {
        var sgd = new SGD(learning_rate: 1.0, clipnorm: configured.clipnorm, clipvalue: configured.clipvalue, global_clipnorm: configured.global_clipnorm);
        return Apply(sgd, new[] { 0f, 0f }, new[] { 100f, 100f }).Select(v => -v).ToArray();
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Test_clip_norm_and_clip_value_match_keras(string cls)
    {
        // <optimizer>_test.py test_clip_norm: clipnorm=1 gives [√2/2, √2/2]; test_clip_value: clipvalue=1 gives [1, 1] (assertAllClose defaults).
        var byNorm = Make(cls, clipnorm: 1);
        Assert.Equal(1.0, byNorm.clipnorm);
        AllClose(new[] { Math.Sqrt(2) / 2, Math.Sqrt(2) / 2 }, Clipped(byNorm));
        // The optimizer itself clips the same way: one step of SGD-like rules is checked through SGD above; here the
        // optimizer's own step must equal its unclipped step on the clipped gradient.
        var a = Apply(Make(cls, clipnorm: 1), new[] { 1f, 2f }, new[] { 100f, 100f });
        var b = Apply(Make(cls), new[] { 1f, 2f }, new[] { (float)(Math.Sqrt(2) / 2), (float)(Math.Sqrt(2) / 2) });
        AllClose(b, a, what: cls + " clipnorm");
        var byValue = Make(cls, clipvalue: 1);
        Assert.Equal(1.0, byValue.clipvalue);
        AllClose(new[] { 1.0, 1.0 }, Clipped(byValue));
        AllClose(Apply(Make(cls), new[] { 1f, 2f }, new[] { 1f, 1f }), Apply(Make(cls, clipvalue: 1), new[] { 1f, 2f }, new[] { 100f, 100f }), what: cls + " clipvalue");
    }

    // ----- optimizer_test.py -----

    [Fact]
    public void Iterations_counter_counts_each_apply()
    {
        // optimizer_test.py test_iterations_counter
        var v = new Parameter(torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }));
        var grads = torch.ones(2, 2);
        var optimizer = new Adam(learning_rate: 1.0);
        Assert.Equal(0, optimizer.iterations);
        optimizer.apply_gradients((grads, v));
        Assert.Equal(1, optimizer.iterations);
        optimizer.apply_gradients((grads, v));
        Assert.Equal(2, optimizer.iterations);
    }

    [Fact]
    public void Empty_gradients_are_refused_and_missing_ones_are_skipped()
    {
        // optimizer_test.py test_empty_gradients
        var v = new Parameter(torch.tensor(new float[,] { { 3, 4 }, { 5, 6 } }));
        var e = Assert.Throws<ArgumentException>(() => new SGD(learning_rate: 1.0).apply_gradients(((Tensor?)null, (Tensor)v)));
        Assert.Equal("No gradients provided for any variable.", e.Message);

        var v2 = new Parameter(torch.tensor(new float[,] { { 3, 4 }, { 5, 6 } }));
        var optimizer = new SGD(learning_rate: 1.0);
        var err = Console.Error;
        var warning = new StringWriter();
        Console.SetError(warning);
        try { optimizer.apply_gradients(((Tensor?)null, (Tensor)v), (torch.ones(2, 2), v2)); }
        finally { Console.SetError(err); }
        Assert.Contains("Gradients do not exist for variables", warning.ToString()); // Keras: assertWarns(Warning)
        AllClose(new double[] { 3, 4, 5, 6 }, Values(v));
        AllClose(new double[] { 2, 3, 4, 5 }, Values(v2));
    }

    [Fact]
    public void Clip_arguments_are_kept_and_more_than_one_is_refused()
    {
        // optimizer_test.py test_clip_args
        Assert.Equal(0.1, new SGD(learning_rate: 1.0, clipnorm: 0.1).clipnorm);
        Assert.Equal(0.1, new SGD(learning_rate: 1.0, clipvalue: 0.1).clipvalue);
        Assert.Equal(0.1, new SGD(learning_rate: 1.0, global_clipnorm: 0.1).global_clipnorm);
        var e1 = Assert.Throws<ArgumentException>(() => keras.optimizers.SGD(learning_rate: 1.0, clipnorm: 0.1, clipvalue: 0.1));
        Assert.StartsWith("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can", e1.Message);
        Assert.Equal("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=0.1, clipvalue=0.1, global_clipnorm=None", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => keras.optimizers.SGD(learning_rate: 1.0, clipnorm: 0.1, global_clipnorm: 0.1));
        Assert.StartsWith("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can", e2.Message);
    }

    [Fact]
    public void Global_clip_norm_scales_by_the_global_norm()
    {
        // optimizer_test.py test_global_clip_norm: [50, 100] becomes grad / ‖grad‖.
        var grad = new[] { 50.0, 100.0 };
        double norm = Math.Sqrt(50 * 50 + 100 * 100);
        AllClose(grad.Select(g => g / norm).ToArray(),
            Apply(new SGD(learning_rate: 1.0, global_clipnorm: 1), new[] { 0f, 0f }, new[] { 50f, 100f }).Select(v => -v).ToArray());
        // Two variables share one norm (numbers: KerasOracle/optimizers_oracle.py "global_clipnorm_two_vars").
        var a = new Parameter(torch.tensor(new[] { 1f, 2f }));
        var b = new Parameter(torch.tensor(new[] { 3f }));
        new SGD(learning_rate: 1.0, global_clipnorm: 1.0).apply_gradients((torch.tensor(new[] { 3f, 0f }), a), (torch.tensor(new[] { 4f }), b));
        AllClose(new[] { 0.3999999761581421, 2.0, 2.200000047683716 }, Values(a).Concat(Values(b)).ToArray());
    }

    [Fact]
    public void Callable_learning_rate_is_called_at_each_step()
    {
        // optimizer_test.py test_callable_learning_rate: learning_rate=lambda: 0.1
        var v = new Parameter(torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }));
        var optimizer = keras.optimizers.SGD(learning_rate: (Func<double>)(() => 0.1));
        Assert.Equal(0, optimizer.iterations);
        optimizer.apply_gradients((torch.ones(2, 2), v));
        AllClose(new[] { 0.9, 1.9, 2.9, 3.9 }, Values(v));
        Assert.Equal(1, optimizer.iterations);
        // KerasSharp's other callable form: a function of the iterations.
        var steps = new List<long>();
        var byStep = keras.optimizers.SGD(learning_rate: LearningRate.from(it => { steps.Add(it); return 0.1; }));
        byStep.apply_gradients((torch.ones(2, 2), v));
        byStep.apply_gradients((torch.ones(2, 2), v));
        Assert.Equal(new long[] { 0, 1 }, steps.Distinct());
        Assert.Throws<InvalidOperationException>(() => byStep.learning_rate = 0.5);
    }

    [Fact]
    public void Get_method_knows_keras_names_and_refuses_others()
    {
        // optimizer_test.py test_get_method
        Assert.IsType<SGD>(keras.optimizers.get("sgd"));
        Assert.IsType<AdamW>(keras.optimizers.get("adamw"));
        Assert.Null(keras.optimizers.get((object?)null));
        Assert.Throws<ArgumentException>(() => keras.optimizers.get("typo"));
        // Keras lower-cases the class name: "ADAM" and "RMSProp" are found, "lamb" is not (Lamb is not in Keras's ALL_OBJECTS).
        Assert.IsType<Adam>(keras.optimizers.get("ADAM"));
        Assert.IsType<RMSprop>(keras.optimizers.get("RMSProp"));
        Assert.Throws<ArgumentException>(() => keras.optimizers.get("lamb"));
        var adam = new Adam();
        Assert.Same(adam, keras.optimizers.get((object)adam));
    }

    [Fact]
    public void Optimizers_are_named_as_keras_names_them()
    {
        // optimizer_test.py test_optimizer_auto_naming: the first is "adam", the next "adam_1" (counters shared by
        // the whole process, so the base of each name is checked, then that a second one gets the next suffix).
        var adam1 = keras.optimizers.Adam(); var adam2 = keras.optimizers.Adam();
        Assert.Matches("^adam(_[0-9]+)?$", adam1.name);
        Assert.Equal(Suffix(adam1.name) + 1, Suffix(adam2.name));
        Assert.Matches("^sgd(_[0-9]+)?$", keras.optimizers.SGD().name);
        Assert.Matches("^adam_w(_[0-9]+)?$", keras.optimizers.AdamW().name);
        Assert.Matches("^rm_sprop(_[0-9]+)?$", keras.optimizers.RMSprop().name); // Keras's to_snake_case("RMSprop")
        Assert.Equal("my_adam", keras.optimizers.Adam(name: "my_adam").name);
        // Serialization keeps the name.
        Assert.Equal(adam2.name, keras.optimizers.deserialize(keras.optimizers.serialize(adam2)).name);
        static int Suffix(string n) => n.Contains('_') ? int.Parse(n[(n.LastIndexOf('_') + 1)..]) : 0;
    }

    [Fact]
    public void Set_weights_needs_a_built_optimizer_and_copies_every_variable()
    {
        // optimizer_test.py test_set_weights
        var x = new Parameter(torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }));
        var optimizer1 = new Adam();
        optimizer1.apply_gradients((torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }), x));
        var optimizer2 = new Adam();
        var e = Assert.Throws<InvalidOperationException>(() => optimizer2.set_weights(optimizer1.variables));
        Assert.StartsWith("You are calling", e.Message);
        optimizer2.build(new Tensor[] { x });
        optimizer2.set_weights(optimizer1.variables);
        var v1 = optimizer1.variables; var v2 = optimizer2.variables;
        Assert.Equal(v1.Count, v2.Count);
        for (int i = 0; i < v1.Count; i++) AllClose(Values(v1[i]), Values(v2[i]));
    }

    [Fact]
    public void Sgd_variables_are_iterations_and_learning_rate()
    {
        // sgd_test.py test_single_step: two variables before and after the step (no momentum slot), iterations 1, rate 0.5.
        var optimizer = new SGD(learning_rate: 0.5);
        Assert.Equal(2, optimizer.variables.Count);
        var v = new Parameter(torch.tensor(new[] { 1f, 2f, 3f, 4f }));
        optimizer.build(new Tensor[] { v });
        optimizer.apply_gradients((torch.tensor(G), v));
        AllClose(new[] { 0.5, -1.0, -0.5, 3.0 }, Values(v), 1e-4, 1e-4);
        var vars = optimizer.variables;
        Assert.Equal(2, vars.Count);
        Assert.Equal(1L, vars[0].item<long>());
        Assert.Equal(0.5f, vars[1].item<float>());
    }

    [Fact]
    public void Sgd_refuses_momentum_outside_0_1_with_keras_text()
    {
        // sgd_test.py test_invalid_momentum
        Assert.Equal("`momentum` must be a float between [0, 1].", Assert.Throws<ArgumentException>(() => new SGD(momentum: -1.0)).Message);
        Assert.Equal("`momentum` must be a float between [0, 1].", Assert.Throws<ArgumentException>(() => new SGD(momentum: 2.0)).Message);
    }

    [Fact]
    public void Ftrl_refuses_invalid_arguments_with_keras_text()
    {
        // ftrl_test.py test_invalid_* (each regex is anchored with ^...$ in Keras)
        Assert.Equal("`initial_accumulator_value` needs to be positive or zero. Received: initial_accumulator_value=-0.1.",
            Assert.Throws<ArgumentException>(() => new Ftrl(initial_accumulator_value: -0.1)).Message);
        Assert.Equal("`learning_rate_power` needs to be negative or zero. Received: learning_rate_power=0.1.",
            Assert.Throws<ArgumentException>(() => new Ftrl(learning_rate_power: 0.1)).Message);
        Assert.Equal("`l1_regularization_strength` needs to be positive or zero. Received: l1_regularization_strength=-0.1.",
            Assert.Throws<ArgumentException>(() => new Ftrl(l1_regularization_strength: -0.1)).Message);
        Assert.Equal("`l2_regularization_strength` needs to be positive or zero. Received: l2_regularization_strength=-0.1.",
            Assert.Throws<ArgumentException>(() => new Ftrl(l2_regularization_strength: -0.1)).Message);
        Assert.Equal("`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: l2_shrinkage_regularization_strength=-0.1.",
            Assert.Throws<ArgumentException>(() => new Ftrl(l2_shrinkage_regularization_strength: -0.1)).Message);
    }

    [Fact]
    public void Unknown_variables_are_refused_after_build()
    {
        // base_optimizer.py _check_variables_are_known
        var a = new Parameter(torch.ones(2));
        var b = new Parameter(torch.ones(2));
        var optimizer = new SGD(learning_rate: 0.1);
        optimizer.apply_gradients((torch.ones(2), a));
        var e = Assert.Throws<ArgumentException>(() => optimizer.apply_gradients((torch.ones(2), b)));
        Assert.StartsWith("Unknown variable: <Variable shape=(2,), dtype=float32>. This optimizer can only be called for the variables it was originally built with.", e.Message);
    }

    // ----- variable layouts and extra numbers from Keras (KerasOracle/optimizers_oracle.py) -----

    [Fact]
    public void Slot_layouts_follow_keras_build_order()
    {
        // optimizers_oracle.py "layout_*": names of optimizer.variables for a kernel (2, 3) and a bias (3,).
        static string[] Layout(Optimizer o)
        {
            var kernel = torch.zeros(2, 3); var bias = torch.zeros(3);
            o.build(new[] { kernel, bias });
            var names = new List<string> { "iteration" };
            if (o.learning_rate_schedule is null) names.Add("learning_rate");
            names.AddRange(o.KerasSlotOrder(new[] { kernel, bias }).Select(p => (ReferenceEquals(p.variable, kernel) ? "kernel_" : "bias_") + o.SlotNames[p.slot]));
            if (o.ExtraState.Length > 0) names.Add("variable");
            Assert.Equal(names.Count, o.variables.Count);
            return names.ToArray();
        }
        Assert.Equal(new[] { "iteration", "learning_rate", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity", "kernel_velocity_hat", "bias_velocity_hat" },
            Layout(new Adam(amsgrad: true)));
        Assert.Equal(new[] { "iteration", "learning_rate", "kernel_velocity", "bias_velocity" }, Layout(new RMSprop()));
        Assert.Equal(new[] { "iteration", "learning_rate", "kernel_velocity", "bias_velocity", "kernel_momentum", "bias_momentum", "kernel_average_gradient", "bias_average_gradient" },
            Layout(new RMSprop(momentum: 0.5, centered: true)));
        Assert.Equal(new[] { "iteration", "learning_rate", "kernel_momentum", "bias_momentum" }, Layout(new SGD(momentum: 0.9)));
        Assert.Equal(new[] { "iteration", "learning_rate", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity", "variable" }, Layout(new Nadam()));
        Assert.Equal(new[] { "iteration", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity" },
            Layout(new Adam(learning_rate: new Optimizers.Schedules.ExponentialDecay(0.1, 10, 0.9))));
        // RMSprop without momentum or centering holds one slot per variable (summary counts them).
        var rms = new RMSprop(); rms.build(new[] { torch.zeros(5, 4), torch.zeros(4) });
        Assert.Equal(24, rms.Variables.Sum(v => v.slots.Sum(s => s.numel())));
    }

    [Fact]
    public void Rmsprop_centered_with_momentum_two_steps_match_keras()
    {
        // optimizers_oracle.py "rmsprop_centered_momentum_2"
        AllClose(new[] { 0.9245094060897827, 1.9245094060897827, 2.924509286880493, 3.924509286880493 },
            Apply(new RMSprop(learning_rate: 0.01, momentum: 0.5, centered: true), W0, G, G));
    }

    [Fact]
    public void Nadam_keeps_keras_u_product()
    {
        // optimizers_oracle.py "nadam_u_product_2": the running product after two steps (Keras 3's 0.96^t schedule).
        var n = new Nadam(learning_rate: 0.5);
        Apply(n, W0, G, G);
        Assert.Equal(0.22711102664470673, n.u_product, 6);
    }

    [Fact]
    public void Adam_with_schedule_and_weight_decay_matches_keras()
    {
        // optimizers_oracle.py "adam_schedule_weight_decay_3" and "schedule_rates_0_3": ExponentialDecay(0.1, 2, 0.5, staircase)
        // read at iterations 0, 1, 2 for the three updates; weight decay uses the same rate.
        var schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5, staircase: true);
        var adam = keras.optimizers.Adam(learning_rate: schedule, weight_decay: 0.1);
        var rates = new List<double>();
        var w = new Parameter(torch.tensor(W0));
        for (int i = 0; i < 3; i++) { rates.Add(adam.learning_rate); adam.apply_gradients((torch.tensor(G), w)); }
        rates.Add(adam.learning_rate);
        AllClose(new[] { 0.10000000149011612, 0.10000000149011612, 0.05000000074505806, 0.05000000074505806 }, rates);
        AllClose(new[] { 0.727196991443634, 1.7023959159851074, 2.677595615386963, 3.6527953147888184 }, Values(w));
    }

    [Fact]
    public void Setting_the_rate_of_a_schedule_driven_optimizer_fails_as_in_keras()
    {
        // base_optimizer.py learning_rate setter (reduce_lr_on_plateau_test.py test_throws_when_optimizer_has_schedule)
        var adam = keras.optimizers.Adam(keras.optimizers.schedules.PolynomialDecay(initial_learning_rate: 0.1, decay_steps: 10));
        var e = Assert.Throws<InvalidOperationException>(() => adam.learning_rate = 0.5);
        Assert.StartsWith("This optimizer was created with a `LearningRateSchedule`", e.Message);
        Assert.Equal(0.1, adam.learning_rate, 12);
    }
}
