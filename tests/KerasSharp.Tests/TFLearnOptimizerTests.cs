using KerasSharp.Optimizers;
using KerasSharp.TFLearn;
using TorchSharp;
using Xunit;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Tests;

/// <summary>
/// TFLearn's optimizer classes (tflearn/optimizers.py) with TFLearn's defaults and TensorFlow 1's
/// rules. The expected numbers come from Keras 3.15.1 configured as TensorFlow 1 computes
/// (KerasOracle/optimizers_oracle.py "tflearn_*"): exponential decay is Keras's ExponentialDecay,
/// Momentum with a constant rate is Keras's SGD with momentum, RMSProp is Keras's RMSprop with the
/// mean square started at ones, AdaGrad is Keras's Adagrad without ε.
/// </summary>
public class TFLearnOptimizerTests
{
    static readonly float[] W0 = { 1f, 2f, 3f, 4f };
    static readonly float[] G = { 1f, 6f, 7f, 2f };

    static double[] Apply(Optimizer opt, int steps)
    {
        var w = new Parameter(torch.tensor(W0));
        for (int i = 0; i < steps; i++) opt.apply_gradients((torch.tensor(G), w));
        return w.detach().to(torch.float64).data<double>().ToArray();
    }

    static void Close(double[] expected, double[] actual) => OptimizerStepTests.AllClose(expected, actual, rtol: 1e-6, atol: 1e-6);

    [Fact]
    public void Sgd_with_lr_decay_follows_exponential_decay()
    {
        // tflearn.SGD(learning_rate, lr_decay, decay_step, staircase): tf.train.exponential_decay over the step counter.
        var sgd = tflearn.SGD(learning_rate: 0.1, lr_decay: 0.5, decay_step: 2, staircase: true);
        Close(new[] { 0.6999999284744263, 0.19999992847442627, 0.8999998569488525, 3.4000000953674316 }, Apply(sgd, 4));
        Assert.Equal("SGD", sgd.name);
        // TFLearn's documented example: 0.1 · 0.96^(step/1000), continuous.
        var doc = tflearn.SGD(learning_rate: 0.1, lr_decay: 0.96, decay_step: 1000);
        Assert.IsType<Optimizers.Schedules.ExponentialDecay>(doc.learning_rate_schedule);
        doc.iterations = 500;
        Assert.Equal(0.1 * Math.Pow(0.96, 0.5), doc.learning_rate, 12);
        // Without lr_decay the rate is a plain number, as TFLearn's default 0.001.
        Assert.Null(tflearn.SGD().learning_rate_schedule);
        Assert.Equal(0.001, tflearn.SGD().learning_rate);
    }

    [Fact]
    public void Momentum_and_nesterov_with_a_constant_rate_match_keras_sgd_momentum()
    {
        Close(new[] { 0.4389999806880951, -1.3660001754760742, -0.9269998073577881, 2.878000020980835 }, Apply(tflearn.Momentum(learning_rate: 0.1), 3));
        Close(new[] { 0.19510003924369812, -2.829400062561035, -2.6342995166778564, 2.390199899673462 }, Apply(tflearn.Nesterov(learning_rate: 0.1), 3));
        Assert.Equal(0.9, ((Momentum)tflearn.Momentum()).momentum);
        Assert.IsType<Optimizers.Schedules.ExponentialDecay>(tflearn.Momentum(lr_decay: 0.96, decay_step: 100).learning_rate_schedule);
    }

    [Fact]
    public void Rmsprop_adagrad_adadelta_adam_ftrl_follow_tensorflow_1()
    {
        Close(new[] { 0.9800000190734863, 1.9500226974487305, 2.948929786682129, 3.9664971828460693 }, Apply(tflearn.RMSProp(learning_rate: 0.01), 2));
        Close(new[] { 0.8356471657752991, 1.8294769525527954, 2.8294272422790527, 3.830954074859619 }, Apply(tflearn.AdaGrad(learning_rate: 0.1), 2));
        Close(new[] { 0.8356471657752991, 1.8294769525527954, 2.8294272422790527, 3.830954074859619 }, Apply(tflearn.ProximalAdaGrad(learning_rate: 0.1), 2));
        Close(new[] { 0.9999997615814209, 1.999999761581421, 2.999999761581421, 3.999999761581421 }, Apply(tflearn.AdaDelta(), 2));
        Close(new[] { 0.9980000257492065, 1.997999906539917, 2.998000144958496, 3.998000144958496 }, Apply(tflearn.Adam(), 2));
        Close(new[] { -4.232096195220947, -3.220953941345215, -2.252570629119873, -1.6960691213607788 }, Apply(tflearn.Ftrl(), 2));
    }

    [Fact]
    public void Names_and_defaults_are_tflearn_s()
    {
        Assert.Equal(new[] { "SGD", "RMSProp", "Adam", "Momentum", "AdaGrad", "Ftrl", "AdaDelta", "ProximalAdaGrad", "Nesterov" },
            new[] { tflearn.SGD(), tflearn.RMSProp(), tflearn.Adam(), tflearn.Momentum(), tflearn.AdaGrad(), tflearn.Ftrl(), tflearn.AdaDelta(), tflearn.ProximalAdaGrad(), tflearn.Nesterov() }.Select(o => o.name));
        Assert.Equal(1e-10, ((RMSprop)tflearn.RMSProp()).epsilon);
        Assert.Equal(0.1, ((Adadelta)tflearn.AdaDelta()).rho);
        Assert.Equal(3.0, tflearn.Ftrl().learning_rate);
        foreach (var name in new[] { "sgd", "SGD", "rmsprop", "adam", "momentum", "adagrad", "ftrl", "adadelta", "proximaladagrad", "nesterov", "ProximalAdaGrad" })
            Assert.Equal(0.5, tflearn.optimizers.get(name, 0.5).learning_rate);
    }
}
