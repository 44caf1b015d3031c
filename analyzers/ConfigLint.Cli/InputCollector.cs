using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ConfigLint.Cli
{
    /// <summary>Expands the PATH arguments into the files to lint, in a stable order.</summary>
    public static class InputCollector
    {
        /// <summary>Folders that never hold exports (tool output, VCS, dependencies).</summary>
        private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".git", ".vs", ".vscode", ".idea", "node_modules", "bin", "obj", "TestResults",
        };

        /// <summary>
        /// Tooling files that are JSON but never Intune configuration. They are skipped when a folder is walked
        /// (a file named explicitly is always linted).
        /// </summary>
        private static readonly HashSet<string> SkippedFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "package.json", "package-lock.json", "tsconfig.json", "jsconfig.json", "global.json", "nuget.json",
            "appsettings.json", "launchSettings.json", "composer.json", ".eslintrc.json", ".prettierrc.json",
            "renovate.json", "cspell.json", "omnisharp.json", "configlint.json",
            "configlint.yml", "configlint.yaml", "azure-pipelines.yml", "azure-pipelines.yaml", "docker-compose.yml",
            "docker-compose.yaml", "mkdocs.yml", "codecov.yml", "dependabot.yml",
        };

        public static readonly string[] Extensions = { ".json", ".yaml", ".yml" };

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
            var own = files.Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !SkippedFiles.Contains(Path.GetFileName(f)) && !Path.GetFileName(f).EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f).EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase));
            // Dot-folders (.git, .github, .vscode, ...) hold tooling, never exports.
            var nested = dirs.Where(d => !SkippedFolders.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith(".", StringComparison.Ordinal)).SelectMany(Walk);
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
