using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace ConfigLint.CodeFixes
{
    /// <summary>
    /// Fix all in document, project or solution for additional files. Roslyn's batch fixer merges changes of source
    /// documents only, so this one groups the diagnostics by file and lets the fix engine fix each file in one pass,
    /// exactly as <c>configlint fix --rule ID</c> does.
    /// </summary>
    internal sealed class ConfigLintFixAllProvider : FixAllProvider
    {
        public static readonly ConfigLintFixAllProvider Instance = new ConfigLintFixAllProvider();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var fixer = FixCatalog.Instance.Fixer;
            if (fixer == null) return null;
            string? key = fixAllContext.CodeActionEquivalenceKey;
            string? onlyRule = key != null && key.StartsWith(ConfigLintCodeFixProvider.EquivalenceKeyPrefix, StringComparison.Ordinal)
                ? key.Substring(ConfigLintCodeFixProvider.EquivalenceKeyPrefix.Length)
                : null;
            var ids = new HashSet<string>(fixAllContext.DiagnosticIds.Where(fixer.HasFix), StringComparer.Ordinal);
            if (onlyRule != null) ids.IntersectWith(new[] { onlyRule });
            if (ids.Count == 0) return null;

            // In 4.8 a fix-all context names a source document only; for additional files the document scope cannot
            // say which file, so it covers the project, which is what a config repo's one project holds anyway.
            var projects = fixAllContext.Scope == FixAllScope.Solution
                ? fixAllContext.Solution.Projects.ToList()
                : new List<Project> { fixAllContext.Project };

            var solution = fixAllContext.Solution;
            foreach (var project in projects)
            {
                var diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                var byPath = diagnostics
                    .Where(d => ids.Contains(d.Id) && d.Location.Kind == LocationKind.ExternalFile)
                    .GroupBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal);
                foreach (var group in byPath)
                {
                    var document = project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath, group.Key, StringComparison.Ordinal));
                    if (document == null) continue;
                    var text = await document.GetTextAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
                    var rules = new HashSet<string>(group.Select(d => d.Id), StringComparer.Ordinal);
                    // One compilation's diagnostics share the rule options they were reported with.
                    var withOptions = FixCatalog.Instance.FixerFor(group.First()) ?? fixer;
                    var outcome = withOptions.FixAll(ConfigLintCodeFixProvider.EnginePath(document), text.ToString(), include: null, fixRule: rules.Contains);
                    if (!outcome.Changed) continue;
                    var changes = outcome.Applied.Count == 0 ? Array.Empty<TextChange>() : new[] { new TextChange(new TextSpan(0, text.Length), outcome.Text) };
                    // One whole-text change keeps the document's encoding and checksum algorithm (SourceText.WithChanges).
                    solution = solution.WithAdditionalDocumentText(document.Id, text.WithChanges(changes));
                }
            }
            var fixedSolution = solution;
            return CodeAction.Create(
                onlyRule != null ? $"Fix all {onlyRule} findings with ConfigLint" : "Fix all ConfigLint findings",
                _ => Task.FromResult(fixedSolution),
                key);
        }
    }
}
