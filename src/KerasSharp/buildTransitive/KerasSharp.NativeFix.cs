#nullable enable
// Build-time fix that lets TorchSharp's native glue (libLibTorchSharp.so) load on systems whose
// libstdc++ is older than the one it was linked against (Debian 12: GLIBCXX up to 3.4.30, the glue
// asks for 3.4.32). The fix marks each version that the system library lacks as weak
// (VER_FLG_WEAK) in the copy in the build output, after proving that no relocation needs a symbol
// bound to that version. The dynamic loader then only warns instead of refusing to load.
//
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (buildTransitive/KerasSharp.targets)
// and by the test project (with KERASSHARP_NATIVEFIX_TESTS defined, without the MSBuild task).
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace KerasSharp.Build
{
    /// <summary>What one run of the patcher did to one file.</summary>
    public sealed class ElfPatchResult
    {
        /// <summary>The versions that were marked weak by this run.</summary>
        public List<string> Weakened { get; } = new List<string>();
        /// <summary>Missing versions that were already weak (an earlier run patched the file).</summary>
        public List<string> AlreadyWeak { get; } = new List<string>();
        /// <summary>Why nothing was done, when nothing was done.</summary>
        public string? Skipped { get; set; }
    }

    /// <summary>Reads and patches the GNU symbol-versioning sections of an ELF64 little-endian file.</summary>
    public static class ElfVersionPatcher
    {
        const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11, ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
        const ushort VerFlgWeak = 0x2;

        sealed class Section { public uint Type; public ulong Offset; public ulong Size; public uint Link; public uint Info; public ulong EntSize; }

        /// <summary>A version that a library needs from one of its dependencies.</summary>
        public sealed class VersionNeed
        {
            /// <summary>The dependency's file name, for example libstdc++.so.6.</summary>
            public string File = "";
            /// <summary>The version name, for example GLIBCXX_3.4.32.</summary>
            public string Name = "";
            /// <summary>The version index that symbols bound to it carry in .gnu.version.</summary>
            public ushort Index;
            /// <summary>vna_flags.</summary>
            public ushort Flags;
            /// <summary>File offset of the Elf64_Vernaux entry.</summary>
            public long AuxOffset;
        }

        static Exception Bad(string path, string what) =>
            new InvalidDataException($"KerasSharp native fix: '{path}' is not an ELF file this fix understands: {what}. Nothing was changed.");

        static List<Section> ReadSections(byte[] f, string path)
        {
            if (f.Length < 64 || f[0] != 0x7f || f[1] != (byte)'E' || f[2] != (byte)'L' || f[3] != (byte)'F')
                throw Bad(path, "no ELF magic number");
            if (f[4] != 2) throw Bad(path, "not a 64-bit ELF file (EI_CLASS != ELFCLASS64)");
            if (f[5] != 1) throw Bad(path, "not little-endian (EI_DATA != ELFDATA2LSB)");
            ulong shoff = BitConverter.ToUInt64(f, 0x28);
            ushort shentsize = BitConverter.ToUInt16(f, 0x3A);
            ushort shnum = BitConverter.ToUInt16(f, 0x3C);
            if (shentsize != 64) throw Bad(path, $"section header size {shentsize}, expected 64");
            if (shoff == 0 || shoff + (ulong)shnum * 64 > (ulong)f.Length) throw Bad(path, "section header table lies outside the file");
            var list = new List<Section>(shnum);
            for (int i = 0; i < shnum; i++)
            {
                int o = checked((int)shoff + i * 64);
                var s = new Section
                {
                    Type = BitConverter.ToUInt32(f, o + 4),
                    Offset = BitConverter.ToUInt64(f, o + 24),
                    Size = BitConverter.ToUInt64(f, o + 32),
                    Link = BitConverter.ToUInt32(f, o + 40),
                    Info = BitConverter.ToUInt32(f, o + 44),
                    EntSize = BitConverter.ToUInt64(f, o + 56),
                };
                if (s.Type != 8 /* SHT_NOBITS */ && s.Offset + s.Size > (ulong)f.Length) throw Bad(path, $"section {i} lies outside the file");
                list.Add(s);
            }
            return list;
        }

        static string ReadString(byte[] f, Section strtab, uint offset, string path)
        {
            if (offset >= strtab.Size) throw Bad(path, "string offset outside its string table");
            int start = checked((int)(strtab.Offset + offset));
            int end = start;
            int limit = checked((int)(strtab.Offset + strtab.Size));
            while (end < limit && f[end] != 0) end++;
            if (end == limit) throw Bad(path, "unterminated string");
            return Encoding.ASCII.GetString(f, start, end - start);
        }

        /// <summary>The versions that the file defines (.gnu.version_d), for example every GLIBCXX_3.4.x of a libstdc++.</summary>
        public static HashSet<string> ReadDefinedVersions(string path)
        {
            byte[] f = File.ReadAllBytes(path);
            var sections = ReadSections(f, path);
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in sections)
            {
                if (s.Type != ShtGnuVerdef) continue;
                var strtab = sections[(int)s.Link];
                long o = (long)s.Offset;
                for (uint n = 0; n < s.Info; n++)
                {
                    if (o + 20 > (long)(s.Offset + s.Size)) throw Bad(path, "verdef entry outside its section");
                    ushort cnt = BitConverter.ToUInt16(f, (int)o + 6);
                    uint aux = BitConverter.ToUInt32(f, (int)o + 12);
                    uint next = BitConverter.ToUInt32(f, (int)o + 16);
                    if (cnt > 0) result.Add(ReadString(f, strtab, BitConverter.ToUInt32(f, (int)(o + aux)), path));
                    if (next == 0) break;
                    o += next;
                }
            }
            return result;
        }

        /// <summary>Every (file, version) pair in the file's .gnu.version_r chain.</summary>
        public static List<VersionNeed> ReadVersionNeeds(string path) => ReadVersionNeeds(File.ReadAllBytes(path), path, out _);

        static List<VersionNeed> ReadVersionNeeds(byte[] f, string path, out List<Section> sections)
        {
            sections = ReadSections(f, path);
            var needs = new List<VersionNeed>();
            foreach (var s in sections)
            {
                if (s.Type != ShtGnuVerneed) continue;
                if (s.Link >= sections.Count) throw Bad(path, "verneed string table index out of range");
                var strtab = sections[(int)s.Link];
                long o = (long)s.Offset;
                for (uint n = 0; n < s.Info; n++)
                {
                    if (o + 16 > (long)(s.Offset + s.Size)) throw Bad(path, "verneed entry outside its section");
                    ushort version = BitConverter.ToUInt16(f, (int)o);
                    if (version != 1) throw Bad(path, $"verneed version {version}, expected 1");
                    ushort cnt = BitConverter.ToUInt16(f, (int)o + 2);
                    string file = ReadString(f, strtab, BitConverter.ToUInt32(f, (int)o + 4), path);
                    long a = o + BitConverter.ToUInt32(f, (int)o + 8);
                    for (int k = 0; k < cnt; k++)
                    {
                        if (a + 16 > (long)(s.Offset + s.Size)) throw Bad(path, "vernaux entry outside its section");
                        needs.Add(new VersionNeed
                        {
                            File = file,
                            Flags = BitConverter.ToUInt16(f, (int)a + 4),
                            Index = (ushort)(BitConverter.ToUInt16(f, (int)a + 6) & 0x7fff),
                            Name = ReadString(f, strtab, BitConverter.ToUInt32(f, (int)a + 8), path),
                            AuxOffset = a,
                        });
                        uint anext = BitConverter.ToUInt32(f, (int)a + 12);
                        if (anext == 0) break;
                        a += anext;
                    }
                    uint next = BitConverter.ToUInt32(f, (int)o + 12);
                    if (next == 0) break;
                    o += next;
                }
            }
            return needs;
        }

        /// <summary>The version indices that some relocation actually uses (through the symbol it names).</summary>
        static HashSet<ushort> RelocatedVersionIndices(byte[] f, List<Section> sections, string path)
        {
            var used = new HashSet<ushort>();
            Section? versym = null;
            foreach (var s in sections) if (s.Type == ShtGnuVersym) versym = s;
            if (versym == null) return used;
            foreach (var s in sections)
            {
                if (s.Type != ShtRela && s.Type != ShtRel) continue;
                if (s.Link >= sections.Count || sections[(int)s.Link].Type != ShtDynsym) continue;
                ulong ent = s.EntSize != 0 ? s.EntSize : (s.Type == ShtRela ? 24UL : 16UL);
                for (ulong o = s.Offset; o + ent <= s.Offset + s.Size; o += ent)
                {
                    ulong info = BitConverter.ToUInt64(f, (int)o + 8);
                    ulong sym = info >> 32;
                    if (sym == 0) continue;
                    ulong vo = versym.Offset + sym * 2;
                    if (vo + 2 > versym.Offset + versym.Size) throw Bad(path, "relocation names a symbol outside .gnu.version");
                    used.Add((ushort)(BitConverter.ToUInt16(f, (int)vo) & 0x7fff));
                }
            }
            return used;
        }

        /// <summary>
        /// Marks weak every version that <paramref name="path"/> needs from <paramref name="dependency"/>
        /// and that <paramref name="available"/> does not contain. Refuses (throws) when a relocation
        /// needs a symbol of such a version, since the library would then fail at run time instead.
        /// Idempotent: a second run finds the versions already weak and writes nothing.
        /// </summary>
        public static ElfPatchResult WeakenMissing(string path, string dependency, ISet<string> available)
        {
            byte[] f = File.ReadAllBytes(path);
            var result = new ElfPatchResult();
            var needs = ReadVersionNeeds(f, path, out var sections);
            var missing = needs.FindAll(n => n.File == dependency && !available.Contains(n.Name));
            if (missing.Count == 0) { result.Skipped = $"{dependency} provides every version it needs"; return result; }
            var relocated = RelocatedVersionIndices(f, sections, path);
            foreach (var m in missing)
            {
                if ((m.Flags & VerFlgWeak) != 0) { result.AlreadyWeak.Add(m.Name); continue; }
                if (relocated.Contains(m.Index))
                    throw new InvalidOperationException(
                        $"KerasSharp native fix: '{path}' needs {m.Name} from {dependency} for a symbol that is relocated at load time, " +
                        $"so it cannot run with this system's {dependency}. Install a newer {dependency} (GCC 13 or later). Nothing was changed.");
                ushort flags = (ushort)(m.Flags | VerFlgWeak);
                f[m.AuxOffset + 4] = (byte)(flags & 0xff);
                f[m.AuxOffset + 5] = (byte)(flags >> 8);
                result.Weakened.Add(m.Name);
            }
            if (result.Weakened.Count > 0)
            {
                // Write next to the file, then rename: a reader never sees half a library, and a
                // hard link into the NuGet cache (if the build made one) is replaced, not written through.
                string tmp = path + ".kerassharp-tmp";
                File.WriteAllBytes(tmp, f);
                File.Replace(tmp, path, null);
            }
            return result;
        }

        static readonly string[] LibraryDirectories =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        };

        /// <summary>Finds the system copy of a shared library (for example libstdc++.so.6), or null.</summary>
        public static string? FindSystemLibrary(string soname)
        {
            foreach (var d in LibraryDirectories)
            {
                string p = Path.Combine(d, soname);
                if (File.Exists(p)) return p;
            }
            return null;
        }
    }

#if !KERASSHARP_NATIVEFIX_TESTS
    /// <summary>MSBuild task: patches every libLibTorchSharp.so under the given directory.</summary>
    public sealed class KerasSharpWeakenMissingLibstdcxxVersions : Microsoft.Build.Utilities.Task
    {
        /// <summary>The output or publish directory to search.</summary>
        [Microsoft.Build.Framework.Required]
        public string Directory { get; set; } = "";

        /// <inheritdoc />
        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory)) return true;
            string? libstdcxx = ElfVersionPatcher.FindSystemLibrary("libstdc++.so.6");
            if (libstdcxx == null) return true; // no system libstdc++ to compare with: nothing to relax
            HashSet<string> available;
            try { available = ElfVersionPatcher.ReadDefinedVersions(libstdcxx); }
            catch (Exception e) { Log.LogWarning("KerasSharp native fix: cannot read {0}: {1}", libstdcxx, e.Message); return true; }
            foreach (var lib in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                try
                {
                    var r = ElfVersionPatcher.WeakenMissing(lib, "libstdc++.so.6", available);
                    if (r.Weakened.Count > 0)
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                            "KerasSharp: marked {0} weak in {1}: the system libstdc++ ({2}) lacks them and no relocation uses them, so TorchSharp can load.",
                            string.Join(", ", r.Weakened), lib, libstdcxx);
                }
                catch (Exception e) { Log.LogError(e.Message); }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
