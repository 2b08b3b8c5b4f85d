using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using KerasSharp.Saving;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras Embedding: integer indices <c>[N, ...]</c> → vectors <c>[N, ..., output_dim]</c>, rows of
/// <c>embeddings</c> (<c>[input_dim, output_dim]</c>, initialized "uniform": ±0.05). Inputs may
/// arrive as floats (KerasSharp feeds float32); they are cast to integers as Keras casts them
/// (truncation). An index outside <c>[0, input_dim)</c> is an error.
/// </summary>
/// <remarks>
/// <c>mask_zero: true</c> is refused: KerasSharp's layers do not carry masks, so the layers after
/// the embedding (LSTM, GRU, pooling) would not skip the padded steps as Keras's do, and the
/// results would differ in silence.
/// </remarks>
public sealed class Embedding : Layer
{
    /// <summary>The vocabulary size (largest index + 1).</summary>
    public int input_dim { get; }
    /// <summary>The vector length.</summary>
    public int output_dim { get; }
    /// <summary>The initializer of the table.</summary>
    public Initializer embeddings_initializer { get; }
    /// <summary>The regularizer of the table.</summary>
    public Regularizer? embeddings_regularizer { get; }
    /// <summary>Always false (see the remarks).</summary>
    public bool mask_zero { get; }
    /// <summary>The table <c>[input_dim, output_dim]</c>, after build.</summary>
    public Weight? embeddings { get; private set; }

    /// <summary>
    /// Keras's signature and defaults. <paramref name="input_shape"/> (batch excluded) may hold null
    /// for sequences of any length.
    /// </summary>
    public Embedding(int input_dim, int output_dim, Initializer? embeddings_initializer = null, Regularizer? embeddings_regularizer = null,
        Regularizer? activity_regularizer = null, bool mask_zero = false, int?[]? input_shape = null, string? name = null)
        : base(name, input_shape)
    {
        if (input_dim <= 0) throw new ArgumentException($"`input_dim` must be a positive integer. Received: input_dim={input_dim} (of type int).");
        if (output_dim <= 0) throw new ArgumentException($"`output_dim` must be a positive integer. Received: output_dim={output_dim} (of type int).");
        if (mask_zero)
            throw new NotSupportedException($"Embedding \"{this.name}\": mask_zero=True is not supported by KerasSharp: its layers do not carry masks, so the layers that follow would not skip the padded steps as Keras's do.");
        this.input_dim = input_dim;
        this.output_dim = output_dim;
        this.embeddings_initializer = embeddings_initializer ?? InitializersApi.Get("uniform");
        this.embeddings_regularizer = embeddings_regularizer;
        this.activity_regularizer = activity_regularizer;
        this.mask_zero = mask_zero;
    }

    /// <inheritdoc />
    public override void build(int?[][] inputShapes) =>
        embeddings = this.AddLayerWeight("embeddings", new long[] { input_dim, output_dim }, embeddings_initializer, regularizer: embeddings_regularizer);

    /// <inheritdoc />
    public override int?[] compute_output_shape(int?[][] inputShapes) => inputShapes[0].Append(output_dim).ToArray();

    /// <inheritdoc />
    public override Tensor call(Tensor[] inputs, bool training)
    {
        var x = inputs[0];
        using var idx = x.dtype == int64 ? x.alias() : x.to(int64);
        if (idx.numel() > 0)
        {
            long lo = idx.min().item<long>(), hi = idx.max().item<long>();
            if (lo < 0 || hi >= input_dim)
                throw new ArgumentException($"Layer \"{name}\" (Embedding): index {(lo < 0 ? lo : hi)} is out of range; indices must be in [0, {input_dim}) (input_dim={input_dim}).");
        }
        using var flat = idx.reshape(-1);
        return embeddings!.Value.index_select(0, flat).reshape(idx.shape.Append(output_dim).ToArray());
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["input_dim"] = input_dim;
        c["output_dim"] = output_dim;
        c["embeddings_initializer"] = ConfigSerializer.Object(embeddings_initializer);
        c["embeddings_regularizer"] = ConfigSerializer.Object(embeddings_regularizer);
        c["activity_regularizer"] = ConfigSerializer.Object(activity_regularizer);
        c["embeddings_constraint"] = null;
        c["mask_zero"] = mask_zero;
        c["quantization_config"] = null;
        return c;
    }

    internal static Layer FromConfig(ConfigReader c)
    {
        c.LayerBase();
        c.ExpectNull("embeddings_constraint", "lora_rank", "quantization_config");
        c.Ignore("lora_alpha");
        // Keras 2 files may still carry input_length (deprecated, without effect in Keras 3).
        c.Ignore("input_length");
        return new Embedding(c.Int("input_dim"), c.Int("output_dim"), c.Initializer("embeddings_initializer", "uniform"),
            c.Regularizer("embeddings_regularizer"), c.Regularizer("activity_regularizer"), c.Bool("mask_zero", false), name: c.Name);
    }
}
