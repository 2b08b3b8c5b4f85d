using System.Buffers.Binary;
using System.Numerics;

namespace KerasSharp.TensorBoard;

/// <summary>
/// TFRecord framing, as TensorBoard reads it: uint64 length (LE), masked CRC32C of those 8
/// bytes, the data, masked CRC32C of the data.
/// </summary>
public static class RecordFormat
{
    /// <summary>CRC32C (Castagnoli), hardware-accelerated where the CPU has it. crc32c("123456789") = 0xE3069283.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8) crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)));
        for (; i < data.Length; i++) crc = BitOperations.Crc32C(crc, data[i]);
        return ~crc;
    }

    /// <summary>TensorFlow's mask: ((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xA282EAD8.</summary>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);

    /// <summary>The masked CRC32C of the data.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data) => Mask(Crc32C(data));

    /// <summary>One framed record for the data.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> data)
    {
        var rec = new byte[data.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(rec, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(rec.AsSpan(8), MaskedCrc(rec.AsSpan(0, 8)));
        data.CopyTo(rec.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(rec.AsSpan(12 + data.Length), MaskedCrc(data));
        return rec;
    }
}
