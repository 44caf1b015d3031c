using System;
using System.IO;
using System.Runtime.InteropServices;

namespace ConfigLint.Cli
{
    /// <summary>What a path is on disk, as far as the walk cares.</summary>
    public enum EntryKind
    {
        Regular,
        Directory,
        Fifo,
        Socket,
        CharacterDevice,
        BlockDevice,
        Missing,
    }

    /// <summary>
    /// File-type and identity questions .NET does not answer: a FIFO, a socket and a device all look like an ordinary
    /// empty file to <see cref="File.Exists"/> and <see cref="FileSystemInfo.Attributes"/> on Unix, and opening a FIFO
    /// blocks until a writer comes (that hung a run forever). The runtime's own native shim answers with one
    /// <c>stat</c>; on Windows there are no such entries in a folder tree and everything that exists is a regular file.
    /// </summary>
    public static class FileSystemEntries
    {
        // S_IFMT bits, as SystemNative_Stat reports them on every Unix (pal_io.h).
        private const int TypeMask = 0xF000;
        private const int Fifo = 0x1000;
        private const int CharDevice = 0x2000;
        private const int DirectoryType = 0x4000;
        private const int BlockDevice = 0x6000;
        private const int RegularType = 0x8000;
        private const int SocketType = 0xC000;

        private static bool s_nativeUnavailable = OperatingSystem.IsWindows();

        /// <summary>The kind of the entry a path names, following symbolic links.</summary>
        public static EntryKind KindOf(string path) => KindOf(path, out _);

        /// <summary>The kind of the entry a path names, following symbolic links, and its size in bytes (-1 where unknown: Windows).</summary>
        public static EntryKind KindOf(string path, out long size)
        {
            size = -1;
            if (!s_nativeUnavailable)
            {
                try
                {
                    // FileStatus is larger than 128 bytes on no platform; Mode is its second 32-bit field.
                    var status = new byte[256];
                    if (NativeMethods.Stat(path, status) != 0) return File.Exists(path) || Directory.Exists(path) ? EntryKind.Regular : EntryKind.Missing;
                    // Size is the fifth field, after Flags, Mode, Uid and Gid (pal_io.h's FileStatus).
                    size = BitConverter.ToInt64(status, 16);
                    switch (BitConverter.ToInt32(status, 4) & TypeMask)
                    {
                        case Fifo: return EntryKind.Fifo;
                        case CharDevice: return EntryKind.CharacterDevice;
                        case BlockDevice: return EntryKind.BlockDevice;
                        case SocketType: return EntryKind.Socket;
                        case DirectoryType: return EntryKind.Directory;
                        case RegularType: return EntryKind.Regular;
                    }
                }
                catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
                {
                    s_nativeUnavailable = true;
                }
            }
            if (Directory.Exists(path)) return EntryKind.Directory;
            return File.Exists(path) ? EntryKind.Regular : EntryKind.Missing;
        }

        /// <summary>How a kind reads in a message: "a FIFO (named pipe)", "a socket", ...</summary>
        public static string Describe(EntryKind kind) => kind switch
        {
            EntryKind.Fifo => "a FIFO (named pipe)",
            EntryKind.Socket => "a socket",
            EntryKind.CharacterDevice => "a character device",
            EntryKind.BlockDevice => "a block device",
            EntryKind.Directory => "a folder",
            EntryKind.Missing => "missing",
            _ => "a regular file",
        };

        /// <summary>
        /// The path with every symbolic link resolved (what POSIX <c>realpath</c> gives), so two routes to one folder or
        /// file compare equal. A link chain longer than 40 hops (the Linux limit) is a loop and throws an IOException.
        /// </summary>
        public static string RealPath(string path)
        {
            var full = Path.GetFullPath(path);
            var root = Path.GetPathRoot(full) ?? string.Empty;
            var pending = new System.Collections.Generic.List<string>(Split(full.Substring(root.Length)));
            string current = root;
            int hops = 0;
            int index = 0;
            while (index < pending.Count)
            {
                var next = Path.Join(current, pending[index]);
                string? target = null;
                try
                {
                    target = new FileInfo(next).LinkTarget;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Unreadable or missing: keep the path as it is from here on.
                }
                if (target == null)
                {
                    current = next;
                    index++;
                    continue;
                }
                if (++hops > 40) throw new IOException($"too many levels of symbolic links at {next}");
                // A relative target is relative to the link's folder, which is already resolved.
                var resolved = Path.GetFullPath(target, current);
                var resolvedRoot = Path.GetPathRoot(resolved) ?? string.Empty;
                pending.RemoveRange(0, index + 1);
                pending.InsertRange(0, Split(resolved.Substring(resolvedRoot.Length)));
                current = resolvedRoot;
                index = 0;
            }
            return Path.TrimEndingDirectorySeparator(current.Length == 0 ? full : current);
        }

        private static string[] Split(string relative) =>
            relative.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);

        private static class NativeMethods
        {
            // The runtime's own shim (shipped with every .NET on Unix) has a stable, architecture-independent layout,
            // which libc's struct stat does not.
            [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
            public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
        }
    }
}
