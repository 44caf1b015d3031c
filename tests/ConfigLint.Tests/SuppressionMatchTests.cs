using System;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Core.Suppressions;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>What an entry's target and setting match, on real findings.</summary>
    [TestFixture]
    public sealed class SuppressionMatchTests
    {
        private const string Telemetry = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"7f1c-AB\",\n  \"displayName\": \"Lab Telemetry\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        private static readonly DateTime Today = new DateTime(2026, 11, 29);

        private static Finding Cl1001(string path) => Lint.Text(path, Telemetry).Single(f => f.RuleId == "CL1001");

        private static bool Matches(string entry, string path, string root = "repo")
        {
            var file = SuppressionFile.Parse(root + "/configlint.suppressions.yaml", "suppressions:\n  - rule: CL1001\n    justification: j\n    owner: o\n" + entry);
            return Suppressor.Apply(Cl1001(path), path, new[] { file }, Today).Suppression != null;
        }

        [TestCase("    target: 7F1C-ab\n", true, TestName = "Graph id, any case")]
        [TestCase("    target: Lab Telemetry\n", true, TestName = "display name")]
        [TestCase("    target: lab telemetry\n", false, TestName = "display name is exact")]
        [TestCase("    target: \"*.json\"\n", true, TestName = "glob without a slash matches in any folder")]
        [TestCase("    target: Windows/*.json\n", true, TestName = "folder glob")]
        [TestCase("    target: Other/*.json\n", false, TestName = "another folder")]
        [TestCase("    target: \"**/a.json\"\n", true, TestName = "double star")]
        [TestCase("    target: Windows\n", true, TestName = "a folder name covers the files in it")]
        [TestCase("    target: Lab Telemetry\n    setting: property:diagnosticsDataSubmissionMode\n", true, TestName = "setting as form:key")]
        [TestCase("    target: Lab Telemetry\n    setting: diagnosticsDataSubmissionMode\n", true, TestName = "setting by its key alone")]
        [TestCase("    target: Lab Telemetry\n    setting: passwordRequired\n", false, TestName = "another setting")]
        public void TargetAndSetting(string entry, bool expected)
        {
            Assert.That(Matches(entry, "repo/Windows/a.json"), Is.EqualTo(expected));
        }

        [Test]
        public void AFileGovernsOnlyTheFilesUnderItsFolder()
        {
            Assert.That(Matches("    target: Lab Telemetry\n", "elsewhere/Windows/a.json"), Is.False);
            Assert.That(Matches("    target: Lab Telemetry\n", "repo-other/a.json"), Is.False);
        }

        [Test]
        public void AnEntryAppliesThroughItsExpiryDayAndCountsItsUses()
        {
            var file = SuppressionFile.Parse("configlint.suppressions.yaml", "suppressions:\n  - rule: CL1001\n    target: Lab Telemetry\n    justification: j\n    owner: o\n    expires: 2026-11-29\n");
            var finding = Cl1001("a.json");
            Assert.That(Suppressor.Apply(finding, "a.json", new[] { file }, Today).Suppression!.Expires, Is.EqualTo("2026-11-29"));
            Assert.That(file.Entries[0].Uses, Is.EqualTo(1));
            Assert.That(file.Diagnostics(Today), Is.Empty);
            Assert.That(Suppressor.Apply(finding, "a.json", new[] { file }, Today.AddDays(1)).Suppression, Is.Null);
            var expired = file.Diagnostics(Today.AddDays(1)).Single();
            Assert.That((expired.RuleId, expired.Severity, expired.Location!.Start.Line, expired.Location.Start.Column), Is.EqualTo(("CL0020", Severity.Warning, 2, 5)));
        }
    }
}
