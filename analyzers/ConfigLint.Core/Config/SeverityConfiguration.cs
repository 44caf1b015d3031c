using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Config
{
    /// <summary>
    /// Severity as the Roslyn channel sees it, so the CLI agrees with <c>dotnet build</c>: a global config's
    /// <c>dotnet_diagnostic.ID.severity</c> wins, then the nearest <c>configlint.severity.ID</c> in an .editorconfig
    /// section (or a global config), then the rule's default.
    /// </summary>
    public sealed class SeverityConfiguration
    {
        public const string DotnetKey = "dotnet_diagnostic.{0}.severity";
        public const string ConfigLintKey = "configlint.severity.{0}";

        private readonly IReadOnlyList<EditorConfigFile> _globals;

        public SeverityConfiguration(IEnumerable<EditorConfigFile> globals)
        {
            _globals = globals.ToList();
        }

        /// <summary>
        /// The severity for a finding in <paramref name="fullPath"/> (null for tenant-level findings), given the file's
        /// non-global .editorconfig files, nearest first, in <paramref name="editorConfigs"/>.
        /// </summary>
        public Severity Resolve(RuleDescriptor rule, Severity current, string? fullPath, IReadOnlyList<EditorConfigFile> editorConfigs)
        {
            string dotnetKey = string.Format(DotnetKey, rule.Id).ToLowerInvariant();
            string configLintKey = string.Format(ConfigLintKey, rule.Id).ToLowerInvariant();
            foreach (var global in _globals)
            {
                if (global.Preamble.TryGetValue(dotnetKey, out var value) && TryParse(value, out var s)) return s;
            }
            if (fullPath != null)
            {
                foreach (var config in editorConfigs)
                {
                    var value = config.Lookup(fullPath, configLintKey);
                    if (value != null && TryParse(value, out var s)) return s;
                }
            }
            foreach (var global in _globals)
            {
                var value = fullPath != null ? global.Lookup(fullPath, configLintKey) : global.Preamble.TryGetValue(configLintKey, out var v) ? v : null;
                if (value != null && TryParse(value, out var s)) return s;
            }
            return current;
        }

        /// <summary>Roslyn's names plus ConfigLint's: <c>silent</c> hides a diagnostic as Roslyn does; <c>default</c> defers.</summary>
        public static bool TryParse(string text, out Severity severity)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "silent":
                case "hidden":
                    severity = Severity.None;
                    return true;
                case "default":
                    severity = Severity.None;
                    return false;
                default:
                    return SeverityNames.TryParse(text, out severity);
            }
        }
    }
}
