using System.Collections.Immutable;
using System.Linq;
using ConfigLint.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ConfigLint.Analyzers.Tests.Support
{
    /// <summary>CodeFix.Testing set up like <see cref="AnalyzerTest"/>: a project of exports, no C#, nothing downloaded.</summary>
    internal sealed class CodeFixTest : CSharpCodeFixTest<ConfigLintAnalyzer, ConfigLintCodeFixProvider, DefaultVerifier>
    {
        public static CodeFixTest For(params string[] checkedIds)
        {
            var test = new CodeFixTest { ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
            test.TestState.Sources.Add("");
            test.DisabledDiagnostics.AddRange(new ConfigLintAnalyzer().SupportedDiagnostics.Select(d => d.Id).Except(checkedIds));
            return test;
        }

        protected override Project ApplyCompilationOptions(Project project)
        {
            project = base.ApplyCompilationOptions(project);
            var options = project.CompilationOptions!;
            var specific = options.SpecificDiagnosticOptions.Where(p => p.Value != ReportDiagnostic.Default).ToImmutableDictionary();
            return project.Solution.WithProjectCompilationOptions(project.Id, options.WithSpecificDiagnosticOptions(specific)).GetProject(project.Id)!;
        }
    }
}
