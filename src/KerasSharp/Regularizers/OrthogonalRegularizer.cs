using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// Keras OrthogonalRegularizer (alias orthogonal_regularizer): for a rank-2 weight, L2-normalizes its
/// rows (mode "rows") or columns ("columns"), and returns factor·½·Σ|off-diagonal dot products| /
/// (n(n − 1)/2). Keras holds the factor as float32 (0.01 is written 0.009999999776482582).
/// </summary>
public sealed class OrthogonalRegularizer : Regularizer
{
    /// <summary>The regularization factor.</summary>
    public double factor { get; }
    /// <summary>"rows" or "columns".</summary>
    public string mode { get; }

    /// <summary>Keras's signature, defaults and checks.</summary>
    public OrthogonalRegularizer(double factor = 0.01, string mode = "rows")
    {
        this.factor = ValidateFloat(factor, "factor");
        if (mode != "rows" && mode != "columns")
            throw new ArgumentException($"Invalid value for argument `mode`. Expected one of {{\"rows\", \"columns\"}}. Received: mode={mode}");
        this.mode = mode;
    }

    /// <inheritdoc />
    public override string class_name => "OrthogonalRegularizer";

    /// <inheritdoc />
    public override Tensor call(Tensor x)
    {
        if (x.dim() != 2)
            throw new ArgumentException($"Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape={Shapes.Format(x.shape)}");
        int axis = mode == "rows" ? 1 : 0;
        // Keras's ops.nn.normalize: x · min(1/√Σx², 1/ε), ε = 1e-7.
        var inv = torch.minimum(x.square().sum(axis, keepdim: true).rsqrt(), torch.tensor(1e7, dtype: x.dtype, device: x.device));
        var n = x * inv;
        var product = mode == "rows" ? n.matmul(n.t()) : n.t().matmul(n);
        long size = product.shape[0];
        var offDiagonal = product * (1.0 - torch.eye(size, dtype: x.dtype, device: x.device));
        double pairs = size * (size - 1.0) / 2.0;
        return offDiagonal.abs().sum() * ((float)factor * 0.5 / pairs);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["factor"] = ConfigReader.Float32(factor), ["mode"] = mode };

    /// <summary>Rebuilds an OrthogonalRegularizer from its Keras config; unknown keys are refused.</summary>
    public static OrthogonalRegularizer from_config(IReadOnlyDictionary<string, object?> config)
    {
        var c = new ConfigReader(config, nameof(OrthogonalRegularizer));
        var r = new OrthogonalRegularizer(c.Number("factor", 0.01), c.String("mode", "rows"));
        c.Done();
        return r;
    }
}
