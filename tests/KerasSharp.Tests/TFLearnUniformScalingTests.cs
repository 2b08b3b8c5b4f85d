using KerasSharp.Initializers;
using KerasSharp.TFLearn;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// TFLearn's uniform_scaling, whose definition (tflearn/initializations.py, after TF's
/// uniform_unit_scaling_initializer) is U(−√(3/n)·factor, √(3/n)·factor), n the input size.
/// </summary>
public class TFLearnUniformScalingTests
{
    [Fact]
    public void Values_fill_the_bound_for_the_fan_in_with_the_spread_of_a_uniform()
    {
        // Dense kernel [300, 200]: n = 300, bound √(3/300) = 0.1, std of U(−0.1, 0.1) = 0.0577.
        var t = new UniformScaling().call(new long[] { 300, 200 });
        float[] v = t.data<float>().ToArray();
        Assert.Equal(60000, v.Length);
        Assert.InRange(v.Max(), 0.0995f, 0.1f);
        Assert.InRange(v.Min(), -0.1f, -0.0995f);
        double mean = v.Average(x => (double)x);
        double std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(std, 0.0570, 0.0585);
        // Conv kernel [3, 3, 16, 8]: n = 144, bound √(3/144)·2 = 0.2887.
        var c = new UniformScaling(factor: 2.0).call(new long[] { 3, 3, 16, 8 }).data<float>().ToArray();
        Assert.InRange(c.Max(), 0.280f, 0.2887f);
        Assert.Equal(2, c.Select(x => x > 0).Distinct().Count());
    }

    [Fact]
    public void A_seed_repeats_the_values_and_the_config_reads_back()
    {
        var a = new UniformScaling(seed: 7).call(new long[] { 4, 3 }).data<float>().ToArray();
        var b = new UniformScaling(seed: 7).call(new long[] { 4, 3 }).data<float>().ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, new UniformScaling(seed: 8).call(new long[] { 4, 3 }).data<float>().ToArray());
        var back = UniformScaling.from_config(new UniformScaling(0.5, 3).get_config());
        Assert.Equal(0.5, back.factor);
        Assert.Equal(3, back.seed);
        Assert.Equal("UniformScaling: unknown config key 'gain'. Known keys: factor, seed.",
            Assert.Throws<ArgumentException>(() => UniformScaling.from_config(new Dictionary<string, object?> { ["gain"] = 1.0 })).Message);
        Assert.Equal("UniformScaling: factor must be a positive number; received 0.", Assert.Throws<ArgumentException>(() => new UniformScaling(0)).Message);
    }
}
