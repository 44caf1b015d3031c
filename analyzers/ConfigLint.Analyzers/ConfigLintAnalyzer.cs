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
        /// <summary>Diagnostic property holding ConfigLint's own severity name (Roslyn folds suggestion and info into Info).</summary>
        public const string SeverityProperty = "ConfigLintSeverity";

        /// <summary>Diagnostic property holding a custom rule's own ID: its diagnostics have the ID CL0024 (see rules/docs/CL0024.md).</summary>
        public const string CustomRuleIdProperty = "ConfigLintCustomRuleId";

        /// <summary>
        /// The rule options in force when they differ from the defaults (<c>name=value;...</c>, <c>RuleOptions.Serialize</c>),
        /// so that the code fix re-lints with the same thresholds and writes a value that meets them.
        /// </summary>
        public const string OptionsProperty = "ConfigLintOptions";

        public ConfigLintAnalyzer()
        {
            WarmUp.Start();
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => RuleCatalog.Instance.Descriptors;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var suppressions = AnalyzerSuppressions.Load(start.Options.AdditionalFiles,
                    RuleCatalog.Instance.Engine?.Pack.Diagnostics.Adoption ?? Core.Suppressions.AdoptionDiagnostics.Generic, start.CancellationToken);
                var session = EarlySessions.Take(start.Options, start.Compilation.Options, suppressions.IsEmpty ? null : suppressions, start.CancellationToken)
                    ?? new LintSession(RuleCatalog.Instance, start.Options, start.CancellationToken, suppressions.IsEmpty ? null : suppressions,
                        start.Compilation.Options);
                start.RegisterAdditionalFileAction(session.AnalyzeFile);
                start.RegisterCompilationEndAction(session.Complete);
            });
        }
    }
}
