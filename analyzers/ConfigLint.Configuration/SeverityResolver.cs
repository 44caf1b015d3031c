using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConfigLint.Core.Model;
using Microsoft.CodeAnalysis;

namespace ConfigLint.Configuration
{
    /// <summary>
    /// The options that apply to one file (or, for a tenant finding in no file, to its export folder), in precedence
    /// order: the analyzer-visible keys (<c>configlint.severity.ID</c>) and the compiler's severities
    /// (<c>dotnet_diagnostic.ID.severity</c> from global configs), each as Roslyn merged them.
    /// </summary>
    public sealed class OptionLayer
    {
        public static readonly OptionLayer Empty = new OptionLayer(ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, ReportDiagnostic>.Empty);

        private readonly Func<string, string?> _analyzerOption;

        public OptionLayer(IReadOnlyDictionary<string, string> analyzerOptions, IReadOnlyDictionary<string, ReportDiagnostic> compilerOptions)
            : this(key => analyzerOptions.TryGetValue(key, out var value) ? value : null, compilerOptions)
        {
        }

        /// <param name="analyzerOption">Looks up a lower-cased key (the analyzer passes Roslyn's per-file options).</param>
        /// <param name="compilerOptions">Rule ID to the compiler's severity, as Roslyn's compilation options hold them.</param>
        public OptionLayer(Func<string, string?> analyzerOption, IReadOnlyDictionary<string, ReportDiagnostic> compilerOptions)
        {
            _analyzerOption = analyzerOption;
            CompilerOptions = compilerOptions;
        }

        public static OptionLayer From(AnalyzerConfigOptionsResult result) => new OptionLayer(result.AnalyzerOptions, result.TreeOptions);

        /// <summary>The value of an analyzer-visible key (lower-cased, as Roslyn gives them), or null.</summary>
        public string? AnalyzerOption(string key) => _analyzerOption(key);

        public IReadOnlyDictionary<string, ReportDiagnostic> CompilerOptions { get; }
    }

    /// <summary>
    /// How a finding's severity is configured, the same in both channels (the CLI computes every step; in the build
    /// Roslyn does the last one itself):
    /// <list type="number">
    /// <item>the rule's own severity, as the engine reported it;</item>
    /// <item><c>configlint.severity.ID</c> from the nearest layer that sets it (.editorconfig sections per file, global
    /// configs; words from <see cref="SeverityNames.TryParseSetting"/>; <c>default</c> keeps the rule's severity);</item>
    /// <item><c>dotnet_diagnostic.ID.severity</c> of the global configs scoped to a folder (ConfigLint's own, nearest wins);</item>
    /// <item>the settings file's bounds: rule sets, and at most suggestion for rules newer than a pinned rule-set version;</item>
    /// <item><c>dotnet_diagnostic.ID.severity</c> of the project's global configs (Roslyn applies these after any analyzer).</item>
    /// </list>
    /// </summary>
    public static class SeverityResolver
    {
        /// <summary>The per-file severity key. Roslyn does not apply <c>dotnet_diagnostic.*</c> of .editorconfig sections to additional files.</summary>
        public const string SeverityKeyPrefix = "configlint.severity.";

        /// <param name="layers">Nearest first; the last one is the project-wide layer.</param>
        /// <param name="applyProjectCompilerOptions">False in the analyzer, where the compiler applies them itself.</param>
        /// <param name="policy">The settings file's bounds (rule sets, pinned version), applied before the project's compiler severities.</param>
        public static Severity Resolve(string ruleId, Severity reported, IReadOnlyList<OptionLayer> layers, bool applyProjectCompilerOptions, Func<Severity, Severity>? policy = null)
        {
            var severity = reported;
            string key = SeverityKeyPrefix + ruleId.ToLowerInvariant();
            foreach (var layer in layers)
            {
                if (SeverityNames.TryParseSetting(layer.AnalyzerOption(key), out var parsed))
                {
                    severity = parsed ?? reported;
                    break;
                }
            }
            // Folder-scoped global configs: the nearest that sets the rule wins.
            for (int i = 0; i < layers.Count - 1; i++)
            {
                if (layers[i].CompilerOptions.TryGetValue(ruleId, out var nested) && nested != ReportDiagnostic.Default)
                {
                    severity = ApplyCompilerOption(severity, nested);
                    break;
                }
            }
            if (policy != null) severity = policy(severity);
            if (applyProjectCompilerOptions && layers.Count > 0 && layers[layers.Count - 1].CompilerOptions.TryGetValue(ruleId, out var project))
            {
                severity = ApplyCompilerOption(severity, project);
            }
            return severity;
        }

        /// <summary>What the compiler does to a diagnostic's severity for a configured <see cref="ReportDiagnostic"/>.</summary>
        public static Severity ApplyCompilerOption(Severity severity, ReportDiagnostic report)
        {
            if (severity == Severity.None) return severity;
            switch (report)
            {
                case ReportDiagnostic.Error: return Severity.Error;
                case ReportDiagnostic.Warn: return Severity.Warning;
                // Roslyn's Info is ConfigLint's suggestion or info; a finding already at one of them keeps its word.
                case ReportDiagnostic.Info: return severity == Severity.Info || severity == Severity.Suggestion ? severity : Severity.Suggestion;
                case ReportDiagnostic.Hidden:
                case ReportDiagnostic.Suppress: return Severity.None;
                default: return severity;
            }
        }
    }
}
