using KerasSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>The keras.*.get functions are reached as written in Python (keras.optimizers.get("adam")).</summary>
public class KerasGetTests
{
    [Fact]
    public void Get_functions_are_reachable_from_the_keras_root_and_return_keras_classes()
    {
        Assert.Equal("Adam", keras.optimizers.get("adam").class_name);
        Assert.Equal("L2", keras.regularizers.get("l2").class_name);
        Assert.Equal("GlorotUniform", keras.initializers.get("glorot_uniform").class_name);
        Assert.Equal("relu", keras.activations.get("relu").name);
        Assert.Equal("mean_squared_error", keras.losses.get("mse").name);
        // Keras 3.15: keras.metrics.get("mae") is a MeanAbsoluteError named "mean_absolute_error" (compile renames it "mae").
        Assert.Equal("mean_absolute_error", keras.metrics.get("mae").name);
    }

    [Fact]
    public void Get_with_an_unknown_name_lists_the_known_names()
    {
        var e = Assert.Throws<ArgumentException>(() => keras.optimizers.get("adamm"));
        Assert.StartsWith("Unknown optimizer 'adamm'. Known optimizer names: ", e.Message);
        Assert.Contains("adam, ", e.Message);
    }
}
