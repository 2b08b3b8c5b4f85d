using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// A state variable of a metric (Keras's <c>backend.Variable</c> as created by
/// <c>Metric.add_variable</c>): a tensor outside any dispose scope and outside autograd, updated in
/// place on the device. It follows the device of the values assigned to it (created on
/// <c>keras.backend</c>'s device, it moves once to the data's device on the first update from
/// another device).
/// </summary>
public sealed class MetricVariable
{
    Tensor tensor;

    internal MetricVariable(string name, long[] shape, ScalarType dtype, Tensor initial)
    {
        this.name = name;
        this.shape = shape.ToArray();
        this.dtype = dtype;
        using (torch.no_grad())
            tensor = initial.to(dtype, Backend.DeviceManager.Current).detach().clone().DetachFromDisposeScope();
    }

    /// <summary>The variable's name ("total", "true_positives").</summary>
    public string name { get; }
    /// <summary>The variable's shape.</summary>
    public long[] shape { get; }
    /// <summary>The variable's dtype.</summary>
    public ScalarType dtype { get; }
    /// <summary>The current value (the variable's own tensor: read it, do not modify it in place).</summary>
    public Tensor value => tensor;

    /// <summary>The current value as a tensor, so a variable can be used in tensor arithmetic.</summary>
    public static implicit operator Tensor(MetricVariable v) => v.value;

    // Arithmetic with the current value, so that update_state reads as in Python (self.total + x).

    /// <summary>The current value + a tensor.</summary>
    public static Tensor operator +(MetricVariable a, Tensor b) => Backend.EngineScalars.Plus(a.value, b);
    /// <summary>A tensor + the current value.</summary>
    public static Tensor operator +(Tensor a, MetricVariable b) => a + b.value;
    /// <summary>The current value + a number.</summary>
    public static Tensor operator +(MetricVariable a, double b) => a.value + b;
    /// <summary>A number + the current value.</summary>
    public static Tensor operator +(double a, MetricVariable b) => a + b.value;
    /// <summary>The current values of two variables combined by +.</summary>
    public static Tensor operator +(MetricVariable a, MetricVariable b) => Backend.EngineScalars.Plus(a.value, b.value);

    /// <summary>The current value - a tensor.</summary>
    public static Tensor operator -(MetricVariable a, Tensor b) => a.value - b;
    /// <summary>A tensor - the current value.</summary>
    public static Tensor operator -(Tensor a, MetricVariable b) => a - b.value;
    /// <summary>The current value - a number.</summary>
    public static Tensor operator -(MetricVariable a, double b) => a.value - b;
    /// <summary>A number - the current value.</summary>
    public static Tensor operator -(double a, MetricVariable b) => a - b.value;
    /// <summary>The current values of two variables combined by -.</summary>
    public static Tensor operator -(MetricVariable a, MetricVariable b) => a.value - b.value;

    /// <summary>The current value * a tensor.</summary>
    public static Tensor operator *(MetricVariable a, Tensor b) => a.value * b;
    /// <summary>A tensor * the current value.</summary>
    public static Tensor operator *(Tensor a, MetricVariable b) => a * b.value;
    /// <summary>The current value * a number.</summary>
    public static Tensor operator *(MetricVariable a, double b) => a.value * b;
    /// <summary>A number * the current value.</summary>
    public static Tensor operator *(double a, MetricVariable b) => a * b.value;
    /// <summary>The current values of two variables combined by *.</summary>
    public static Tensor operator *(MetricVariable a, MetricVariable b) => a.value * b.value;

    /// <summary>The current value / a tensor.</summary>
    public static Tensor operator /(MetricVariable a, Tensor b) => a.value / b;
    /// <summary>A tensor / the current value.</summary>
    public static Tensor operator /(Tensor a, MetricVariable b) => a / b.value;
    /// <summary>The current value / a number.</summary>
    public static Tensor operator /(MetricVariable a, double b) => a.value / b;
    /// <summary>A number / the current value.</summary>
    public static Tensor operator /(double a, MetricVariable b) => a / b.value;
    /// <summary>The current values of two variables combined by /.</summary>
    public static Tensor operator /(MetricVariable a, MetricVariable b) => a.value / b.value;

    /// <summary>Keras's <c>assign</c>: sets the value (broadcast to the variable's shape).</summary>
    public void assign(Tensor v)
    {
        using var _ = torch.no_grad();
        Follow(v);
        tensor.copy_(v.detach().to(dtype));
    }

    /// <summary>Keras's <c>assign</c> with a number.</summary>
    public void assign(double v)
    {
        using var _ = torch.no_grad();
        using var s = Backend.EngineScalars.Hold(v);
        tensor.fill_(s.Value);
    }

    /// <summary>Keras's <c>assign_add</c>: adds to the value in place.</summary>
    public void assign_add(Tensor v)
    {
        using var _ = torch.no_grad();
        Follow(v);
        tensor.add_(v.detach().to(dtype), Backend.EngineScalars.One);
    }

    /// <summary>Keras's <c>assign_add</c> with a number.</summary>
    public void assign_add(double v)
    {
        using var _ = torch.no_grad();
        using var s = Backend.EngineScalars.Hold(v);
        tensor.add_(s.Value, Backend.EngineScalars.One);
    }

    /// <summary>Keras's <c>assign_sub</c>: subtracts from the value in place.</summary>
    public void assign_sub(Tensor v)
    {
        using var _ = torch.no_grad();
        Follow(v);
        tensor.sub_(v.detach().to(dtype));
    }

    /// <summary>A CPU copy of the value (Keras's <c>Variable.numpy()</c>).</summary>
    public Tensor numpy()
    {
        using var _ = torch.no_grad();
        return tensor.detach().cpu().clone();
    }

    /// <summary>Moves the variable to the device of <paramref name="v"/> when they differ.</summary>
    void Follow(Tensor v)
    {
        if (v.device_type == tensor.device_type && v.device_index == tensor.device_index) return;
        var moved = tensor.to(v.device).DetachFromDisposeScope();
        tensor.Dispose();
        tensor = moved;
    }

    /// <inheritdoc />
    public override string ToString() => $"<MetricVariable name={name} shape={Utils.Shapes.Format(shape)}>";
}
