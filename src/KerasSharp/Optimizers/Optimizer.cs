using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// The base of Keras's optimizers: learning rate, iterations, gradient clipping (clipnorm,
/// clipvalue, global_clipnorm) and per-variable state. Subclasses implement Keras's update rule
/// in <see cref="UpdateStep"/>. Converts implicitly from a name ("adam").
/// </summary>
public abstract class Optimizer : IDisposable
{
    readonly Dictionary<Tensor, Tensor[]> slots = new(ReferenceEqualityComparer.Instance);
    Tensor?[] gradBuffer = Array.Empty<Tensor?>();

    /// <summary>The learning rate; callbacks may change it between steps.</summary>
    public double learning_rate { get; set; }
    /// <summary>Number of update steps applied so far.</summary>
    public long iterations { get; set; }
    /// <summary>Clip each gradient to this norm.</summary>
    public double? clipnorm { get; }
    /// <summary>Clip each gradient value to [−clipvalue, clipvalue].</summary>
    public double? clipvalue { get; }
    /// <summary>Clip all gradients together to this global norm.</summary>
    public double? global_clipnorm { get; }
    /// <summary>The optimizer's name ("adam").</summary>
    public string name { get; }

    /// <summary>Sets the arguments every Keras optimizer shares.</summary>
    protected Optimizer(double learning_rate, double? clipnorm, double? clipvalue, double? global_clipnorm, string name)
    {
        if (clipnorm.HasValue && global_clipnorm.HasValue)
            throw new ArgumentException("Only one of clipnorm and global_clipnorm can be set, as in Keras.");
        this.learning_rate = learning_rate; this.clipnorm = clipnorm; this.clipvalue = clipvalue; this.global_clipnorm = global_clipnorm; this.name = name;
    }

    /// <summary>The Keras class name ("Adam").</summary>
    public abstract string class_name { get; }

    /// <summary>Number of state tensors per variable (momentum, velocity, ...).</summary>
    protected abstract int SlotCount { get; }

    /// <summary>Initial value of state tensor <paramref name="slot"/> for a variable.</summary>
    protected virtual Tensor InitialSlot(int slot, Tensor variable) => torch.zeros_like(variable);

    /// <summary>Keras's update rule for one variable, with <paramref name="step"/> = iterations + 1.</summary>
    protected abstract void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, long step, double lr);

    /// <summary>Called once per step before the variables are updated (Nadam keeps a running product here).</summary>
    protected virtual void BeforeStep(long step) { }

    /// <summary>
    /// The order in which Keras 3 lists this optimizer's variables after iterations and
    /// learning_rate: by default each variable's slots in turn (what add_optimizer_variables creates,
    /// for example m₀, v₀, m₁, v₁ for Adam). Optimizers whose Keras build creates one kind at a time
    /// override it.
    /// </summary>
    public virtual IEnumerable<(Tensor variable, int slot)> KerasSlotOrder(IReadOnlyList<Tensor> variables)
    {
        foreach (var v in variables)
            for (int s = 0; s < SlotCount; s++) yield return (v, s);
    }

    /// <summary>Scalar state beyond the per-variable slots (Nadam's running momentum product), for saving.</summary>
    public virtual double[] ExtraState { get => Array.Empty<double>(); set { } }

    /// <summary>The state tensors, in variable order (for saving and for summary's optimizer params).</summary>
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

    /// <summary>Engine scalars the update rules pass on every step (learning rate, decay rates, ε), made once.</summary>
    private protected readonly Backend.ScalarCache scalars = new(16);

    /// <summary>A value as a cached engine scalar (see <see cref="Backend.ScalarCache"/>).</summary>
    private protected Scalar S(double value) => scalars.Get(value);

    /// <summary>Frees the optimizer's state tensors (momentum, velocity, ...) and its cached engine scalars.</summary>
    public void Dispose()
    {
        foreach (var s in slots.Values) foreach (var t in s) t.Dispose();
        slots.Clear();
        scalars.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Applies the gradients held by the variables (those without a gradient are skipped, as in Keras).</summary>
    public void apply_gradients(IReadOnlyList<Tensor> variables)
    {
        using var _ = torch.no_grad();
        ApplyGradientsNoGrad(variables as Tensor[] ?? variables.ToArray());
    }

    /// <summary>apply_gradients for callers that are already inside torch.no_grad() (the trainer).</summary>
    internal void ApplyGradientsNoGrad(Tensor[] variables)
    {
        if (gradBuffer.Length != variables.Length) gradBuffer = new Tensor?[variables.Length];
        var grads = gradBuffer;
        int present = 0;
        for (int i = 0; i < grads.Length; i++)
        {
            var g = variables[i].grad;
            if (g is not null && !g.IsInvalid) { grads[i] = g; present++; }
        }
        if (present == 0) return;
        if (global_clipnorm is double gc) ClipByGlobalNorm(grads.Where(g => g is not null).Select(g => g!).ToList(), gc);
        long step = iterations + 1;
        BeforeStep(step);
        for (int i = 0; i < grads.Length; i++)
        {
            if (grads[i] is not { } g) continue;
            grads[i] = null;
            var v = variables[i];
            if (clipnorm is double cn)
            {
                var norm = g.norm();
                g = g * (cn / torch.maximum(norm, torch.tensor(cn, device: g.device)));
            }
            if (clipvalue is double cv) g = g.clamp(-cv, cv);
            UpdateStep(v, g, SlotCount == 0 ? Array.Empty<Tensor>() : SlotsFor(v), step, learning_rate);
        }
        iterations = step;
    }

    /// <summary>tf.clip_by_global_norm: scales every gradient by clip / max(global norm, clip), in place.</summary>
    public static void ClipByGlobalNorm(IReadOnlyList<Tensor> grads, double clip)
    {
        using var _ = torch.no_grad();
        var norms = torch.stack(grads.Select(g => g.square().sum()).ToArray());
        var global = norms.sum().sqrt();
        var scale = clip / torch.maximum(global, torch.tensor(clip, device: global.device));
        foreach (var g in grads) g.mul_(scale);
    }

    /// <summary>Keras's get_config.</summary>
    public virtual Dictionary<string, object?> get_config() => new()
    {
        ["name"] = name,
        ["learning_rate"] = learning_rate,
        ["weight_decay"] = null,
        ["clipnorm"] = clipnorm,
        ["global_clipnorm"] = global_clipnorm,
        ["clipvalue"] = clipvalue,
        ["use_ema"] = false,
        ["ema_momentum"] = 0.99,
        ["ema_overwrite_frequency"] = null,
        ["loss_scale_factor"] = null,
        ["gradient_accumulation_steps"] = null,
    };

    /// <summary>Looks an optimizer up by name, with Keras's defaults.</summary>
    public static implicit operator Optimizer(string name) => OptimizersApi.Get(name);
}
