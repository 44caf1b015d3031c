using System;
using System.Collections.Generic;

namespace ConfigLint.Core.Inputs
{
    /// <summary>
    /// Which files are candidate exports, shared by the CLI (when it walks a folder) and the build analyzer (over
    /// AdditionalFiles): JSON and YAML, minus tooling files that are never configuration.
    /// </summary>
    public static class ExportFilter
    {
        public static IReadOnlyList<string> Extensions { get; } = new[] { ".json", ".yaml", ".yml" };

        private static readonly HashSet<string> ToolingFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "package.json", "package-lock.json", "tsconfig.json", "jsconfig.json", "global.json", "nuget.json",
            "appsettings.json", "launchSettings.json", "composer.json", ".eslintrc.json", ".prettierrc.json",
            "renovate.json", "cspell.json", "omnisharp.json", "stylecop.json",
            "configlint.json", "configlint.yml", "configlint.yaml",
            "configlint.suppressions.yaml", "configlint.baseline.json",
            "azure-pipelines.yml", "azure-pipelines.yaml", "docker-compose.yml", "docker-compose.yaml", "mkdocs.yml",
            "codecov.yml", "dependabot.yml", "action.yml", "action.yaml",
        };

        /// <summary>Folders that never hold exports: tool output, dependencies, and every dot-folder (.git, .github, .vs).</summary>
        private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "node_modules", "bin", "obj", "TestResults",
        };

        /// <summary>True for a file name (or path) that may hold an export.</summary>
        public static bool IsExportFile(string path)
        {
            var name = FileName(path);
            bool extension = false;
            foreach (var e in Extensions) extension |= name.EndsWith(e, StringComparison.OrdinalIgnoreCase);
            if (!extension || ToolingFiles.Contains(name)) return false;
            // Build outputs that a broad glob may sweep in.
            return !name.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                && !name.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>True for a folder name that a recursive walk descends into.</summary>
        public static bool IsSearchedFolder(string name) =>
            !(name.StartsWith(".", StringComparison.Ordinal) || SkippedFolders.Contains(name));

        // Path.GetFileName would do, but paths from other hosts may use either separator.
        private static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
