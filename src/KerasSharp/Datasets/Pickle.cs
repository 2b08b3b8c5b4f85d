using System.Buffers.Binary;
using System.Text;

namespace KerasSharp.Datasets;

/// <summary>A numpy array read from a pickle: dtype descriptor, shape and raw bytes.</summary>
public sealed class PickledArray
{
    /// <summary>numpy's dtype string, for example "u1".</summary>
    public string DType = "";
    /// <summary>The shape.</summary>
    public long[] Shape = Array.Empty<long>();
    /// <summary>The raw data, C order.</summary>
    public byte[] Data = Array.Empty<byte>();
    /// <summary>The elements of an object array (dtype "O").</summary>
    public List<object?>? Objects;
}

/// <summary>
/// A small unpickler for data files (CIFAR's python batches): dicts, lists, tuples, strings,
/// bytes, numbers and numpy arrays. It creates only those types and never runs code from the
/// file: any other global or opcode is an error that names the file and offset, and so is any
/// structure it does not expect (a wrong type where a tuple or a list belongs, a missing memo).
/// </summary>
public static class Pickle
{
    sealed record Global(string Module, string Name);
    sealed class Dtype { public string Descr = ""; }
    static readonly object Mark = new();

    /// <summary>Loads a pickle from bytes.</summary>
    public static object? Load(byte[] b, string path)
    {
        int at = 0;
        try { return LoadCore(b, path, ref at); }
        catch (Exception e) when (e is InvalidCastException or NullReferenceException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or OverflowException)
        {
            throw new InvalidDataException($"'{path}' is not a pickle this reader accepts: the opcode at byte offset {at} does not fit what is on the stack ({e.Message}).", e);
        }
    }

    static object? LoadCore(byte[] b, string path, ref int opcodeAt)
    {
        var stack = new List<object?>();
        var memo = new Dictionary<long, object?>();
        int p = 0;
        Exception Bad(string what) => new InvalidDataException($"'{path}' is not a pickle this reader accepts: {what} at byte offset {p}.");
        int MarkIndex() { int i = stack.FindLastIndex(o => ReferenceEquals(o, Mark)); if (i < 0) throw Bad("no MARK on the stack"); return i; }
        List<object?> PopToMark() { int i = MarkIndex(); var items = stack.GetRange(i + 1, stack.Count - i - 1); stack.RemoveRange(i, stack.Count - i); return items; }
        object? Pop() { if (stack.Count == 0) throw Bad("stack underflow"); var o = stack[^1]; stack.RemoveAt(stack.Count - 1); return o; }
        ReadOnlySpan<byte> Take(int n) { if (p + n > b.Length) throw Bad("the file ends early"); var s = b.AsSpan(p, n); p += n; return s; }
        string Line() { int e = Array.IndexOf(b, (byte)'\n', p); if (e < 0) throw Bad("unterminated line"); var s = Encoding.ASCII.GetString(b, p, e - p); p = e + 1; return s; }

        while (true)
        {
            if (p >= b.Length) throw Bad("no STOP opcode; the file is truncated");
            int at = p;
            opcodeAt = p;
            byte op = b[p++];
            switch (op)
            {
                case 0x80: p++; break;                       // PROTO
                case 0x95: p += 8; break;                    // FRAME
                case (byte)'}': stack.Add(new Dictionary<object, object?>()); break;
                case (byte)']': stack.Add(new List<object?>()); break;
                case (byte)')': stack.Add(Array.Empty<object?>()); break;
                case (byte)'(': stack.Add(Mark); break;
                case (byte)'N': stack.Add(null); break;
                case 0x88: stack.Add(true); break;
                case 0x89: stack.Add(false); break;
                case (byte)'K': stack.Add((long)Take(1)[0]); break;
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case 0x8A: { int n = Take(1)[0]; var s = Take(n); long v = 0; for (int i = n - 1; i >= 0; i--) v = (v << 8) | s[i]; if (n > 0 && n < 8 && (s[n - 1] & 0x80) != 0) v -= 1L << (8 * n); stack.Add(v); break; }
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                case (byte)'U': { int n = Take(1)[0]; stack.Add(Take(n).ToArray()); break; }          // SHORT_BINSTRING (py2 str → bytes)
                case (byte)'T': { int n = BinaryPrimitives.ReadInt32LittleEndian(Take(4)); stack.Add(Take(n).ToArray()); break; }
                case (byte)'C': { int n = Take(1)[0]; stack.Add(Take(n).ToArray()); break; }          // SHORT_BINBYTES
                case (byte)'B': { int n = BinaryPrimitives.ReadInt32LittleEndian(Take(4)); stack.Add(Take(n).ToArray()); break; }
                case 0x8C: { int n = Take(1)[0]; stack.Add(Encoding.UTF8.GetString(Take(n))); break; } // SHORT_BINUNICODE
                case (byte)'X': { int n = BinaryPrimitives.ReadInt32LittleEndian(Take(4)); stack.Add(Encoding.UTF8.GetString(Take(n))); break; }
                case (byte)'q': memo[Take(1)[0]] = stack[^1]; break;
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = stack[^1]; break;
                case 0x94: memo[memo.Count] = stack[^1]; break;
                case (byte)'h': { long k = Take(1)[0]; stack.Add(memo.TryGetValue(k, out var v) ? v : throw Bad($"memo {k} missing")); break; }
                case (byte)'j': { long k = BinaryPrimitives.ReadUInt32LittleEndian(Take(4)); stack.Add(memo.TryGetValue(k, out var v) ? v : throw Bad($"memo {k} missing")); break; }
                case (byte)'t': stack.Add(PopToMark().ToArray()); break;
                case 0x85: { var a = Pop(); stack.Add(new[] { a }); break; }
                case 0x86: { var b2 = Pop(); var a = Pop(); stack.Add(new[] { a, b2 }); break; }
                case 0x87: { var c = Pop(); var b2 = Pop(); var a = Pop(); stack.Add(new[] { a, b2, c }); break; }
                case (byte)'a': { var v = Pop(); ((List<object?>)stack[^1]!).Add(v); break; }
                case (byte)'e': { var items = PopToMark(); ((List<object?>)stack[^1]!).AddRange(items); break; }
                case (byte)'s': { var v = Pop(); var k = Pop(); ((Dictionary<object, object?>)stack[^1]!)[Key(k)] = v; break; }
                case (byte)'u':
                {
                    var items = PopToMark();
                    var d = (Dictionary<object, object?>)stack[^1]!;
                    for (int i = 0; i + 1 < items.Count; i += 2) d[Key(items[i])] = items[i + 1];
                    break;
                }
                case (byte)'c': { var module = Line(); var name = Line(); stack.Add(CheckGlobal(module, name, Bad)); break; }
                case 0x93: { var name = (string)Pop()!; var module = (string)Pop()!; stack.Add(CheckGlobal(module, name, Bad)); break; }
                case (byte)'R':
                {
                    var args = (object?[])Pop()!;
                    var g = Pop() as Global ?? throw Bad("REDUCE on something that is not an allowed global");
                    if (g.Name == "_reconstruct") stack.Add(new PickledArray());
                    else if (g.Name == "dtype") stack.Add(new Dtype { Descr = args[0] is byte[] bs ? Encoding.ASCII.GetString(bs) : (string)args[0]! });
                    else throw Bad($"REDUCE of {g.Module}.{g.Name}");
                    break;
                }
                case (byte)'b':
                {
                    var state = Pop();
                    var target = stack[^1];
                    if (target is PickledArray arr && state is object?[] st && st.Length >= 5)
                    {
                        arr.Shape = ((object?[])st[1]!).Select(o => (long)o!).ToArray();
                        arr.DType = ((Dtype)st[2]!).Descr;
                        if (st[4] is List<object?> objects) arr.Objects = objects;
                        else arr.Data = st[4] switch { byte[] raw => raw, string s => Encoding.Latin1.GetBytes(s), _ => throw Bad("array data of an unexpected type") };
                    }
                    break; // dtype state (byte order etc.) carries nothing this reader needs
                }
                case (byte)'.': return stack.Count > 0 ? stack[^1] : null;
                default: throw Bad($"unsupported pickle opcode 0x{op:X2}");
            }
            _ = at;
        }
    }

    static object Key(object? k) => k switch { byte[] b => Encoding.Latin1.GetString(b), null => "None", _ => k };

    static object CheckGlobal(string module, string name, Func<string, Exception> bad)
    {
        bool ok = (module is "numpy.core.multiarray" or "numpy._core.multiarray" && name == "_reconstruct") ||
                  (module == "numpy" && name is "ndarray" or "dtype");
        if (!ok) throw bad($"the global {module}.{name}, which this reader refuses (it only builds numpy arrays)");
        return new Global(module, name);
    }
}
