using System;
using System.Collections.Generic;
using System.IO;
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
        }

        private readonly List<(string FullPath, bool IsDirectory)> _roots;
        private readonly HashSet<string> _named;
        private readonly string _baseDirectory;

        private InputCollector(List<(string, bool)> roots, HashSet<string> named, List<string> missing, string baseDirectory)
        {
            _roots = roots;
            _named = named;
            Missing = missing;
            _baseDirectory = baseDirectory;
        }

        /// <summary>Arguments that name nothing on disk.</summary>
        public IReadOnlyList<string> Missing { get; }

        /// <summary>
        /// Every folder the walk may enter: the named folders, the folders of named files, and the searched folders
        /// below (where severity settings files are looked for before the first finding is written).
        /// </summary>
        public IEnumerable<string> Folders()
        {
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

        public static InputCollector Create(IEnumerable<string> paths, string baseDirectory)
        {
            var missing = new List<string>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            var all = new List<(string FullPath, bool IsDirectory)>();
            foreach (var path in paths)
            {
                bool file = File.Exists(path);
                if (!file && !Directory.Exists(path))
                {
                    missing.Add(path);
                    continue;
                }
                var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
                if (named.Add(full)) all.Add((full, !file));
            }
            // A path inside a named folder is walked with that folder (and kept even where the walk's filter would skip
            // it: what is named is linted), so every folder's files stay consecutive and each file is linted once.
            var roots = all.Where(p => !all.Any(d => d.IsDirectory && LintPipeline.IsUnder(p.FullPath, d.FullPath)))
                .OrderBy(p => SortKey(p.FullPath, p.IsDirectory), StringComparer.Ordinal)
                .ToList();
            return new InputCollector(roots, named, missing, baseDirectory);
        }

        /// <summary>The files to lint, in walk order; an unreadable folder comes out as itself, so it is reported.</summary>
        public IEnumerable<Input> Files()
        {
            foreach (var (full, isDirectory) in _roots)
            {
                if (!isDirectory)
                {
                    yield return new Input(full, DisplayPath(full, _baseDirectory));
                    continue;
                }
                foreach (var file in Walk(full)) yield return new Input(file, DisplayPath(file, _baseDirectory));
            }
        }

        private IEnumerable<string> Walk(string directory)
        {
            List<(string Key, string Path, bool IsDirectory)> entries;
            try
            {
                entries = new List<(string, string, bool)>();
                foreach (var file in Directory.EnumerateFiles(directory))
                {
                    // A walk keeps to export files; a file named on the command line is always linted.
                    if (ExportFilter.IsExportFile(file) || _named.Contains(file)) entries.Add((Path.GetFileName(file), file, false));
                }
                foreach (var dir in Directory.EnumerateDirectories(directory))
                {
                    if (ExportFilter.IsSearchedFolder(Path.GetFileName(dir)) || _named.Contains(dir)) entries.Add((SortKey(Path.GetFileName(dir), true), dir, true));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // An unreadable folder is reported as an unreadable "file" so it is never silently skipped.
                return new[] { directory };
            }
            entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return entries.SelectMany(e => e.IsDirectory ? Walk(e.Path) : new[] { e.Path });
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
