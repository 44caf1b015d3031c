using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    [TestFixture]
    public sealed class FingerprintTests
    {
        private const string Compact = "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"id\":\"7f1c\",\"displayName\":\"Telemetry\",\"diagnosticsDataSubmissionMode\":\"full\",\"deviceManagementBlockFactoryResetOnMobile\":false}";

        private const string Indented = "{\n  \"id\": \"7f1c\",\n\n  \"deviceManagementBlockFactoryResetOnMobile\": false,\n    \"displayName\": \"Telemetry\",\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n      \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        private static Finding Telemetry(string path, string text) =>
            Lint.Engine.StartRun().LintText(path, text).Findings.Single(f => f.RuleId == "CL1001");

        [Test]
        public void ReindentingAndReorderingKeepTheFingerprint()
        {
            var a = Telemetry(Path.Combine("tenant", "a.json"), Compact);
            var b = Telemetry(Path.Combine("tenant", "a.json"), Indented);
            Assert.That(b.Location!.Start.Line, Is.Not.EqualTo(a.Location!.Start.Line));
            Assert.That(b.Fingerprint, Is.EqualTo(a.Fingerprint));
            Assert.That(a.Fingerprint, Does.Match("^[0-9a-f]{32}$"));
        }

        [Test]
        public void SubjectNamesTheResourceAndTheSetting()
        {
            var subject = Telemetry("a.json", Compact).Subject!;
            Assert.That((subject.ResourceType, subject.ResourceId, subject.ResourceName, subject.Setting),
                Is.EqualTo(("windows10GeneralConfiguration", "7f1c", "Telemetry", "property:diagnosticsDataSubmissionMode")));
        }

        [Test]
        public void TheGraphIdIdentifiesTheResourceWhateverTheFileIsCalled()
        {
            Assert.That(Telemetry("renamed.json", Compact).Fingerprint, Is.EqualTo(Telemetry("a.json", Compact).Fingerprint));
            string withoutId = Compact.Replace("\"id\":\"7f1c\",", string.Empty);
            // Without an id the display name identifies it; another name is another resource.
            Assert.That(Telemetry("renamed.json", withoutId).Fingerprint, Is.EqualTo(Telemetry("a.json", withoutId).Fingerprint));
            Assert.That(Telemetry("a.json", withoutId.Replace("Telemetry", "Other")).Fingerprint, Is.Not.EqualTo(Telemetry("a.json", withoutId).Fingerprint));
        }

        [Test]
        public void AnotherRuleTenantOrValueSettingGivesAnotherFingerprint()
        {
            var here = Telemetry(Path.Combine("contoso", "a.json"), Compact);
            Assert.That(Telemetry(Path.Combine("fabrikam", "a.json"), Compact).Fingerprint, Is.Not.EqualTo(here.Fingerprint), "tenant");
            var other = Lint.Engine.StartRun().LintText(Path.Combine("contoso", "a.json"), Compact).Findings.Where(f => f.RuleId != "CL1001").ToList();
            Assert.That(other.Select(f => f.Fingerprint), Has.None.EqualTo(here.Fingerprint), "rule");
        }

        [Test]
        [NonParallelizable] // changes the process's working folder
        public void TheFolderTheRunStartsFromDoesNotMatter()
        {
            string root = Path.Combine(Path.GetTempPath(), "configlint-fp-" + System.Guid.NewGuid().ToString("N").Substring(0, 8), "tenant");
            Directory.CreateDirectory(root);
            string old = Directory.GetCurrentDirectory();
            try
            {
                var absolute = Telemetry(Path.Combine(root, "a.json"), Compact.Replace("\"id\":\"7f1c\",", string.Empty));
                Directory.SetCurrentDirectory(Path.GetDirectoryName(root)!);
                var relative = Telemetry(Path.Combine("tenant", "a.json"), Compact.Replace("\"id\":\"7f1c\",", string.Empty));
                Assert.That(relative.Fingerprint, Is.EqualTo(absolute.Fingerprint));
                Assert.That(FindingFingerprint.RelativePath("tenant", Path.Combine("tenant", "sub", "a.json")), Is.EqualTo("sub/a.json"));
            }
            finally
            {
                Directory.SetCurrentDirectory(old);
                Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
            }
        }
    }
}
