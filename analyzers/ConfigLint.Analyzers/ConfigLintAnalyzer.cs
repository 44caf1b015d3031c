using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// Lints the Intune exports among a project's AdditionalFiles with the same engine and rules as the CLI:
    /// each file is linted when Roslyn hands it over, and tenant-level rules report at compilation end.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class ConfigLintAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// Per-file severity key, read from <c>.editorconfig</c> sections (and global configs):
        /// <c>configlint.severity.CL1001 = error|warning|suggestion|info|none</c>. Roslyn does not apply
        /// <c>dotnet_diagnostic.*</c> keys from file sections to diagnostics in additional files, so ConfigLint reads its own.
        /// </summary>
        public const string SeverityKeyPrefix = "configlint.severity.";

        /// <summary>Diagnostic property holding ConfigLint's own severity name (Roslyn folds suggestion and info into Info).</summary>
        public const string SeverityProperty = "ConfigLintSeverity";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => RuleCatalog.Instance.Descriptors;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var suppressions = AnalyzerSuppressions.Load(start.Options.AdditionalFiles,
                    RuleCatalog.Instance.Engine?.Pack.Diagnostics.Adoption ?? Core.Suppressions.AdoptionDiagnostics.Generic, start.CancellationToken);
                var session = new LintSession(RuleCatalog.Instance, start.Options.AnalyzerConfigOptionsProvider, suppressions.IsEmpty ? null : suppressions);
                start.RegisterAdditionalFileAction(session.AnalyzeFile);
                start.RegisterCompilationEndAction(session.Complete);
            });
        }
    }
}
