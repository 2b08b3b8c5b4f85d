using KerasSharp;
using KerasSharp.Optimizers;
using KerasSharp.Optimizers.Schedules;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/optimizers/schedules/learning_rate_schedule_test.py, ported with its
/// tolerances. The expected values are the test's own expected-value expressions, evaluated by
/// KerasOracle/schedules_oracle.py (kpython, Keras 3.15.1), which also shows that Keras's schedules agree.
/// </summary>
public class LearningRateScheduleTests
{
    static void Close(double expected, double actual, double tol = 1e-6, string what = "") =>
        OptimizerStepTests.AllClose(new[] { expected }, new[] { actual }, rtol: tol, atol: tol, what: what);

    static void Cases(LearningRateSchedule schedule, (double step, double expected)[] cases, double tol = 1e-6)
    {
        foreach (var (step, expected) in cases) Close(expected, schedule.call(step), tol, $"{schedule.class_name} at step {step}");
    }

    [Fact]
    public void Fit_lr_correctness_matches_keras_losses()
    {
        // TestFitLRSchedulesFlow.test_fit_lr_correctness: Dense(2) with ones, Adam over ExponentialDecay(0.05, 1, 0.9),
        // x = y = arange(32).reshape(16, 2), 3 epochs of batch 4 without shuffling; rtol 5e-5.
        var model = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(2, kernel_initializer: "ones", bias_initializer: "ones"));
        var optimizer = keras.optimizers.Adam(learning_rate: keras.optimizers.schedules.ExponentialDecay(initial_learning_rate: 0.05, decay_steps: 1, decay_rate: 0.9));
        Assert.Single(optimizer.variables);
        Assert.Equal(0L, optimizer.variables[0].item<long>());
        model.compile(optimizer: optimizer, loss: "mse");
        var x = new float[16, 2];
        for (int i = 0; i < 32; i++) x[i / 2, i % 2] = i;
        var history = model.fit(x, x, epochs: 3, batch_size: 4, shuffle: false, verbose: 0);
        Assert.Equal(4L * 3, optimizer.variables[0].item<long>());
        OptimizerStepTests.AllClose(new[] { 230.79457092285156, 128.30319213867188, 79.33648681640625 }, history.history["loss"], rtol: 5e-5, atol: 1e-6);
    }

    [Fact]
    public void A_model_with_a_schedule_and_weight_decay_saves_loads_and_continues_with_the_same_rates()
    {
        // Issue 12: the schedule and weight_decay travel in the model's compile_config; the reloaded optimizer
        // continues at the same iteration with the same rates, and the two models stay equal step for step.
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: keras.optimizers.Adam(learning_rate: keras.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5), weight_decay: 0.01), loss: "mse");
        var x = new float[8, 2]; var y = new float[8, 1];
        for (int i = 0; i < 8; i++) { x[i, 0] = i; x[i, 1] = 1 - i; y[i, 0] = 0.5f * i; }
        m.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
        var path = Path.Combine(Path.GetTempPath(), "ks-schedule-" + Guid.NewGuid().ToString("N") + ".keras");
        try
        {
            m.save(path);
            var back = keras.models.load_model(path);
            var schedule = Assert.IsType<ExponentialDecay>(back.optimizer!.learning_rate_schedule);
            Assert.Equal((0.1, 2.0, 0.5), (schedule.initial_learning_rate, schedule.decay_steps, schedule.decay_rate));
            Assert.Equal(0.01, back.optimizer.weight_decay);
            for (int epoch = 0; epoch < 2; epoch++)
            {
                Assert.Equal(m.optimizer!.iterations, back.optimizer.iterations);
                Assert.Equal(m.optimizer.learning_rate, back.optimizer.learning_rate);
                Assert.Equal(m.get_weights()[0].ToArray<float>(), back.get_weights()[0].ToArray<float>());
                m.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
                back.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
            }
            Assert.Equal(6, back.optimizer.iterations);
            Assert.Equal(0.1 * Math.Pow(0.5, 3), back.optimizer.learning_rate, 12); // ExponentialDecay(0.1, 2, 0.5) at step 6
            Assert.Equal(m.get_weights()[0].ToArray<float>(), back.get_weights()[0].ToArray<float>());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Exponential_decay_continuous_and_staircase()
    {
        // ExponentialDecayTest.test_continuous, test_staircase, test_variables
        Cases(new ExponentialDecay(0.05, 10, 0.96), new (double, double)[] { (5, 0.048989794855663564) });
        Cases(new ExponentialDecay(0.1, 3, 0.96, staircase: true), new (double, double)[] { (1, 0.1), (2, 0.1), (100, 0.02599864358413614) });
    }

    [Fact]
    public void Piecewise_constant_values_and_boundaries()
    {
        // PiecewiseConstantDecayTest.test_piecewise_values and test_boundary_values
        Cases(new PiecewiseConstantDecay(new double[] { 100, 110, 120 }, new[] { 1.0, 0.1, 0.01, 0.001 }),
            new (double, double)[] { (-999, 1.0), (100, 1.0), (105, 0.1), (110, 0.1), (120, 0.01), (999, 0.001) });
        Cases(keras.optimizers.schedules.PiecewiseConstantDecay(new double[] { 1, 2, 3 }, new[] { 0.4, 0.5, 0.6, 0.7 }),
            new (double, double)[] { (0, 0.4), (1, 0.4), (2, 0.5), (3, 0.6), (4, 0.7) });
    }

    [Fact]
    public void Polynomial_decay_linear_and_sqrt()
    {
        // LinearDecayTest and SqrtDecayTest: the expected values are the test's expressions (lr·0.5, end_lr, ...).
        double lr = 0.05, end = 0.001;
        Close(lr * 0.5, new PolynomialDecay(lr, 10, 0.0).call(5));                                  // test_halfway
        Close(end, new PolynomialDecay(lr, 10, end).call(10));                                       // test_end
        Close((lr + end) * 0.5, new PolynomialDecay(lr, 10, end).call(5));                           // test_halfway_with_end
        Close(end, new PolynomialDecay(lr, 10, end).call(15));                                       // test_beyond_end
        Close((lr - end) * 0.25 + end, new PolynomialDecay(lr, 10, end, cycle: true).call(15));      // test_beyond_end_with_cycle
        Close(lr * Math.Pow(0.5, 0.5), new PolynomialDecay(lr, 10, 0.0, power: 0.5).call(5));        // SqrtDecayTest.test_halfway
        Close(end, new PolynomialDecay(lr, 10, end, power: 0.5).call(10));
        Close((lr - end) * Math.Pow(0.5, 0.5) + end, new PolynomialDecay(lr, 10, end, power: 0.5).call(5));
        Close(end, new PolynomialDecay(lr, 10, end, power: 0.5).call(15));
        Close((lr - end) * Math.Pow(0.25, 0.5) + end, new PolynomialDecay(lr, 10, end, power: 0.5, cycle: true).call(15));
        Close(0.001, new PolynomialDecay(0.001, 10, cycle: true).call(0));                           // test_begin_with_cycle
        // Beyond Keras's test (schedules_oracle.py "polynomial_cycle_power", Keras's own outputs, float32).
        Cases(new PolynomialDecay(0.1, 10, 0.01, power: 2.0, cycle: true),
            new (double, double)[] { (0, 0.10000000149011612), (3, 0.054099999368190765), (10, 0.009999999776482582), (11, 0.028224999085068703), (25, 0.01250000111758709) });
    }

    [Fact]
    public void Inverse_time_decay_and_staircase()
    {
        // InverseTimeDecayTest.test_decay and test_staircase
        Cases(new InverseTimeDecay(0.1, 10, 0.96), new (double, double)[]
        {
            (0, 0.1), (1, 0.09124087591240876), (2, 0.08389261744966443), (3, 0.07763975155279504), (4, 0.07225433526011561), (5, 0.06756756756756757),
            (6, 0.06345177664974619), (7, 0.059808612440191394), (8, 0.05656108597285068), (9, 0.053648068669527905), (10, 0.05102040816326531),
        });
        Cases(new InverseTimeDecay(0.1, 10, 0.96, staircase: true), Enumerable.Range(0, 10).Select(i => ((double)i, 0.1)).Append((10, 0.05102040816326531)).ToArray());
    }

    [Fact]
    public void Cosine_decay_alpha_and_warmup()
    {
        // CosineDecayTest.test_decay, test_alpha, test_float64, test_warmup, test_warmup_decay
        var decay = new (double, double)[] { (0, 1.0), (250, 0.8535533905932737), (500, 0.5), (750, 0.14644660940672627), (1000, 0.0), (1250, 0.0) };
        Cases(new CosineDecay(1.0, 1000), decay);
        Cases(new CosineDecay(1.0, 1000, 0.1), new (double, double)[] { (0, 1.0), (250, 0.8681980515339464), (500, 0.55), (750, 0.23180194846605365), (1000, 0.1), (1250, 0.1) });
        Cases(new CosineDecay(0.0, 10, warmup_target: 10.0, warmup_steps: 1500),
            new (double, double)[] { (0, 0.0), (250, 1.6666666666666665), (500, 3.333333333333333), (750, 5.0), (1000, 6.666666666666666), (1250, 8.333333333333334) });
        Cases(new CosineDecay(0.0, 1000, warmup_target: 10.0, warmup_steps: 2000), new (double, double)[]
        {
            (0, 0.0), (250, 1.25), (500, 2.5), (750, 3.75), (1000, 5.0), (1250, 6.25), (1500, 7.5), (1750, 8.75), (2000, 10.0),
            (2250, 8.535533905932738), (2500, 5.0), (2750, 1.4644660940672627),
        });
    }

    [Fact]
    public void Cosine_decay_restarts_alpha_mmul_tmul()
    {
        // CosineDecayRestartsTest.test_decay, test_float64, test_alpha, test_mmul, test_tmul
        Cases(new CosineDecayRestarts(1.0, 1000), new (double, double)[] { (0, 1.0), (250, 0.8535533905932737), (500, 0.5), (750, 0.14644660940672627), (1000, 1.0), (1250, 0.9619397662556434) });
        Cases(new CosineDecayRestarts(1.0, 1000, alpha: 0.1), new (double, double)[] { (0, 1.0), (250, 0.8681980515339464), (500, 0.55), (750, 0.23180194846605365), (1000, 1.0), (1250, 0.9657457896300791) });
        Cases(new CosineDecayRestarts(1.0, 1000, m_mul: 0.9), new (double, double)[] { (0, 1.0), (250, 0.8535533905932737), (500, 0.5), (750, 0.14644660940672627), (1000, 0.9), (1250, 0.8657457896300791) });
        Cases(new CosineDecayRestarts(1.0, 1000, t_mul: 1.0), new (double, double)[] { (0, 1.0), (250, 0.8535533905932737), (500, 0.5), (750, 0.14644660940672627), (1000, 1.0), (1250, 0.8535533905932737) });
        // Beyond Keras's test: several restarts (schedules_oracle.py "restarts_long", Keras's own float32 outputs).
        Cases(new CosineDecayRestarts(0.1, 10, t_mul: 2.0, m_mul: 0.5, alpha: 0.1), new (double, double)[]
        {
            (0, 0.10000000149011612), (5, 0.05499999597668648), (9, 0.012202458456158638), (10, 0.055000003427267075), (15, 0.04840990528464317),
            (29, 0.01027701236307621), (30, 0.032499998807907104), (31, 0.03246532008051872), (69, 0.010034679435193539), (70, 0.021250000223517418),
            (100, 0.017777595669031143),
        });
    }

    // ----- test_config of each class (run_class_serialization_test: get_config → from_config → the same config, and through serialize) -----

    static void RoundTrip(LearningRateSchedule s, Func<IReadOnlyDictionary<string, object?>, LearningRateSchedule> fromConfig, string expectedJson)
    {
        string json = System.Text.Json.JsonSerializer.Serialize(s.get_config());
        Assert.Equal(expectedJson, json);
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(fromConfig(s.get_config()).get_config()));
        var viaJson = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(s.serialize())).RootElement;
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(keras.optimizers.schedules.deserialize(viaJson).get_config()));
    }

    [Fact]
    public void Every_schedule_round_trips_its_keras_config()
    {
        // Each <Schedule>Test.test_config; the expected configs are Keras's (schedules_oracle.py "configs"), in .NET's JSON number form.
        RoundTrip(new ExponentialDecay(0.05, 10, 0.96, staircase: true, name: "my_ed"), ExponentialDecay.from_config,
            """{"initial_learning_rate":0.05,"decay_steps":10,"decay_rate":0.96,"staircase":true,"name":"my_ed"}""");
        RoundTrip(new PiecewiseConstantDecay(new double[] { 10, 20 }, new double[] { 1, 2, 3 }, name: "my_pcd"), PiecewiseConstantDecay.from_config,
            """{"boundaries":[10,20],"values":[1,2,3],"name":"my_pcd"}""");
        RoundTrip(new PolynomialDecay(0.1, 100, 0.005, 1.0, false, name: "my_ld"), PolynomialDecay.from_config,
            """{"initial_learning_rate":0.1,"decay_steps":100,"end_learning_rate":0.005,"power":1,"cycle":false,"name":"my_ld"}""");
        RoundTrip(new InverseTimeDecay(0.05, 10, 0.96, staircase: true, name: "my_itd"), InverseTimeDecay.from_config,
            """{"initial_learning_rate":0.05,"decay_steps":10,"decay_rate":0.96,"staircase":true,"name":"my_itd"}""");
        RoundTrip(new CosineDecay(0.05, 10, alpha: 0.1, warmup_target: 0.2, warmup_steps: 2, name: "my_cd"), CosineDecay.from_config,
            """{"initial_learning_rate":0.05,"decay_steps":10,"alpha":0.1,"name":"my_cd","warmup_target":0.2,"warmup_steps":2}""");
        RoundTrip(new CosineDecayRestarts(0.05, 10, alpha: 0.1, t_mul: 3.0, m_mul: 4.0, name: "my_cdr"), CosineDecayRestarts.from_config,
            """{"initial_learning_rate":0.05,"first_decay_steps":10,"t_mul":3,"m_mul":4,"alpha":0.1,"name":"my_cdr"}""");
        // Keras's default names (schedules_oracle.py "defaults").
        Assert.Equal("ExponentialDecay", new ExponentialDecay(0.1, 10, 0.9).name);
        Assert.Equal("PiecewiseConstant", new PiecewiseConstantDecay(new double[] { 1 }, new[] { 0.1, 0.01 }).name);
        Assert.Equal("SGDRDecay", new CosineDecayRestarts(0.1, 10).name);
        Assert.Null(new CosineDecay(0.1, 10).get_config()["warmup_target"]);
        Assert.Equal(0.0001, new PolynomialDecay(0.1, 10).end_learning_rate);
    }

    [Fact]
    public void Schedules_refuse_bad_arguments_with_keras_text()
    {
        // schedules_oracle.py "error_*"
        Assert.Equal("Argument `decay_steps` must be > 0. Received: decay_steps=0", Assert.Throws<ArgumentException>(() => new ExponentialDecay(0.1, 0, 0.9)).Message);
        Assert.Equal("Argument `first_decay_steps` must be > 0. Received: first_decay_steps=0", Assert.Throws<ArgumentException>(() => new CosineDecayRestarts(0.1, 0)).Message);
        Assert.Equal("The length of boundaries should be 1 less than the length of values. Received: boundaries=[1, 2] of length 2, and values=[0.1] of length 1.",
            Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay(new double[] { 1, 2 }, new[] { 0.1 })).Message);
        // An unknown key or class is refused, naming it.
        var e = Assert.Throws<ArgumentException>(() => ExponentialDecay.from_config(new Dictionary<string, object?>
            { ["initial_learning_rate"] = 0.1, ["decay_steps"] = 10, ["decay_rate"] = 0.9, ["warmup"] = 3 }));
        Assert.StartsWith("ExponentialDecay: argument(s) not recognized: {'warmup': 3}.", e.Message);
        var u = Assert.Throws<ArgumentException>(() => keras.optimizers.schedules.deserialize(new Dictionary<string, object?> { ["class_name"] = "OneCycle", ["config"] = null }));
        Assert.StartsWith("Unknown learning rate schedule class 'OneCycle'.", u.Message);
    }
}
