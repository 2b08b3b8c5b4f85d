using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>
/// TFLearn's fully connected highway layer (layers/core.py <c>highway</c>, Srivastava et al. 2015):
/// H = activation(x·W + b), the transform gate T = sigmoid(x·W_T + b_T), and the output
/// H·T + x·(1 − T). W_T starts from the same initializer as W, b_T from −1 (so the gate starts
/// mostly closed and the layer carries x through); the regularizer applies to W only. With
/// <see cref="transform_dropout"/> (a keep probability, as TFLearn's dropout) the gate is dropped
/// out in training. The input is [batch, units]: the carry term needs as many inputs as units.
/// Weights in TFLearn's order: W (kernel), b (bias), W_T, b_T.
/// </summary>
public sealed class Highway : Layer
{
    /// <summary>Number of units (equal to the input size).</summary>
    public int units { get; }
    /// <summary>The activation of H.</summary>
    public ActivationFunction activation { get; }
    /// <summary>Keep probability of the transform gate's dropout in training (null: none).</summary>
    public double? transform_dropout { get; }
    /// <summary>Initializer of W and W_T.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Initializer of b.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Regularizer of W.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>W, after build.</summary>
    public Weight? kernel { get; private set; }
    /// <summary>b, after build.</summary>
    public Weight? bias { get; private set; }
    /// <summary>W_T, after build.</summary>
    public Weight? transform_kernel { get; private set; }
    /// <summary>b_T, after build.</summary>
    public Weight? transform_bias { get; private set; }

    /// <summary>Creates the layer (TFLearn's defaults are applied by <c>tflearn.highway</c>).</summary>
    public Highway(int units, ActivationFunction? activation = null, double? transform_dropout = null, Initializer? kernel_initializer = null,
        Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, string? name = null) : base(name)
    {
        if (units <= 0) throw new ArgumentException($"highway: n_units must be a positive integer, received {units}.");
        if (transform_dropout is double k && (k <= 0 || k > 1)) throw new ArgumentException($"highway: transform_dropout is a keep probability in (0, 1], received {k}.");
        this.units = units;
        this.activation = activation ?? ActivationsApi.Get("linear");
        this.transform_dropout = transform_dropout;
        this.kernel_initializer = kernel_initializer ?? InitializersApi.Get("glorot_uniform");
        this.bias_initializer = bias_initializer ?? InitializersApi.Get("zeros");
        this.kernel_regularizer = kernel_regularizer;
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 2 || s[1] is null)
            throw new ArgumentException($"Layer \"{name}\" (highway) expects a 2-D input [batch, {units}], received input with shape {Utils.Shapes.Format(s)}.");
        if (s[1] != units)
            throw new ArgumentException($"Layer \"{name}\" (highway): the carry term x·(1 − T) needs as many inputs as units; received {s[1]} inputs for n_units={units}.");
        long n = s[1]!.Value;
        kernel = AddWeight("kernel", new[] { n, units }, kernel_initializer, regularizer: kernel_regularizer);
        bias = AddWeight("bias", new long[] { units }, bias_initializer);
        // TFLearn draws W_T apart from W with the same initializer (TF1 initializers draw anew per
        // variable); an unseeded Keras initializer repeats its values, so W_T gets a fresh copy.
        transform_kernel = AddWeight("W_T", new[] { n, units }, keras.initializers.deserialize(keras.initializers.serialize(kernel_initializer)));
        transform_bias = AddWeight("b_T", new long[] { units }, new Constant(-1.0));
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => new[] { inputShapes[0][0], (int?)units };

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        var h = torch.addmm(bias!.Value, x, kernel!.Value, 1, 1);
        if (!activation.IsLinear) h = activation.call(h);
        var t = torch.sigmoid(torch.addmm(transform_bias!.Value, x, transform_kernel!.Value, 1, 1));
        if (training && transform_dropout is double keep && keep < 1) t = torch.nn.functional.dropout(t, 1 - keep, true);
        return h * t + x * (1 - t);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["units"] = units;
        c["activation"] = activation.name;
        c["transform_dropout"] = transform_dropout;
        c["kernel_initializer"] = ConfigSerializer.Object(kernel_initializer);
        c["bias_initializer"] = ConfigSerializer.Object(bias_initializer);
        c["kernel_regularizer"] = ConfigSerializer.Object(kernel_regularizer);
        return c;
    }

    internal static Layer FromConfig(System.Text.Json.JsonElement config)
    {
        var c = new ConfigReader("Highway", config);
        c.LayerBase();
        var layer = new Highway(c.Int("units"), c.Activation(), c.NumOrNull("transform_dropout"), c.Initializer("kernel_initializer", "glorot_uniform"),
            c.Initializer("bias_initializer", "zeros"), c.Regularizer("kernel_regularizer"), c.Name);
        c.Done();
        return layer;
    }
}
