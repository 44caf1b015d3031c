using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Testing.Model;
using Microsoft.CodeAnalysis.Text;

namespace ConfigLint.Analyzers.Tests.Support
{
    /// <summary>
    /// CodeFix.Testing set up like <see cref="AnalyzerTest"/>: a project of exports, no C#, nothing downloaded.
    /// </summary>
    /// <remarks>
    /// CodeFix.Testing 1.1.4 compares <c>FixedState.AdditionalFiles</c> but never applies a fix to a diagnostic in an
    /// additional file: its fix loops keep only diagnostics whose location has a syntax tree
    /// (<c>project.Solution.GetDocument(diagnostic.Location.SourceTree) is object</c>), so an additional-file fix is
    /// silently not run and the test fails on unchanged content. This class keeps the library's states, markup,
    /// diagnostic verification and verifier, and runs the fix steps itself through the additional-document API
    /// (<see cref="CodeFixContext(TextDocument, Diagnostic, Action{CodeAction, ImmutableArray{Diagnostic}}, CancellationToken)"/>
    /// and a project-scope <see cref="FixAllContext"/>), then checks content, encoding and checksum algorithm of
    /// every additional file as the library does.
    /// </remarks>
    internal sealed class CodeFixTest : CSharpCodeFixTest<ConfigLintAnalyzer, ConfigLintCodeFixProvider, DefaultVerifier>
    {
        public static CodeFixTest For(params string[] checkedIds)
        {
            var test = new CodeFixTest { ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
            test.TestState.Sources.Add("");
            test.DisabledDiagnostics.AddRange(new ConfigLintAnalyzer().SupportedDiagnostics.Select(d => d.Id).Except(checkedIds));
            return test;
        }

        /// <summary>The solution after the last fix step, for byte-level checks beyond the library's text comparison.</summary>
        public Project? FixedProject { get; private set; }

        public Project? BatchFixedProject { get; private set; }

        protected override Project ApplyCompilationOptions(Project project)
        {
            project = base.ApplyCompilationOptions(project);
            var options = project.CompilationOptions!;
            var specific = options.SpecificDiagnosticOptions.Where(p => p.Value != ReportDiagnostic.Default).ToImmutableDictionary();
            return project.Solution.WithProjectCompilationOptions(project.Id, options.WithSpecificDiagnosticOptions(specific)).GetProject(project.Id)!;
        }

        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            var analyzers = GetDiagnosticAnalyzers().ToArray();
            var defaultDiagnostic = GetDefaultDiagnostic(analyzers);
            var supported = analyzers.SelectMany(a => a.SupportedDiagnostics).ToImmutableArray();
            var fixable = GetCodeFixProviders().SelectMany(p => p.FixableDiagnosticIds).ToImmutableArray();
            var testState = TestState.WithInheritedValuesApplied(null, fixable).WithProcessedMarkup(MarkupOptions, defaultDiagnostic, supported, fixable, DefaultFilePath);
            var fixedState = FixedState.WithInheritedValuesApplied(TestState.WithInheritedValuesApplied(null, fixable), fixable).WithProcessedMarkup(MarkupOptions, defaultDiagnostic, supported, fixable, DefaultFilePath);
            var batchRaw = BatchFixedState.AdditionalFiles.Count > 0 ? BatchFixedState : FixedState;
            var batchState = batchRaw.WithInheritedValuesApplied(TestState.WithInheritedValuesApplied(null, fixable), fixable).WithProcessedMarkup(MarkupOptions, defaultDiagnostic, supported, fixable, DefaultFilePath);

            await VerifyDiagnosticsAsync(new EvaluatedProjectState(testState, ReferenceAssemblies), ImmutableArray<EvaluatedProjectState>.Empty, testState.ExpectedDiagnostics.ToArray(), Verify.PushContext("Diagnostics of test state"), cancellationToken);

            var provider = GetCodeFixProviders().Single();
            var start = await CreateProjectAsync(new EvaluatedProjectState(testState, ReferenceAssemblies), ImmutableArray<EvaluatedProjectState>.Empty, cancellationToken);
            FixedProject = await FixOneByOneAsync(start, analyzers, provider, cancellationToken);
            await CompareAsync(fixedState, FixedProject, Verify.PushContext("Iterative code fix application"), cancellationToken);

            start = await CreateProjectAsync(new EvaluatedProjectState(testState, ReferenceAssemblies), ImmutableArray<EvaluatedProjectState>.Empty, cancellationToken);
            BatchFixedProject = await FixAllAsync(start, analyzers, provider, cancellationToken);
            await CompareAsync(batchState, BatchFixedProject, Verify.PushContext("Fix all in project"), cancellationToken);
        }

        private async Task<ImmutableArray<Diagnostic>> FixableAsync(Project project, DiagnosticAnalyzer[] analyzers, CodeFixProvider provider, CancellationToken cancellationToken)
        {
            var all = await GetSortedDiagnosticsAsync(project.Solution, analyzers.ToImmutableArray(), ImmutableArray<(Project, Diagnostic)>.Empty, CompilerDiagnostics, Verify, cancellationToken);
            return all.Select(d => d.diagnostic)
                .Where(d => provider.FixableDiagnosticIds.Contains(d.Id) && d.Location.Kind == LocationKind.ExternalFile)
                .ToImmutableArray();
        }

        private async Task<Project> FixOneByOneAsync(Project project, DiagnosticAnalyzer[] analyzers, CodeFixProvider provider, CancellationToken cancellationToken)
        {
            for (int iteration = 0; iteration < 100; iteration++)
            {
                bool applied = false;
                foreach (var diagnostic in await FixableAsync(project, analyzers, provider, cancellationToken))
                {
                    var document = project.AdditionalDocuments.Single(d => d.FilePath == diagnostic.Location.GetLineSpan().Path);
                    var actions = new List<CodeAction>();
                    await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), cancellationToken));
                    if (actions.Count == 0) continue;
                    project = await ApplyAsync(project, actions[0], cancellationToken);
                    applied = true;
                    break;
                }
                if (!applied) return project;
            }
            throw new InvalidOperationException("code fixes did not converge in 100 steps");
        }

        private async Task<Project> FixAllAsync(Project project, DiagnosticAnalyzer[] analyzers, CodeFixProvider provider, CancellationToken cancellationToken)
        {
            var fixAll = provider.GetFixAllProvider()!;
            for (int iteration = 0; iteration < 20; iteration++)
            {
                var diagnostics = await FixableAsync(project, analyzers, provider, cancellationToken);
                if (diagnostics.Length == 0) return project;
                var first = diagnostics[0];
                var context = new FixAllContext(project, provider, FixAllScope.Project, ConfigLintCodeFixProvider.EquivalenceKeyPrefix + first.Id,
                    provider.FixableDiagnosticIds, new Diagnostics(diagnostics), cancellationToken);
                var action = await fixAll.GetFixAsync(context);
                if (action == null) return project;
                var next = await ApplyAsync(project, action, cancellationToken);
                if (next == project) return project;
                project = next;
            }
            throw new InvalidOperationException("fix all did not converge in 20 rounds");
        }

        private static async Task<Project> ApplyAsync(Project project, CodeAction action, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken);
            var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return solution.GetProject(project.Id)!;
        }

        private static async Task CompareAsync(SolutionState expected, Project project, IVerifier verifier, CancellationToken cancellationToken)
        {
            var documents = project.AdditionalDocuments.ToArray();
            verifier.Equal(expected.AdditionalFiles.Count, documents.Length, "number of additional files");
            for (int i = 0; i < documents.Length; i++)
            {
                var actual = await documents[i].GetTextAsync(cancellationToken);
                verifier.EqualOrDiff(expected.AdditionalFiles[i].content.ToString(), actual.ToString(), $"content of '{expected.AdditionalFiles[i].filename}' did not match. Diff shown with expected as baseline:");
                verifier.Equal(expected.AdditionalFiles[i].content.Encoding, actual.Encoding, $"encoding of '{expected.AdditionalFiles[i].filename}'");
                verifier.Equal(expected.AdditionalFiles[i].content.ChecksumAlgorithm, actual.ChecksumAlgorithm, $"checksum algorithm of '{expected.AdditionalFiles[i].filename}'");
            }
        }

        /// <summary>The diagnostics of the run, as the IDE's diagnostic service would hand them to a fix-all provider.</summary>
        private sealed class Diagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _all;

            public Diagnostics(ImmutableArray<Diagnostic> all)
            {
                _all = all;
            }

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_all);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_all);
        }
    }
}
