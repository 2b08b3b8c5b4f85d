using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using KerasSharp;
using KerasSharp.Datasets;
using Xunit;

namespace KerasSharp.Tests;

/// <summary>Writes small files in the official formats and loads them back; checks every promised error.</summary>
public class DatasetTests
{
    static string TempDir() { var d = Path.Combine(Path.GetTempPath(), "ks-ds-" + Guid.NewGuid().ToString("N")); Directory.CreateDirectory(d); return d; }

    // ----- IDX -----

    static void WriteIdxSet(string dir, bool gzip, int n = 3, int tn = 2)
    {
        byte[] Img(int count, int seed) => Enumerable.Range(0, count * 28 * 28).Select(i => (byte)((i * 7 + seed) % 256)).ToArray();
        string ext = gzip ? ".gz" : "";
        Idx.Write(Path.Combine(dir, "train-images-idx3-ubyte" + ext), new[] { n, 28, 28 }, Img(n, 1), gzip);
        Idx.Write(Path.Combine(dir, "train-labels-idx1-ubyte" + ext), new[] { n }, Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray(), gzip);
        Idx.Write(Path.Combine(dir, "t10k-images-idx3-ubyte" + ext), new[] { tn, 28, 28 }, Img(tn, 5), gzip);
        Idx.Write(Path.Combine(dir, "t10k-labels-idx1-ubyte" + ext), new[] { tn }, Enumerable.Range(0, tn).Select(i => (byte)(9 - i)).ToArray(), gzip);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Idx_files_gzip_or_not_load_back_exactly(bool gzip)
    {
        var dir = TempDir();
        WriteIdxSet(dir, gzip);
        var ((x, y), (tx, ty)) = keras.datasets.fashion_mnist.load_data(dir);
        Assert.Equal(new long[] { 3, 28, 28 }, x.shape);
        Assert.Equal(new long[] { 3 }, y.shape);
        Assert.Equal(new long[] { 2, 28, 28 }, tx.shape);
        Assert.Equal(NumSharp.NPTypeCode.Byte, x.typecode);
        Assert.Equal((byte)((100 * 7 + 1) % 256), x.GetByte(0, 3, 16)); // flat index 3·28+16 = 100
        Assert.Equal(new byte[] { 0, 1, 2 }, y.ToArray<byte>());
        Assert.Equal(new byte[] { 9, 8 }, ty.ToArray<byte>());
    }

    [Fact]
    public void Idx_bad_magic_wrong_length_and_bad_gzip_name_the_file_and_the_fault()
    {
        var dir = TempDir();
        WriteIdxSet(dir, gzip: false);
        var labels = Path.Combine(dir, "train-labels-idx1-ubyte");
        var bytes = File.ReadAllBytes(labels);
        bytes[3] = 0x03;
        File.WriteAllBytes(labels, bytes);
        var e = Assert.Throws<InvalidDataException>(() => keras.datasets.fashion_mnist.load_data(dir));
        Assert.Equal($"'{labels}' has a bad magic number 0x00000803; an unsigned-byte IDX file of rank 1 starts with 0x00000801.", e.Message);

        WriteIdxSet(dir, gzip: false);
        var images = Path.Combine(dir, "train-images-idx3-ubyte");
        var img = File.ReadAllBytes(images);
        File.WriteAllBytes(images, img.AsSpan(0, img.Length - 100).ToArray());
        e = Assert.Throws<InvalidDataException>(() => keras.datasets.fashion_mnist.load_data(dir));
        Assert.Equal($"'{images}' has the wrong length: its header says 3×28×28 = 2352 values, but it holds 2252.", e.Message);

        WriteIdxSet(dir, gzip: false);
        File.WriteAllBytes(images + ".gz", new byte[] { 0x1F, 0x8B, 1, 2, 3 });
        e = Assert.Throws<InvalidDataException>(() => keras.datasets.fashion_mnist.load_data(dir));
        Assert.StartsWith($"'{images}.gz' is not a valid gzip file", e.Message);
    }

    [Fact]
    public void Mnist_npz_loads_back_exactly()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "mnist.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Add(string name, int[] shape, byte[] data)
            {
                string header = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}";
                header = header.PadRight(118) + "\n";
                using var s = zip.CreateEntry(name + ".npy").Open();
                s.Write(new byte[] { 0x93 }); s.Write(Encoding.ASCII.GetBytes("NUMPY")); s.Write(new byte[] { 1, 0 });
                s.Write(BitConverter.GetBytes((ushort)header.Length)); s.Write(Encoding.ASCII.GetBytes(header)); s.Write(data);
            }
            Add("x_train", new[] { 2, 28, 28 }, Enumerable.Range(0, 2 * 784).Select(i => (byte)i).ToArray());
            Add("y_train", new[] { 2 }, new byte[] { 3, 4 });
            Add("x_test", new[] { 1, 28, 28 }, new byte[784]);
            Add("y_test", new[] { 1 }, new byte[] { 7 });
        }
        var ((x, y), (tx, ty)) = keras.datasets.mnist.load_data(path);
        Assert.Equal(new long[] { 2, 28, 28 }, x.shape);
        Assert.Equal((byte)(800 % 256), x.GetByte(1, 0, 16));
        Assert.Equal(new byte[] { 3, 4 }, y.ToArray<byte>());
        Assert.Equal(new byte[] { 7 }, ty.ToArray<byte>());
    }

    // ----- CIFAR -----

    /// <summary>One CIFAR image in the official CHW byte order.</summary>
    static byte[] Chw(int image) => Enumerable.Range(0, 3072).Select(i => (byte)((i + 31 * image) % 251)).ToArray();

    static void WriteBinary(string dir, int perBatch)
    {
        Directory.CreateDirectory(dir);
        int img = 0;
        foreach (var name in new[] { "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin" })
        {
            using var f = File.Create(Path.Combine(dir, name));
            for (int i = 0; i < perBatch; i++, img++) { f.WriteByte((byte)(img % 10)); f.Write(Chw(img)); }
        }
    }

    /// <summary>A batch pickled as Python 2's cPickle (protocol 2) writes the official files.</summary>
    static byte[] PythonBatch(int first, int count)
    {
        var ms = new MemoryStream();
        void B(params byte[] b) => ms.Write(b);
        void Str(string s) { var b = Encoding.ASCII.GetBytes(s); B((byte)'U', (byte)b.Length); B(b); }
        void Global(string m, string n) { B((byte)'c'); B(Encoding.ASCII.GetBytes(m + "\n" + n + "\n")); }
        B(0x80, 2, (byte)'}', (byte)'q', 1, (byte)'(');
        Str("data");
        Global("numpy.core.multiarray", "_reconstruct");
        Global("numpy", "ndarray");
        B((byte)'K', 0, 0x85); Str("b"); B(0x87, (byte)'R');
        B((byte)'(', (byte)'K', 1);
        B((byte)'M'); B(BitConverter.GetBytes((ushort)count)); B((byte)'M'); B(BitConverter.GetBytes((ushort)3072)); B(0x86);
        Global("numpy", "dtype"); Str("u1"); B((byte)'K', 0, (byte)'K', 1, 0x87, (byte)'R');
        B((byte)'(', (byte)'K', 3); Str("|"); B((byte)'N', (byte)'N', (byte)'N', (byte)'J'); B(BitConverter.GetBytes(-1)); B((byte)'J'); B(BitConverter.GetBytes(-1)); B((byte)'K', 0, (byte)'t', (byte)'b');
        B(0x89);
        var data = Enumerable.Range(first, count).SelectMany(Chw).ToArray();
        B((byte)'T'); B(BitConverter.GetBytes(data.Length)); B(data);
        B((byte)'t', (byte)'b');
        Str("labels"); B((byte)']', (byte)'(');
        for (int i = 0; i < count; i++) B((byte)'K', (byte)((first + i) % 10));
        B((byte)'e');
        Str("batch_label"); Str("training batch 1 of 5");
        B((byte)'u', (byte)'.');
        return ms.ToArray();
    }

    static void WritePython(string dir, int perBatch)
    {
        Directory.CreateDirectory(dir);
        int img = 0;
        foreach (var name in new[] { "data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch" })
        {
            File.WriteAllBytes(Path.Combine(dir, name), PythonBatch(img, perBatch));
            img += perBatch;
        }
    }

    static void AssertCifar(((NumSharp.NDArray x, NumSharp.NDArray y), (NumSharp.NDArray tx, NumSharp.NDArray ty)) d, int perBatch)
    {
        var ((x, y), (tx, ty)) = d;
        Assert.Equal(new long[] { 5 * perBatch, 32, 32, 3 }, x.shape);
        Assert.Equal(new long[] { 5 * perBatch, 1 }, y.shape);
        Assert.Equal(new long[] { perBatch, 32, 32, 3 }, tx.shape);
        // Image 4, row 2, column 5, channel 1 (green) comes from CHW index 1·1024 + 2·32 + 5.
        Assert.Equal(Chw(4)[1024 + 69], x.GetByte(4, 2, 5, 1));
        Assert.Equal(Chw(5 * perBatch + 1)[2 * 1024 + 31 * 32 + 31], tx.GetByte(1, 31, 31, 2));
        Assert.Equal(Enumerable.Range(0, 5 * perBatch).Select(i => (byte)(i % 10)), y.ToArray<byte>());
    }

    [Fact]
    public void Cifar_binary_version_loads_back_exactly()
    {
        var dir = Path.Combine(TempDir(), "cifar-10-batches-bin");
        WriteBinary(dir, 3);
        AssertCifar(keras.datasets.cifar10.load_data(Path.GetDirectoryName(dir)), 3);
    }

    [Fact]
    public void Cifar_python_version_loads_back_exactly()
    {
        var dir = Path.Combine(TempDir(), "cifar-10-batches-py");
        WritePython(dir, 3);
        AssertCifar(keras.datasets.cifar10.load_data(dir), 3);
    }

    [Fact]
    public void Cifar_corrupt_files_give_errors_that_name_the_file()
    {
        var dir = Path.Combine(TempDir(), "cifar-10-batches-bin");
        WriteBinary(dir, 2);
        var f = Path.Combine(dir, "data_batch_3.bin");
        File.WriteAllBytes(f, File.ReadAllBytes(f).AsSpan(0, 5000).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => keras.datasets.cifar10.load_data(dir));
        Assert.Equal($"'{f}' has the wrong length for a CIFAR-10 binary batch: 5000 bytes is not a whole number of 3073-byte records.", e.Message);

        var py = Path.Combine(TempDir(), "cifar-10-batches-py");
        WritePython(py, 2);
        var p = Path.Combine(py, "data_batch_2");
        File.WriteAllBytes(p, File.ReadAllBytes(p).AsSpan(0, 3000).ToArray());
        e = Assert.Throws<InvalidDataException>(() => keras.datasets.cifar10.load_data(py));
        Assert.StartsWith($"'{p}' is not a pickle this reader accepts: the file ends early", e.Message);

        var evil = Path.Combine(py, "data_batch_1");
        File.WriteAllBytes(evil, Encoding.ASCII.GetBytes("cos\nsystem\n(S'echo hi'\ntR."));
        e = Assert.Throws<InvalidDataException>(() => keras.datasets.cifar10.load_data(py));
        Assert.Contains("the global os.system, which this reader refuses", e.Message);
    }

    [Fact]
    public void Parse_cache_serves_the_second_load_and_never_hides_a_changed_file()
    {
        var dir = Path.Combine(TempDir(), "cifar-10-batches-bin");
        WriteBinary(dir, 2);
        AssertCifar(keras.datasets.cifar10.load_data(dir), 2);
        AssertCifar(keras.datasets.cifar10.load_data(dir), 2); // from the cache
        var f = Path.Combine(dir, "test_batch.bin");
        File.WriteAllBytes(f, File.ReadAllBytes(f).AsSpan(0, 100).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => keras.datasets.cifar10.load_data(dir));
        Assert.StartsWith($"'{f}' has the wrong length for a CIFAR-10 binary batch", e.Message);
    }

    // ----- download and extraction -----

    sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> f) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage r, CancellationToken c) => Task.FromResult(f(r));
    }

    sealed class BreakingStream(int after) : Stream
    {
        int sent;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (sent >= after) throw new IOException("connection reset by peer");
            int n = Math.Min(count, after - sent); Array.Fill(buffer, (byte)7, offset, n); sent += n; return n;
        }
        public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException(); public override long Position { get => sent; set => throw new NotSupportedException(); }
        public override void Flush() { } public override long Seek(long o, SeekOrigin s) => throw new NotSupportedException();
        public override void SetLength(long v) => throw new NotSupportedException(); public override void Write(byte[] b, int o, int c) => throw new NotSupportedException();
    }

    static T WithCache<T>(Func<HttpRequestMessage, HttpResponseMessage> server, Func<string, T> body)
    {
        var home = TempDir();
        var old = Environment.GetEnvironmentVariable("KERAS_HOME");
        Environment.SetEnvironmentVariable("KERAS_HOME", home);
        DataCache.HandlerFactory = () => new Handler(server);
        try { return body(home); }
        finally { Environment.SetEnvironmentVariable("KERAS_HOME", old); DataCache.HandlerFactory = null; }
    }

    [Fact]
    public void Download_that_breaks_off_leaves_no_cache_and_says_where_to_put_the_files()
    {
        WithCache(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(100_000)) { Headers = { ContentLength = 170_000_000 } } }, home =>
        {
            var e = Assert.Throws<IOException>(() => keras.datasets.cifar10.load_data());
            Assert.Contains("connection reset by peer", e.Message);
            Assert.Contains(Path.Combine(home, "datasets", "cifar-10-batches-py"), e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(home, "datasets")));
            return 0;
        });
    }

    [Fact]
    public void Download_with_a_wrong_checksum_is_refused_and_not_cached()
    {
        WithCache(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[1000]) }, home =>
        {
            var e = Assert.Throws<IOException>(() => keras.datasets.cifar10.load_data());
            Assert.Contains("checksum mismatch for https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz: SHA-256 541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53, expected 6d958be0", e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(home, "datasets")));
            return 0;
        });
    }

    [Fact]
    public void Offline_gives_a_clear_error()
    {
        WithCache(_ => throw new HttpRequestException("Name or service not known"), home =>
        {
            var e = Assert.Throws<IOException>(() => keras.datasets.mnist.load_data());
            Assert.Equal($"Could not get mnist.npz: Name or service not known. Put mnist.npz in '{Path.Combine(home, "datasets")}', or the four IDX files in '{Path.Combine(home, "datasets", "mnist")}', or pass load_data(path: ...).", e.Message);
            return 0;
        });
    }

    static string TarGz(Action<TarWriter> fill)
    {
        var path = Path.Combine(TempDir(), "a.tar.gz");
        using (var f = File.Create(path))
        using (var gz = new GZipStream(f, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz)) fill(tar);
        return path;
    }

    [Fact]
    public void Extraction_refuses_entries_outside_the_folder_and_links()
    {
        var outside = TarGz(t => t.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../evil.txt") { DataStream = new MemoryStream(new byte[] { 1 }) }));
        var dest = Path.Combine(TempDir(), "x");
        var e = Assert.Throws<InvalidDataException>(() => DataCache.ExtractTarGz(outside, dest));
        Assert.Contains("contains the entry '../evil.txt', which would land outside the cache folder", e.Message);
        Assert.False(Directory.Exists(dest));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(dest)!));

        var link = TarGz(t => t.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "cifar-10-batches-py/data_batch_1") { LinkName = "/etc/passwd" }));
        e = Assert.Throws<InvalidDataException>(() => DataCache.ExtractTarGz(link, dest));
        Assert.Contains("contains a link ('cifar-10-batches-py/data_batch_1' → '/etc/passwd')", e.Message);
        Assert.False(Directory.Exists(dest));
    }

    [Fact]
    public void Safe_archive_extracts_and_loads()
    {
        var archive = TarGz(t =>
        {
            int img = 0;
            foreach (var name in new[] { "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin" })
            {
                var ms = new MemoryStream();
                for (int i = 0; i < 2; i++, img++) { ms.WriteByte((byte)(img % 10)); ms.Write(Chw(img)); }
                ms.Position = 0;
                t.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "cifar-10-batches-bin/" + name) { DataStream = ms });
            }
        });
        var dest = Path.Combine(TempDir(), "cifar");
        DataCache.ExtractTarGz(archive, dest);
        AssertCifar(keras.datasets.cifar10.load_data(dest), 2);
    }

    // ----- real data -----

    [Fact]
    public void Real_fashion_mnist_from_debian_has_keras_shapes()
    {
        var ((x, y), (tx, ty)) = keras.datasets.fashion_mnist.load_data();
        Assert.Equal(new long[] { 60000, 28, 28 }, x.shape);
        Assert.Equal(new long[] { 60000 }, y.shape);
        Assert.Equal(new long[] { 10000, 28, 28 }, tx.shape);
        Assert.Equal(new long[] { 10000 }, ty.shape);
        Assert.Equal(9, y.GetByte(0)); // the first training image is an ankle boot
        Assert.Equal(Enumerable.Repeat(6000, 10), y.ToArray<byte>().GroupBy(v => v).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Small_convnet_on_real_fashion_mnist_reaches_80_percent_after_one_epoch_on_10000_images()
    {
        keras.utils.set_random_seed(1);
        var ((x, y), (tx, ty)) = keras.datasets.fashion_mnist.load_data();
        var xs = KerasSharp.Utils.Arrays.ToTensor(x)[..10000].to(TorchSharp.torch.float32).div(255).view(-1, 28, 28, 1);
        var ys = KerasSharp.Utils.Arrays.ToTensor(y)[..10000];
        var txs = KerasSharp.Utils.Arrays.ToTensor(tx).to(TorchSharp.torch.float32).div(255).view(-1, 28, 28, 1);
        var model = keras.Sequential(keras.Input(shape: new[] { 28, 28, 1 }),
            keras.layers.Conv2D(32, 3, activation: "relu"), keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation: "relu"), keras.layers.MaxPooling2D(),
            keras.layers.Flatten(), keras.layers.Dense(128, activation: "relu"), keras.layers.Dense(10, activation: "softmax"));
        model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: new[] { "accuracy" });
        model.fit(xs, ys, batch_size: 32, epochs: 1, verbose: 0);
        var r = model.evaluate(txs, KerasSharp.Utils.Arrays.ToTensor(ty), batch_size: 500, verbose: 0);
        Assert.True(r["accuracy"] >= 0.80, $"test accuracy {r["accuracy"]:0.0000}");
    }
}
