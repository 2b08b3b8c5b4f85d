using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary><c>keras.activations</c>: each activation as a function, and <c>get(name)</c>.</summary>
public sealed class ActivationsApi
{
    internal static readonly ActivationsApi Instance = new();
    static readonly Dictionary<Delegate, string> names = new();
    static readonly Utils.Registry<ActivationFunction> registry = new("activation");

    static Func<Tensor, Tensor> Def(string name, Func<Tensor, Tensor> f, params string[] aliases)
    {
        names[f] = name;
        var act = new ActivationFunction(name, f);
        registry.Add(() => act, name);
        foreach (var a in aliases) registry.Add(() => act, a);
        return f;
    }

    static readonly Func<Tensor, Tensor> _linear = Def("linear", x => x.alias());
    static readonly Func<Tensor, Tensor> _relu = Def("relu", x => torch.nn.functional.relu(x));
    static readonly Func<Tensor, Tensor> _sigmoid = Def("sigmoid", x => torch.sigmoid(x));
    static readonly Func<Tensor, Tensor> _tanh = Def("tanh", x => torch.tanh(x));
    static readonly Func<Tensor, Tensor> _softmax = Def("softmax", x => torch.softmax(x, SoftmaxAxis(x)));
    static readonly Func<Tensor, Tensor> _elu = Def("elu", x => torch.nn.functional.elu(x, 1.0));
    static readonly Func<Tensor, Tensor> _selu = Def("selu", x => torch.nn.functional.selu(x));
    static readonly Func<Tensor, Tensor> _softplus = Def("softplus", x => torch.nn.functional.softplus(x));
    static readonly Func<Tensor, Tensor> _softsign = Def("softsign", x => x / (x.abs() + 1));
    // Keras 3: leaky_relu(x, negative_slope=0.2).
    static readonly Func<Tensor, Tensor> _leaky_relu = Def("leaky_relu", x => torch.nn.functional.leaky_relu(x, 0.2));
    // Keras 3: gelu(x, approximate=True), the tanh approximation.
    static readonly Func<Tensor, Tensor> _gelu = Def("gelu", x => 0.5 * x * (1 + torch.tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x.pow(3)))));
    static readonly Func<Tensor, Tensor> _swish = Def("silu", x => torch.nn.functional.silu(x), "swish");
    static readonly Func<Tensor, Tensor> _relu6 = Def("relu6", x => torch.nn.functional.relu6(x));
    static readonly Func<Tensor, Tensor> _exponential = Def("exponential", x => torch.exp(x));
    // Keras 3: hard_sigmoid(x) = relu6(x + 3) / 6.
    static readonly Func<Tensor, Tensor> _hard_sigmoid = Def("hard_sigmoid", x => torch.nn.functional.relu6(x + 3) / 6);
    static readonly Func<Tensor, Tensor> _mish = Def("mish", x => x * torch.tanh(torch.nn.functional.softplus(x)));
    static readonly Func<Tensor, Tensor> _log_softmax = Def("log_softmax", x => torch.nn.functional.log_softmax(x, SoftmaxAxis(x)));

    /// <summary>Keras applies softmax on the last axis; image tensors are stored channels-first inside.</summary>
    static int SoftmaxAxis(Tensor x) => x.dim() == 4 ? 1 : -1;

    /// <summary>The identity.</summary>
    public Func<Tensor, Tensor> linear => _linear;
    /// <summary>max(x, 0).</summary>
    public Func<Tensor, Tensor> relu => _relu;
    /// <summary>1 / (1 + exp(-x)).</summary>
    public Func<Tensor, Tensor> sigmoid => _sigmoid;
    /// <summary>tanh(x).</summary>
    public Func<Tensor, Tensor> tanh => _tanh;
    /// <summary>Softmax over the last axis.</summary>
    public Func<Tensor, Tensor> softmax => _softmax;
    /// <summary>Exponential linear unit, alpha 1.</summary>
    public Func<Tensor, Tensor> elu => _elu;
    /// <summary>Scaled exponential linear unit.</summary>
    public Func<Tensor, Tensor> selu => _selu;
    /// <summary>log(1 + exp(x)).</summary>
    public Func<Tensor, Tensor> softplus => _softplus;
    /// <summary>x / (|x| + 1).</summary>
    public Func<Tensor, Tensor> softsign => _softsign;
    /// <summary>Leaky ReLU with Keras 3's negative_slope 0.2.</summary>
    public Func<Tensor, Tensor> leaky_relu => _leaky_relu;
    /// <summary>GELU with Keras 3's default tanh approximation.</summary>
    public Func<Tensor, Tensor> gelu => _gelu;
    /// <summary>x · sigmoid(x) (Keras 3 serializes it as "silu").</summary>
    public Func<Tensor, Tensor> swish => _swish;
    /// <summary>Same as swish.</summary>
    public Func<Tensor, Tensor> silu => _swish;
    /// <summary>min(max(x, 0), 6).</summary>
    public Func<Tensor, Tensor> relu6 => _relu6;
    /// <summary>exp(x).</summary>
    public Func<Tensor, Tensor> exponential => _exponential;
    /// <summary>relu6(x + 3) / 6.</summary>
    public Func<Tensor, Tensor> hard_sigmoid => _hard_sigmoid;
    /// <summary>x · tanh(softplus(x)).</summary>
    public Func<Tensor, Tensor> mish => _mish;
    /// <summary>Log of softmax over the last axis.</summary>
    public Func<Tensor, Tensor> log_softmax => _log_softmax;

    /// <summary>The activation for a name; null or "" is linear, as in Keras.</summary>
    public static ActivationFunction Get(string? name) => string.IsNullOrEmpty(name) ? registry.Get("linear") : registry.Get(name);

    /// <summary>keras.activations.get: the activation for a name (null or "" is linear), or an error that lists the known names.</summary>
    public ActivationFunction get(string? identifier) => Get(identifier);

    /// <summary>The known names.</summary>
    public static IReadOnlyList<string> Names => registry.Names;

    internal static ActivationFunction FromFunction(Func<Tensor, Tensor> fn) =>
        names.TryGetValue(fn, out var n) ? registry.Get(n) : new ActivationFunction(fn.Method.Name, fn);

    /// <summary>Serializes an activation the way Keras's get_config does: its name.</summary>
    public static string serialize(ActivationFunction a) => a.name;
}
