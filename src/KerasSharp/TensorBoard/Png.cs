using System.Buffers.Binary;
using System.IO.Compression;

namespace KerasSharp.TensorBoard;

/// <summary>A minimal PNG encoder (8-bit gray, RGB or RGBA; filter 0; zlib from the BCL) for image summaries.</summary>
public static class Png
{
    static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    static uint Crc(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        uint c = 0xFFFFFFFFu;
        foreach (var x in a) c = CrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
        foreach (var x in b) c = CrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    /// <summary>Encodes height × width × channels bytes (channels 1, 3 or 4) as PNG.</summary>
    public static byte[] Encode(byte[] pixels, int height, int width, int channels)
    {
        if (channels is not (1 or 3 or 4)) throw new ArgumentException($"PNG: channels must be 1, 3 or 4, received {channels}.");
        if (pixels.Length != height * width * channels) throw new ArgumentException($"PNG: expected {height * width * channels} bytes for {height}×{width}×{channels}, received {pixels.Length}.");
        using var ms = new MemoryStream();
        ms.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = channels switch { 1 => 0, 3 => 2, _ => 6 };
        Chunk(ms, "IHDR", ihdr);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
                for (int y = 0; y < height; y++) { z.WriteByte(0); z.Write(pixels, y * width * channels, width * channels); }
            Chunk(ms, "IDAT", raw.ToArray());
        }
        Chunk(ms, "IEND", Array.Empty<byte>());
        return ms.ToArray();
    }

    static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, head.Slice(4));
        s.Write(head);
        s.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(head.Slice(4), data));
        s.Write(crc);
    }
}
