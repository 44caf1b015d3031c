using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConfigLint.Configuration;
using ConfigLint.Core.Model;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>The configuration component on its own: the severity words, the key checks, the layering.</summary>
    [TestFixture]
    public sealed class ConfigurationTests
    {
        private static bool IsRule(string id) => id is "CL1001" or "CL2029";

        [TestCase("error", Severity.Error)]
        [TestCase("warning", Severity.Warning)]
        [TestCase("suggestion", Severity.Suggestion)]
        [TestCase("info", Severity.Info)]
        [TestCase("silent", Severity.None)]
        [TestCase("hidden", Severity.None)]
        [TestCase("none", Severity.None)]
        [TestCase(" Error ", Severity.Error)]
        public void EverySettingWordHasOneMeaning(string word, Severity expected)
        {
            Assert.That(SeverityNames.TryParseSetting(word, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(expected));
        }

        [Test]
        public void DefaultDefersToTheRuleAndIsNoConcreteSeverity()
        {
            Assert.That(SeverityNames.TryParseSetting("default", out var parsed), Is.True);
            Assert.That(parsed, Is.Null);
            Assert.That(SeverityNames.TryParse("default", out _), Is.False);
        }

        [TestCase("eror")]
        [TestCase("warn")]
        [TestCase("")]
        public void OtherWordsAreRejected(string word) => Assert.That(SeverityNames.TryParseSetting(word, out _), Is.False);

        [Test]
        public void EverySeverityIsWrittenFromTheOneTable()
        {
            Assert.That(new[] { Severity.Error, Severity.Warning, Severity.Suggestion, Severity.Info }.Select(s => (s.ToName(), s.Words().SarifLevel, s.Words().BuildWord, s.Words().Annotation)),
                Is.EqualTo(new[] { ("error", "error", "error", "error"), ("warning", "warning", "warning", "warning"), ("suggestion", "note", "info", "notice"), ("info", "note", "info", "notice") }));
        }

        [TestCase("[*.json]\nconfiglint.severty.CL1001 = error\n", 2, 1, "unknown ConfigLint key 'configlint.severty.cl1001'")]
        [TestCase("[*.json]\n  configlint.severity.CL9998 = error\n", 2, 3, "names no ConfigLint rule (CL9998 is unknown")]
        [TestCase("root = true\n\n[*.json]\nconfiglint.severity.CL1001 = loud # comment\n", 4, 1, "'loud' is not a severity for configlint.severity.cl1001")]
        [TestCase("is_global = true\ndotnet_diagnostic.CL1001.severity = hidden\n", 2, 1, "'hidden' is not a severity the compiler reads")]
        [TestCase("[*.json]\ndotnet_diagnostic.CL1001.severity = error\n", 2, 1, "does not reach ConfigLint findings")]
        public void ProblemsAreReportedAtTheirLine(string text, int line, int column, string message)
        {
            var problems = AnalyzerConfigValidator.Validate("repo/.editorconfig", text, IsRule);
            Assert.That(problems.Select(p => (p.Rule.Id, p.Location.Path, p.Location.Start.Line, p.Location.Start.Column)),
                Is.EqualTo(new[] { ("CL0008", "repo/.editorconfig", line, column) }));
            Assert.That(problems[0].Message, Does.Contain(message));
        }

        [Test]
        public void UnderstoodKeysAndOtherToolsKeysPass()
        {
            var text = "root = true\n[*.cs]\nindent_size = 4\ndotnet_diagnostic.CA1000.severity = none\n[*.json]\nconfiglint.severity.cl2029 = Default\nconfiglint.severity.CL1001 = silent\n";
            Assert.That(AnalyzerConfigValidator.Validate("/r/.editorconfig", text, IsRule), Is.Empty);
            Assert.That(AnalyzerConfigValidator.Validate("/r/.globalconfig", "dotnet_diagnostic.CL1001.severity = suggestion\n", IsRule), Is.Empty);
        }

        [Test]
        public void ScopedGlobalConfigsApplyUnderTheirFolderOnlyAndTheNearestWins()
        {
            var scoped = ScopedGlobalConfigs.Create(new[]
            {
                ("/repo/.globalconfig", "configlint.severity.CL1001 = error\n"), // project-wide: the compiler's, not scoped
                ("/repo/tenant-a/.globalconfig", "configlint.severity.CL1001 = none\n"),
                ("/repo/tenant-a/lab/.globalconfig", "dotnet_diagnostic.CL1001.severity = error\n"),
            }, "/repo");
            Severity For(string path, Severity project = Severity.Warning) =>
                SeverityResolver.Resolve("CL1001", project, scoped.LayersFor(path, isFolder: false, OptionLayer.Empty), applyProjectCompilerOptions: true);
            Assert.That(For("/repo/tenant-b/a.json"), Is.EqualTo(Severity.Warning));
            Assert.That(For("/repo/tenant-a/a.json"), Is.EqualTo(Severity.None));
            // configlint.severity = none drops the finding before the compiler could raise it.
            Assert.That(For("/repo/tenant-a/lab/a.json"), Is.EqualTo(Severity.None));
            Assert.That(For("/repo/tenant-ab/a.json"), Is.EqualTo(Severity.Warning));
        }

        [TestCase(ReportDiagnostic.Error, Severity.Suggestion, Severity.Error)]
        [TestCase(ReportDiagnostic.Warn, Severity.Error, Severity.Warning)]
        [TestCase(ReportDiagnostic.Info, Severity.Warning, Severity.Suggestion)]
        [TestCase(ReportDiagnostic.Info, Severity.Info, Severity.Info)]
        [TestCase(ReportDiagnostic.Hidden, Severity.Warning, Severity.None)]
        [TestCase(ReportDiagnostic.Suppress, Severity.Warning, Severity.None)]
        [TestCase(ReportDiagnostic.Default, Severity.Warning, Severity.Warning)]
        public void CompilerSeveritiesMapAsTheCompilerMapsThem(ReportDiagnostic report, Severity before, Severity after)
        {
            var layer = new OptionLayer(ImmutableDictionary<string, string>.Empty, new Dictionary<string, ReportDiagnostic> { ["CL1001"] = report });
            Assert.That(SeverityResolver.Resolve("CL1001", before, new[] { layer }, applyProjectCompilerOptions: true), Is.EqualTo(after));
            Assert.That(SeverityResolver.Resolve("CL1001", before, new[] { layer }, applyProjectCompilerOptions: false), Is.EqualTo(before));
        }
    }
}
