using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>The one random source of KerasSharp: initializers, shuffling and dropout all draw from it.</summary>
public static class Seeds
{
    static Random managed = new();

    /// <summary>Seeds torch's generator and KerasSharp's managed generator.</summary>
    public static void Set(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
        managed = new Random(unchecked((int)seed));
    }

    /// <summary>The managed generator (shuffling of index arrays, augmentation choices).</summary>
    public static Random Managed => managed;
}
