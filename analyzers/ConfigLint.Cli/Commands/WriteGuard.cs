using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Engine;

namespace ConfigLint.Cli.Commands
{
    /// <summary>
    /// Where <c>configlint fix</c> may write: inside the folders it was given (for a named file, that file's folder),
    /// after every symbolic link on the way is resolved. A link that leads outside them is refused, so a fix never
    /// edits a file the user did not point at.
    /// </summary>
    public sealed class WriteGuard
    {
        private const int MaxLinks = 40;
        private readonly List<string> _roots;

        private WriteGuard(List<string> roots)
        {
            _roots = roots;
        }

        public static WriteGuard ForInputs(IEnumerable<string> inputs)
        {
            var roots = new List<string>();
            foreach (var input in inputs)
            {
                var full = Path.GetFullPath(input);
                string folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
                var real = RealPath(folder);
                if (real != null) roots.Add(real);
            }
            return new WriteGuard(roots);
        }

        /// <summary>Null when the file may be written (at <paramref name="target"/>, its resolved path); otherwise why not.</summary>
        public string? Check(string path, out string target)
        {
            target = path;
            var real = RealPath(Path.GetFullPath(path));
            if (real == null) return "its symbolic links could not be resolved (a loop?)";
            if (!_roots.Any(root => real == root || LintPipeline.IsUnder(real, root)))
            {
                return $"it is a symbolic link to {real}, outside the inputs; refusing to write through it";
            }
            target = real;
            return null;
        }

        /// <summary>The path with every symbolic link in it resolved, or null on a loop or a dangling link.</summary>
        public static string? RealPath(string path)
        {
            string full = Path.GetFullPath(path);
            string root = Path.GetPathRoot(full) ?? "/";
            var parts = new Queue<string>(full.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries));
            string current = root;
            int links = 0;
            while (parts.Count > 0)
            {
                string next = Path.Combine(current, parts.Dequeue());
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (info.LinkTarget == null)
                {
                    current = next;
                    continue;
                }
                if (++links > MaxLinks) return null;
                string linked = Path.IsPathRooted(info.LinkTarget) ? info.LinkTarget : Path.Combine(current, info.LinkTarget);
                // Resolve the link's own target from the top, then carry on with the rest of the original path.
                var rest = parts.ToList();
                var resolvedFull = Path.GetFullPath(linked);
                string resolvedRoot = Path.GetPathRoot(resolvedFull) ?? "/";
                parts = new Queue<string>(resolvedFull.Substring(resolvedRoot.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                current = resolvedRoot;
            }
            return current;
        }
    }
}
