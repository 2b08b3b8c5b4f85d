using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// What LSTM, GRU and SimpleRNN share, as Keras's <c>RNN</c> layer around its cell: a loop over the
/// steps of <c>[N, steps, features]</c>, the last output (or all of them with
/// <c>return_sequences</c>), the steps taken last to first with <c>go_backwards</c> (the outputs
/// then stay in that order, as in Keras), optional initial states, and Keras's weights:
/// <c>kernel [features, gates·units]</c>, <c>recurrent_kernel [units, gates·units]</c> and
/// <c>bias</c>, in Keras's gate order, so that weight files exchange with Keras.
/// Dropout masks are drawn once per call and shared by all steps, as in Keras.
/// </summary>
/// <remarks>
/// Masking is not supported (KerasSharp's layers carry no masks). <c>unroll</c> is accepted and
/// kept in the config; it changes nothing in what is computed. <c>stateful</c> keeps the final
/// states of a call as the next call's initial states (<see cref="reset_state"/> zeroes them); the
/// batch size must then stay the same.
/// </remarks>
public abstract class RecurrentLayer : Layer
{
    /// <summary>The size of the output and of each state.</summary>
    public int units { get; }
    /// <summary>The output (candidate) activation, tanh by default.</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether the layer has a bias.</summary>
    public bool use_bias { get; }
    /// <summary>Initializer of <c>kernel</c>.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Initializer of <c>recurrent_kernel</c>.</summary>
    public Initializer recurrent_initializer { get; }
    /// <summary>Initializer of <c>bias</c>.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Regularizer of <c>kernel</c>.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>Regularizer of <c>recurrent_kernel</c>.</summary>
    public Regularizer? recurrent_regularizer { get; }
    /// <summary>Regularizer of <c>bias</c>.</summary>
    public Regularizer? bias_regularizer { get; }
    /// <summary>Fraction of the inputs dropped in training (clipped to [0, 1] as Keras does).</summary>
    public double dropout { get; }
    /// <summary>Fraction of the recurrent state dropped in training (clipped to [0, 1]).</summary>
    public double recurrent_dropout { get; }
    /// <summary>Seed of the dropout masks, or null.</summary>
    public int? seed { get; }
    /// <summary>Whether the output holds every step (<c>[N, steps, units]</c>) or the last (<c>[N, units]</c>).</summary>
    public bool return_sequences { get; }
    /// <summary>Whether the final states are returned too (see <see cref="ApplyWithState(Tensor, Tensor[], bool)"/>).</summary>
    public bool return_state { get; }
    /// <summary>Whether the steps are taken last to first.</summary>
    public bool go_backwards { get; }
    /// <summary>Whether the final states of a call start the next call.</summary>
    public bool stateful { get; }
    /// <summary>Kept for Keras's config; no effect on the results.</summary>
    public bool unroll { get; }
    /// <summary><c>[features, gates·units]</c>, after build.</summary>
    public Weight? kernel { get; private set; }
    /// <summary><c>[units, gates·units]</c>, after build.</summary>
    public Weight? recurrent_kernel { get; private set; }
    /// <summary>The bias, after build (null without use_bias).</summary>
    public Weight? bias { get; private set; }

    Tensor[]? states;
    torch.Generator? generator;

    /// <summary>Creates the layer with the arguments every recurrent layer takes.</summary>
    protected RecurrentLayer(int units, ActivationFunction? activation, bool use_bias, Initializer? kernel_initializer,
        Initializer? recurrent_initializer, Initializer? bias_initializer, Regularizer? kernel_regularizer, Regularizer? recurrent_regularizer,
        Regularizer? bias_regularizer, Regularizer? activity_regularizer, double dropout, double recurrent_dropout, int? seed,
        bool return_sequences, bool return_state, bool go_backwards, bool stateful, bool unroll, int?[]? input_shape, string? name)
        : base(name, input_shape)
    {
        if (units <= 0) throw new ArgumentException($"Received an invalid value for argument `units`, expected a positive integer, got {units}.");
        this.units = units;
        this.activation = activation ?? ActivationsApi.Get("tanh");
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? InitializersApi.Get("glorot_uniform");
        this.recurrent_initializer = recurrent_initializer ?? RecurrentInitializers.Orthogonal();
        this.bias_initializer = bias_initializer ?? InitializersApi.Get("zeros");
        this.kernel_regularizer = kernel_regularizer;
        this.recurrent_regularizer = recurrent_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.activity_regularizer = activity_regularizer;
        if (double.IsNaN(dropout) || double.IsNaN(recurrent_dropout)) throw new ArgumentException($"Layer \"{this.name}\": dropout and recurrent_dropout must be numbers in [0, 1].");
        this.dropout = Math.Min(1.0, Math.Max(0.0, dropout));
        this.recurrent_dropout = Math.Min(1.0, Math.Max(0.0, recurrent_dropout));
        this.seed = seed;
        this.return_sequences = return_sequences;
        this.return_state = return_state;
        this.go_backwards = go_backwards;
        this.stateful = stateful;
        this.unroll = unroll;
    }

    /// <summary>Number of gates: the width of the kernels is gates·units (LSTM 4, GRU 3, SimpleRNN 1).</summary>
    protected abstract int Gates { get; }

    /// <summary>Number of state tensors (LSTM 2: h and c; GRU and SimpleRNN 1).</summary>
    protected abstract int StateCount { get; }

    /// <summary>The shape and initializer of the bias (LSTM's unit_forget_bias, GRU's reset_after).</summary>
    protected abstract (long[] shape, Initializer initializer) BiasSpec();

    /// <summary>
    /// One step: <paramref name="x"/> is the step's input projections <c>[N, gates·units]</c> (input
    /// bias included), <paramref name="h"/> the states; <paramref name="recurrentMasks"/> one mask
    /// per gate (recurrent dropout in training) or null. Returns the output and the new states.
    /// </summary>
    protected abstract (Tensor output, Tensor[] states) Step(Tensor x, Tensor[] h, Tensor[]? recurrentMasks);

    /// <summary>The part of the bias added to the input projections (GRU with reset_after: its first row).</summary>
    protected virtual Tensor? InputBias => bias?.Value;

    /// <inheritdoc />
    public override void build(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        if (s[2] is null)
            throw new ArgumentException($"Layer \"{name}\" ({class_name}) needs the last dimension of its input (the features) to be known, received input with shape {Utils.Shapes.Format(s)}.");
        kernel = this.AddLayerWeight("kernel", new long[] { s[2]!.Value, (long)units * Gates }, kernel_initializer, regularizer: kernel_regularizer);
        recurrent_kernel = this.AddLayerWeight("recurrent_kernel", new long[] { units, (long)units * Gates }, recurrent_initializer, regularizer: recurrent_regularizer);
        if (use_bias)
        {
            var (shape, init) = BiasSpec();
            bias = this.AddLayerWeight("bias", shape, init, regularizer: bias_regularizer);
        }
    }

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes)
    {
        var s = inputShapes[0];
        if (s.Length != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Length}. Full shape received: {Utils.Shapes.Format(s)}");
        for (int i = 1; i < inputShapes.Length; i++)
        {
            var st = inputShapes[i];
            if (st.Length != 2 || st[1] is int u && u != units)
                throw new ArgumentException($"Layer \"{name}\" ({class_name}): initial state {i - 1} must have shape (batch, {units}), received {Utils.Shapes.Format(st)}.");
        }
        return return_sequences ? new[] { s[0], s[1], (int?)units } : new[] { s[0], (int?)units };
    }

    /// <summary>The shapes of the final states, each <c>(batch, units)</c>, as Keras lists them after the output with return_state.</summary>
    public int?[][] compute_state_shapes(int?[] sequences_shape) =>
        Enumerable.Range(0, StateCount).Select(_ => new[] { sequences_shape[0], (int?)units }).ToArray();

    /// <summary>
    /// Calls the layer on a symbolic tensor (functional API). With <see cref="return_state"/>, or
    /// with initial states as further inputs, Keras's call returns or takes several tensors, which
    /// KerasSharp's graph does not hold yet (one output tensor per layer call, no keyword inputs in
    /// saved configs): those calls are refused with this reason rather than wired differently from
    /// Keras. Eager calls support both (<see cref="ApplyWithState(Tensor, Tensor[], bool)"/>).
    /// </summary>
    public override KerasTensor Apply(params KerasTensor[] inputs)
    {
        if (return_state)
            throw new NotSupportedException($"{class_name} \"{name}\": return_state=True in the functional API returns [output, {(StateCount == 2 ? "h, c" : "h")}], several tensors from one layer call, which KerasSharp's functional graph does not hold yet. Call the layer on tensors with ApplyWithState, or use return_state=False.");
        if (inputs.Length > 1)
            throw new NotSupportedException($"{class_name} \"{name}\": initial_state in the functional API is not supported by KerasSharp yet (Keras passes it as a keyword input, which KerasSharp's saved configs do not carry). Call the layer on tensors with Apply(sequences, initial_state) instead.");
        return base.Apply(inputs);
    }

    /// <summary>The output only (inputs[0]: the sequences; inputs[1..]: initial states, if any).</summary>
    public override Tensor call(Tensor[] inputs, bool training) => Run(inputs, training)[0];

    /// <summary>
    /// Keras's <c>layer(sequences, initial_state=[...])</c> when <see cref="return_state"/> is set:
    /// the output, then the final states (LSTM: h, c; GRU and SimpleRNN: h). Builds on first call.
    /// </summary>
    public Tensor[] ApplyWithState(Tensor sequences, Tensor[]? initial_state = null, bool training = false)
    {
        var inputs = new[] { sequences }.Concat(initial_state ?? Array.Empty<Tensor>()).ToArray();
        var output = Apply(inputs, training);
        return new[] { output }.Concat(lastStates!).ToArray();
    }

    /// <summary>Keras's <c>layer(sequences, initial_state=[...])</c>: the output, starting from the given states. Builds on first call.</summary>
    public Tensor Apply(Tensor sequences, Tensor[] initial_state, bool training = false) =>
        Apply(new[] { sequences }.Concat(initial_state ?? throw new ArgumentNullException(nameof(initial_state))).ToArray(), training);

    Tensor[]? lastStates;

    /// <summary>Keras's reset_state: zeroes the kept states of a stateful layer.</summary>
    public void reset_state()
    {
        if (!stateful) return;
        if (states is not null) foreach (var s in states) using (torch.no_grad()) s.zero_();
    }

    /// <summary>Keras's reset_states (the older name of <see cref="reset_state"/>).</summary>
    public void reset_states() => reset_state();

    Tensor[] Run(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        if (x.dim() != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={x.dim()}. Full shape received: {Utils.Shapes.Format(x.shape)}");
        long n = x.shape[0], steps = x.shape[1];
        Tensor[] h;
        if (inputs.Length > 1)
        {
            if (inputs.Length - 1 != StateCount)
                throw new ArgumentException($"Layer \"{name}\" ({class_name}) expects {StateCount} initial state(s), received {inputs.Length - 1}.");
            h = inputs.Skip(1).ToArray();
            foreach (var s in h)
                if (s.dim() != 2 || s.shape[0] != n || s.shape[1] != units)
                    throw new ArgumentException($"Layer \"{name}\" ({class_name}): an initial state must have shape ({n}, {units}), received {Utils.Shapes.Format(s.shape)}.");
        }
        else if (stateful && states is not null)
        {
            if (states[0].shape[0] != n)
                throw new ArgumentException($"If an RNN is stateful, the batch size of the input sequences must be the same as the batch size of the initial state. \n- Expected batch size: {states[0].shape[0]}\n- Received batch size: {n}");
            h = states;
        }
        else h = Enumerable.Range(0, StateCount).Select(_ => torch.zeros(n, units, dtype: x.dtype, device: x.device)).ToArray();

        bool drop = training && dropout > 0 && dropout < 1;
        bool recDrop = training && recurrent_dropout > 0 && recurrent_dropout < 1;
        // Keras's implementation 1 (one mask per gate) when recurrent dropout is set, else one mask for all gates.
        int maskCount = recurrent_dropout > 0 ? Gates : 1;
        Tensor proj;
        var w = kernel!.Value;
        if (drop)
        {
            var masks = Enumerable.Range(0, maskCount).Select(_ => Mask(n, x.shape[2], dropout, x)).ToArray();
            if (maskCount == 1) proj = torch.matmul(x * masks[0].unsqueeze(1), w);
            else
            {
                var parts = w.chunk(Gates, 1);
                proj = torch.cat(Enumerable.Range(0, Gates).Select(g => torch.matmul(x * masks[g].unsqueeze(1), parts[g])).ToArray(), 2);
            }
        }
        else proj = torch.matmul(x, w);
        if (InputBias is { } b) proj = Backend.EngineScalars.Plus(proj, b);
        Tensor[]? recMasks = recDrop ? Enumerable.Range(0, Gates).Select(_ => Mask(n, units, recurrent_dropout, x)).ToArray() : null;

        var outputs = return_sequences ? new Tensor[steps] : null;
        Tensor last = h[0];
        for (long i = 0; i < steps; i++)
        {
            long t = go_backwards ? steps - 1 - i : i;
            var (o, next) = Step(proj.select(1, t), h, recMasks);
            h = next;
            last = o;
            if (outputs is not null) outputs[i] = o;
        }
        if (steps == 0) last = torch.zeros(n, units, dtype: x.dtype, device: x.device);
        lastStates = h;
        if (stateful) states = h.Select(s => s.detach().clone()).ToArray();
        var output = outputs is not null ? (steps == 0 ? torch.zeros(n, 0, units, dtype: x.dtype, device: x.device) : torch.stack(outputs, 1)) : last;
        return new[] { output }.Concat(h).ToArray();
    }

    Tensor Mask(long n, long width, double rate, Tensor like)
    {
        if (seed is int s && generator is null) generator = new torch.Generator((ulong)s, like.device);
        var keep = torch.empty(new[] { n, width }, dtype: like.dtype, device: like.device);
        keep.bernoulli_(1 - rate, generator);
        return keep / (1 - rate);
    }

    /// <summary>The keys every recurrent layer writes, in Keras's order (RNN's first, then the cell's).</summary>
    protected Dictionary<string, object?> RecurrentConfig(Action<Dictionary<string, object?>> cellKeys)
    {
        var c = base.get_config();
        c["return_sequences"] = return_sequences;
        c["return_state"] = return_state;
        c["go_backwards"] = go_backwards;
        c["stateful"] = stateful;
        c["unroll"] = unroll;
        c["zero_output_for_mask"] = false;
        c["units"] = units;
        c["activation"] = activation.name;
        cellKeys(c);
        c["use_bias"] = use_bias;
        c["kernel_initializer"] = ConfigSerializer.Object(kernel_initializer);
        c["recurrent_initializer"] = ConfigSerializer.Object(recurrent_initializer);
        c["bias_initializer"] = ConfigSerializer.Object(bias_initializer);
        return c;
    }

    /// <summary>The regularizer, constraint, dropout and seed keys, after the cell's own.</summary>
    protected void RecurrentConfigTail(Dictionary<string, object?> c)
    {
        c["kernel_regularizer"] = ConfigSerializer.Object(kernel_regularizer);
        c["recurrent_regularizer"] = ConfigSerializer.Object(recurrent_regularizer);
        c["bias_regularizer"] = ConfigSerializer.Object(bias_regularizer);
        c["activity_regularizer"] = ConfigSerializer.Object(activity_regularizer);
        c["kernel_constraint"] = null;
        c["recurrent_constraint"] = null;
        c["bias_constraint"] = null;
        c["dropout"] = dropout;
        c["recurrent_dropout"] = recurrent_dropout;
    }

    /// <summary>The arguments every recurrent layer reads from a config.</summary>
    internal record struct CommonArgs(int units, ActivationFunction activation, bool use_bias, Initializer? kernel_initializer,
        Initializer recurrent_initializer, Initializer? bias_initializer, Regularizer? kernel_regularizer, Regularizer? recurrent_regularizer,
        Regularizer? bias_regularizer, Regularizer? activity_regularizer, double dropout, double recurrent_dropout, int? seed,
        bool return_sequences, bool return_state, bool go_backwards, bool stateful, bool unroll);

    /// <summary>Reads the shared keys strictly (constraints must be null, masks are not carried).</summary>
    internal static CommonArgs ReadCommon(ConfigReader c)
    {
        c.LayerBase();
        c.ExpectNull("kernel_constraint", "recurrent_constraint", "bias_constraint");
        // Only masked steps are affected by zero_output_for_mask, and KerasSharp carries no masks.
        c.Ignore("zero_output_for_mask", "implementation", "time_major");
        c.Expect("use_cudnn", v => v is null || v.Value.ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False, "\"auto\", true or false");
        return new CommonArgs(c.Int("units"), c.Raw("activation") is null ? ActivationsApi.Get("tanh") : c.Activation(), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer", "glorot_uniform"), RecurrentInitializers.Read(c, "recurrent_initializer"),
            c.Initializer("bias_initializer", "zeros"), c.Regularizer("kernel_regularizer"), c.Regularizer("recurrent_regularizer"),
            c.Regularizer("bias_regularizer"), c.Regularizer("activity_regularizer"), c.Num("dropout", 0), c.Num("recurrent_dropout", 0),
            c.IntOrNull("seed"), c.Bool("return_sequences", false), c.Bool("return_state", false), c.Bool("go_backwards", false),
            c.Bool("stateful", false), c.Bool("unroll", false));
    }
}
