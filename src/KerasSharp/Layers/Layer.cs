using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of every layer, as in Keras: the constructor holds the config, <see cref="build"/>
/// creates the weights for an input shape, and <see cref="call(Tensor[], bool)"/> does the math.
/// Every tensor a layer takes or returns is in Keras's layout (images channels-last,
/// <c>[N, H, W, C]</c>), and every weight is stored in Keras's layout (a Conv2D kernel is
/// <c>[kh, kw, in, out]</c>). Only the kernels that need the engine's channels-first layout
/// (convolution, pooling) transpose, inside their own <c>call</c>, as Keras's torch backend does.
/// </summary>
public abstract class Layer
{
    static readonly Dictionary<string, int> nameCounters = new();
    readonly List<Weight> weights = new();
    readonly List<(Weight weight, Regularizer regularizer)> weightRegularizers = new();

    /// <summary>The weight regularizers of this layer (of every layer inside, for a model used as a layer).</summary>
    internal virtual IReadOnlyList<(Weight weight, Regularizer regularizer)> WeightRegularizers => weightRegularizers;

    /// <summary>True when calling the layer adds a penalty to the loss: a weight or activity regularizer (of a layer inside, for a model used as a layer).</summary>
    internal virtual bool HasRegularization => weightRegularizers.Count > 0 || activity_regularizer is not null;
    internal readonly List<Node> InboundNodes = new();
    int?[][]? builtInputShapes;

    /// <summary>The layer's unique name ("dense", "dense_1", ...).</summary>
    public string name { get; protected set; }
    /// <summary>Whether the weights are updated in training.</summary>
    public virtual bool trainable { get; set; } = true;
    /// <summary>True once the weights exist.</summary>
    public bool built { get; private set; }
    /// <summary>Regularizer applied to the layer's output.</summary>
    public Regularizer? activity_regularizer { get; protected set; }
    /// <summary>The Keras batch input shape given at construction (input_shape), with None batch.</summary>
    public int?[]? BatchInputShape { get; protected set; }

    /// <summary>Creates a layer. A null name gets Keras's automatic snake_case name.</summary>
    protected Layer(string? name, int[]? input_shape = null)
    {
        this.name = name ?? UniqueName(SnakeCase(GetType().Name));
        if (input_shape is not null)
        {
            BatchInputShape = new int?[] { null }.Concat(input_shape.Select(d => (int?)d)).ToArray();
            WarnInputShape();
        }
    }

    /// <summary>Creates a layer whose input shape may have unknown (null) dimensions besides the batch.</summary>
    protected Layer(string? name, int?[]? input_shape)
    {
        this.name = name ?? UniqueName(SnakeCase(GetType().Name));
        if (input_shape is not null)
        {
            BatchInputShape = new int?[] { null }.Concat(input_shape).ToArray();
            WarnInputShape();
        }
    }

    /// <summary>Keras's UserWarning for input_shape on a layer (written to the standard error at each such layer).</summary>
    public const string InputShapeWarning = "UserWarning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, " +
        "prefer using an `Input(shape)` object as the first layer in the model instead.";

    static void WarnInputShape() => Console.Error.WriteLine(InputShapeWarning);

    /// <summary>The Keras class name, used by summary() and configs.</summary>
    public virtual string class_name => GetType().Name;

    /// <summary>Keras's automatic name: the snake_case class name, then _1, _2, ...</summary>
    public static string UniqueName(string baseName)
    {
        lock (nameCounters)
        {
            nameCounters.TryGetValue(baseName, out int n);
            nameCounters[baseName] = n + 1;
            return n == 0 ? baseName : $"{baseName}_{n}";
        }
    }

    /// <summary>Forgets the automatic-name counters (keras.backend.clear_session()).</summary>
    public static void ResetNames() { lock (nameCounters) nameCounters.Clear(); }

    /// <summary>Keras's to_snake_case: Conv2D → conv2d, MaxPooling2D → max_pooling2d.</summary>
    public static string SnakeCase(string name)
    {
        var s = System.Text.RegularExpressions.Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2");
        s = System.Text.RegularExpressions.Regex.Replace(s, "([a-z])([A-Z])", "$1_$2").ToLowerInvariant();
        return s;
    }

    // ----- weights -----

    /// <summary>All weights, in creation order.</summary>
    public virtual IReadOnlyList<Weight> variables => weights;
    /// <summary>The trainable weights.</summary>
    public virtual IEnumerable<Weight> trainable_weights => trainable ? variables.Where(w => w.trainable) : Enumerable.Empty<Weight>();
    /// <summary>The weights that training does not update by gradient.</summary>
    public virtual IEnumerable<Weight> non_trainable_weights => trainable ? variables.Where(w => !w.trainable) : variables;

    /// <summary>
    /// Keras's add_weight: creates a variable of this shape (Keras's layout) from an initializer.
    /// For use in <see cref="build"/>, by KerasSharp's layers and by user layers alike.
    /// </summary>
    public Weight add_weight(long[]? shape = null, Initializer? initializer = null, bool trainable = true,
        Regularizer? regularizer = null, string? name = null)
    {
        shape ??= Array.Empty<long>();
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"Layer \"{this.name}\": weight '{name ?? "variable"}' cannot have shape {Utils.Shapes.Format(shape)} (dimensions must be >= 0).");
        initializer ??= InitializersApi.Get(trainable ? "glorot_uniform" : "zeros");
        Tensor value;
        using (torch.no_grad())
        {
            var init = initializer.call(shape);
            if (!init.shape.SequenceEqual(shape))
                throw new InvalidOperationException($"Layer \"{this.name}\": initializer {initializer.class_name} returned shape {Utils.Shapes.Format(init.shape)} for weight '{name}' of shape {Utils.Shapes.Format(shape)}.");
            value = init.to(float32).contiguous().to(Backend.DeviceManager.Current).detach();
        }
        value = trainable ? new TorchSharp.Modules.Parameter(value, requires_grad: true) : value;
        // A layer may be built inside fit or predict (a Sequential builds from its first batch): its
        // weights belong to the layer, not to the dispose scope of the call that built it.
        value.DetachFromDisposeScope();
        var w = new Weight(this, name ?? "variable", value, trainable);
        weights.Add(w);
        if (regularizer is not null) weightRegularizers.Add((w, regularizer));
        return w;
    }

    /// <summary>Creates a weight (KerasSharp's layers: name first).</summary>
    protected Weight AddWeight(string weightName, long[] kerasShape, Initializer initializer, bool trainable = true, Regularizer? regularizer = null) =>
        add_weight(kerasShape, initializer, trainable, regularizer, weightName);

    /// <summary>
    /// Keras's layer.losses: the penalties of the weight regularizers, computed now (the activity
    /// penalties of a training pass are added to the loss by fit).
    /// </summary>
    public IReadOnlyList<Tensor> losses => WeightRegularizers.Select(r => r.regularizer.call(r.weight.Value)).ToList();

    /// <summary>Number of scalar weights (Keras's count_params).</summary>
    public long count_params() => variables.Sum(w => w.size);

    /// <summary>The weights as arrays in Keras's layout and order.</summary>
    public NDArray[] get_weights() => variables.Select(w => Utils.Arrays.ToNDArray(w.ToKeras())).ToArray();

    /// <summary>Sets the weights from arrays in Keras's layout and order.</summary>
    public void set_weights(IReadOnlyList<NDArray> values)
    {
        var ws = variables;
        if (values.Count != ws.Count)
            throw new ArgumentException($"Layer '{name}' has {ws.Count} weights, received {values.Count} arrays.");
        for (int i = 0; i < values.Count; i++) ws[i].Assign(Utils.Arrays.ToTensor(values[i]));
    }

    // ----- building and calling -----

    /// <summary>Creates the weights for these input shapes (Keras shapes, batch None).</summary>
    public virtual void build(int?[][] inputShapes) { }

    /// <summary>The output shape for these input shapes.</summary>
    public abstract int?[] compute_output_shape(int?[][] inputShapes);

    /// <summary>The math, on engine-layout tensors.</summary>
    public abstract Tensor call(Tensor[] inputs, bool training);

    /// <summary>The input shapes the layer was built for.</summary>
    public IReadOnlyList<int?[]>? BuiltInputShapes => builtInputShapes;

    internal void EnsureBuilt(int?[][] inputShapes)
    {
        if (built)
        {
            CheckInputShapes(inputShapes);
            return;
        }
        // A user may call layer.build(shape) directly, as in Keras: the weights it made mark the layer built.
        if (weights.Count == 0) build(inputShapes);
        builtInputShapes = inputShapes.Select(s => (int?[])s.Clone()).ToArray();
        built = true;
    }

    /// <summary>Throws when the shapes differ from those the layer was built for.</summary>
    protected virtual void CheckInputShapes(int?[][] inputShapes)
    {
        if (builtInputShapes is null) return;
        for (int i = 0; i < Math.Min(inputShapes.Length, builtInputShapes.Length); i++)
        {
            var want = builtInputShapes[i];
            var got = inputShapes[i];
            bool ok = want.Length == got.Length;
            for (int d = 1; ok && d < want.Length; d++)
                if (want[d].HasValue && got[d].HasValue && want[d] != got[d]) ok = false;
            if (!ok)
                throw new ArgumentException($"Input {i} of layer \"{name}\" is incompatible with the layer: expected shape {Utils.Shapes.Format(want)}, but received input with shape {Utils.Shapes.Format(got)}.");
        }
    }

    /// <summary>
    /// Keras's <c>layer.output</c>: the symbolic output of the layer's first call (what a feature
    /// extractor takes: <c>keras.Model(model.inputs, model.get_layer("x").output)</c>).
    /// </summary>
    public KerasTensor output => FirstNode("output").Output;

    /// <summary>
    /// Keras's <c>layer.input</c>: the symbolic input of the layer's first call. A layer of several
    /// inputs (a merge layer) has <see cref="inputs"/> instead.
    /// </summary>
    public KerasTensor input
    {
        get
        {
            var node = FirstNode("input");
            if (node.Inputs.Count == 1) return node.Inputs[0];
            if (node.Inputs.Count == 0 && this is InputLayer il) return il.output;
            throw new InvalidOperationException($"Layer \"{name}\" was called on {node.Inputs.Count} inputs; use layer.inputs to get them all.");
        }
    }

    /// <summary>The symbolic inputs of the layer's first call (Keras's <c>layer.input</c> as a list).</summary>
    public IReadOnlyList<KerasTensor> inputs => FirstNode("input").Inputs;

    Node FirstNode(string attribute)
    {
        if (InboundNodes.Count == 0)
            throw new InvalidOperationException($"The layer {name} has never been called and thus has no defined {attribute}.");
        return InboundNodes[0];
    }

    /// <summary>Calls the layer on a symbolic tensor (functional API).</summary>
    public KerasTensor Apply(KerasTensor input) => Apply(new[] { input });

    /// <summary>Calls the layer on several symbolic tensors (merge layers).</summary>
    public virtual KerasTensor Apply(params KerasTensor[] inputs)
    {
        if (inputs.Length == 0) throw new ArgumentException($"Layer \"{name}\" was called with no input.");
        var shapes = inputs.Select(t => t.shape).ToArray();
        EnsureBuilt(shapes);
        var outShape = compute_output_shape(shapes);
        var node = new Node(this, inputs);
        var output = new KerasTensor(outShape, node, InboundNodes.Count == 0 ? name : $"{name}_{InboundNodes.Count}");
        node.Output = output;
        InboundNodes.Add(node);
        return output;
    }

    /// <summary>
    /// Calls the layer eagerly on a tensor (Keras's <c>layer(x)</c>), in Keras's layout. An unbuilt
    /// layer builds itself from the tensor's shape first, as Keras does. Inference mode unless told.
    /// </summary>
    public Tensor Apply(Tensor input, bool training = false) => Apply(new[] { input }, training);

    /// <summary>Calls the layer eagerly on several tensors (merge layers), building it on first call.</summary>
    public Tensor Apply(Tensor[] inputs, bool training = false)
    {
        if (inputs.Length == 0) throw new ArgumentException($"Layer \"{name}\" was called with no input.");
        var shapes = inputs.Select(t => new int?[] { null }.Concat(t.shape.Skip(1).Select(d => (int?)(int)d)).ToArray()).ToArray();
        EnsureBuilt(shapes);
        compute_output_shape(shapes);
        var device = Backend.DeviceManager.Current;
        var xs = inputs.Select(t => t.device == device ? t : t.to(device)).ToArray();
        return Forward(xs, training);
    }

    internal Tensor Forward(Tensor[] inputs, bool training)
    {
        var y = call(inputs, training);
        if (activity_regularizer is not null && training)
        {
            // Keras 3 divides an activity penalty by the batch size.
            var penalty = activity_regularizer.call(y);
            if (y.dim() > 0)
            {
                using var batch = Backend.EngineScalars.Hold(y.shape[0]);
                penalty = penalty.div(batch.Value);
            }
            RegularizationContext.Add(penalty);
        }
        return y;
    }

    // ----- config -----

    /// <summary>Keras's get_config(): the arguments that recreate the layer.</summary>
    public virtual Dictionary<string, object?> get_config()
    {
        var c = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["trainable"] = trainable,
            ["dtype"] = new Dictionary<string, object?> { ["module"] = "keras", ["class_name"] = "DTypePolicy", ["config"] = new Dictionary<string, object?> { ["name"] = "float32" }, ["registered_name"] = null },
        };
        // Keras's base Layer writes the activity regularizer only when there is one.
        if (activity_regularizer is not null) c["activity_regularizer"] = Saving.ConfigSerializer.Object(activity_regularizer);
        return c;
    }

    /// <inheritdoc />
    public override string ToString() => $"<{class_name} name={name}, built={built}>";

    // ----- helpers for subclasses -----

    /// <summary>A Keras axis (may be negative) as a position in a tensor of that rank.</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ArgumentException($"Axis {axis} is out of range for a tensor of rank {rank}.");
        return a;
    }
}

/// <summary>Collects the activity-regularization penalties of one forward pass.</summary>
public static class RegularizationContext
{
    [ThreadStatic] static List<Tensor>? penalties;

    /// <summary>Adds a penalty to the pass in progress.</summary>
    public static void Add(Tensor penalty) => (penalties ??= new()).Add(penalty);

    /// <summary>Takes and clears the penalties collected so far.</summary>
    public static List<Tensor>? Take()
    {
        var p = penalties;
        penalties = null;
        return p;
    }
}
