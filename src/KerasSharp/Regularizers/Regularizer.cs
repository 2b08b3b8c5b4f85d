using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>A penalty on a weight (or an activation) that is added to the loss. Converts from a name ("l2").</summary>
public abstract class Regularizer
{
    /// <summary>The Keras class name ("L2").</summary>
    public abstract string class_name { get; }
    /// <summary>The penalty, a scalar tensor.</summary>
    public abstract Tensor call(Tensor x);
    /// <summary>Keras's config.</summary>
    public abstract Dictionary<string, object?> get_config();
    /// <summary>Looks a regularizer up by name, with Keras's default factors.</summary>
    public static implicit operator Regularizer(string name) => RegularizersApi.Get(name);
}

/// <summary>Keras L1L2: l1·Σ|x| + l2·Σx² (no ½ factor).</summary>
public class L1L2 : Regularizer
{
    /// <summary>The L1 factor.</summary>
    public double l1 { get; }
    /// <summary>The L2 factor.</summary>
    public double l2 { get; }
    /// <summary>Keras's defaults: l1 = 0, l2 = 0.</summary>
    public L1L2(double l1 = 0.0, double l2 = 0.0) { this.l1 = l1; this.l2 = l2; }
    /// <inheritdoc />
    public override string class_name => "L1L2";
    /// <inheritdoc />
    public override Tensor call(Tensor x)
    {
        Tensor? r = null;
        if (l1 != 0) r = x.abs().sum() * l1;
        if (l2 != 0) { var q = x.square().sum() * l2; r = r is null ? q : r + q; }
        return r ?? torch.zeros(Array.Empty<long>(), dtype: x.dtype, device: x.device);
    }
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l1"] = l1, ["l2"] = l2 };
}

/// <summary>Keras L1(l1 = 0.01): l1·Σ|x|.</summary>
public sealed class L1(double l1 = 0.01) : L1L2(l1, 0)
{
    /// <inheritdoc />
    public override string class_name => "L1";
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l1"] = l1 };
}

/// <summary>Keras L2(l2 = 0.01): l2·Σx².</summary>
public sealed class L2(double l2 = 0.01) : L1L2(0, l2)
{
    /// <inheritdoc />
    public override string class_name => "L2";
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l2"] = l2 };
}

/// <summary><c>keras.regularizers</c>.</summary>
public sealed class RegularizersApi
{
    internal static readonly RegularizersApi Instance = new();
    static readonly Utils.Registry<Regularizer> registry = new Utils.Registry<Regularizer>("regularizer")
        .Add(() => new L1(), "l1", "L1")
        .Add(() => new L2(), "l2", "L2")
        .Add(() => new L1L2(), "l1_l2", "L1L2");

    /// <summary>The regularizer for a name, or an error that lists the known names.</summary>
    public static Regularizer Get(string name) => registry.Get(name);

    /// <summary>keras.regularizers.get: the regularizer for a name, or an error that lists the known names.</summary>
    public Regularizer get(string identifier) => Get(identifier);
    /// <summary>Keras L1.</summary>
    public Regularizer L1(double l1 = 0.01) => new L1(l1);
    /// <summary>Keras L2.</summary>
    public Regularizer L2(double l2 = 0.01) => new L2(l2);
    /// <summary>Keras L1L2.</summary>
    public Regularizer L1L2(double l1 = 0.0, double l2 = 0.0) => new L1L2(l1, l2);
    /// <summary>Keras alias l1.</summary>
    public Regularizer l1(double l1 = 0.01) => new L1(l1);
    /// <summary>Keras alias l2.</summary>
    public Regularizer l2(double l2 = 0.01) => new L2(l2);
    /// <summary>Keras alias l1_l2 (note: Keras's function form defaults both factors to 0.01).</summary>
    public Regularizer l1_l2(double l1 = 0.01, double l2 = 0.01) => new L1L2(l1, l2);
}
