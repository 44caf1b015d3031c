using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// What configures severities of diagnostics in JSON files. Roslyn applies dotnet_diagnostic.* from global
    /// configs only (editorconfig file sections are matched against syntax trees, and a JSON file has none), so
    /// per-folder severities go through ConfigLint's own key, configlint.severity.CLxxxx.
    /// </summary>
    public sealed class SeverityConfigurationTests
    {
        private const string Full = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        private static DiagnosticResult Cl1001(string path, DiagnosticSeverity severity) =>
            new DiagnosticResult("CL1001", severity).WithSpan(path, 3, 36, 3, 42);

        [Test]
        public async Task GlobalconfigDotnetDiagnosticSeverityApplies()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/a.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.CL1001.severity = error\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/a.json", DiagnosticSeverity.Error));
            await test.RunAsync();
        }

        [Test]
        public async Task GlobalconfigNoneSilencesTheRule()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/a.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.CL1001.severity = none\n"));
            await test.RunAsync();
        }

        [Test]
        public async Task EditorconfigSectionWithDotnetDiagnosticDoesNotReachJsonFiles()
        {
            // Characterizes Roslyn (dotnet/roslyn#31916): if this starts failing, Roslyn began honouring it; update the README.
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/a.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/repo/.editorconfig", "root = true\n[*.json]\ndotnet_diagnostic.CL1001.severity = error\n[*]\ndotnet_diagnostic.CL1001.severity = error\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/a.json", DiagnosticSeverity.Warning));
            await test.RunAsync();
        }

        [Test]
        public async Task ConfigLintSeverityKeyAppliesPerFolder()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/prod/a.json", Full));
            test.TestState.AdditionalFiles.Add(("/repo/lab/b.json", Full));
            test.TestState.AdditionalFiles.Add(("/repo/kiosk/c.json", Full));
            test.TestState.AdditionalFiles.Add(("/repo/other/d.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/repo/.editorconfig",
                "root = true\n[prod/**.json]\nconfiglint.severity.CL1001 = error\n[lab/**.json]\nconfiglint.severity.cl1001 = none\n[kiosk/*.json]\nconfiglint.severity.CL1001 = suggestion\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/prod/a.json", DiagnosticSeverity.Error));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/kiosk/c.json", DiagnosticSeverity.Info));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/other/d.json", DiagnosticSeverity.Warning));
            await test.RunAsync();
        }

        [Test]
        public async Task ConfigLintSeverityKeyInANestedEditorconfigApplies()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/lab/b.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/repo/.editorconfig", "root = true\n"));
            test.TestState.AnalyzerConfigFiles.Add(("/repo/lab/.editorconfig", "[*.json]\nconfiglint.severity.CL1001 = error\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/lab/b.json", DiagnosticSeverity.Error));
            await test.RunAsync();
        }

        [Test]
        public async Task ConfigLintSeverityKeyInAGlobalconfigAppliesEverywhere()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/a.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nconfiglint.severity.CL1001 = error\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/a.json", DiagnosticSeverity.Error));
            await test.RunAsync();
        }

        [Test]
        public async Task GlobalconfigDotnetDiagnosticWinsOverTheConfigLintKey()
        {
            // Roslyn applies its own configuration after the analyzer has chosen the severity.
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/lab/a.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/repo/.editorconfig", "root = true\n[lab/**.json]\nconfiglint.severity.CL1001 = suggestion\n"));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.CL1001.severity = error\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/lab/a.json", DiagnosticSeverity.Error));
            await test.RunAsync();
        }

        [Test]
        public async Task UnknownSeverityValueIsIgnored()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/a.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/repo/.editorconfig", "root = true\n[*.json]\nconfiglint.severity.CL1001 = eror\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/a.json", DiagnosticSeverity.Warning));
            await test.RunAsync();
        }

        [Test]
        public async Task SuggestionKeepsItsNameInTheDiagnosticProperties()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/a.json", Full));
            test.TestState.AnalyzerConfigFiles.Add(("/repo/.editorconfig", "root = true\n[*.json]\nconfiglint.severity.CL1001 = suggestion\n"));
            test.ExpectedDiagnostics.Add(Cl1001("/repo/a.json", DiagnosticSeverity.Info));
            string? seen = null;
            test.DiagnosticVerifier = (diagnostic, expected, verifier) =>
                seen = diagnostic.Properties.TryGetValue(ConfigLintAnalyzer.SeverityProperty, out var value) ? value : null;
            await test.RunAsync();
            Assert.That(seen, Is.EqualTo("suggestion"));
        }
    }
}
