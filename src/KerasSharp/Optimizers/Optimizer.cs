using System.Text.RegularExpressions;
using KerasSharp.Layers;
using KerasSharp.Optimizers.Schedules;
using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// The base of Keras 3's optimizers (keras/src/optimizers/base_optimizer.py): a learning rate that
/// is a number, a schedule or a callable; the <c>iterations</c> counter; gradient clipping
/// (<c>clipnorm</c>, <c>clipvalue</c> or <c>global_clipnorm</c>, at most one); decoupled
/// <c>weight_decay</c> (w −= w·weight_decay·lr before the update); and the optimizer's variables,
/// created for every trainable variable when the optimizer is built (at the first update).
/// Subclasses declare their slots and implement Keras's update rule in <see cref="UpdateStep"/>.
/// Converts implicitly from a name ("adam").
/// </summary>
/// <remarks>
/// Not supported (refused by <c>from_config</c> with an error naming the key): <c>use_ema=True</c>,
/// <c>loss_scale_factor</c> and <c>gradient_accumulation_steps</c>. Keras holds a constant learning
/// rate in a float32 variable; KerasSharp keeps the number given (a double), applies it in the
/// variable's dtype and writes Keras's float32 value in <see cref="get_config"/>.
/// </remarks>
public abstract class Optimizer : IDisposable
{
    readonly Dictionary<Tensor, Tensor[]> slots = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<Tensor, string> variableNames = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<Tensor, string> variablePaths = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<Tensor> known = new(ReferenceEqualityComparer.Instance);
    readonly List<Tensor> trainableVariables = new();
    HashSet<Tensor> excludedVariables = new(ReferenceEqualityComparer.Instance);
    Regex? excludedNames;
    Tensor?[] gradBuffer = Array.Empty<Tensor?>();
    bool warnedMissing;
    LearningRate rate;
    double constantRate;
    string[][]? slotGroups;

    /// <summary>Sets the arguments every Keras optimizer shares, with Keras's checks.</summary>
    /// <param name="learning_rate">A number, a schedule or a callable; null takes <paramref name="default_learning_rate"/>.</param>
    /// <param name="default_learning_rate">The subclass's Keras default.</param>
    /// <param name="weight_decay">Decoupled weight decay, or null.</param>
    /// <param name="clipnorm">Clip each gradient to this norm.</param>
    /// <param name="clipvalue">Clip each gradient's values to [−clipvalue, clipvalue].</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm.</param>
    /// <param name="name">The name; null gives Keras's automatic name (the snake_case class name, then _1, _2, ...).</param>
    protected Optimizer(LearningRate? learning_rate, double default_learning_rate, double? weight_decay, double? clipnorm,
        double? clipvalue, double? global_clipnorm, string? name)
    {
        int clipArgs = (clipnorm.HasValue ? 1 : 0) + (clipvalue.HasValue ? 1 : 0) + (global_clipnorm.HasValue ? 1 : 0);
        if (clipArgs > 1)
            throw new ArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. " +
                $"Received: clipnorm={PyRepr.Value(clipnorm)}, clipvalue={PyRepr.Value(clipvalue)}, global_clipnorm={PyRepr.Value(global_clipnorm)}");
        rate = learning_rate ?? default_learning_rate;
        constantRate = rate.Constant ?? 0;
        this.weight_decay = weight_decay; this.clipnorm = clipnorm; this.clipvalue = clipvalue; this.global_clipnorm = global_clipnorm;
        this.name = name ?? Layer.UniqueName(Layer.SnakeCase(class_name));
    }

    // ----- hyperparameters -----

    /// <summary>
    /// The current learning rate: the number, or the schedule (callable) evaluated at
    /// <see cref="iterations"/>. Setting it fails, as in Keras, when the optimizer was created with a
    /// schedule or a callable.
    /// </summary>
    public double learning_rate
    {
        get => rate.Constant is not null ? constantRate : rate.At(iterations);
        set
        {
            if (rate.Schedule is not null)
                throw new InvalidOperationException("This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, " +
                    "hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.");
            if (rate.Constant is null)
                throw new InvalidOperationException("This optimizer was created with a callable as its `learning_rate` constructor argument, " +
                    "hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.");
            if (double.IsNaN(value) || double.IsInfinity(value))
                throw new ArgumentException($"The learning rate must be a finite number, received {PyRepr.Float(value)}.");
            constantRate = value;
        }
    }

    /// <summary>True when the learning rate is a number (Keras then keeps it in a variable that files store); false for a schedule or a callable.</summary>
    public bool has_constant_learning_rate => rate.Constant is not null;

    /// <summary>The schedule given as learning_rate, or null.</summary>
    public LearningRateSchedule? learning_rate_schedule => rate.Schedule;

    /// <summary>Number of update steps applied so far.</summary>
    public long iterations { get; set; }
    /// <summary>Decoupled weight decay, or null.</summary>
    public double? weight_decay { get; }
    /// <summary>Clip each gradient to this norm.</summary>
    public double? clipnorm { get; }
    /// <summary>Clip each gradient value to [−clipvalue, clipvalue].</summary>
    public double? clipvalue { get; }
    /// <summary>Clip all gradients together to this global norm.</summary>
    public double? global_clipnorm { get; }
    /// <summary>The optimizer's name ("adam", "adam_1", ...).</summary>
    public string name { get; }
    /// <summary>Whether the optimizer has created its variables (at <see cref="build(IReadOnlyList{Tensor})"/> or the first update).</summary>
    public bool built { get; private set; }

    /// <summary>Keras's ema_momentum, kept only so that a config read from a file is written back unchanged (use_ema is always False).</summary>
    internal double EmaMomentum { get; set; } = 0.99;
    /// <summary>Keras's ema_overwrite_frequency, kept for the same reason.</summary>
    internal long? EmaOverwriteFrequency { get; set; }

    /// <summary>The Keras class name ("Adam").</summary>
    public abstract string class_name { get; }

    // ----- slots -----

    /// <summary>
    /// The optimizer's per-variable state as Keras's build creates it: each group is one call of
    /// Keras's add_optimizer_variables, which creates the group's slots variable by variable (Adam:
    /// {momentum, velocity}, then {velocity_hat} when amsgrad). A slot's index is its position in
    /// the groups read in order.
    /// </summary>
    protected abstract string[][] SlotGroups { get; }

    string[][] Groups => slotGroups ??= SlotGroups;

    /// <summary>The slot names in index order ("momentum", "velocity").</summary>
    public IReadOnlyList<string> SlotNames => Groups.SelectMany(g => g).ToArray();

    /// <summary>Number of state tensors per variable.</summary>
    protected int SlotCount => Groups.Sum(g => g.Length);

    /// <summary>Initial value of state tensor <paramref name="slot"/> for a variable (zeros unless overridden).</summary>
    protected virtual Tensor InitialSlot(int slot, Tensor variable) => torch.zeros_like(variable);

    /// <summary>Keras's update rule for one variable, with <paramref name="step"/> = iterations + 1 and the step's learning rate.</summary>
    protected abstract void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, long step, double lr);

    /// <summary>Called once per step before the variables are updated (Nadam's running momentum product).</summary>
    protected virtual void BeforeStep(long step) { }

    /// <summary>Called when the optimizer is built (Nadam creates its u_product).</summary>
    protected virtual void OnBuild() { }

    /// <summary>
    /// The order in which Keras 3 lists this optimizer's slot variables after iterations (and
    /// learning_rate): group by group, variable by variable within a group.
    /// </summary>
    public virtual IEnumerable<(Tensor variable, int slot)> KerasSlotOrder(IReadOnlyList<Tensor> variables)
    {
        int first = 0;
        foreach (var group in Groups)
        {
            foreach (var v in variables)
                for (int s = 0; s < group.Length; s++) yield return (v, first + s);
            first += group.Length;
        }
    }

    /// <summary>Scalar state after the slots (Nadam's u_product), for saving.</summary>
    public virtual double[] ExtraState { get => Array.Empty<double>(); set { } }

    /// <summary>The state tensors of each variable, in build order (for summary's optimizer params).</summary>
    public IEnumerable<(Tensor variable, Tensor[] slots)> Variables => slots.Select(kv => (kv.Key, kv.Value));

    /// <summary>The state of one variable, created on first use.</summary>
    public Tensor[] SlotsFor(Tensor variable)
    {
        if (!slots.TryGetValue(variable, out var s))
        {
            using (torch.no_grad())
            {
                s = new Tensor[SlotCount];
                for (int i = 0; i < s.Length; i++) s[i] = InitialSlot(i, variable).detach().DetachFromDisposeScope();
            }
            slots[variable] = s;
        }
        return s;
    }

    /// <summary>
    /// Keras's <c>optimizer.variables</c>: iterations (an int64 scalar), learning_rate (a float32
    /// scalar, only when the rate is a number: Keras tracks no rate variable for a schedule or a
    /// callable), then the slots in Keras's order, then any scalar state (Nadam's u_product).
    /// The slots are the optimizer's own tensors; the scalars are copies.
    /// </summary>
    public IReadOnlyList<Tensor> variables
    {
        get
        {
            var list = new List<Tensor> { torch.tensor(iterations) };
            if (rate.Constant is not null) list.Add(torch.tensor((float)constantRate));
            if (!built) return list;
            foreach (var (v, s) in KerasSlotOrder(trainableVariables)) list.Add(slots[v][s]);
            foreach (var x in ExtraState) list.Add(torch.tensor((float)x));
            return list;
        }
    }

    /// <summary>
    /// Keras's <c>optimizer.set_weights</c>: assigns values to <see cref="variables"/> in the same
    /// order. The optimizer must be built first.
    /// </summary>
    public void set_weights(IReadOnlyList<Tensor> weights)
    {
        if (!built)
            throw new InvalidOperationException("You are calling `set_weights()` on an optimizer that has not yet been built. Please call " +
                "`optimizer.build(trainable_variables)` to create the optimizer weights before calling `set_weights()`.");
        var targets = KerasSlotOrder(trainableVariables).Select(p => slots[p.variable][p.slot]).ToList();
        var extra = ExtraState;
        var expected = new List<long[]> { Array.Empty<long>() };
        if (rate.Constant is not null) expected.Add(Array.Empty<long>());
        expected.AddRange(targets.Select(t => t.shape));
        expected.AddRange(extra.Select(_ => Array.Empty<long>()));
        if (weights.Count != expected.Count)
            throw new ArgumentException($"Optimizer '{name}' has {expected.Count} variables; received {weights.Count} weights.");
        for (int i = 0; i < expected.Count; i++)
            if (!expected[i].SequenceEqual(weights[i].shape))
                throw new ArgumentException($"Optimizer variable {i} has shape {Shapes.Format(expected[i])} not compatible with provided weight shape {Shapes.Format(weights[i].shape)}.");
        using var _ = torch.no_grad();
        int k = 0;
        iterations = (long)weights[k++].to(torch.float64).item<double>();
        if (rate.Constant is not null) constantRate = weights[k++].to(torch.float64).item<double>();
        foreach (var t in targets) t.copy_(weights[k++].to(t.dtype).to(t.device));
        for (int e = 0; e < extra.Length; e++) extra[e] = weights[k++].to(torch.float64).item<double>();
        if (extra.Length > 0) ExtraState = extra;
    }

    /// <summary>
    /// A scalar rounded to the variable's precision. Keras computes an update's scalar factors (β₁ᵗ,
    /// 1 − β₂ᵗ, ...) in the variable's dtype, float32 for KerasSharp's weights; rounding each step of
    /// such a computation to float32 reproduces Keras's numbers (1 − 0.999 loses five digits in float32).
    /// </summary>
    protected static double R(Tensor variable, double x) => variable.dtype == torch.float64 ? x : (float)x;

    /// <summary>β raised to the step, in the variable's precision (Keras's ops.power on a cast β).</summary>
    protected static double Power(Tensor variable, double beta, long step) =>
        variable.dtype == torch.float64 ? Math.Pow(beta, step) : MathF.Pow((float)beta, step);

    /// <summary>Engine scalars the update rules pass on every step (learning rate, decay rates, ε), made once.</summary>
    private protected readonly Backend.ScalarCache scalars = new(16);

    /// <summary>A value as a cached engine scalar (see <see cref="Backend.ScalarCache"/>).</summary>
    protected Scalar S(double value) => scalars.Get(value);

    /// <summary>Frees the optimizer's state tensors (momentum, velocity, ...) and its cached engine scalars.</summary>
    public void Dispose()
    {
        foreach (var s in slots.Values) foreach (var t in s) t.Dispose();
        slots.Clear();
        scalars.Dispose();
        GC.SuppressFinalize(this);
    }

    // ----- build -----

    /// <summary>
    /// Keras's <c>build</c>: creates the optimizer's variables for these trainable variables. The
    /// optimizer can then update only these variables (or some of them). Called by the first
    /// update; a second call does nothing.
    /// </summary>
    public void build(IReadOnlyList<Tensor> variables)
    {
        if (built) return;
        foreach (var v in variables)
        {
            if (!known.Add(v)) continue;
            trainableVariables.Add(v);
            SlotsFor(v);
        }
        built = true;
        OnBuild();
    }

    /// <summary>Builds for a model's weights; their names serve <see cref="exclude_from_weight_decay(IEnumerable{Tensor}?, IEnumerable{string}?)"/>'s var_names.</summary>
    public void build(IEnumerable<Weight> variables)
    {
        var list = variables.ToList();
        foreach (var w in list) Remember(w);
        build(list.Select(w => w.Value).ToList());
    }

    void Remember(Weight w) { variableNames[w.Value] = w.name; variablePaths[w.Value] = w.path; }

    // ----- weight decay -----

    /// <summary>
    /// Keras's <c>exclude_from_weight_decay</c>: these variables, and those whose name contains a
    /// match of one of <paramref name="var_names"/> (a regular expression, as Keras's re.search),
    /// get no weight decay. Names are known for KerasSharp weights (see <see cref="build(IEnumerable{Weight})"/>).
    /// </summary>
    public void exclude_from_weight_decay(IEnumerable<Tensor>? var_list = null, IEnumerable<string>? var_names = null)
    {
        excludedVariables = new HashSet<Tensor>(var_list ?? Enumerable.Empty<Tensor>(), ReferenceEqualityComparer.Instance);
        var patterns = (var_names ?? Enumerable.Empty<string>()).Distinct().ToList();
        excludedNames = patterns.Count > 0 ? new Regex(string.Join("|", patterns), RegexOptions.CultureInvariant) : null;
    }

    /// <summary>exclude_from_weight_decay for KerasSharp weights.</summary>
    public void exclude_from_weight_decay(IEnumerable<Weight> var_list, IEnumerable<string>? var_names = null)
    {
        var list = var_list.ToList();
        foreach (var w in list) Remember(w);
        exclude_from_weight_decay(list.Select(w => w.Value), var_names);
    }

    bool UsesWeightDecay(Tensor v)
    {
        if (excludedVariables.Contains(v)) return false;
        if (excludedNames is not null && variableNames.TryGetValue(v, out var n) && excludedNames.IsMatch(n)) return false;
        return true;
    }

    // ----- apply -----

    /// <summary>
    /// Keras's <c>apply_gradients(grads_and_vars)</c>: pairs of (gradient, variable). A null gradient
    /// skips its variable, with Keras's warning; when no variable has a gradient this throws
    /// "No gradients provided for any variable.". Returns the new <see cref="iterations"/>.
    /// </summary>
    public long apply_gradients(IEnumerable<(Tensor? gradient, Tensor variable)> grads_and_vars)
    {
        var pairs = grads_and_vars.ToList();
        apply(pairs.Select(p => p.gradient).ToList(), pairs.Select(p => p.variable).ToList());
        return iterations;
    }

    /// <summary>apply_gradients with the pairs written out: <c>opt.apply_gradients((g1, w1), (g2, w2))</c>.</summary>
    public long apply_gradients(params (Tensor? gradient, Tensor variable)[] grads_and_vars) =>
        apply_gradients((IEnumerable<(Tensor? gradient, Tensor variable)>)grads_and_vars);

    /// <summary>apply_gradients for KerasSharp weights (their names serve exclude_from_weight_decay).</summary>
    public long apply_gradients(IEnumerable<(Tensor? gradient, Weight variable)> grads_and_vars)
    {
        var pairs = grads_and_vars.ToList();
        foreach (var p in pairs) Remember(p.variable);
        apply(pairs.Select(p => p.gradient).ToList(), pairs.Select(p => p.variable.Value).ToList());
        return iterations;
    }

    /// <summary>apply_gradients for KerasSharp weights, the pairs written out.</summary>
    public long apply_gradients(params (Tensor? gradient, Weight variable)[] grads_and_vars) =>
        apply_gradients((IEnumerable<(Tensor? gradient, Weight variable)>)grads_and_vars);

    /// <summary>
    /// TorchSharp's form: applies the gradients the variables hold in <c>.grad</c> (after
    /// <c>loss.backward()</c>). A variable without a gradient is skipped, as in Keras.
    /// </summary>
    public void apply_gradients(IReadOnlyList<Tensor> variables)
    {
        using var _ = torch.no_grad();
        ApplyGradientsNoGrad(variables as Tensor[] ?? variables.ToArray());
    }

    /// <summary>
    /// Keras's <c>apply(grads, trainable_variables)</c>: gradients one to one with the variables; without
    /// variables, those the optimizer was built with. An empty list of gradients does nothing.
    /// </summary>
    public void apply(IReadOnlyList<Tensor?> grads, IReadOnlyList<Tensor>? trainable_variables = null)
    {
        if (grads.Count == 0) return;
        if (trainable_variables is null)
        {
            if (!built)
                throw new InvalidOperationException("When passing `grads` without `variables`, the optimizer must already be built on a list of variables. " +
                    "Call `optimizer.build(trainable_variables)` first. ");
            if (grads.Count != trainableVariables.Count)
                throw new ArgumentException("When passing `grads` as a list of gradient tensors, the gradients must match `optimizer.variables` one-to-on. " +
                    $"Received a list of {grads.Count} gradients, but the optimizer is tracking {trainableVariables.Count} trainable variables.");
            trainable_variables = trainableVariables;
        }
        else if (trainable_variables.Count != grads.Count)
            throw new ArgumentException($"apply: received {grads.Count} gradients for {trainable_variables.Count} variables; they must match one to one.");
        using var _ = torch.no_grad();
        Step(grads, trainable_variables);
    }

    /// <summary>
    /// apply_gradients for callers that are already inside torch.no_grad(): reads each variable's .grad.
    /// <paramref name="fromTrainer"/>: the trainer's step, inside the step's dispose scope (which takes the
    /// update's temporaries), passing the same array of variables every step (checked once).
    /// </summary>
    internal void ApplyGradientsNoGrad(Tensor[] variables, bool fromTrainer = false)
    {
        if (variables.Length == 0) return; // Keras's trainer does not call the optimizer without trainable weights
        if (gradBuffer.Length != variables.Length) gradBuffer = new Tensor?[variables.Length];
        for (int i = 0; i < variables.Length; i++)
        {
            var g = variables[i].grad;
            gradBuffer[i] = g is not null && !g.IsInvalid ? g : null;
        }
        try { Step(gradBuffer, variables, fromTrainer); }
        finally { Array.Clear(gradBuffer); }
    }

    // The trainer's array of variables, once checked against the built set (it passes the same array every step).
    IReadOnlyList<Tensor>? checkedVars;
    readonly List<Tensor> stepGrads = new(), stepVars = new();

    void Step(IReadOnlyList<Tensor?> grads, IReadOnlyList<Tensor> vars, bool fromTrainer = false)
    {
        if (!built) build(vars);
        if (!fromTrainer || !ReferenceEquals(vars, checkedVars))
        {
            foreach (var v in vars)
                if (!known.Contains(v))
                    throw new ArgumentException($"Unknown variable: {Describe(v)}. This optimizer can only be called for the variables it was originally built with. " +
                        "When working with a new set of variables, you should recreate a new optimizer instance.");
            checkedVars = fromTrainer ? vars : null;
        }
        var g = stepGrads; var w = stepVars;
        g.Clear(); w.Clear();
        List<string>? missing = null;
        for (int i = 0; i < grads.Count; i++)
        {
            if (grads[i] is { } gi) { g.Add(gi); w.Add(vars[i]); }
            else (missing ??= new()).Add(variablePaths.TryGetValue(vars[i], out var p) ? p : Describe(vars[i]));
        }
        if (g.Count == 0) throw new ArgumentException("No gradients provided for any variable.");
        if (missing is not null && !warnedMissing)
        {
            warnedMissing = true;
            Console.Error.WriteLine($"UserWarning: Gradients do not exist for variables {PyRepr.Value(missing)} when minimizing the loss. " +
                "If using `model.compile()`, did you forget to provide a `loss` argument?");
        }
        using var scope = fromTrainer ? null : torch.NewDisposeScope();
        try
        {
            double lr = learning_rate;
            var clipped = ClipGradients(g);
            ApplyWeightDecay(w, lr);
            long step = iterations + 1;
            BeforeStep(step);
            for (int i = 0; i < w.Count; i++)
                UpdateStep(w[i], clipped[i], slots[w[i]], step, lr);
            iterations = step;
        }
        finally { g.Clear(); w.Clear(); }
    }

    static string Describe(Tensor v) => $"<Variable shape={Shapes.Format(v.shape)}, dtype={v.dtype.ToString().ToLowerInvariant()}>";

    /// <summary>Keras's _clip_gradients: clipnorm per gradient, else global_clipnorm over all, else clipvalue (each only when > 0).</summary>
    List<Tensor> ClipGradients(List<Tensor> grads)
    {
        // (The clipping paths are separate methods: a lambda capturing a local here would allocate its closure on every step.)
        if (clipnorm is double cn && cn > 0) return ClipEachNorm(grads, cn);
        if (global_clipnorm is double gc && gc > 0) return ClipGlobalNorm(grads, gc);
        if (clipvalue is double cv && cv > 0) return ClipValue(grads, cv);
        return grads;
    }

    List<Tensor> ClipEachNorm(List<Tensor> grads, double cn) => grads.Select(g =>
    {
        var l2sum = Backend.EngineScalars.Square(g).sum();
        var norm = torch.where(l2sum.gt(Backend.EngineScalars.Zero), l2sum.sqrt(), l2sum);
        return g.mul(S(cn)).div(norm.clamp_min(S(cn)));
    }).ToList();

    static List<Tensor> ClipGlobalNorm(List<Tensor> grads, double gc)
    {
        var scale = GlobalClipScale(grads, gc);
        return grads.Select(g => g.mul(scale.to(g.dtype))).ToList();
    }

    static List<Tensor> ClipValue(List<Tensor> grads, double cv) => grads.Select(g => g.clamp(-cv, cv)).ToList();

    /// <summary>clip · min(1/‖g‖, 1/clip) + (‖g‖ − ‖g‖): 1 below the clip, NaN for an infinite or NaN norm (Keras's clip_by_global_norm).</summary>
    static Tensor GlobalClipScale(IReadOnlyList<Tensor> grads, double clip)
    {
        var norm = torch.stack(grads.Select(g => Backend.EngineScalars.Square(g.to(torch.float32)).sum()).ToArray()).sum().sqrt();
        using var c = Backend.EngineScalars.Hold(clip);
        return torch.minimum(norm.reciprocal(), torch.tensor(1.0 / clip, dtype: norm.dtype, device: norm.device)).mul(c.Value).add(norm - norm, Backend.EngineScalars.One);
    }

    /// <summary>
    /// tf.clip_by_global_norm, in place: scales every gradient by clip / max(global norm, clip). The
    /// trainer uses it for TFLearn's clip_gradients; it is kept in the form the TFLearn tests were
    /// written against, which differs from Keras's clip·min(1/‖g‖, 1/clip) by at most one float32
    /// rounding (and for an infinite norm gives 0 where Keras gives NaN).
    /// </summary>
    public static void ClipByGlobalNorm(IReadOnlyList<Tensor> grads, double clip)
    {
        if (grads.Count == 0) return;
        if (grads[0].device_type == DeviceType.CPU)
        {
            // On the CPU a value read back costs no synchronisation: the norm is summed on the host,
            // and the gradients are scaled only when the norm is above the clip (most steps, once
            // training settles, it is not). Same float32 scale as the device path below. Every
            // tensor and scalar made here is freed here (no dispose scope to open).
            double sumSquares = 0;
            foreach (var g in grads) sumSquares += SumOfSquaresOnCpu(g);
            float global = (float)Math.Sqrt(sumSquares);
            if (!(global > clip) && !float.IsNaN(global)) return;
            // clip / ∞ is 0 and clip / NaN is NaN, as on the device.
            using var scaleCpu = ((float)clip / global).ToScalar();
            using (torch.no_grad()) foreach (var g in grads) g.mul_(scaleCpu);
            return;
        }
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        // On an accelerator nothing is read back: ‖(‖g₁‖, …, ‖gₙ‖)‖ is the global norm and
        // scale = clip / max(global, clip), all on the device.
        var norms = new Tensor[grads.Count];
        for (int i = 0; i < norms.Length; i++) norms[i] = grads[i].norm();
        var globalNorm = norms.Length == 1 ? norms[0] : torch.stack(norms).norm();
        using var c = Backend.EngineScalars.Hold(clip);
        var scale = torch.full_like(globalNorm, c.Value).div_(globalNorm.clamp_min(c.Value));
        foreach (var g in grads) g.mul_(scale);
    }

    // Gradients up to this many values are read in place by SumOfSquaresOnCpu; larger ones are
    // reduced by the engine (vectorised, on all intra-op threads).
    const long HostSumLimit = 1024;

    /// <summary>
    /// ‖g‖² of a CPU gradient. A small contiguous float32 one is read where it lies and summed in
    /// double. For TFLearn's OR network (gradients of 2 and 1 values) the clip took 0.5 µs this way
    /// against 2.9–3.1 µs for an engine norm and a read-back per gradient; with a 1,024-value
    /// gradient 0.85 µs (the benchmark program's `--only clip`, 2026-12-01 22:38 UTC).
    /// </summary>
    static double SumOfSquaresOnCpu(Tensor g)
    {
        if (g.dtype == ScalarType.Float32 && g.is_contiguous() && g.numel() <= HostSumLimit)
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(g.bytes);
            double sum = 0;
            foreach (float v in values) sum += (double)v * v;
            return sum;
        }
        using var norm = g.norm();
        using var read = norm.ToScalar();
        double n = read.ToSingle();
        return n * n;
    }

    void ApplyWeightDecay(List<Tensor> vars, double lr)
    {
        if (weight_decay is not double wd) return;
        foreach (var v in vars)
            if (UsesWeightDecay(v)) v.sub_(v.mul(S(wd * lr)));
    }

    // ----- config -----

    /// <summary>
    /// Keras's get_config. The learning rate is written as Keras writes it: a number as the float32
    /// value Keras holds (0.01 → 0.009999999776482582), a schedule in its serialized form, a
    /// callable as Keras serializes a function (its name; it cannot be rebuilt from the file).
    /// </summary>
    public virtual Dictionary<string, object?> get_config() => new()
    {
        ["name"] = name,
        ["learning_rate"] = rate.Schedule is { } s ? s.serialize()
            : rate.Constant is null ? new Dictionary<string, object?> { ["module"] = "builtins", ["class_name"] = "function", ["config"] = rate.FunctionName, ["registered_name"] = "function" }
            : ConfigReader.Float32(constantRate),
        ["weight_decay"] = weight_decay,
        ["clipnorm"] = clipnorm,
        ["global_clipnorm"] = global_clipnorm,
        ["clipvalue"] = clipvalue,
        ["use_ema"] = false,
        ["ema_momentum"] = EmaMomentum,
        ["ema_overwrite_frequency"] = EmaOverwriteFrequency,
        ["loss_scale_factor"] = null,
        ["gradient_accumulation_steps"] = null,
    };

    /// <summary>keras.optimizers.serialize: {module, class_name, config, registered_name}.</summary>
    public Dictionary<string, object?> serialize() => ConfigReader.Serialize("keras.optimizers", class_name, get_config());

    /// <summary>The shared arguments of a Keras optimizer config, read strictly (see <see cref="ConfigReader"/>).</summary>
    protected internal readonly record struct BaseArgs(LearningRate? learning_rate, double? weight_decay, double? clipnorm, double? clipvalue,
        double? global_clipnorm, string? name, double ema_momentum, long? ema_overwrite_frequency);

    /// <summary>
    /// Reads the arguments every optimizer shares: learning_rate (a number or a serialized schedule),
    /// weight_decay, the clip arguments, name; refuses use_ema=True, loss_scale_factor and
    /// gradient_accumulation_steps with an error naming the key and value; ignores "decay" with Keras's warning.
    /// </summary>
    protected internal static BaseArgs ReadBase(ConfigReader c)
    {
        LearningRate? lr = c.Raw("learning_rate") switch
        {
            null => null,
            double d => d,
            long l => (double)l,
            Dictionary<string, object?> d when d.GetValueOrDefault("class_name") is "function" =>
                throw new NotSupportedException($"learning_rate={PyRepr.Value(d)} is a serialized function, which cannot be rebuilt from a config. " +
                    "Pass the function again as learning_rate, or use a keras.optimizers.schedules class."),
            Dictionary<string, object?> d => SchedulesApi.Deserialize(d),
            var other => throw new ArgumentException($"'learning_rate' must be a number or a serialized LearningRateSchedule, received learning_rate={PyRepr.Value(other)}."),
        };
        c.RefuseUnless("use_ema", v => v is null or false, "KerasSharp does not keep an exponential moving average of the weights.");
        c.RefuseUnless("loss_scale_factor", v => v is null, "KerasSharp does not scale the loss.");
        c.RefuseUnless("gradient_accumulation_steps", v => v is null, "KerasSharp applies the gradients of every batch.");
        if (c.Has("decay") && c.Raw("decay") is not null)
            Console.Error.WriteLine("UserWarning: Argument `decay` is no longer supported and will be ignored.");
        else c.Raw("decay");
        return new BaseArgs(lr, c.NumberOrNull("weight_decay"), c.NumberOrNull("clipnorm"), c.NumberOrNull("clipvalue"),
            c.NumberOrNull("global_clipnorm"), c.StringOrNull("name"), c.Number("ema_momentum", 0.99), c.IntegerOrNull("ema_overwrite_frequency"));
    }

    /// <summary>Finishes a from_config: keeps the EMA settings for get_config and refuses unknown keys.</summary>
    protected internal static T Finish<T>(T optimizer, BaseArgs args, ConfigReader c) where T : Optimizer
    {
        c.Done();
        optimizer.EmaMomentum = args.ema_momentum;
        optimizer.EmaOverwriteFrequency = args.ema_overwrite_frequency;
        return optimizer;
    }

    /// <summary>Looks an optimizer up by name, with Keras's defaults.</summary>
    public static implicit operator Optimizer(string name) => OptimizersApi.Get(name);
}
