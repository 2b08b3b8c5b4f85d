using KerasSharp;
using TorchSharp;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// The new layers inside models that train: the loss falls over a few epochs on tiny data, and the
/// shapes are Keras's. Sequence models take <c>keras.Input(shape: [null])</c> (any length).
/// </summary>
public class KerasNewLayersTrainingTests
{
    [Fact]
    public void Embedding_lstm_dense_classifier_on_sequences_of_any_length_reduces_its_loss()
    {
        keras.utils.set_random_seed(3);
        // Class 1 when token 7 occurs in the sequence, else class 0.
        var rnd = new Random(3);
        const int n = 64, steps = 8;
        var x = new float[n, steps];
        var y = new float[n, 1];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < steps; t++) x[i, t] = rnd.Next(1, 7);
            if (i % 2 == 0) { x[i, rnd.Next(steps)] = 7; y[i, 0] = 1; }
        }
        var inputs = keras.Input(shape: new int?[] { null });
        var h = keras.layers.Embedding(10, 8).Apply(inputs);
        Assert.Equal(new int?[] { null, null, 8 }, h.shape);
        h = keras.layers.LSTM(16).Apply(h);
        Assert.Equal(new int?[] { null, 16 }, h.shape);
        var outputs = keras.layers.Dense(1, activation: "sigmoid").Apply(h);
        var model = keras.Model(inputs, outputs);
        var summary = model.summary_text();
        Assert.Contains("Embedding", summary);
        Assert.Contains("LSTM", summary);
        model.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "binary_crossentropy", metrics: new[] { "accuracy" });
        var history = model.fit(x, y, batch_size: 16, epochs: 8, verbose: 0);
        var loss = history.history["loss"];
        Assert.True(loss[^1] < 0.75 * loss[0], $"loss {string.Join(", ", loss)}");
        // Any length: the same model on sequences of 5 steps.
        Assert.Equal(new long[] { 4, 1 }, model.call(torch.ones(4, 5))[0].shape);
    }

    [Fact]
    public void Sequential_gru_with_return_sequences_and_conv1d_reduces_its_loss()
    {
        keras.utils.set_random_seed(4);
        var rnd = new Random(4);
        const int n = 64, steps = 10;
        var x = new float[n, steps, 2];
        var y = new float[n, 1];
        for (int i = 0; i < n; i++)
        {
            float s = 0;
            for (int t = 0; t < steps; t++) { x[i, t, 0] = (float)rnd.NextDouble(); x[i, t, 1] = (float)rnd.NextDouble(); s += x[i, t, 0] - x[i, t, 1]; }
            y[i, 0] = s / steps;
        }
        var model = keras.Sequential(
            keras.Input(shape: new int?[] { null, 2 }),
            keras.layers.Conv1D(8, 3, padding: "causal", activation: "relu"),
            keras.layers.GRU(8, return_sequences: true),
            keras.layers.LayerNormalization(),
            keras.layers.GlobalAveragePooling1D(),
            keras.layers.Dense(1));
        model.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "mse");
        var loss = model.fit(x, y, batch_size: 16, epochs: 6, verbose: 0).history["loss"];
        Assert.True(loss[^1] < 0.5 * loss[0], $"loss {string.Join(", ", loss)}");
    }

    [Fact]
    public void Conv2d_conv2d_transpose_autoencoder_reduces_its_loss_and_keeps_the_image_shape()
    {
        keras.utils.set_random_seed(5);
        var rnd = new Random(5);
        const int n = 32;
        // Blurry blobs on 12×12 images, one channel.
        var x = new float[n, 12, 12, 1];
        for (int i = 0; i < n; i++)
        {
            int cy = rnd.Next(3, 9), cx = rnd.Next(3, 9);
            for (int r = 0; r < 12; r++)
                for (int c = 0; c < 12; c++)
                    x[i, r, c, 0] = (float)Math.Exp(-((r - cy) * (r - cy) + (c - cx) * (c - cx)) / 6.0);
        }
        var inputs = keras.Input(shape: new[] { 12, 12, 1 });
        var h = keras.layers.Conv2D(8, 3, strides: 2, padding: "same", activation: "relu").Apply(inputs);
        Assert.Equal(new int?[] { null, 6, 6, 8 }, h.shape);
        h = keras.layers.Conv2DTranspose(8, 3, strides: 2, padding: "same", activation: "relu").Apply(h);
        Assert.Equal(new int?[] { null, 12, 12, 8 }, h.shape);
        var outputs = keras.layers.Conv2DTranspose(1, 3, padding: "same", activation: "sigmoid").Apply(h);
        var model = keras.Model(inputs, outputs);
        model.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "mse");
        var loss = model.fit(x, x, batch_size: 8, epochs: 10, verbose: 0).history["loss"];
        Assert.True(loss[^1] < 0.5 * loss[0], $"loss {string.Join(", ", loss)}");
        Assert.Equal(new[] { 4, 12, 12, 1 }, model.predict(new float[4, 12, 12, 1]).shape.Select(d => (int)d).ToArray());
    }
}
