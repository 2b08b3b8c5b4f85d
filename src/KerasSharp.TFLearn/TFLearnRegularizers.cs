using KerasSharp.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.TFLearn;

/// <summary>TFLearn's L2: weight_decay · Σw² / 2 (tf.nn.l2_loss has the ½; Keras's L2 does not).</summary>
public sealed class TFLearnL2(double weight_decay = 0.001) : Regularizer
{
    /// <summary>The decay factor.</summary>
    public double weight_decay { get; } = weight_decay;
    /// <inheritdoc />
    public override string class_name => "L2";
    /// <inheritdoc />
    public override Tensor call(Tensor x) => x.pow(Two).sum().mul(factor);

    // square() as pow(x, 2) and the factor, with scalars made once (a number passed as a Scalar is a
    // temporary that TorchSharp leaves to the finalizer).
    readonly Scalar factor = (weight_decay / 2).ToScalar();
    static readonly Scalar Two = 2.ToScalar();
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l2"] = weight_decay / 2 };
}

/// <summary>TFLearn's L1: weight_decay · Σ|w|.</summary>
public sealed class TFLearnL1(double weight_decay = 0.001) : Regularizer
{
    /// <summary>The decay factor.</summary>
    public double weight_decay { get; } = weight_decay;
    /// <inheritdoc />
    public override string class_name => "L1";
    /// <inheritdoc />
    public override Tensor call(Tensor x) => x.abs().sum().mul(factor);

    // Made once (a number passed as a Scalar is a temporary that TorchSharp leaves to the finalizer).
    readonly Scalar factor = weight_decay.ToScalar();
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l1"] = weight_decay };
}

internal static class TFLearnRegularizers
{
    /// <summary>TFLearn resolves only the upper-case names 'L2' and 'L1' ('l2' raises there too).</summary>
    public static Regularizer? Get(object? regularizer, double weightDecay) => regularizer switch
    {
        null => null,
        Regularizer r => r,
        "L2" => new TFLearnL2(weightDecay),
        "L1" => new TFLearnL1(weightDecay),
        string s => throw new ArgumentException($"Unknown TFLearn regularizer '{s}'. Known regularizer names: L1, L2 (upper case, as in TFLearn)."),
        _ => throw new ArgumentException($"regularizer must be 'L1', 'L2' or a Regularizer, received {regularizer.GetType().Name}."),
    };
}
