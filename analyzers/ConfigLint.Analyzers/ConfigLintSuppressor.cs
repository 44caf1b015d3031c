using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// Suppresses the ConfigLint diagnostics that an entry of <c>configlint.suppressions.yaml</c> accepts (the analyzer
    /// marks them with <see cref="AnalyzerSuppressions.SuppressedProperty"/>). A programmatic suppression keeps the
    /// diagnostic in the build's SARIF log, with <c>suppressions</c> and the entry's justification and owner in its
    /// properties, but off the console and out of the warning and error counts, as the CLI does.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class ConfigLintSuppressor : DiagnosticSuppressor
    {
        private const string Justification = "Accepted in configlint.suppressions.yaml; the entry's justification and owner are in the result's properties";

        private static readonly Lazy<ImmutableDictionary<string, SuppressionDescriptor>> Descriptors = new Lazy<ImmutableDictionary<string, SuppressionDescriptor>>(
            () => RuleCatalog.Instance.Descriptors
                .Select(d => d.Id)
                .Distinct(StringComparer.Ordinal)
                .ToImmutableDictionary(id => id, id => new SuppressionDescriptor("CLS" + id.Substring(2), id, Justification), StringComparer.Ordinal));

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => Descriptors.Value.Values.ToImmutableArray();

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(AnalyzerSuppressions.SuppressedProperty, out var marked) || marked != "true") continue;
                if (Descriptors.Value.TryGetValue(diagnostic.Id, out var descriptor)) context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }
}
