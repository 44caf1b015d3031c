using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Inputs;

namespace ConfigLint.Cli
{
    /// <summary>Expands the PATH arguments into the files to lint, in a stable order.</summary>
    public static class InputCollector
    {
        public sealed class Result
        {
            public List<string> Files { get; } = new List<string>();
            public List<string> Missing { get; } = new List<string>();
        }

        public static Result Collect(IEnumerable<string> paths)
        {
            var result = new Result();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                if (File.Exists(path))
                {
                    Add(result, seen, path);
                }
                else if (Directory.Exists(path))
                {
                    foreach (var file in Walk(path)) Add(result, seen, file);
                }
                else
                {
                    result.Missing.Add(path);
                }
            }
            return result;
        }

        private static void Add(Result result, HashSet<string> seen, string path)
        {
            if (seen.Add(Path.GetFullPath(path))) result.Files.Add(path);
        }

        private static IEnumerable<string> Walk(string directory)
        {
            IEnumerable<string> files;
            IEnumerable<string> dirs;
            try
            {
                files = Directory.EnumerateFiles(directory).OrderBy(f => f, StringComparer.Ordinal).ToList();
                dirs = Directory.EnumerateDirectories(directory).OrderBy(d => d, StringComparer.Ordinal).ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // An unreadable folder is reported as an unreadable "file" so it is never silently skipped.
                return new[] { directory };
            }
            // A file named on the command line is always linted; a walk keeps to export files and folders.
            var own = files.Where(ExportFilter.IsExportFile);
            var nested = dirs.Where(d => ExportFilter.IsSearchedFolder(Path.GetFileName(d))).SelectMany(Walk);
            return own.Concat(nested);
        }

        /// <summary>The path shown in reports: relative to the working directory when inside it, as typed otherwise.</summary>
        public static string DisplayPath(string path, string baseDirectory)
        {
            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(baseDirectory, full);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        }
    }
}
