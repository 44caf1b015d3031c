using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConfigLint.Configuration;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using ConfigLint.Rules.Reporting;
using Microsoft.CodeAnalysis;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// The Intune pack as Roslyn sees it: one <see cref="DiagnosticDescriptor"/> per ConfigLint rule, built from the
    /// same <see cref="RuleDescriptor"/>s the CLI prints, and one engine shared by every compilation of the process
    /// (the compiler server keeps it warm between builds).
    /// </summary>
    internal sealed class RuleCatalog
    {
        /// <summary>Custom tag on every ConfigLint descriptor, so hosts can group them.</summary>
        public const string ConfigLintTag = "ConfigLint";

        private static readonly Lazy<RuleCatalog> Shared = new Lazy<RuleCatalog>(Load, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly Dictionary<string, DiagnosticDescriptor> _byId;

        private RuleCatalog(LintEngine? engine, ImmutableArray<DiagnosticDescriptor> descriptors, string? loadFailure)
        {
            Engine = engine;
            Descriptors = descriptors;
            LoadFailure = loadFailure;
            _byId = descriptors.ToDictionary(d => d.Id, StringComparer.Ordinal);
        }

        public static RuleCatalog Instance => Shared.Value;

        /// <summary>Null when the pack failed to load; <see cref="LoadFailure"/> then says why.</summary>
        public LintEngine? Engine { get; }

        public ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

        public string? LoadFailure { get; }

        public DiagnosticDescriptor InternalError => _byId[RuleIdentifiers.InternalError];

        public DiagnosticDescriptor? Find(string id) => _byId.TryGetValue(id, out var d) ? d : null;

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, DiagnosticDescriptor>> _byHelpBase =
            new System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, DiagnosticDescriptor>>(StringComparer.Ordinal);

        /// <summary>
        /// The descriptor with help links under a configured base (MSBuild <c>ConfigLintHelpBaseUri</c> or the
        /// <c>configlint.help_base_uri</c> key of a global config). Roslyn matches reported diagnostics to the supported
        /// ones by ID, and its SARIF log takes rule metadata from the reported descriptor, so the link reaches the log.
        /// </summary>
        public DiagnosticDescriptor? Find(string id, string? helpBaseUri)
        {
            if (RuleMetadata.HelpUri(helpBaseUri, id) == null) return Find(id);
            var byId = _byHelpBase.GetOrAdd(helpBaseUri!, b => _byId.Values.ToDictionary(
                d => d.Id,
                d => new DiagnosticDescriptor(d.Id, d.Title, d.MessageFormat, d.Category, d.DefaultSeverity, d.IsEnabledByDefault, d.Description, RuleMetadata.HelpUri(b, d.Id), d.CustomTags.ToArray()),
                StringComparer.Ordinal));
            return byId.TryGetValue(id, out var descriptor) ? descriptor : null;
        }
        /// <summary>Whether a rule ID exists (what configuration keys may name), in any case.</summary>
        public bool IsRule(string id) => _byId.ContainsKey(id.ToUpperInvariant());

        public static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
        {
            Severity.Error => DiagnosticSeverity.Error,
            Severity.Warning => DiagnosticSeverity.Warning,
            // Roslyn has no "suggestion" level: the IDE's suggestion is Info. None is never reported (see SeverityNames).
            _ => DiagnosticSeverity.Info,
        };

        public static DiagnosticDescriptor ToRoslyn(RuleDescriptor rule, bool compilationEnd)
        {
            // The same security/privacy/dpia tags as the CLI's SARIF (RuleMetadata), so both logs say the same.
            var tags = new List<string> { ConfigLintTag };
            tags.AddRange(RuleMetadata.Tags(rule));
            // RS1037: diagnostics reported from the compilation-end action must say so (the IDE runs them only in full analysis).
            if (compilationEnd) tags.Add(WellKnownDiagnosticTags.CompilationEnd);
            return new DiagnosticDescriptor(
                id: rule.Id,
                title: rule.Title,
                messageFormat: "{0}",
                category: rule.Category,
                defaultSeverity: ToRoslyn(rule.DefaultSeverity),
                isEnabledByDefault: rule.DefaultSeverity != Severity.None,
                description: rule.Description,
                // No help link unless a help base is configured (see Find): the project serves its pages from no public address.
                helpLinkUri: null,
                customTags: tags.ToArray());
        }

        private static RuleCatalog Load()
        {
            try
            {
                var pack = IntunePack.Create();
                var tenantIds = new HashSet<string>(pack.TenantRules.SelectMany(r => r.Descriptors).Select(d => d.Id), StringComparer.Ordinal);
                // Suppressions files are judged once every finding was matched, at compilation end.
                tenantIds.UnionWith(new[] { RuleIdentifiers.SuppressionExpired, RuleIdentifiers.SuppressionUnused, RuleIdentifiers.InvalidSuppressionFile });
                // Custom packs are loaded when a compilation starts; their problems are reported at its end.
                tenantIds.Add(ConfigurationDiagnostics.InvalidRulePack.Id);
                var descriptors = pack.Descriptors.Concat(ConfigurationDiagnostics.All).OrderBy(d => d.Id, StringComparer.Ordinal)
                    .Select(d => ToRoslyn(d, tenantIds.Contains(d.Id))).ToImmutableArray();
                return new RuleCatalog(new LintEngine(pack), descriptors, loadFailure: null);
            }
            catch (Exception ex)
            {
                // A broken pack must still surface as a diagnostic, never as AD0001 from SupportedDiagnostics.
                var fallback = ConfigurationDiagnostics.All.Concat(new[] { EngineDiagnostics.Generic.InternalError })
                    .Select(d => ToRoslyn(d, compilationEnd: false)).ToImmutableArray();
                return new RuleCatalog(null, fallback, $"{ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
