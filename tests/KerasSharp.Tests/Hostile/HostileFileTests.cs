using System.IO.Compression;
using System.Text;
using KerasSharp.Datasets;
using KerasSharp.TensorBoard;
using KerasSharp.TFLearn;
using Xunit;

namespace KerasSharp.Tests.Hostile;

/// <summary>
/// Issue 15, in process (managed readers, nothing that can take the process down): bounded and
/// checked dataset files, the parse cache's checksum, damaged event files.
/// </summary>
public class HostileFileTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-hostile-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }

    static byte[] Gzip(byte[] header, long zeros)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(header);
            var chunk = new byte[1 << 20];
            for (long left = zeros; left > 0; left -= chunk.Length) gz.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
        return ms.ToArray();
    }

    static byte[] IdxHeader(params int[] dims)
    {
        var h = new byte[4 + 4 * dims.Length];
        h[2] = 0x08; h[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(4 + 4 * i), dims[i]);
        return h;
    }

    [Fact]
    public void Gzip_idx_that_expands_far_beyond_its_header_is_refused_without_allocating_it()
    {
        var dir = TempDir();
        // A header for 10 labels, then 256 MiB of zeros: a 255 KB file.
        var bomb = Path.Combine(dir, "train-labels-idx1-ubyte.gz");
        File.WriteAllBytes(bomb, Gzip(IdxHeader(10), 256L << 20));
        long compressed = new FileInfo(bomb).Length;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(bomb, 1));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        string start = $"'{bomb}' has the wrong length: its header says 10 = 10 values, but it holds more than ";
        Assert.Equal(start, e.Message[..Math.Min(start.Length, e.Message.Length)]);
        Assert.EndsWith("(the data goes on past the limits; refused).", e.Message);
        Assert.True(compressed < 300_000, $"{compressed} compressed bytes");
        Assert.True(allocated < 1_000_000, $"{allocated} bytes allocated reading a gzip IDX that expands to 256 MiB");

        // A header that asks for more than the limit is refused before anything is decompressed.
        var big = Path.Combine(dir, "train-images-idx3-ubyte.gz");
        File.WriteAllBytes(big, Gzip(IdxHeader(100_000, 100, 100), 0));
        e = Assert.Throws<InvalidDataException>(() => Idx.Read(big, 3));
        Assert.Equal($"'{big}' (its header says 100000×100×100) declares 1000000000 bytes, more than the limit of 536870912 bytes for one array; refused before reading. " +
            "If the file is trusted, raise keras.datasets.limits.max_array_bytes.", e.Message);

        // A header that declares far more than its gzip data could hold.
        var ratio = Path.Combine(dir, "t10k-images-idx3-ubyte.gz");
        File.WriteAllBytes(ratio, Gzip(IdxHeader(10_000, 28, 28), 0));
        long n = new FileInfo(ratio).Length;
        e = Assert.Throws<InvalidDataException>(() => Idx.Read(ratio, 3));
        Assert.Equal($"'{ratio}' (its header says 10000×28×28) declares 7840000 bytes from {n} compressed bytes, an expansion of {7840000.0 / n:0} times, more than the limit of 200 times; " +
            "refused before decompressing (a compression bomb?). If the file is trusted, raise keras.datasets.limits.max_compression_ratio.", e.Message);

        // The limits are settable, per call or for every loader (keras.datasets.limits).
        var plain = Path.Combine(dir, "plain-idx1-ubyte");
        Idx.Write(plain, new[] { 3000 }, new byte[3000], gzip: false);
        e = Assert.Throws<InvalidDataException>(() => Idx.Read(plain, 1, new DatasetLimits { max_array_bytes = 1000 }));
        Assert.StartsWith($"'{plain}' (its header says 3000) declares 3000 bytes, more than the limit of 1000 bytes for one array", e.Message);
        Assert.Equal(3000, Idx.Read(plain, 1).data.Length);
        Assert.Same(DatasetLimits.Default, keras.datasets.limits);
        var a = Assert.Throws<ArgumentException>(() => new DatasetLimits { max_array_bytes = 0 });
        Assert.StartsWith("max_array_bytes must be a positive number of bytes, received 0.", a.Message);
        a = Assert.Throws<ArgumentException>(() => new DatasetLimits { max_compression_ratio = 0.5 });
        Assert.StartsWith("max_compression_ratio must be a number ≥ 1, received 0.5.", a.Message);
    }

    [Fact]
    public void Every_flipped_byte_of_the_parse_cache_is_detected_and_never_served()
    {
        var src = TempDir();
        var source = Path.Combine(src, "data.bin");
        File.WriteAllBytes(source, new byte[] { 1, 2, 3 });
        var arrays = new[] { Enumerable.Range(0, 100).Select(i => (byte)i).ToArray(), new byte[] { 9, 8, 7 } };
        ParseCache.Write(src, new[] { source }, arrays);
        string cache = ParseCache.PathFor(src);
        var good = File.ReadAllBytes(cache);
        Assert.Equal(arrays, ParseCache.TryRead(src, new[] { source }));
        int deleted = 0, stale = 0;
        for (int i = 0; i < good.Length; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= 0x5A;
            File.WriteAllBytes(cache, bad);
            Assert.Null(ParseCache.TryRead(src, new[] { source })); // never wrong data
            if (File.Exists(cache)) stale++; else deleted++;
        }
        // Flips in the magic number or the list of source files make the cache stale (it is rebuilt on
        // the next load); every other flip fails a CRC-32C or a length check, and the cache is deleted.
        Assert.Equal(good.Length, deleted + stale);
        int stampLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(good.AsSpan(6));
        Assert.Equal(6 + stampLength, stale);
        ParseCache.Write(src, new[] { source }, arrays);
        Assert.Equal(good, File.ReadAllBytes(cache));
    }

    [Fact]
    public void A_damaged_parse_cache_is_rebuilt_from_the_files()
    {
        var dir = Path.Combine(TempDir(), "cifar-10-batches-bin");
        Directory.CreateDirectory(dir);
        for (int b = 0; b < 6; b++)
        {
            var f = new byte[2 * 3073];
            for (int i = 0; i < f.Length; i++) f[i] = i % 3073 == 0 ? (byte)(i / 3073 + b) : (byte)(i * 13 + b);
            File.WriteAllBytes(Path.Combine(dir, b < 5 ? $"data_batch_{b + 1}.bin" : "test_batch.bin"), f);
        }
        var first = keras.datasets.cifar10.load_data(dir);
        string cache = ParseCache.PathFor(dir);
        var good = File.ReadAllBytes(cache);
        var bad = (byte[])good.Clone();
        bad[good.Length / 2] ^= 1; // inside the training images
        File.WriteAllBytes(cache, bad);
        var again = keras.datasets.cifar10.load_data(dir);
        Assert.Equal(first.Item1.Item1.ToArray<byte>(), again.Item1.Item1.ToArray<byte>());
        Assert.Equal(first.Item2.Item2.ToArray<byte>(), again.Item2.Item2.ToArray<byte>());
        Assert.Equal(good, File.ReadAllBytes(cache)); // rebuilt, byte for byte
    }

    static void AddNpy(ZipArchive zip, string name, int[] shape, byte[] data)
    {
        string header = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}";
        header = header.PadRight(118) + "\n";
        using var s = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
        s.Write(new byte[] { 0x93 }); s.Write(Encoding.ASCII.GetBytes("NUMPY")); s.Write(new byte[] { 1, 0 });
        s.Write(BitConverter.GetBytes((ushort)header.Length)); s.Write(Encoding.ASCII.GetBytes(header)); s.Write(data);
    }

    static string WriteNpz(string dir, Func<byte[], byte[]>? damage = null)
    {
        var path = Path.Combine(dir, "mnist.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            AddNpy(zip, "x_train", new[] { 2, 28, 28 }, Enumerable.Range(0, 2 * 784).Select(i => (byte)(i % 251)).ToArray());
            AddNpy(zip, "y_train", new[] { 2 }, new byte[] { 3, 4 });
            AddNpy(zip, "x_test", new[] { 1, 28, 28 }, new byte[784]);
            AddNpy(zip, "y_test", new[] { 1 }, new byte[] { 7 });
        }
        if (damage is not null) File.WriteAllBytes(path, damage(File.ReadAllBytes(path)));
        return path;
    }

    [Fact]
    public void Corrupt_npz_files_name_the_file_the_entry_and_the_fault()
    {
        var dir = TempDir();
        // A flipped byte in the images (stored uncompressed): the zip's CRC-32 catches it.
        var path = WriteNpz(dir, b => { int at = b.AsSpan().IndexOf(Encoding.ASCII.GetBytes("}")) + 200; b[at] ^= 0x10; return b; });
        var e = Assert.Throws<InvalidDataException>(() => keras.datasets.mnist.load_data(path));
        Assert.Matches($"^'{System.Text.RegularExpressions.Regex.Escape(path)}:x_train.npy' is damaged: its CRC-32 is 0x[0-9A-F]{{8}}, the zip entry records 0x[0-9A-F]{{8}}\\.$", e.Message);

        // A header whose length runs past the entry.
        path = WriteNpz(TempDir(), b => { int at = b.AsSpan().IndexOf(new byte[] { 0x93, (byte)'N', (byte)'U' }); b[at + 8] = 0xFF; b[at + 9] = 0x7F; return Fix(b); });
        e = Assert.Throws<InvalidDataException>(() => keras.datasets.mnist.load_data(path));
        Assert.Equal($"'{path}:x_train.npy' is corrupt at byte offset 8: its header length 32767 runs past the end of the array's 1697 bytes.", e.Message);

        // An entry that says it holds more than the limits allow is refused before it is read.
        path = WriteNpz(TempDir());
        e = Assert.Throws<InvalidDataException>(() => Npz.Read(path, new DatasetLimits { max_array_bytes = 1000 }));
        Assert.StartsWith($"'{path}:x_train.npy' declares 1697 bytes, more than the limit of 1000 bytes for one array; refused before reading.", e.Message);

        // Not a zip at all.
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("not a zip file"));
        e = Assert.Throws<InvalidDataException>(() => keras.datasets.mnist.load_data(path));
        Assert.StartsWith($"'{path}' is not a valid .npz (zip) file: ", e.Message);
    }

    /// <summary>Recomputes the CRC-32 of every stored (uncompressed) entry of a zip after an edit, so that only the edited content is wrong.</summary>
    static byte[] Fix(byte[] zip)
    {
        for (int at = 0; (at = zip.AsSpan(at).IndexOf(new byte[] { 0x50, 0x4B, 0x03, 0x04 }) is var i && i >= 0 ? at + i : -1) >= 0; at += 4)
        {
            int size = BitConverter.ToInt32(zip, at + 18), nameLen = BitConverter.ToUInt16(zip, at + 26), extraLen = BitConverter.ToUInt16(zip, at + 28);
            uint crc = Crc32.Compute(zip.AsSpan(at + 30 + nameLen + extraLen, size));
            BitConverter.GetBytes(crc).CopyTo(zip, at + 14);
            string name = Encoding.ASCII.GetString(zip, at + 30, nameLen);
            // The central directory's copy of the CRC.
            for (int c = 0; (c = zip.AsSpan(c).IndexOf(new byte[] { 0x50, 0x4B, 0x01, 0x02 }) is var j && j >= 0 ? c + j : -1) >= 0; c += 4)
                if (Encoding.ASCII.GetString(zip, c + 46, BitConverter.ToUInt16(zip, c + 28)) == name) BitConverter.GetBytes(crc).CopyTo(zip, c + 16);
        }
        return zip;
    }

    [Fact]
    public void Pickles_of_the_wrong_structure_name_the_file_and_the_offset()
    {
        // SETITEM on a list, not a dict.
        var e = Assert.Throws<InvalidDataException>(() => Pickle.Load(new byte[] { (byte)']', (byte)'K', 1, (byte)'K', 2, (byte)'s', (byte)'.' }, "bad.pkl"));
        const string start = "'bad.pkl' is not a pickle this reader accepts: the opcode at byte offset 5 does not fit what is on the stack (";
        Assert.Equal(start, e.Message[..Math.Min(start.Length, e.Message.Length)]);

        // A CIFAR batch whose 'data' is a number.
        var dir = Path.Combine(TempDir(), "cifar-10-batches-py");
        Directory.CreateDirectory(dir);
        var f = Path.Combine(dir, "data_batch_1");
        File.WriteAllBytes(f, new byte[] { (byte)'}', 0x8C, 4, (byte)'d', (byte)'a', (byte)'t', (byte)'a', (byte)'K', 5, (byte)'s', (byte)'.' });
        var c = Assert.Throws<InvalidDataException>(() => Cifar.ReadPythonBatch(f));
        Assert.Equal($"'{f}' is not a CIFAR-10 python batch: no 'data' array.", c.Message);

        // A batch file larger than the limit is refused before it is read.
        File.WriteAllBytes(f, new byte[5000]);
        c = Assert.Throws<InvalidDataException>(() => Cifar.ReadBinaryBatch(f, new DatasetLimits { max_array_bytes = 4096 }));
        Assert.StartsWith($"'{f}' declares 5000 bytes, more than the limit of 4096 bytes for one array; refused before reading.", c.Message);
    }

    // ----- event files -----

    [Fact]
    public void Three_hundred_random_byte_flips_in_an_event_file_are_each_reported_or_read_identically()
    {
        var dir = TempDir();
        string path;
        using (var w = new SummaryWriter(dir))
        {
            path = w.FilePath;
            for (int i = 0; i < 20; i++) w.add_scalar("loss", 1.0 / (i + 1), i);
            w.add_text("notes", "a run", 0);
            using (var h = TorchSharp.torch.arange(50, dtype: TorchSharp.torch.float32)) w.add_histogram("weights", h, 3);
        }
        var good = File.ReadAllBytes(path);
        var original = TensorBoardLog.ReadRecords(path).ToList();
        var starts = original.Select(r => r.offset).ToList();
        var flipped = Path.Combine(dir, "flipped.tfevents");
        var rng = new Random(15);
        int rejected = 0, identical = 0;
        for (int k = 0; k < 300; k++)
        {
            int at = rng.Next(good.Length);
            var bad = (byte[])good.Clone();
            bad[at] ^= (byte)rng.Next(1, 256);
            File.WriteAllBytes(flipped, bad);
            try
            {
                var read = TensorBoardLog.ReadRecords(flipped).ToList();
                Assert.Equal(original.Select(r => r.e), read.Select(r => r.e));
                identical++;
            }
            catch (InvalidDataException e)
            {
                // The error names the file and the start of the record that holds the flipped byte.
                long record = starts.Last(s => s <= at);
                Assert.StartsWith($"TensorBoard event file '{flipped}' is corrupt at byte offset {record}: the ", e.Message);
                rejected++;
            }
        }
        Assert.Equal(300, rejected + identical);
        Assert.Equal(300, rejected); // CRC-32C catches every single-byte change
    }

    [Fact]
    public void A_damaged_old_event_file_under_the_log_root_does_not_affect_the_next_fit()
    {
        var root = TempDir();
        var junk = new byte[300];
        new Random(4).NextBytes(junk);
        Directory.CreateDirectory(Path.Combine(root, "old"));
        File.WriteAllBytes(Path.Combine(root, "old", "events.out.tfevents.1700000000.host.1.000001"), junk);
        File.WriteAllBytes(Path.Combine(root, "events.out.tfevents.1700000000.host.1.000002"), junk);

        var m = keras.Sequential(keras.Input(shape: new[] { 2 }), keras.layers.Dense(1));
        m.compile(optimizer: "sgd", loss: "mse");
        var x = new float[,] { { 0, 1 }, { 1, 0 } };
        var y = new float[,] { { 1 }, { 0 } };
        // In the damaged file's folder, and in a new folder beside it.
        m.fit(x, y, epochs: 2, verbose: 0, callbacks: new[] { new KerasSharp.Callbacks.TensorBoard(Path.Combine(root, "old")) });
        m.fit(x, y, epochs: 2, verbose: 0, callbacks: new[] { new KerasSharp.Callbacks.TensorBoard(Path.Combine(root, "new")) });
        var run = TensorBoardLog.Read(Path.Combine(root, "new"));
        Assert.Equal(new long[] { 0, 1 }, run.Runs["train"].Scalars["epoch_loss"].Select(p => p.Step));

        var net = tflearn.regression(tflearn.fully_connected(tflearn.input_data(shape: [null, 2]), 1), optimizer: "sgd", loss: "mean_square", metric: null);
        var dnn = tflearn.DNN(net, tensorboard_dir: root);
        dnn.fit(x, y, n_epoch: 2, run_id: "next");
        Assert.Equal(Path.Combine(root, "next"), dnn.LastSummaries!.RunDirectory);
        Assert.NotEmpty(TensorBoardLog.Read(dnn.LastSummaries.RunDirectory!).Runs.Values.Single().Scalars);

        // Reading the whole root still names the damaged file.
        var e = Assert.Throws<InvalidDataException>(() => TensorBoardLog.Read(root));
        Assert.Contains("events.out.tfevents.1700000000.host.1.00000", e.Message);
    }
}
