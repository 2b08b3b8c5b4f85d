using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>
/// The random sources of KerasSharp, all set by <c>keras.utils.set_random_seed</c>: torch's global
/// generator (dropout), a managed generator (shuffling, augmentation choices) and the stream that
/// gives unseeded initializers and samplers their seed, as Keras's <c>make_default_seed</c> does.
/// </summary>
public static class Seeds
{
    // Distinct from the managed generator so that building a model does not change the order in
    // which fit shuffles, and the other way round.
    const long SeedStreamSalt = 0x5DEECE66DL;
    static readonly object gate = new();
    static Random managed = new();
    static Random seedStream = new();

    /// <summary>Seeds torch's generator, KerasSharp's managed generator and the default-seed stream.</summary>
    public static void Set(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
        lock (gate)
        {
            managed = new Random(unchecked((int)seed));
            seedStream = new Random(unchecked((int)(seed ^ SeedStreamSalt)));
        }
    }

    /// <summary>The managed generator (shuffling of index arrays, augmentation choices).</summary>
    public static Random Managed => managed;

    /// <summary>
    /// A seed in [1, 10⁹] for an initializer or sampler created without one (Keras's
    /// <c>make_default_seed</c> draws from the same range). After <c>set_random_seed</c> the sequence
    /// of seeds, and so every unseeded initializer's values, repeats.
    /// </summary>
    public static int MakeDefaultSeed()
    {
        lock (gate) return seedStream.Next(1, 1_000_000_001);
    }
}
