// keras-io guides/sequential_model.py ("The Sequential model"), ported line for line (see README.md).
// The guide builds models and calls them on ones; nothing is downloaded or trained, so --quick changes nothing.
using KerasSharp;
using KerasSharp.Models;
using TorchSharp;
using static KerasSharp.keras;

namespace Ported;

public static class sequential_model
{
    public static Result Run(Options run)
    {
        int checks = 0;
        void Expect(bool ok, string what) { Gallery.Check(ok, what); checks++; }

        // ## When to use a Sequential model

        // Define Sequential model with 3 layers
        var model = keras.Sequential(
            layers.Dense(2, activation: "relu", name: "layer1"),
            layers.Dense(3, activation: "relu", name: "layer2"),
            layers.Dense(4, name: "layer3"));
        // Call model on a test input
        var x = torch.ones(3, 3);
        var y = model.Apply(x);

        // is equivalent to this function:

        // Create 3 layers
        var layer1 = layers.Dense(2, activation: "relu", name: "layer1");
        var layer2 = layers.Dense(3, activation: "relu", name: "layer2");
        var layer3 = layers.Dense(4, name: "layer3");

        // Call layers on a test input
        x = torch.ones(3, 3);
        y = layer3.Apply(layer2.Apply(layer1.Apply(x)));
        Expect(y.shape.SequenceEqual(new long[] { 3, 4 }), $"layer3(layer2(layer1(x))) should have shape (3, 4), has ({string.Join(", ", y.shape)}).");

        // ## Creating a Sequential model

        model = keras.Sequential(
            layers.Dense(2, activation: "relu"),
            layers.Dense(3, activation: "relu"),
            layers.Dense(4));

        // Its layers are accessible via the `layers` attribute:
        Console.WriteLine(string.Join(", ", model.layers));

        // You can also create a Sequential model incrementally via the `add()` method:
        model = keras.Sequential();
        model.add(layers.Dense(2, activation: "relu"));
        model.add(layers.Dense(3, activation: "relu"));
        model.add(layers.Dense(4));

        // Note that there's also a corresponding `pop()` method to remove layers:
        model.pop();
        Console.WriteLine(model.layers.Count); // 2
        Expect(model.layers.Count == 2, "after pop() the model should have 2 layers.");

        // The Sequential constructor accepts a `name` argument
        model = keras.Sequential(name: "my_sequential");
        model.add(layers.Dense(2, activation: "relu", name: "layer1"));
        model.add(layers.Dense(3, activation: "relu", name: "layer2"));
        model.add(layers.Dense(4, name: "layer3"));
        Expect(model.name == "my_sequential", $"the model should be named my_sequential, is {model.name}.");

        // ## Specifying the input shape in advance

        var layer = layers.Dense(3);
        Console.WriteLine(layer.variables.Count); // Empty

        // Call layer on a test input
        x = torch.ones(1, 4);
        y = layer.Apply(x);
        Console.WriteLine(string.Join(", ", layer.variables.Select(w => $"{w.name} ({string.Join(", ", w.shape)})"))); // Now it has weights, of shape (4, 3) and (3,)
        Expect(layer.variables.Count == 2 && layer.variables[0].shape.SequenceEqual(new long[] { 4, 3 }), "Dense(3) called on (1, 4) should have a kernel of shape (4, 3) and a bias.");

        model = keras.Sequential(
            layers.Dense(2, activation: "relu"),
            layers.Dense(3, activation: "relu"),
            layers.Dense(4)); // No weights at this stage!

        // Call the model on a test input
        x = torch.ones(1, 4);
        y = model.Apply(x);
        Console.WriteLine($"Number of weights after calling the model: {model.variables.Count}"); // 6
        Expect(model.variables.Count == 6, $"the model should have 6 weights after its first call, has {model.variables.Count}.");

        model.summary();

        model = keras.Sequential();
        model.add(keras.Input(shape: [4]));
        model.add(layers.Dense(2, activation: "relu"));

        model.summary();

        // Note that the `Input` object is not displayed as part of `model.layers`, since it isn't a layer:
        Console.WriteLine(string.Join(", ", model.layers));
        Expect(model.layers.Count == 1, "the Input should not be one of model.layers.");

        // A simple alternative is to just pass an `input_shape` argument to your first layer:
        model = keras.Sequential();
        model.add(layers.Dense(2, activation: "relu", input_shape: [4]));

        model.summary();
        Expect(model.variables.Count == 2, "Dense(input_shape=(4,)) should give the model its weights at once.");

        // ## A common debugging workflow: `add()` + `summary()`

        model = keras.Sequential();
        model.add(keras.Input(shape: [250, 250, 3])); // 250x250 RGB images
        model.add(layers.Conv2D(32, 5, strides: 2, activation: "relu"));
        model.add(layers.Conv2D(32, 3, activation: "relu"));
        model.add(layers.MaxPooling2D(3));

        // Can you guess what the current output shape is at this point? Probably not.
        // Let's just print it:
        var text = Summary(model);
        Expect(text.Contains("(None, 40, 40, 32)"), "the summary should show the output shape (None, 40, 40, 32).");

        // The answer was: (40, 40, 32), so we can keep downsampling...

        model.add(layers.Conv2D(32, 3, activation: "relu"));
        model.add(layers.Conv2D(32, 3, activation: "relu"));
        model.add(layers.MaxPooling2D(3));
        model.add(layers.Conv2D(32, 3, activation: "relu"));
        model.add(layers.Conv2D(32, 3, activation: "relu"));
        model.add(layers.MaxPooling2D(2));

        // And now?
        text = Summary(model);
        Expect(text.Contains("(None, 4, 4, 32)"), "the summary should show the output shape (None, 4, 4, 32).");

        // Now that we have 4x4 feature maps, time to apply global max pooling.
        model.add(layers.GlobalMaxPooling2D());

        // Finally, we add a classification layer.
        model.add(layers.Dense(10));
        Expect(model.Apply(torch.ones(1, 250, 250, 3)).shape.SequenceEqual(new long[] { 1, 10 }), "the finished model should output (1, 10).");

        // ## Feature extraction with a Sequential model

        var initial_model = keras.Sequential(
            keras.Input(shape: [250, 250, 3]),
            layers.Conv2D(32, 5, strides: 2, activation: "relu"),
            layers.Conv2D(32, 3, activation: "relu"),
            layers.Conv2D(32, 3, activation: "relu"));
        var feature_extractor = keras.Model(
            inputs: initial_model.inputs,
            outputs: initial_model.layers.Select(layer => layer.output).ToList());

        // Call feature extractor on test input.
        x = torch.ones(1, 250, 250, 3);
        var features = feature_extractor.call(x);
        Expect(features.Length == 3 && features[2].shape.SequenceEqual(new long[] { 1, 119, 119, 32 }),
            $"the feature extractor should return 3 feature maps, the last (1, 119, 119, 32); it returned {string.Join(", ", features.Select(f => "(" + string.Join(", ", f.shape) + ")"))}.");

        initial_model = keras.Sequential(
            keras.Input(shape: [250, 250, 3]),
            layers.Conv2D(32, 5, strides: 2, activation: "relu"),
            layers.Conv2D(32, 3, activation: "relu", name: "my_intermediate_layer"),
            layers.Conv2D(32, 3, activation: "relu"));
        feature_extractor = keras.Model(
            inputs: initial_model.inputs,
            outputs: initial_model.get_layer(name: "my_intermediate_layer").output);
        // Call feature extractor on test input.
        x = torch.ones(1, 250, 250, 3);
        y = feature_extractor.Apply(x);
        Expect(y.shape.SequenceEqual(new long[] { 1, 121, 121, 32 }),
            $"my_intermediate_layer's features should have shape (1, 121, 121, 32), have ({string.Join(", ", y.shape)}).");

        // ## Transfer learning with a Sequential model: the guide's code there is not run (it is in a
        // markdown block and needs pre-trained weights); see functional_api.cs for freezing layers.

        return new Result("checks passed", checks, Floor: 12);
    }

    static string Summary(Model model)
    {
        var sb = new System.Text.StringBuilder();
        model.summary(print_fn: line => { Console.WriteLine(line); sb.AppendLine(line); });
        return sb.ToString();
    }
}
