using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Config;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli
{
    /// <summary>
    /// Finds the <c>.editorconfig</c> and <c>.globalconfig</c> files above the linted files, as the Roslyn channel
    /// does, and applies their severities to the report so the CLI and <c>dotnet build</c> agree.
    /// </summary>
    public sealed class SeverityConfigFiles
    {
        private readonly Dictionary<string, EditorConfigFile?> _editorConfigs = new Dictionary<string, EditorConfigFile?>(StringComparer.Ordinal);
        private readonly Dictionary<string, EditorConfigFile?> _globalConfigs = new Dictionary<string, EditorConfigFile?>(StringComparer.Ordinal);
        private readonly TextWriter _error;

        private SeverityConfigFiles(TextWriter error)
        {
            _error = error;
        }

        /// <summary>Returns the report with configured severities applied (findings set to none are dropped).</summary>
        public static LintReport Apply(LintReport report, TextWriter error)
        {
            var files = new SeverityConfigFiles(error);
            var fullPaths = report.Files.Select(f => Path.GetFullPath(Path.Combine(report.BaseDirectory, f))).ToList();
            var globals = fullPaths.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal)
                .SelectMany(d => files.Ancestors(d!)).Distinct(StringComparer.Ordinal)
                .SelectMany(d => new[] { files.Load(files._globalConfigs, d, ".globalconfig"), files.Load(files._editorConfigs, d, ".editorconfig") })
                .Where(c => c != null && c.IsGlobal)
                .Distinct()
                .ToList();
            if (globals.Count == 0 && files._editorConfigs.Values.All(c => c == null)) return report;

            var configuration = new SeverityConfiguration(globals!);
            var findings = new List<Finding>(report.Findings.Count);
            foreach (var finding in report.Findings)
            {
                string? fullPath = finding.Location == null ? null : Path.GetFullPath(Path.Combine(report.BaseDirectory, finding.Location.Path));
                var editorConfigs = fullPath == null ? Array.Empty<EditorConfigFile>() : files.EditorConfigsFor(fullPath);
                var severity = configuration.Resolve(finding.Rule, finding.Severity, fullPath, editorConfigs);
                if (severity == Severity.None) continue;
                findings.Add(severity == finding.Severity ? finding : new Finding(finding.Rule, severity, finding.Message, finding.Location));
            }
            return new LintReport(findings, report.Rules, report.Files, report.ResourceCount, report.BaseDirectory);
        }

        /// <summary>The non-global .editorconfig files that apply to a file, nearest first, up to one marked root.</summary>
        private IReadOnlyList<EditorConfigFile> EditorConfigsFor(string fullPath)
        {
            var result = new List<EditorConfigFile>();
            foreach (var dir in Ancestors(Path.GetDirectoryName(fullPath)!))
            {
                var config = Load(_editorConfigs, dir, ".editorconfig");
                if (config == null || config.IsGlobal) continue;
                result.Add(config);
                if (config.IsRoot) break;
            }
            return result;
        }

        private IEnumerable<string> Ancestors(string directory)
        {
            for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir)) yield return dir;
        }

        private EditorConfigFile? Load(Dictionary<string, EditorConfigFile?> cache, string directory, string name)
        {
            if (cache.TryGetValue(directory, out var cached)) return cached;
            EditorConfigFile? config = null;
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                try
                {
                    config = EditorConfigFile.Parse(path, File.ReadAllText(path));
                    foreach (var (line, message) in config.Problems) _error.WriteLine($"{path}({line},1): warning: {message}");
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // The lint still runs with the defaults; say which file was not applied.
                    _error.WriteLine($"configlint: warning: cannot read {path}: {ex.Message}; its severities were not applied");
                }
            }
            cache[directory] = config;
            return config;
        }
    }
}
