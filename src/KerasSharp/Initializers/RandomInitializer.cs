namespace KerasSharp.Initializers;

/// <summary>
/// The base of Keras's random initializers (Keras's <c>RandomInitializer</c>). As in Keras 3, an
/// initializer repeats its values on every call: a given seed is used as is, and an unseeded
/// initializer draws its seed once, when it is created, from KerasSharp's seeded stream
/// (<see cref="Backend.Seeds.MakeDefaultSeed"/>), so a program that calls
/// <c>keras.utils.set_random_seed</c> repeats, and two layers created from the name
/// <c>"he_normal"</c> get different values. Keras also takes a <c>SeedGenerator</c> as seed (new
/// values each call); KerasSharp has no SeedGenerator and takes integers only.
/// </summary>
public abstract class RandomInitializer : Initializer
{
    readonly int? initSeed;

    /// <summary>Stores the seed, or draws one when <paramref name="seed"/> is null.</summary>
    protected RandomInitializer(int? seed)
    {
        initSeed = seed;
        this.seed = seed ?? Backend.Seeds.MakeDefaultSeed();
    }

    /// <summary>The seed the values are drawn with: the one given, or the one drawn at creation (Keras's <c>initializer.seed</c>).</summary>
    public int seed { get; }

    /// <summary>Keras's config: the seed as given (null when unseeded, so that a clone draws a new one).</summary>
    public override Dictionary<string, object?> get_config() => new() { ["seed"] = initSeed };
}
