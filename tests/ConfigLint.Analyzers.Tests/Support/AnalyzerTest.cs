using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ConfigLint.Analyzers.Tests.Support
{
    /// <summary>Analyzer.Testing set up for a repo of JSON: no C#, no reference assemblies, nothing downloaded.</summary>
    internal sealed class AnalyzerTest : CSharpAnalyzerTest<ConfigLintAnalyzer, DefaultVerifier>
    {
        /// <summary>
        /// A test that compares only the rules in <paramref name="checkedIds"/>: the catalog keeps growing and other
        /// rules (tenant notes in particular) may fire on the same input, which is not what these tests are about.
        /// </summary>
        public static AnalyzerTest For(params string[] checkedIds)
        {
            var test = new AnalyzerTest
            {
                // No reference package: the presets need exact x.0.0 reference packs, which this registry lacks.
                ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            };
            // Analyzer.Testing refuses a project without sources; an empty one needs no references.
            test.TestState.Sources.Add("");
            test.DisabledDiagnostics.AddRange(new ConfigLintAnalyzer().SupportedDiagnostics.Select(d => d.Id).Except(checkedIds));
            return test;
        }

        /// <summary>
        /// The base enables every supported rule with <see cref="ReportDiagnostic.Default"/>, which the compiler reads
        /// as <c>/warnaserror-:ID</c> and which stops a global config from raising a warning to an error. A real build
        /// has no such entries, so they are dropped (the suppressions of DisabledDiagnostics and AD0001 stay).
        /// </summary>
        protected override Project ApplyCompilationOptions(Project project)
        {
            project = base.ApplyCompilationOptions(project);
            var options = project.CompilationOptions!;
            var specific = options.SpecificDiagnosticOptions.Where(p => p.Value != ReportDiagnostic.Default).ToImmutableDictionary();
            return project.Solution.WithProjectCompilationOptions(project.Id, options.WithSpecificDiagnosticOptions(specific)).GetProject(project.Id)!;
        }
    }
}
