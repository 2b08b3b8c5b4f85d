using KerasSharp;
using KerasSharp.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>One (or two) update steps of each optimizer against Keras's formulas computed by hand in double precision.</summary>
public class OptimizerStepTests
{
    static readonly double[] W0 = { 1.0, -2.0, 0.5 };
    static readonly double[] G = { 0.1, -0.3, 2.0 };

    static double[] Step(Optimizer opt, int steps = 1) => Steps(opt, Enumerable.Repeat(G, steps).ToArray());

    static double[] Steps(Optimizer opt, params double[][] grads)
    {
        var w = new Parameter(torch.tensor(W0.Select(v => (float)v).ToArray()));
        foreach (var g in grads)
        {
            w.grad = torch.tensor(g.Select(v => (float)v).ToArray());
            opt.apply_gradients(new[] { w });
        }
        return w.detach().data<float>().Select(v => (double)v).ToArray();
    }

    static void Near(double[] expected, double[] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6, $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void Sgd_step_is_w_minus_lr_g()
    {
        Near(W0.Zip(G, (w, g) => w - 0.01 * g).ToArray(), Step(keras.optimizers.SGD()));
    }

    [Fact]
    public void Sgd_momentum_two_steps_follow_keras_velocity_rule()
    {
        double lr = 0.1, m = 0.9;
        var expected = W0.Zip(G, (w, g) => { double v = -lr * g; w += v; v = m * v - lr * g; return w + v; }).ToArray();
        Near(expected, Step(keras.optimizers.SGD(learning_rate: lr, momentum: m), 2));
    }

    [Fact]
    public void Sgd_uses_the_learning_rate_of_each_step_when_it_changes()
    {
        // Twenty rates in turn (more than the optimizer's 16 cached engine scalars), then the first again.
        double[] rates = Enumerable.Range(1, 20).Select(i => 0.01 * i).Append(0.01).ToArray();
        var opt = keras.optimizers.SGD(learning_rate: rates[0]);
        var w = new Parameter(torch.tensor(W0.Select(v => (float)v).ToArray()));
        foreach (var lr in rates)
        {
            opt.learning_rate = lr;
            w.grad = torch.tensor(G.Select(v => (float)v).ToArray());
            opt.apply_gradients(new[] { w });
        }
        Near(W0.Zip(G, (w0, g) => w0 - rates.Sum() * g).ToArray(), w.detach().data<float>().Select(v => (double)v).ToArray());
    }

    [Fact]
    public void Sgd_nesterov_step_adds_momentum_times_velocity_minus_lr_g()
    {
        double lr = 0.1, m = 0.9;
        var expected = W0.Zip(G, (w, g) => { double v = -lr * g; return w + m * v - lr * g; }).ToArray();
        Near(expected, Step(keras.optimizers.SGD(learning_rate: lr, momentum: m, nesterov: true)));
    }

    [Fact]
    public void Adam_two_steps_put_epsilon_outside_the_bias_correction()
    {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var expected = W0.Zip(G, (w, g) =>
        {
            double m = 0, v = 0;
            for (int t = 1; t <= 2; t++)
            {
                double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
                m += (g - m) * (1 - b1); v += (g * g - v) * (1 - b2);
                w -= m * alpha / (Math.Sqrt(v) + eps);
            }
            return w;
        }).ToArray();
        Near(expected, Step(keras.optimizers.Adam(learning_rate: lr), 2));
    }

    [Fact]
    public void Rmsprop_step_puts_epsilon_inside_the_square_root()
    {
        double lr = 0.01, rho = 0.9, eps = 1e-7;
        var expected = W0.Zip(G, (w, g) => { double vel = (1 - rho) * g * g; return w - lr * g / Math.Sqrt(vel + eps); }).ToArray();
        Near(expected, Step(keras.optimizers.RMSprop(learning_rate: lr)));
    }

    [Fact]
    public void Rmsprop_centered_with_momentum_two_steps_follow_keras()
    {
        double lr = 0.01, rho = 0.9, mu = 0.5, eps = 1e-7;
        var expected = W0.Zip(G, (w, g) =>
        {
            double vel = 0, avg = 0, mom = 0;
            for (int t = 0; t < 2; t++)
            {
                vel = rho * vel + (1 - rho) * g * g;
                avg = rho * avg + (1 - rho) * g;
                double increment = lr * g / Math.Sqrt(vel - avg * avg + eps);
                mom = mu * mom + increment;
                w -= mom;
            }
            return w;
        }).ToArray();
        Near(expected, Step(keras.optimizers.RMSprop(learning_rate: lr, momentum: mu, centered: true), 2));
    }

    [Fact]
    public void Adam_amsgrad_keeps_the_largest_second_moment()
    {
        // A gradient, then a zero gradient: v shrinks on the second step, v̂ keeps the first step's value.
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var zeros = new double[G.Length];
        var expected = W0.Zip(G, (w, g) =>
        {
            double m = 0, v = 0, vhat = 0;
            foreach (var (t, gt) in new[] { (1, g), (2, 0.0) })
            {
                double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
                m = b1 * m + (1 - b1) * gt; v = b2 * v + (1 - b2) * gt * gt; vhat = Math.Max(vhat, v);
                w -= alpha * m / (Math.Sqrt(vhat) + eps);
            }
            return w;
        }).ToArray();
        Near(expected, Steps(keras.optimizers.Adam(learning_rate: lr, amsgrad: true), G, zeros));
        // Without amsgrad the second step divides by the smaller √v and moves further.
        var plain = Steps(keras.optimizers.Adam(learning_rate: lr), G, zeros);
        Assert.True(Math.Abs(plain[2] - W0[2]) > Math.Abs(expected[2] - W0[2]));
    }

    [Fact]
    public void Adagrad_step_starts_the_accumulator_at_0_1()
    {
        double lr = 0.01;
        var expected = W0.Zip(G, (w, g) => { double acc = 0.1 + g * g; return w - lr * g / Math.Sqrt(acc + 1e-7); }).ToArray();
        Near(expected, Step(keras.optimizers.Adagrad(learning_rate: lr)));
    }

    [Fact]
    public void Adadelta_step_follows_keras()
    {
        double lr = 1.0, rho = 0.95, eps = 1e-7;
        var expected = W0.Zip(G, (w, g) =>
        {
            double accG = (1 - rho) * g * g;
            double delta = -Math.Sqrt(0 + eps) * g / Math.Sqrt(accG + eps);
            return w + lr * delta;
        }).ToArray();
        Near(expected, Step(keras.optimizers.Adadelta(learning_rate: lr)));
    }

    [Fact]
    public void Adamax_step_follows_keras()
    {
        double lr = 0.01, b1 = 0.9, eps = 1e-7;
        var expected = W0.Zip(G, (w, g) => { double m = (1 - b1) * g, u = Math.Abs(g); return w - lr * m / ((1 - b1) * (u + eps)); }).ToArray();
        Near(expected, Step(keras.optimizers.Adamax(learning_rate: lr)));
    }

    [Fact]
    public void Nadam_two_steps_follow_keras_momentum_schedule()
    {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var expected = W0.Zip(G, (w, g) =>
        {
            double m = 0, v = 0, uProduct = 1;
            for (int t = 1; t <= 2; t++)
            {
                double ut = b1 * (1 - 0.5 * Math.Pow(0.96, t * 0.004));
                double ut1 = b1 * (1 - 0.5 * Math.Pow(0.96, (t + 1) * 0.004));
                double upt = uProduct * ut, upt1 = upt * ut1;
                uProduct = upt;
                m += (g - m) * (1 - b1); v += (g * g - v) * (1 - b2);
                double mHat = ut1 * m / (1 - upt1) + (1 - ut) * g / (1 - upt);
                double vHat = v / (1 - Math.Pow(b2, t));
                w -= mHat * lr / (Math.Sqrt(vHat) + eps);
            }
            return w;
        }).ToArray();
        Near(expected, Step(keras.optimizers.Nadam(learning_rate: lr), 2));
    }

    [Fact]
    public void Clipnorm_scales_each_gradient_to_the_norm()
    {
        double norm = Math.Sqrt(G.Sum(g => g * g));
        var expected = W0.Zip(G, (w, g) => w - 1.0 * g * (1.0 / norm)).ToArray();
        Near(expected, Step(keras.optimizers.SGD(learning_rate: 1.0, clipnorm: 1.0)));
    }

    [Fact]
    public void Global_clipnorm_scales_all_gradients_together()
    {
        double norm = Math.Sqrt(G.Sum(g => g * g));
        var expected = W0.Zip(G, (w, g) => w - g * (0.5 / norm)).ToArray();
        Near(expected, Step(keras.optimizers.SGD(learning_rate: 1.0, global_clipnorm: 0.5)));
    }

    [Fact]
    public void Default_learning_rates_are_keras_defaults()
    {
        Assert.Equal(0.01, keras.optimizers.SGD().learning_rate);
        Assert.Equal(0.001, ((Optimizer)"adam").learning_rate);
        Assert.Equal(1e-7, keras.optimizers.Adam().epsilon);
        Assert.Equal(0.9, keras.optimizers.RMSprop().rho);
        Assert.Equal(0.95, keras.optimizers.Adadelta().rho);
    }
}
