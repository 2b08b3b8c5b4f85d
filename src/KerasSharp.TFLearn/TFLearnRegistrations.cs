using KerasSharp.Saving;

namespace KerasSharp.TFLearn;

/// <summary>Registers the facade's own classes with KerasSharp's loader (Keras's custom_objects).</summary>
public static class TFLearnRegistrations
{
    static bool done;
    static readonly object gate = new();

    /// <summary>Registers LocalResponseNormalization, Highway, SingleUnit and UniformScaling once.</summary>
    public static void Ensure()
    {
        lock (gate)
        {
            if (done) return;
            done = true;
        }
        Deserializer.RegisterLayer("LocalResponseNormalization", c => new LocalResponseNormalization(
            Deserializer.Int(c, "depth_radius", 5), Deserializer.Num(c, "bias", 1.0), Deserializer.Num(c, "alpha", 1e-4), Deserializer.Num(c, "beta", 0.75), Deserializer.Str(c, "name")));
        Deserializer.RegisterInitializer("UniformScaling", UniformScaling.from_config);
        Deserializer.RegisterLayer("Highway", Highway.FromConfig);
        Deserializer.RegisterLayer("SingleUnit", SingleUnit.FromConfig);
    }
}
