using System.ComponentModel;
using System.Runtime.InteropServices;

namespace KerasSharp.TensorBoard;

/// <summary>
/// Run folders claimed atomically. .NET's <see cref="Directory.CreateDirectory(string)"/> succeeds
/// when the folder exists already, so "check, then create" lets two processes that start together
/// both take one folder and mix their runs. Here a folder is made by the operating system's own
/// create-if-absent (<c>mkdir(2)</c>, <c>CreateDirectoryW</c>), which fails for every caller but one.
/// </summary>
public static class RunDirectories
{
    const int EEXIST = 17;                  // Linux and macOS
    const int ERROR_ALREADY_EXISTS = 183;   // Windows

    [DllImport("libc", EntryPoint = "mkdir", CharSet = CharSet.Ansi, SetLastError = true)] // Ansi is UTF-8 on Unix
    static extern int UnixMkdir(string path, uint mode);

    [DllImport("kernel32.dll", EntryPoint = "CreateDirectoryW", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    static extern bool WindowsCreateDirectory(string path, IntPtr securityAttributes);

    /// <summary>
    /// Creates <paramref name="path"/> if and only if it does not exist (its parent is created as
    /// needed); true when this call created it, false when it existed already (a folder or a file).
    /// Other failures (permissions, a full disk) throw an <see cref="IOException"/> naming the path.
    /// </summary>
    public static bool TryCreateNew(string path)
    {
        string full = Path.GetFullPath(path.TrimEnd('/', '\\'));
        string? parent = Path.GetDirectoryName(full);
        if (parent is not null) Directory.CreateDirectory(parent);
        int error;
        if (OperatingSystem.IsWindows())
        {
            if (WindowsCreateDirectory(full, IntPtr.Zero)) return true;
            error = Marshal.GetLastPInvokeError();
            if (error == ERROR_ALREADY_EXISTS) return false;
        }
        else
        {
            if (UnixMkdir(full, Convert.ToUInt32("777", 8)) == 0) return true; // the umask applies, as for any new folder
            error = Marshal.GetLastPInvokeError();
            if (error == EEXIST) return false;
        }
        throw new IOException($"Could not create the folder '{full}': {new Win32Exception(error).Message}.");
    }

    /// <summary>
    /// Claims a new run folder: <paramref name="path"/> when this call creates it, else the first of
    /// path_1, path_2, ... that this call creates. An existing folder, even an empty one, is never
    /// taken: it may belong to a run that started a moment ago.
    /// </summary>
    /// <param name="path">The folder wanted.</param>
    /// <param name="siblingsOnly">True to skip <paramref name="path"/> itself and claim the first free path_1, path_2, ...</param>
    public static string ClaimNew(string path, bool siblingsOnly = false)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A run folder path is needed, received an empty string.", nameof(path));
        string p = path.TrimEnd('/', '\\');
        if (!siblingsOnly && TryCreateNew(p)) return p;
        for (int i = 1; ; i++)
        {
            string candidate = $"{p}_{i}";
            if (TryCreateNew(candidate)) return candidate;
        }
    }

    /// <summary>The name of the lock file that a training run holds in its run folder (see <see cref="TryLock"/>).</summary>
    public const string LockFileName = ".kerassharp-run.lock";

    /// <summary>
    /// Takes the run lock of <paramref name="dir"/>: an exclusive lock on its <see cref="LockFileName"/>
    /// file, held until the returned stream is disposed (or the process ends, killed or not). Null
    /// with <paramref name="inUse"/> set when another run (in this process or another) holds it; null
    /// without it when the lock file cannot be made (a read-only or full disk: the run's writers then
    /// report that themselves). The lock file stays in the folder: deleting it would let a third run
    /// lock a new file while a second still waits on the old one.
    /// </summary>
    public static FileStream? TryLock(string dir, out bool inUse)
    {
        inUse = false;
        try
        {
            Directory.CreateDirectory(dir);
            // FileShare.None is an exclusive lock: LockFileEx on Windows, flock(LOCK_EX | LOCK_NB) on Unix.
            return new FileStream(Path.Combine(dir, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        // Held elsewhere: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows; on Unix flock's EWOULDBLOCK (11 on Linux, 35 on macOS), which .NET puts in HResult.
        catch (IOException e) when (OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult is 11 or 35)
        {
            inUse = true;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
