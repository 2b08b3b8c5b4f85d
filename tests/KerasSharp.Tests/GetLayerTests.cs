using Xunit;

namespace KerasSharp.Tests;

/// <summary>model.get_layer(name=None, index=None) against Keras 3.15.1 (kpython: the texts below are what it raised).</summary>
public class GetLayerTests
{
    [Fact]
    public void Get_layer_by_name_or_index_with_kerass_errors()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1, name: "d"));
        // m.get_layer(index=0).name == "d"; m.get_layer(name="d")
        Assert.Equal("d", m.get_layer(index: 0).name);
        Assert.Same(m.get_layer(index: 0), m.get_layer(name: "d"));
        Assert.Equal("Was asked to retrieve layer at index 5 but model only has 1 layers.", Assert.Throws<ArgumentException>(() => m.get_layer(index: 5)).Message);
        Assert.Equal("Provide either a layer name or layer index at `get_layer`.", Assert.Throws<ArgumentException>(() => m.get_layer()).Message);
        Assert.Equal("Provide only a layer name or a layer index. Received: index=0, name=d.", Assert.Throws<ArgumentException>(() => m.get_layer(name: "d", index: 0)).Message);
    }
}
