namespace KerasSharp.Initializers;

/// <summary>Keras's <c>GlorotUniform</c> (a <see cref="VarianceScaling"/> with scale 1.0, mode "fan_avg", distribution "uniform"). The Glorot (Xavier) uniform initializer: U[−limit, limit] with limit = √(6 / (fan_in + fan_out)). The default kernel initializer of Dense and Conv2D.</summary>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
/// <param name="input_axes">The axes whose dimensions make the fan-in (with <paramref name="output_axes"/>).</param>
/// <param name="output_axes">The axes whose dimensions make the fan-out (with <paramref name="input_axes"/>).</param>
public sealed class GlorotUniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null)
    : VarianceScaling(1.0, "fan_avg", "uniform", seed, input_axes, output_axes)
{
    /// <summary>Keras's config for the preset: seed, input_axes, output_axes.</summary>
    public override Dictionary<string, object?> get_config() => PresetConfig();

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static new GlorotUniform from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var (s, i, o) = ReadPreset(config, "GlorotUniform");
        return new GlorotUniform(s, i, o);
    }
}

/// <summary>Keras's <c>GlorotNormal</c> (a <see cref="VarianceScaling"/> with scale 1.0, mode "fan_avg", distribution "truncated_normal"). The Glorot (Xavier) normal initializer: a normal truncated at two standard deviations, with standard deviation √(2 / (fan_in + fan_out)) after truncation.</summary>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
/// <param name="input_axes">The axes whose dimensions make the fan-in (with <paramref name="output_axes"/>).</param>
/// <param name="output_axes">The axes whose dimensions make the fan-out (with <paramref name="input_axes"/>).</param>
public sealed class GlorotNormal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null)
    : VarianceScaling(1.0, "fan_avg", "truncated_normal", seed, input_axes, output_axes)
{
    /// <summary>Keras's config for the preset: seed, input_axes, output_axes.</summary>
    public override Dictionary<string, object?> get_config() => PresetConfig();

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static new GlorotNormal from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var (s, i, o) = ReadPreset(config, "GlorotNormal");
        return new GlorotNormal(s, i, o);
    }
}

/// <summary>Keras's <c>HeUniform</c> (a <see cref="VarianceScaling"/> with scale 2.0, mode "fan_in", distribution "uniform"). The He uniform initializer: U[−limit, limit] with limit = √(6 / fan_in).</summary>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
/// <param name="input_axes">The axes whose dimensions make the fan-in (with <paramref name="output_axes"/>).</param>
/// <param name="output_axes">The axes whose dimensions make the fan-out (with <paramref name="input_axes"/>).</param>
public sealed class HeUniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null)
    : VarianceScaling(2.0, "fan_in", "uniform", seed, input_axes, output_axes)
{
    /// <summary>Keras's config for the preset: seed, input_axes, output_axes.</summary>
    public override Dictionary<string, object?> get_config() => PresetConfig();

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static new HeUniform from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var (s, i, o) = ReadPreset(config, "HeUniform");
        return new HeUniform(s, i, o);
    }
}

/// <summary>Keras's <c>HeNormal</c> (a <see cref="VarianceScaling"/> with scale 2.0, mode "fan_in", distribution "truncated_normal"). The He normal initializer: a normal truncated at two standard deviations, with standard deviation √(2 / fan_in) after truncation.</summary>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
/// <param name="input_axes">The axes whose dimensions make the fan-in (with <paramref name="output_axes"/>).</param>
/// <param name="output_axes">The axes whose dimensions make the fan-out (with <paramref name="input_axes"/>).</param>
public sealed class HeNormal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null)
    : VarianceScaling(2.0, "fan_in", "truncated_normal", seed, input_axes, output_axes)
{
    /// <summary>Keras's config for the preset: seed, input_axes, output_axes.</summary>
    public override Dictionary<string, object?> get_config() => PresetConfig();

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static new HeNormal from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var (s, i, o) = ReadPreset(config, "HeNormal");
        return new HeNormal(s, i, o);
    }
}

/// <summary>Keras's <c>LecunUniform</c> (a <see cref="VarianceScaling"/> with scale 1.0, mode "fan_in", distribution "uniform"). The Lecun uniform initializer: U[−limit, limit] with limit = √(3 / fan_in).</summary>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
/// <param name="input_axes">The axes whose dimensions make the fan-in (with <paramref name="output_axes"/>).</param>
/// <param name="output_axes">The axes whose dimensions make the fan-out (with <paramref name="input_axes"/>).</param>
public sealed class LecunUniform(int? seed = null, int[]? input_axes = null, int[]? output_axes = null)
    : VarianceScaling(1.0, "fan_in", "uniform", seed, input_axes, output_axes)
{
    /// <summary>Keras's config for the preset: seed, input_axes, output_axes.</summary>
    public override Dictionary<string, object?> get_config() => PresetConfig();

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static new LecunUniform from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var (s, i, o) = ReadPreset(config, "LecunUniform");
        return new LecunUniform(s, i, o);
    }
}

/// <summary>Keras's <c>LecunNormal</c> (a <see cref="VarianceScaling"/> with scale 1.0, mode "fan_in", distribution "truncated_normal"). The Lecun normal initializer: a normal truncated at two standard deviations, with standard deviation √(1 / fan_in) after truncation.</summary>
/// <param name="seed">The seed; null draws one from KerasSharp's seeded stream when created.</param>
/// <param name="input_axes">The axes whose dimensions make the fan-in (with <paramref name="output_axes"/>).</param>
/// <param name="output_axes">The axes whose dimensions make the fan-out (with <paramref name="input_axes"/>).</param>
public sealed class LecunNormal(int? seed = null, int[]? input_axes = null, int[]? output_axes = null)
    : VarianceScaling(1.0, "fan_in", "truncated_normal", seed, input_axes, output_axes)
{
    /// <summary>Keras's config for the preset: seed, input_axes, output_axes.</summary>
    public override Dictionary<string, object?> get_config() => PresetConfig();

    /// <summary>Keras's <c>from_config</c>.</summary>
    public static new LecunNormal from_config(IReadOnlyDictionary<string, object?>? config)
    {
        var (s, i, o) = ReadPreset(config, "LecunNormal");
        return new LecunNormal(s, i, o);
    }
}
