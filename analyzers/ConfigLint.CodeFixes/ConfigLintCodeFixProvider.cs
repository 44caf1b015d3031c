using System;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.Core.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace ConfigLint.CodeFixes
{
    /// <summary>
    /// Offers ConfigLint's fixes on the exports among a project's AdditionalFiles, through the additional-document
    /// code fix API (<see cref="CodeFixContext.TextDocument"/> and <see cref="ExportCodeFixProviderAttribute.DocumentKinds"/>,
    /// public since Roslyn 4.x, dotnet/roslyn#62877). The edits come from the same <see cref="FixEngine"/> as
    /// <c>configlint fix</c>, so both write the same text.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(ConfigLintCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
    [Shared]
    public sealed class ConfigLintCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence keys are per rule, so "fix all" applies one rule's fix everywhere in its scope.</summary>
        public const string EquivalenceKeyPrefix = "ConfigLint.Fix.";

        public override ImmutableArray<string> FixableDiagnosticIds => FixCatalog.Instance.FixableIds;

        public override FixAllProvider GetFixAllProvider() => ConfigLintFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            if (FixCatalog.Instance.Fixer == null) return;
            var document = context.TextDocument;
            var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            string path = EnginePath(document);
            string content = text.ToString();
            foreach (var diagnostic in context.Diagnostics)
            {
                // The thresholds the analyzer reported with (configlint.yaml options:), so the value written meets them.
                var fixer = FixCatalog.Instance.FixerFor(diagnostic)!;
                if (!fixer.HasFix(diagnostic.Id)) continue;
                var proposed = fixer.GetFix(path, content, diagnostic.Id, diagnostic.Location.SourceSpan.Start);
                if (proposed == null) continue;
                var documentId = document.Id;
                var edits = proposed.Edits;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        proposed.Title,
                        ct => Task.FromResult(WithText(document.Project.Solution, documentId, text.WithChanges(edits.Select(ToChange)))),
                        EquivalenceKeyPrefix + diagnostic.Id),
                    diagnostic);
            }
        }

        internal static TextChange ToChange(TextEdit edit) => new TextChange(TextSpan.FromBounds(edit.Start, edit.End), edit.NewText);

        internal static Solution WithText(Solution solution, DocumentId id, SourceText text) => solution.WithAdditionalDocumentText(id, text);

        /// <summary>
        /// The path the analyzer gave the engine: relative to the project folder when the file is inside it (folder
        /// names type untyped exports, so both must see the same path).
        /// </summary>
        internal static string EnginePath(TextDocument document)
        {
            var path = document.FilePath ?? document.Name;
            var projectFile = document.Project.FilePath;
            var root = string.IsNullOrEmpty(projectFile) ? null : Path.GetDirectoryName(projectFile)?.TrimEnd('/', '\\');
            if (root == null || path.Length <= root.Length + 1 || !path.StartsWith(root, StringComparison.OrdinalIgnoreCase)) return path;
            char separator = path[root.Length];
            return separator == '/' || separator == '\\' ? path.Substring(root.Length + 1) : path;
        }
    }
}
