using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Configuration
{
    /// <summary>
    /// Checks the keys ConfigLint owns in an <c>.editorconfig</c>/<c>.globalconfig</c>: a <c>configlint.*</c> key
    /// ConfigLint does not read, a rule ID it does not have, or a value it cannot read is a finding at its line. Roslyn
    /// itself accepts any key in silence, so without this a typo (<c>configlint.severty.CL1001</c>) would change nothing
    /// and say nothing. Lines are read as Roslyn reads them (same property pattern), so the line found is the line Roslyn used.
    /// </summary>
    public static class AnalyzerConfigValidator
    {
        /// <summary>The base URI of the rule doc pages for help links, as a global-config key (the CLI's <c>--help-base-uri</c>).</summary>
        public const string HelpBaseUriKey = "configlint.help_base_uri";

        // Interpreted, not compiled: config files are a few lines, and compiling costs more start-up than it ever saves.
        // Roslyn's AnalyzerConfig property pattern (key, separator '=' or ':', value, optional trailing comment).
        private static readonly Regex Property = new Regex(@"^(\s*)([\w\.\-_]+)\s*[=:]\s*(.*?)\s*([#;].*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex Section = new Regex(@"^\s*\[(([^#;]|\\#|\\;)+)\]\s*([#;].*)?$", RegexOptions.CultureInvariant);

        // The severity words Roslyn's compiler reads in dotnet_diagnostic.ID.severity (AnalyzerConfig.TryParseSeverity).
        private static readonly string[] RoslynSeverityWords = { "default", "error", "warning", "suggestion", "silent", "refactoring", "none" };

        /// <summary>True for the file names Roslyn and ConfigLint read as analyzer configuration.</summary>
        public static bool IsConfigFile(string path)
        {
            var name = FileName(path);
            return name.Equals(".editorconfig", StringComparison.OrdinalIgnoreCase) || name.Equals(".globalconfig", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A global config as Roslyn tells one: the file name <c>.globalconfig</c>, or <c>is_global = true</c> before any section.</summary>
        public static bool IsGlobalConfig(string path, string text)
        {
            if (FileName(path).Equals(".globalconfig", StringComparison.OrdinalIgnoreCase)) return true;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (Section.IsMatch(line)) return false;
                var match = Property.Match(line);
                if (match.Success && match.Groups[2].Value.Equals("is_global", StringComparison.OrdinalIgnoreCase)) return match.Groups[3].Value.Equals("true", StringComparison.OrdinalIgnoreCase);
            }
            return false;
        }

        /// <param name="path">The path findings show for the file.</param>
        /// <param name="isRule">Whether a rule ID exists (custom packs may add IDs).</param>
        public static IReadOnlyList<ConfigProblem> Validate(string path, string text, Func<string, bool> isRule)
        {
            var problems = new List<ConfigProblem>();
            bool global = FileName(path).Equals(".globalconfig", StringComparison.OrdinalIgnoreCase);
            bool inSection = false;
            int lineNumber = 0;
            int offset = 0;
            while (offset <= text.Length)
            {
                int end = text.IndexOf('\n', offset);
                if (end < 0) end = text.Length;
                string line = text.Substring(offset, end - offset).TrimEnd('\r');
                lineNumber++;
                if (Section.IsMatch(line))
                {
                    inSection = true;
                }
                else
                {
                    var match = Property.Match(line);
                    if (match.Success)
                    {
                        string key = match.Groups[2].Value.ToLowerInvariant();
                        string value = match.Groups[3].Value;
                        if (!inSection && key == "is_global" && value.Equals("true", StringComparison.OrdinalIgnoreCase)) global = true;
                        string? message = Check(key, value, isRule, global, inSection);
                        if (message != null)
                        {
                            int column = match.Groups[2].Index + 1;
                            int length = line.TrimEnd().Length;
                            var location = new SourceLocation(path, new LinePosition(lineNumber, column), new LinePosition(lineNumber, length + 1),
                                offset + column - 1, offset + length);
                            problems.Add(new ConfigProblem(ConfigurationDiagnostics.InvalidSetting, location, message));
                        }
                    }
                }
                offset = end + 1;
            }
            return problems;
        }

        private static string? Check(string key, string value, Func<string, bool> isRule, bool global, bool inSection)
        {
            if (key.StartsWith("configlint.", StringComparison.Ordinal))
            {
                // The help-link base is read from the global options by the analyzer and the CLI alike (a top-level key).
                if (key == HelpBaseUriKey) return null;
                if (!key.StartsWith(SeverityResolver.SeverityKeyPrefix, StringComparison.Ordinal))
                {
                    return $"unknown ConfigLint key '{key}' (ignored); ConfigLint reads {SeverityResolver.SeverityKeyPrefix}<rule ID> and {HelpBaseUriKey} here and everything else from configlint.yaml";
                }
                string id = key.Substring(SeverityResolver.SeverityKeyPrefix.Length).ToUpperInvariant();
                if (!isRule(id)) return $"'{key}' names no ConfigLint rule ({id} is unknown; see 'configlint rules'); the key is ignored";
                if (!SeverityNames.TryParseSetting(value, out _)) return $"'{value}' is not a severity for {key}; expected {SeverityNames.SettingValuesText} (the key is ignored)";
                return null;
            }
            if (key.StartsWith("dotnet_diagnostic.cl", StringComparison.Ordinal) && key.EndsWith(".severity", StringComparison.Ordinal))
            {
                string id = key.Substring("dotnet_diagnostic.".Length, key.Length - "dotnet_diagnostic.".Length - ".severity".Length).ToUpperInvariant();
                if (!isRule(id)) return $"'{key}' names no ConfigLint rule ({id} is unknown; see 'configlint rules'); the key is ignored";
                if (Array.IndexOf(RoslynSeverityWords, value.ToLowerInvariant()) < 0)
                {
                    return $"'{value}' is not a severity the compiler reads in {key}; expected {string.Join(", ", RoslynSeverityWords)} (the key is ignored; configlint.severity.{id} also accepts info and hidden)";
                }
                if (!global && inSection)
                {
                    return $"{key} in an .editorconfig section does not reach ConfigLint findings (Roslyn applies it to C# files only); use configlint.severity.{id} here, or put it in a .globalconfig";
                }
            }
            return null;
        }

        private static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
