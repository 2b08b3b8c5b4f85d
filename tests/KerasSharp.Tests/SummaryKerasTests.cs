using Xunit;

namespace KerasSharp.Tests;

/// <summary>summary() of a compiled model against the text Keras 3.15.1 prints for the same model.</summary>
public class SummaryKerasTests
{
    /// <summary>
    /// Printed by kpython (Keras 3.15.1):
    /// m = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64, activation="relu"), keras.layers.BatchNormalization(), keras.layers.Dense(10)])
    /// m.compile(optimizer="adam", loss="mse"); m.optimizer.build(m.trainable_variables); m.summary(line_length=80)
    /// </summary>
    [Fact]
    public void Compiled_model_with_built_adam_counts_and_sizes_as_keras_prints_them()
    {
        var m = keras.Sequential(keras.Input(shape: new[] { 16 }), keras.layers.Dense(64, activation: "relu", name: "dense"),
            keras.layers.BatchNormalization(name: "batch_normalization"), keras.layers.Dense(10, name: "dense_1"));
        m.compile(optimizer: "adam", loss: "mse");
        m.optimizer!.build(m.trainable_weights);
        string expected =
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n" +
            "┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃\n" +
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n" +
            "│ dense (Dense)                     │ (None, 64)               │         1,088 │\n" +
            "├───────────────────────────────────┼──────────────────────────┼───────────────┤\n" +
            "│ batch_normalization               │ (None, 64)               │           256 │\n" +
            "│ (BatchNormalization)              │                          │               │\n" +
            "├───────────────────────────────────┼──────────────────────────┼───────────────┤\n" +
            "│ dense_1 (Dense)                   │ (None, 10)               │           650 │\n" +
            "└───────────────────────────────────┴──────────────────────────┴───────────────┘\n" +
            " Total params: 5,728 (22.38 KB)\n" +
            " Trainable params: 1,866 (7.29 KB)\n" +
            " Non-trainable params: 128 (512.00 B)\n" +
            " Optimizer params: 3,734 (14.59 KB)\n";
        Assert.EndsWith(expected, m.summary_text(80));
    }
}
