using System;
using System.Collections.Generic;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// Which AdditionalFiles are Intune exports. A C# project may carry other additional files (stylecop.json,
    /// release-tracking markdown, a settings file), so only JSON and YAML (IntuneCD) are linted, minus the tooling
    /// files the CLI also skips when it walks a folder (keep these lists equal to <c>ConfigLint.Cli.InputCollector</c>).
    /// </summary>
    internal static class ExportFiles
    {
        private static readonly HashSet<string> ToolingFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "package.json", "package-lock.json", "tsconfig.json", "jsconfig.json", "global.json", "nuget.json",
            "appsettings.json", "launchSettings.json", "composer.json", ".eslintrc.json", ".prettierrc.json",
            "renovate.json", "cspell.json", "omnisharp.json", "configlint.json",
            "configlint.yml", "configlint.yaml", "azure-pipelines.yml", "azure-pipelines.yaml", "docker-compose.yml",
            "docker-compose.yaml", "mkdocs.yml", "codecov.yml", "dependabot.yml",
            // Only ever seen as AdditionalFiles of C# projects, never in an export.
            "stylecop.json",
        };

        private static readonly string[] Extensions = { ".json", ".yaml", ".yml" };

        public static bool IsExport(string path)
        {
            var name = FileName(path);
            if (!HasExportExtension(name)) return false;
            if (ToolingFiles.Contains(name)) return false;
            // Build outputs that a broad glob may sweep in.
            return !name.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                && !name.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase);
        }

        private static bool HasExportExtension(string name)
        {
            foreach (var extension in Extensions)
            {
                if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        // Path.GetFileName would do, but paths from other hosts may use either separator.
        private static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
