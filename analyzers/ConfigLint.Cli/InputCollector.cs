using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Inputs;

namespace ConfigLint.Cli
{
    /// <summary>
    /// Expands the PATH arguments into the files to lint, lazily and in a stable order: a depth-first walk in which each
    /// folder's entries are sorted by ordinal name (a folder as its name plus a separator). That is the ordinal order
    /// of the paths, and it keeps every folder's files consecutive, which lets the run complete a tenant's export as
    /// soon as the walk leaves it. Memory is one folder listing per level, not one entry per file.
    /// </summary>
    public sealed class InputCollector
    {
        /// <summary>One file to lint: its full path and the path reports show.</summary>
        public readonly struct Input
        {
            public Input(string fullPath, string displayPath)
            {
                FullPath = fullPath;
                DisplayPath = displayPath;
            }

            public string FullPath { get; }
            public string DisplayPath { get; }

            /// <summary>
            /// The file's bytes. Only a regular file is opened: a FIFO would block until some writer comes, a device can
            /// stream forever; those come out as <see cref="SkippedInputException"/>, which the run reports as a note.
            /// </summary>
            public byte[] Read()
            {
                ThrowIfNotRegular();
                return File.ReadAllBytes(FullPath);
            }

            /// <summary>
            /// The file as a stream, opened as <see cref="File.ReadAllBytes"/> opens it, after the same check as
            /// <see cref="Read"/>; with the file's size as the check found it (-1 where unknown).
            /// </summary>
            public Stream Open(out long size)
            {
                size = ThrowIfNotRegular();
                // No FileOptions.SequentialScan: its fadvise is one more system call per file, and the kernel's own
                // read-ahead already serves a file read once from start to end.
                return new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.None);
            }

            /// <summary>The file's size (-1 where unknown), unless it is no regular file.</summary>
            private long ThrowIfNotRegular()
            {
                var kind = FileSystemEntries.KindOf(FullPath, out long size);
                if (kind != EntryKind.Regular && kind != EntryKind.Missing && kind != EntryKind.Directory)
                {
                    throw new SkippedInputException($"{FileSystemEntries.Describe(kind)}, not a regular file; only regular files are read");
                }
                return size;
            }
        }

        private readonly List<(string FullPath, bool IsDirectory)> _roots;
        private readonly HashSet<string> _named;
        private readonly HashSet<string> _excluded;
        private readonly string _baseDirectory;

        private InputCollector(List<(string, bool)> roots, HashSet<string> named, HashSet<string> excluded, List<string> missing, List<string> notRegular, string baseDirectory)
        {
            _roots = roots;
            _named = named;
            _excluded = excluded;
            Missing = missing;
            NotRegular = notRegular;
            _baseDirectory = baseDirectory;
        }

        /// <summary>Arguments that name nothing on disk.</summary>
        public IReadOnlyList<string> Missing { get; }

        /// <summary>Arguments that name a FIFO, socket or device, with what they are: a usage error, nothing to lint.</summary>
        public IReadOnlyList<string> NotRegular { get; }

        /// <summary>
        /// Every folder the walk may enter: the named folders, the folders of named files, and the searched folders
        /// below (where severity settings files are looked for before the first finding is written). A folder reached
        /// again through a symbolic link is listed once, so a link loop ends.
        /// </summary>
        public IReadOnlyList<string> Folders() => _folders ??= WalkFolders().ToList();

        // Settings files, suppressions files and config files are each looked for above these folders: walked once,
        // not once per kind of file (each walk lists every folder and resolves its links).
        private List<string>? _folders;

        private IEnumerable<string> WalkFolders()
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (full, isDirectory) in _roots)
            {
                if (!isDirectory)
                {
                    yield return Path.GetDirectoryName(full)!;
                    continue;
                }
                var pending = new Stack<string>();
                pending.Push(full);
                while (pending.Count > 0)
                {
                    var dir = pending.Pop();
                    if (!visited.Add(RealPathOrSelf(dir))) continue;
                    yield return dir;
                    IEnumerable<string> children;
                    try
                    {
                        children = Directory.EnumerateDirectories(dir).ToList();
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        // The walk reports the unreadable folder itself.
                        continue;
                    }
                    foreach (var child in children)
                    {
                        if (ExportFilter.IsSearchedFolder(Path.GetFileName(child)) || _named.Contains(child)) pending.Push(child);
                    }
                }
            }
        }

        /// <param name="paths">The PATH arguments, absolute.</param>
        /// <param name="baseDirectory">The working directory reports are relative to.</param>
        /// <param name="excluded">Files the walk must pass over: this run's own output files (full paths).</param>
        public static InputCollector Create(IEnumerable<string> paths, string baseDirectory, IEnumerable<string>? excluded = null)
        {
            var missing = new List<string>();
            var notRegular = new List<string>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            var all = new List<(string FullPath, bool IsDirectory)>();
            foreach (var path in paths)
            {
                var kind = FileSystemEntries.KindOf(path);
                if (kind == EntryKind.Missing)
                {
                    missing.Add(path);
                    continue;
                }
                if (kind != EntryKind.Regular && kind != EntryKind.Directory)
                {
                    notRegular.Add($"{path} is {FileSystemEntries.Describe(kind)}");
                    continue;
                }
                var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
                if (named.Add(full)) all.Add((full, kind == EntryKind.Directory));
            }
            // A path inside a named folder is walked with that folder (and kept even where the walk's filter would skip
            // it: what is named is linted), so every folder's files stay consecutive and each file is linted once.
            var roots = all.Where(p => !all.Any(d => d.IsDirectory && LintPipeline.IsUnder(p.FullPath, d.FullPath)))
                .OrderBy(p => SortKey(p.FullPath, p.IsDirectory), StringComparer.Ordinal)
                .ToList();
            var outputs = new HashSet<string>((excluded ?? Array.Empty<string>()).Select(RealPathOrSelf), StringComparer.Ordinal);
            return new InputCollector(roots, named, outputs, missing, notRegular, baseDirectory);
        }

        /// <summary>
        /// The files to lint, in walk order; an unreadable folder comes out as itself, so it is reported. Symbolic links
        /// are followed, but every folder and file is taken at most once by its real path: a link loop ends, and a file
        /// reached by two routes is linted once, under the first path in walk order.
        /// </summary>
        public IEnumerable<Input> Files()
        {
            var visited = new VisitedPaths();
            foreach (var (full, isDirectory) in _roots)
            {
                var real = RealPathOrSelf(full);
                if (!isDirectory)
                {
                    if (visited.Add(real)) yield return new Input(full, DisplayPath(full, _baseDirectory));
                    continue;
                }
                if (!visited.Add(real)) continue;
                foreach (var file in Walk(full, real, visited)) yield return new Input(file, DisplayPath(file, _baseDirectory));
            }
        }

        /// <summary>
        /// The walk from the file already taken on (<paramref name="files"/>' current one), as engine inputs: each read
        /// through <see cref="Input.Read"/> or <see cref="Input.Open"/>, so that lint and audit pass over a FIFO or a
        /// device alike; and paced (<see cref="CollectionPacer"/>), so that a long run's memory stays flat.
        /// </summary>
        public static IEnumerable<LintInput> EngineInputs(IEnumerator<Input> files)
        {
            var pacer = new CollectionPacer();
            do
            {
                var input = files.Current;
                yield return new LintInput(input.DisplayPath,
                    () =>
                    {
                        var bytes = input.Read();
                        pacer.Read(bytes.Length);
                        return bytes;
                    },
                    () =>
                    {
                        // The size the regular-file check found: asking the stream would be one more fstat per file.
                        var stream = input.Open(out long size);
                        pacer.Read(Math.Max(0, size));
                        return stream;
                    });
            }
            while (files.MoveNext());
        }

        private IEnumerable<string> Walk(string directory, string realDirectory, VisitedPaths visited)
        {
            var entries = new List<(string Key, string Path, string Real, bool IsDirectory)>();
            try
            {
                foreach (var (name, isDirectory, isLink) in List(directory))
                {
                    var path = Path.Join(directory, name);
                    if (isDirectory ? !ExportFilter.IsSearchedFolder(name) && !_named.Contains(path)
                                    : !ExportFilter.IsExportFile(path) && !_named.Contains(path))
                    {
                        // A walk keeps to export files and searched folders; what is named on the command line is always linted.
                        continue;
                    }
                    // Only a link needs resolving; anything else lies in the real folder under its own name.
                    var real = isLink ? RealPathOrSelf(path) : Path.Join(realDirectory, name);
                    entries.Add((isDirectory ? SortKey(name, true) : name, path, real, isDirectory));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // An unreadable folder is reported as an unreadable "file" so it is never silently skipped.
                entries.Clear();
                entries.Add((string.Empty, directory, "\0unreadable:" + directory, false));
            }
            entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            foreach (var entry in entries)
            {
                // This run's own output is never its input (an --output inside a linted folder).
                if (!entry.IsDirectory && _excluded.Contains(entry.Real)) continue;
                if (!visited.Add(entry.Real)) continue;
                if (!entry.IsDirectory)
                {
                    yield return entry.Path;
                    continue;
                }
                foreach (var file in Walk(entry.Path, entry.Real, visited)) yield return file;
            }
        }

        // Hidden entries are listed as well (what DirectoryInfo's enumeration does); only the link bit is asked for.
        private static readonly EnumerationOptions AllButLinks = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        private static readonly EnumerationOptions Everything = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };

        /// <summary>
        /// A folder's entries: name, whether it is (or links to) a folder, and whether it is a symbolic link.
        /// </summary>
        /// <remarks>
        /// Asking an entry for its attributes costs an <c>lstat</c> and a <c>geteuid</c> on Unix (two system calls per
        /// file, 85,000 in a 20x benchmark run), but skipping links by attribute is answered from the folder listing's
        /// own entry type. So the folder is listed twice: once without its links, free, and once for the names that
        /// listing lacked, which are the links (only they are resolved, to see whether they lead to a folder).
        /// </remarks>
        private static IEnumerable<(string Name, bool IsDirectory, bool IsLink)> List(string directory)
        {
            var plain = new FileSystemEnumerable<(string, bool)>(directory, (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory), AllButLinks).ToList();
            var names = new HashSet<string>(plain.Select(p => p.Item1), StringComparer.Ordinal);
            var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
            var links = new FileSystemEnumerable<(string, bool)>(directory, (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory), Everything)
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !lookup.Contains(e.FileName),
            };
            foreach (var (name, isDirectory) in plain) yield return (name, isDirectory, false);
            foreach (var (name, isDirectory) in links) yield return (name, isDirectory, true);
        }

        /// <summary>
        /// The real paths a walk has taken, each kept as the first 128 bits of its SHA-256 rather than as the path: a
        /// 40,000-file walk kept about 9 MB of paths alive for the whole run (the 20x benchmark's memory growth), where
        /// this keeps about 1.3 MB. A cryptographic hash, so that no crafted file name can collide with another and have
        /// a file skipped.
        /// </summary>
        private sealed class VisitedPaths
        {
            private readonly HashSet<(ulong, ulong)> _seen = new HashSet<(ulong, ulong)>();

            public bool Add(string realPath)
            {
                Span<byte> digest = stackalloc byte[32];
                System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(realPath.AsSpan()), digest);
                return _seen.Add((System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(digest), System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(digest.Slice(8))));
            }
        }

        /// <summary>The real path, or the path itself when it cannot be resolved (a link loop is then read and reported).</summary>
        internal static string RealPathOrSelf(string path)
        {
            try
            {
                return FileSystemEntries.RealPath(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return Path.GetFullPath(path);
            }
        }

        /// <summary>A folder sorts as its name plus a separator, which puts the walk in the ordinal order of full paths.</summary>
        private static string SortKey(string name, bool isDirectory) => isDirectory ? name + Path.DirectorySeparatorChar : name;


        /// <summary>The path shown in reports: relative to the working directory when inside it, as typed otherwise.</summary>
        public static string DisplayPath(string path, string baseDirectory)
        {
            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(baseDirectory, full);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        }
    }
}
