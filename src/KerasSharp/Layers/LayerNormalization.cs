using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras LayerNormalization: each sample is normalized over <c>axis</c> (the last by default, or a
/// list of axes) with its own mean and biased variance, then scaled by gamma and shifted by beta
/// (both of the normalized axes' shape). epsilon defaults to 1e-3, as in Keras.
/// </summary>
public sealed class LayerNormalization : Layer
{
    readonly int[] axes;
    readonly bool axisIsList;
    long[] reduceAxes = Array.Empty<long>(), viewShape = Array.Empty<long>();
    Weight? gammaWeight, betaWeight;

    /// <summary>The normalized axes as given (Keras's <c>axis</c>); after build, sorted.</summary>
    public IReadOnlyList<int> axis => axes;
    /// <summary>Added to the variance.</summary>
    public double epsilon { get; }
    /// <summary>Whether beta is added.</summary>
    public bool center { get; }
    /// <summary>Whether gamma multiplies.</summary>
    public bool scale { get; }
    /// <summary>Initializer of beta.</summary>
    public Initializer beta_initializer { get; }
    /// <summary>Initializer of gamma.</summary>
    public Initializer gamma_initializer { get; }
    /// <summary>Regularizer of beta.</summary>
    public Regularizer? beta_regularizer { get; }
    /// <summary>Regularizer of gamma.</summary>
    public Regularizer? gamma_regularizer { get; }
    /// <summary>gamma, after build (null when scale is false).</summary>
    public Weight? gamma => gammaWeight;
    /// <summary>beta, after build (null when center is false).</summary>
    public Weight? beta => betaWeight;

    /// <summary>Keras's signature and defaults, normalizing one axis (-1: the last).</summary>
    public LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Regularizer? beta_regularizer = null,
        Regularizer? gamma_regularizer = null, int[]? input_shape = null, string? name = null)
        : this(new[] { axis }, false, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer, input_shape, name) { }

    /// <summary>Keras's signature with a list of axes (<c>axis: [1, 2]</c>); gamma and beta take those axes' shape.</summary>
    public LayerNormalization(int[] axis, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Regularizer? beta_regularizer = null,
        Regularizer? gamma_regularizer = null, int[]? input_shape = null, string? name = null)
        : this(axis, true, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer, input_shape, name) { }

    LayerNormalization(int[] axis, bool isList, double epsilon, bool center, bool scale, Initializer? beta_initializer, Initializer? gamma_initializer,
        Regularizer? beta_regularizer, Regularizer? gamma_regularizer, int[]? input_shape, string? name)
        : base(name, input_shape)
    {
        ArgumentNullException.ThrowIfNull(axis);
        if (axis.Length == 0) throw new ArgumentException($"LayerNormalization \"{this.name}\": `axis` must name at least one axis.");
        axes = (int[])axis.Clone();
        axisIsList = isList;
        this.epsilon = epsilon; this.center = center; this.scale = scale;
        this.beta_initializer = beta_initializer ?? InitializersApi.Get("zeros");
        this.gamma_initializer = gamma_initializer ?? InitializersApi.Get("ones");
        this.beta_regularizer = beta_regularizer; this.gamma_regularizer = gamma_regularizer;
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        compute_output_shape(inputShapes);
        Array.Sort(axes);
        var positions = axes.Select(a => a < 0 ? a + s.Length : a).ToArray();
        if (positions.Distinct().Count() != positions.Length || positions.Any(p => p == 0))
            throw new ArgumentException($"LayerNormalization \"{name}\": axis [{string.Join(", ", axes)}] must name distinct non-batch axes of the input {Utils.Shapes.Format(s)}.");
        var shape = positions.Select(p => s[p] is int d ? (long)d : throw new ArgumentException($"LayerNormalization \"{name}\": axis {p} of the input {Utils.Shapes.Format(s)} must be known.")).ToArray();
        if (scale) gammaWeight = this.AddLayerWeight("gamma", shape, gamma_initializer, regularizer: gamma_regularizer);
        if (center) betaWeight = this.AddLayerWeight("beta", shape, beta_initializer, regularizer: beta_regularizer);
        reduceAxes = positions.Select(p => (long)p).ToArray();
        viewShape = Enumerable.Range(0, s.Length).Select(d => positions.Contains(d) ? s[d]!.Value : 1L).ToArray();
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        foreach (var a in axes)
            if (a >= s.Length || a < -s.Length)
                throw new ArgumentException($"Axis {a} is out of bounds for input shape {Utils.Shapes.Format(s)}. Received: axis={(axisIsList || built ? "[" + string.Join(", ", axes) + "]" : axes[0].ToString())}");
        return s;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        var (variance, mean) = torch.var_mean(x, reduceAxes, unbiased: false, keepdim: true);
        var inv = torch.rsqrt(variance + epsilon);
        if (gammaWeight is not null) inv = inv * gammaWeight.Value.view(viewShape);
        var res = -mean * inv;
        if (betaWeight is not null) res = res + betaWeight.Value.view(viewShape);
        return x * inv + res;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        // Keras keeps an int axis as given until build, then holds the sorted list.
        c["axis"] = axisIsList || built ? axes.ToArray() : axes[0];
        c["epsilon"] = epsilon;
        c["center"] = center;
        c["scale"] = scale;
        c["rms_scaling"] = false;
        c["beta_initializer"] = ConfigSerializer.Object(beta_initializer);
        c["gamma_initializer"] = ConfigSerializer.Object(gamma_initializer);
        c["beta_regularizer"] = ConfigSerializer.Object(beta_regularizer);
        c["gamma_regularizer"] = ConfigSerializer.Object(gamma_regularizer);
        c["beta_constraint"] = null;
        c["gamma_constraint"] = null;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        c.ExpectNull("beta_constraint", "gamma_constraint");
        c.Expect("rms_scaling", v => v is null || v.Value.ValueKind == System.Text.Json.JsonValueKind.False, "false (use RMSNormalization)");
        double eps = c.Num("epsilon", 1e-3);
        bool center = c.Bool("center", true), scale = c.Bool("scale", true);
        var bi = c.Initializer("beta_initializer", "zeros");
        var gi = c.Initializer("gamma_initializer", "ones");
        var br = c.Regularizer("beta_regularizer");
        var gr = c.Regularizer("gamma_regularizer");
        return c.Raw("axis") is { ValueKind: System.Text.Json.JsonValueKind.Array }
            ? new LayerNormalization(c.Ints("axis")!, eps, center, scale, bi, gi, br, gr, name: c.Name)
            : new LayerNormalization(c.Int("axis", -1), eps, center, scale, bi, gi, br, gr, name: c.Name);
    }
}
