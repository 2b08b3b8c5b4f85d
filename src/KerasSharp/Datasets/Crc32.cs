namespace KerasSharp.Datasets;

/// <summary>
/// CRC-32 (IEEE 802.3, the zip format's checksum; crc32("123456789") = 0xCBF43926). .NET's zip reader
/// does not check it, so a flipped bit in a compressed entry would otherwise load as different data.
/// Also CRC-32C (crc32c("123456789") = 0xE3069283), for KerasSharp's own files. Both detect every
/// error burst of up to 32 bits, so every flipped byte.
/// </summary>
public static class Crc32
{
    static readonly uint[] Table = MakeTable();

    static uint[] MakeTable()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }

    /// <summary>Continues a CRC over more data (start with 0).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    /// <summary>The CRC-32 of the data.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC-32C (Castagnoli, hardware-accelerated where the CPU has it; start with 0):
    /// the parse cache's checksum, fast enough for hundreds of megabytes per load.
    /// </summary>
    public static uint AppendCastagnoli(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8) c = System.Numerics.BitOperations.Crc32C(c, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++) c = System.Numerics.BitOperations.Crc32C(c, data[i]);
        return ~c;
    }
}
