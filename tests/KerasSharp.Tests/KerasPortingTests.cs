using KerasSharp;
using KerasSharp.Models;
using NumSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Issue 17's frictions on the Keras side, each written as the Python line is written in C# (the
/// Python line in the comment above it). Expected values come from Keras 3.15.1 through kpython:
/// tests/KerasSharp.Tests/KerasOracle/keras_porting.py.
/// </summary>
public class KerasPortingTests
{
    // mse 2.1970021724700928 + rm.losses [0.09100000560283661] (Keras's evaluate cannot run it on the numpy backend).
    const double LossWithNestedRegularizer = 2.1970021724700928 + 0.09100000560283661;
    static readonly float[,] X = { { 0.5f, -1.0f, 2.0f }, { 1.5f, 0.25f, -0.5f } };

    static NDArray A(double[,] v) => np.array(v);
    static NDArray A(double[] v) => np.array(v);

    static void Close(double[] expected, float[] actual, double tol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"index {i}: expected {expected[i]}, got {actual[i]}");
    }

    // ----- to_categorical on what load_data returns -----

    [Fact]
    public void To_categorical_takes_the_label_arrays_load_data_returns()
    {
        // (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()   (labels: uint8, shape (N, 1))
        // y_train = keras.utils.to_categorical(y_train, 10)
        var y_train = new NDArray(new byte[] { 3, 0, 9 }, new Shape(3, 1));
        var onehot = keras.utils.to_categorical(y_train, 10);
        Assert.Equal(new long[] { 3, 10 }, onehot.shape); // Keras: (3, 10)
        Assert.Equal(1f, onehot.GetSingle(0, 3));
        Assert.Equal(1f, onehot.GetSingle(1, 0));
        Assert.Equal(1f, onehot.GetSingle(2, 9));
        Assert.Equal(3f, onehot.ToArray<float>().Sum());

        // fashion_mnist's labels are uint8 of shape (N,); keras.utils.to_categorical(np.array([1, 0, 3])) infers 4 classes.
        var flat = keras.utils.to_categorical(new NDArray(new byte[] { 1, 0, 3 }, new Shape(3)));
        Assert.Equal(new long[] { 3, 4 }, flat.shape);
        Assert.Equal(new float[] { 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1 }, flat.ToArray<float>());

        // keras.utils.to_categorical(np.array([[1, 2], [0, 1]]), 3).shape == (2, 2, 3)
        var grid = keras.utils.to_categorical(new NDArray(new long[] { 1, 2, 0, 1 }, new Shape(2, 2)), 3);
        Assert.Equal(new long[] { 2, 2, 3 }, grid.shape);

        // On a tensor, a tensor comes back (Keras: backend.nn.one_hot).
        Tensor t = keras.utils.to_categorical(torch.tensor(new long[] { 1, 0, 3 }), 4);
        Assert.Equal(new long[] { 3, 4 }, t.shape);
        Assert.Equal(new float[] { 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1 }, t.data<float>().ToArray());
        // And on plain C# arrays.
        float[,] fromBytes = keras.utils.to_categorical(new byte[] { 2, 0 }, 3);
        Assert.Equal(new float[,] { { 0, 0, 1 }, { 1, 0, 0 } }, fromBytes);
    }

    [Fact]
    public void Mnist_convnet_preprocessing_ports_with_NumSharp()
    {
        var x_train = new NDArray(new byte[] { 0, 255, 51, 102 }, new Shape(1, 2, 2));
        // x_train = x_train.astype("float32") / 255
        x_train = x_train.astype(np.float32) / 255;
        // x_train = np.expand_dims(x_train, -1)
        x_train = np.expand_dims(x_train, -1);
        Assert.Equal(new long[] { 1, 2, 2, 1 }, x_train.shape);
        Assert.Equal(NPTypeCode.Single, x_train.typecode);
        Assert.Equal(new[] { 0f, 1f, 0.20000000298023224f, 0.4000000059604645f }, x_train.ToArray<float>());
    }

    [Fact]
    public void Printing_an_array_reads_its_values()
    {
        var y = keras.utils.to_categorical(new NDArray(new byte[] { 1, 0 }, new Shape(2)), 2);
        // print("Y = " + str(y)) prints "Y = [[0. 1.]\n [1. 0.]]" (numpy).
        Assert.Equal("Y = [[0. 1.]\n [1. 0.]]", $"Y = {y}");
        Assert.Equal("Y = [[0. 1.]\n [1. 0.]]", "Y = " + y.ToString());
        // The pitfall docs/porting.md warns about: NumSharp's NDArray turns the string into an array
        // and adds element-wise, so `"Y = " + y` compiles and throws.
        Assert.Throws<NumSharp.IncorrectShapeException>(() => "Y = " + y);
    }

    // ----- a model called as a layer -----

    [Fact]
    public void A_functional_model_is_called_as_a_layer()
    {
        // ei = keras.Input(shape=(3,), name="enc_in")
        var ei = keras.Input(shape: [3], name: "enc_in");
        // encoder = keras.Model(ei, keras.layers.Dense(2, activation="tanh", name="code")(ei), name="encoder")
        var encoder = keras.Model(ei, keras.layers.Dense(2, activation: "tanh", name: "code").Apply(ei), name: "encoder");
        // x = keras.Input(shape=(3,), name="x")
        var x = keras.Input(shape: [3], name: "x");
        // out = keras.layers.Dense(1, name="out")(encoder(x))
        var @out = keras.layers.Dense(1, name: "out").Apply(encoder.Apply(x));
        // m = keras.Model(x, out, name="autoenc")
        var m = keras.Model(x, @out, name: "autoenc");
        m.set_weights([A(new[,] { { 0.1, 0.2 }, { 0.3, -0.4 }, { 0.5, 0.6 } }), A(new[] { 0.01, -0.02 }), A(new[,] { { 0.7 }, { -0.8 } }), A(new[] { 0.05 })]);

        Assert.Equal(new[] { "x", "encoder", "out" }, m.layers.Select(l => l.name));
        Assert.Equal(new[] { "InputLayer", "Functional", "Dense" }, m.layers.Select(l => l.class_name));
        Assert.Equal(11, m.count_params());
        Close([-0.24753530323505402, 0.13504262268543243], m.predict(X).ToArray<float>());
        // The encoder's weights are the model's: the layer holds none of its own.
        Assert.Same(encoder.variables[0], m.variables[0]);
        Assert.Same(encoder, ((ModelLayer)m.get_layer("encoder")).model);
        // m.summary(line_length=80)
        Assert.Equal(string.Join("\n",
            "Model: \"autoenc\"",
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
            "┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃",
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
            "│ x (InputLayer)                    │ (None, 3)                │             0 │",
            "├───────────────────────────────────┼──────────────────────────┼───────────────┤",
            "│ encoder (Functional)              │ (None, 2)                │             8 │",
            "├───────────────────────────────────┼──────────────────────────┼───────────────┤",
            "│ out (Dense)                       │ (None, 1)                │             3 │",
            "└───────────────────────────────────┴──────────────────────────┴───────────────┘",
            " Total params: 11 (44.00 B)",
            " Trainable params: 11 (44.00 B)",
            " Non-trainable params: 0 (0.00 B)"), m.summary_text(line_length: 80).TrimEnd('\n'));
        // Called on two inputs, the encoder is one layer with one set of weights.
        var x1 = keras.Input(shape: [3]);
        var x2 = keras.Input(shape: [3]);
        var twice = keras.Model([x1, x2], [encoder.Apply(x1), encoder.Apply(x2)]);
        Assert.Equal(8, twice.count_params());
        Assert.Single(twice.layers.OfType<ModelLayer>());
        // The model also runs eagerly, as a layer does: encoder(tensor)
        var code = encoder.Apply(torch.tensor(X));
        Assert.Equal(new long[] { 2, 2 }, code.shape);
    }

    [Fact]
    public void Training_the_outer_model_trains_the_nested_one_with_its_regularizers()
    {
        var ei = keras.Input(shape: [3]);
        var encoder = keras.Model(ei, keras.layers.Dense(2, kernel_regularizer: keras.regularizers.L2(0.1)).Apply(ei));
        var x = keras.Input(shape: [3]);
        var m = keras.Model(x, keras.layers.Dense(1).Apply(encoder.Apply(x)));
        m.set_weights([A(new[,] { { 0.1, 0.2 }, { 0.3, -0.4 }, { 0.5, 0.6 } }), A(new[] { 0.01, -0.02 }), A(new[,] { { 0.7 }, { -0.8 } }), A(new[] { 0.05 })]);
        m.compile(optimizer: "sgd", loss: "mse");
        Assert.Equal(4, m.trainable_weights.Count);
        // rm.evaluate(X, [[1.], [-1.]]): the mse plus the nested Dense's L2 penalty.
        Assert.Equal(LossWithNestedRegularizer, (double)m.evaluate(X, new float[,] { { 1 }, { -1 } }, verbose: 0), 6);
        var before = encoder.get_weights()[0].ToArray<float>();
        m.fit(X, new float[,] { { 1 }, { -1 } }, epochs: 1, verbose: 0);
        Assert.NotEqual(before, encoder.get_weights()[0].ToArray<float>());
    }

    [Fact]
    public void A_frozen_nested_model_keeps_its_weights()
    {
        var ei = keras.Input(shape: [3], name: "enc_in");
        var encoder = keras.Model(ei, keras.layers.Dense(2, activation: "tanh", name: "code").Apply(ei), name: "encoder");
        var x = keras.Input(shape: [3], name: "x");
        var m = keras.Model(x, keras.layers.Dense(1, name: "out").Apply(encoder.Apply(x)), name: "autoenc");
        // encoder.trainable = False
        encoder.trainable = false;
        // len(m.trainable_weights), len(m.non_trainable_weights), encoder.layers[1].trainable == 2, 2, False
        Assert.Equal(2, m.trainable_weights.Count);
        Assert.Equal(2, m.non_trainable_weights.Count);
        Assert.False(encoder.layers[1].trainable);
        Assert.EndsWith(" Total params: 11 (44.00 B)\n Trainable params: 3 (12.00 B)\n Non-trainable params: 8 (32.00 B)\n", m.summary_text(line_length: 80));
        m.compile(optimizer: "sgd", loss: "mse");
        var before = encoder.get_weights()[0].ToArray<float>();
        var outBefore = m.get_layer("out").get_weights()[0].ToArray<float>();
        m.fit(X, new float[,] { { 1 }, { -1 } }, epochs: 1, verbose: 0);
        Assert.Equal(before, encoder.get_weights()[0].ToArray<float>());
        Assert.NotEqual(outBefore, m.get_layer("out").get_weights()[0].ToArray<float>());
        // encoder.trainable = True; encoder.layers[1].trainable = False: 2, 2, and the model itself stays trainable.
        encoder.trainable = true;
        encoder.layers[1].trainable = false;
        Assert.Equal(2, m.trainable_weights.Count);
        Assert.Equal(2, m.non_trainable_weights.Count);
        Assert.True(encoder.trainable);
    }

    [Fact]
    public void The_activity_regularizer_of_a_nested_layer_counts_in_training()
    {
        var ei = keras.Input(shape: [3]);
        var encoder = keras.Model(ei, keras.layers.Dense(2, activity_regularizer: keras.regularizers.L1(0.1)).Apply(ei));
        var x = keras.Input(shape: [3]);
        var m = keras.Model(x, keras.layers.Dense(1).Apply(encoder.Apply(x)));
        m.set_weights([A(new[,] { { 0.1, 0.2 }, { 0.3, -0.4 }, { 0.5, 0.6 } }), A(new[] { 0.01, -0.02 }), A(new[,] { { 0.7 }, { -0.8 } }), A(new[] { 0.05 })]);
        m.compile(optimizer: keras.optimizers.SGD(learning_rate: 0.0), loss: "mse");
        // y = rm(X, training=True): mse 2.1970021724700928, rm.losses [0.1287500113248825]
        var history = m.fit(X, new float[,] { { 1 }, { -1 } }, batch_size: 2, epochs: 1, verbose: 0, shuffle: false);
        Assert.Equal(2.1970021724700928 + 0.1287500113248825, history.history["loss"][0], 5);
    }

    [Fact]
    public void A_Sequential_is_a_layer_of_a_Sequential()
    {
        // inner = keras.Sequential([keras.layers.Dense(2, activation="relu", name="i1")], name="inner")
        var inner = keras.Sequential([keras.layers.Dense(2, activation: "relu", name: "i1")], name: "inner");
        // outer = keras.Sequential([keras.Input((3,)), inner, keras.layers.Dense(1, name="o")], name="outer")
        var outer = keras.Sequential([keras.Input(shape: [3]), inner, keras.layers.Dense(1, name: "o")], name: "outer");
        outer.set_weights([A(new[,] { { 0.1, 0.2 }, { 0.3, -0.4 }, { 0.5, 0.6 } }), A(new[] { 0.01, -0.02 }), A(new[,] { { 0.7 }, { -0.8 } }), A(new[] { 0.05 })]);
        Assert.Equal(new[] { "inner", "o" }, outer.layers.Select(l => l.name));
        Assert.Equal(new[] { "Sequential", "Dense" }, outer.layers.Select(l => l.class_name));
        Close([-0.7620000839233398, 0.05000000074505806], outer.predict(X).ToArray<float>());
        // outer.summary(line_length=80)
        Assert.Equal(string.Join("\n",
            "Model: \"outer\"",
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
            "┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃",
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
            "│ inner (Sequential)                │ (None, 2)                │             8 │",
            "├───────────────────────────────────┼──────────────────────────┼───────────────┤",
            "│ o (Dense)                         │ (None, 1)                │             3 │",
            "└───────────────────────────────────┴──────────────────────────┴───────────────┘",
            " Total params: 11 (44.00 B)",
            " Trainable params: 11 (44.00 B)",
            " Non-trainable params: 0 (0.00 B)"), outer.summary_text(line_length: 80).TrimEnd('\n'));
        // Saving a model that holds a model is refused by name (Keras nests its weights; KerasSharp's files do not yet).
        var e = Assert.Throws<NotSupportedException>(() => outer.save(Path.Combine(Path.GetTempPath(), "never-written.keras")));
        Assert.Equal("Model \"outer\" contains the model \"inner\" as a layer; saving such a model is not supported yet. " +
            "Save the inner model on its own (inner.save(...)), or build the layers into one model.", e.Message);
    }

    // ----- layer.output for feature extraction -----

    [Fact]
    public void Get_layer_output_makes_a_feature_extractor()
    {
        // model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu", name="hidden"), keras.layers.Dense(1, name="head")])
        var model = keras.Sequential([keras.Input(shape: [3]), keras.layers.Dense(4, activation: "relu", name: "hidden"), keras.layers.Dense(1, name: "head")]);
        var kernel = new double[3, 4];
        for (int i = 0; i < 12; i++) kernel[i / 4, i % 4] = i / 10.0 - 0.5;
        model.set_weights([A(kernel), A(new[] { 0.1, 0, -0.1, 0.2 }), A(new double[,] { { 1 }, { 1 }, { 1 }, { 1 } }), A(new[] { 0.0 })]);
        // extractor = keras.Model(inputs=model.inputs, outputs=model.get_layer("hidden").output)
        var extractor = keras.Model(inputs: model.inputs, outputs: model.get_layer("hidden").output);
        Close([0.550000011920929, 0.6000000238418579, 0.6499999761581421, 1.100000023841858, 0, 0, 0, 0], extractor.predict(X).ToArray<float>());
        Assert.Equal(new int?[] { null, 4 }, model.get_layer("hidden").output.shape);
        Assert.Same(model.inputs[0], model.get_layer("hidden").input);

        // keras.layers.Dense(2, name="lonely").output raises AttributeError
        var e = Assert.Throws<InvalidOperationException>(() => keras.layers.Dense(2, name: "lonely").output);
        Assert.Equal("The layer lonely has never been called and thus has no defined output.", e.Message);
    }

    // ----- keras.Input(shape=[None]) -----

    [Fact]
    public void An_input_of_variable_length_takes_sequences_of_any_length()
    {
        // inp = keras.Input(shape=(None,), name="tokens")
        var inp = keras.Input(shape: [null], name: "tokens");
        Assert.Equal(new int?[] { null, null }, inp.shape); // Keras: (None, None)
        // pooled = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(5, 2, name="emb")(inp))
        var pooled = keras.layers.GlobalAveragePooling1D().Apply(keras.layers.Embedding(5, 2, name: "emb").Apply(inp));
        var m = keras.Model(inp, pooled);
        m.set_weights([A(new[,] { { 0.0, 1.0 }, { 0.5, -0.5 }, { 1.0, 2.0 }, { -1.0, 0.25 }, { 3.0, 0.0 } })]);
        Close([0.1666666716337204, 0.5833333134651184], m.predict(new long[,] { { 1, 2, 3 } }).ToArray<float>());
        Close([1.0, 0.4000000059604645], m.predict(new long[,] { { 4, 0, 1, 1, 2 } }).ToArray<float>());
    }

    // ----- Dense(..., input_shape=) and Sequential(name=) -----

    [Fact]
    public void Input_shape_on_a_layer_builds_the_Sequential_and_warns_as_Keras()
    {
        var err = new StringWriter();
        var previous = Console.Error;
        Console.SetError(err);
        Sequential legacy;
        try
        {
            // legacy = keras.Sequential([keras.layers.Dense(2, input_shape=(3,), name="first")])
            legacy = keras.Sequential([keras.layers.Dense(2, input_shape: [3], name: "first")]);
        }
        finally { Console.SetError(previous); }
        Assert.Contains("UserWarning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.\n",
            err.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(new int?[] { null, 3 }, legacy.inputs[0].shape);
        Assert.Equal(new[] { "first" }, legacy.layers.Select(l => l.name));
    }

    [Fact]
    public void A_Sequential_with_a_name_and_no_layers()
    {
        // empty = keras.Sequential(name="my_model")
        var empty = keras.Sequential(name: "my_model");
        Assert.Equal("my_model", empty.name);
        Assert.Empty(empty.layers);
        // empty.add(keras.Input((2,))); empty.add(keras.layers.Dense(1))
        empty.add(keras.Input(shape: [2]));
        empty.add(keras.layers.Dense(1));
        Assert.Single(empty.layers);
        Assert.True(empty.built);
    }

    // ----- a plain function as a loss -----

    // def my_loss(y_true, y_pred): return ops.mean(ops.square(y_true - y_pred), axis=-1)
    static Tensor my_loss(Tensor y_true, Tensor y_pred) => (y_true - y_pred).square().mean([-1]);

    [Fact]
    public void A_plain_function_is_a_loss()
    {
        var lm = keras.Sequential([keras.Input(shape: [3]), keras.layers.Dense(2, name: "d")]);
        lm.set_weights([A(new[,] { { 0.1, 0.2 }, { 0.3, -0.4 }, { 0.5, 0.6 } }), A(new[] { 0.01, -0.02 })]);
        // lm.compile(optimizer="sgd", loss=my_loss)
        lm.compile(optimizer: "sgd", loss: my_loss);
        // lm.evaluate(X, Y, verbose=0) == 1.843656301498413
        double loss = lm.evaluate(X, new float[,] { { 1, 0 }, { 0, 2 } }, verbose: 0);
        Assert.Equal(1.843656301498413, loss, 6);
        // A lambda is the same: lm.compile(optimizer="sgd", loss=lambda y_true, y_pred: ...)
        lm.compile(optimizer: "sgd", loss: (y_true, y_pred) => (y_true - y_pred).square().mean([-1]));
        Assert.Equal(1.843656301498413, (double)lm.evaluate(X, new float[,] { { 1, 0 }, { 0, 2 } }, verbose: 0), 6);
    }

    [Fact]
    public void A_function_of_other_types_is_refused_at_compile_saying_what_to_pass()
    {
        var lm = keras.Sequential([keras.Input(shape: [3]), keras.layers.Dense(2)]);
        Func<NDArray, NDArray, NDArray> numpyLoss = (t, p) => t - p;
        var e = Assert.Throws<ArgumentException>(() => lm.compile(optimizer: "sgd", loss: numpyLoss));
        Assert.Equal("compile: loss is a function of type Func<NDArray, NDArray, NDArray>; a loss function takes and returns torch tensors: " +
            "Func<Tensor, Tensor, Tensor> (y_true, y_pred) → per-sample losses, for example static Tensor my_loss(Tensor y_true, Tensor y_pred) => (y_true - y_pred).square().mean([-1]); " +
            "or pass a loss name or a Loss.", e.Message);
    }

    // ----- dict inputs, targets, losses and loss_weights by name -----

    [Fact]
    public void Inputs_targets_losses_and_loss_weights_by_name()
    {
        // a = keras.Input((2,), name="a"); b = keras.Input((1,), name="b")
        var a = keras.Input(shape: [2], name: "a");
        var b = keras.Input(shape: [1], name: "b");
        // h = keras.layers.Concatenate(name="cat")([a, b])
        var h = keras.layers.Concatenate(name: "cat").Apply(a, b);
        // two = keras.Model([a, b], [keras.layers.Dense(1, name="out1")(h), keras.layers.Dense(1, name="out2")(h)])
        var two = keras.Model([a, b], [keras.layers.Dense(1, name: "out1").Apply(h), keras.layers.Dense(1, name: "out2").Apply(h)]);
        // two.get_layer("cat").input is a list of two tensors in Keras; here layer.inputs (layer.input is for one input).
        Assert.Equal(new[] { "a", "b" }, two.get_layer("cat").inputs.Select(t => t.name));
        Assert.Equal("Layer \"cat\" was called on 2 inputs; use layer.inputs to get them all.",
            Assert.Throws<InvalidOperationException>(() => two.get_layer("cat").input).Message);
        two.set_weights([A(new[,] { { 0.5 }, { -1.0 }, { 0.25 } }), A(new[] { 0.1 }), A(new[,] { { 1.0 }, { 0.5 }, { -0.5 } }), A(new[] { -0.2 })]);
        // two.compile(optimizer="sgd", loss={"out1": "mse", "out2": "mae"}, loss_weights={"out1": 1.0, "out2": 0.5})
        two.compile(optimizer: "sgd", loss: new Dictionary<string, object> { ["out1"] = "mse", ["out2"] = "mae" },
            loss_weights: new Dictionary<string, double> { ["out1"] = 1.0, ["out2"] = 0.5 });
        var inputs = new Dictionary<string, object>
        {
            ["a"] = new float[,] { { 1, 2 }, { 0, -1 }, { 3, 0.5f } },
            ["b"] = new float[,] { { 1 }, { 2 }, { -1 } },
        };
        var targets = new Dictionary<string, object>
        {
            ["out1"] = new float[,] { { 0 }, { 1 }, { 2 } },
            ["out2"] = new float[,] { { 1 }, { -1 }, { 0.5f } },
        };
        // two.evaluate({"a": A, "b": B}, {"out1": Y1, "out2": Y2}, return_dict=True)
        var r = two.evaluate(inputs, targets, verbose: 0).ToDictionary();
        Assert.Equal(new[] { "loss", "out1_loss", "out2_loss" }, r.Keys);
        Assert.Equal(1.6766667366027832, r["loss"], 6);
        Assert.Equal(1.0016666650772095, r["out1_loss"], 6);
        Assert.Equal(1.350000023841858, r["out2_loss"], 6);
        // two.fit({"a": A, "b": B}, {"out1": Y1, "out2": Y2}): the same names in the history.
        var history = two.fit(inputs, targets, epochs: 1, verbose: 0);
        Assert.Equal(new[] { "loss", "out1_loss", "out2_loss" }, history.history.Keys);
    }
}
