using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>Chooses the device (CPU or CUDA) that models train on. The choice is made at run time.</summary>
public static class DeviceManager
{
    static string requested = "auto";
    static torch.Device? resolved;
    static bool announced;

    /// <summary>The device name that was asked for: "auto", "cpu" or "cuda" (optionally "cuda:N").</summary>
    public static string Requested => requested;

    /// <summary>Sets the device. "auto" picks CUDA when TorchSharp reports it available, else the CPU.</summary>
    public static void Set(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        string d = device.Trim().ToLowerInvariant();
        if (d != "auto" && d != "cpu" && d != "cuda" && !d.StartsWith("cuda:", StringComparison.Ordinal))
            throw new ArgumentException($"Unknown device '{device}'. Known devices: 'auto', 'cpu', 'cuda', 'cuda:N'.", nameof(device));
        if (d.StartsWith("cuda", StringComparison.Ordinal) && !torch.cuda.is_available())
            throw new InvalidOperationException(
                $"set_device(\"{device}\"): CUDA is not available. TorchSharp found no CUDA device or no CUDA build of libtorch " +
                "(this project references TorchSharp-cpu; a GPU needs the TorchSharp-cuda-linux or TorchSharp-cuda-windows package and an NVIDIA driver). " +
                "Use \"cpu\" or \"auto\".");
        requested = d;
        resolved = null;
        announced = false;
    }

    /// <summary>The device training runs on.</summary>
    public static torch.Device Current
    {
        get
        {
            if (resolved is not null) return resolved;
            resolved = requested switch
            {
                "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
                "cpu" => torch.CPU,
                _ => torch.device(requested),
            };
            return resolved;
        }
    }

    /// <summary>Prints the device once per process, at the first training call.</summary>
    public static void AnnounceOnce()
    {
        if (announced) return;
        announced = true;
        var dev = Current;
        string why = requested == "auto" ? (dev.type == DeviceType.CUDA ? "auto: CUDA is available" : "auto: TorchSharp reports no CUDA") : "set_device";
        string what = dev.type == DeviceType.CUDA ? $"cuda:{(dev.index < 0 ? 0 : dev.index)}" : $"cpu, {torch.get_num_threads()} threads";
        Console.WriteLine($"KerasSharp: training on {what} ({why}).");
    }
}
