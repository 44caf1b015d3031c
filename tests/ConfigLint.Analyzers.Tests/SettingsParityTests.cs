using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>configlint.yaml gives the same findings, scopes and severities in the CLI and in the analyzer.</summary>
    [TestFixture(Host.Ide)]
    [TestFixture(Host.CommandLine)]
    public sealed class SettingsParityTests
    {
        private readonly Host _host;

        public SettingsParityTests(Host host)
        {
            _host = host;
        }

        private const string Telemetry = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";
        private const string Branding = "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"profileName\": \"P\"\n}\n";

        public static IEnumerable<TestCaseData> Cases()
        {
            yield return new TestCaseData("no settings", new Dictionary<string, string>()).SetName("NoSettings");
            yield return new TestCaseData("tenant marker", new Dictionary<string, string> { ["tenant-b/configlint.yaml"] = "tenant: b\n" }).SetName("TenantMarker");
            yield return new TestCaseData("tenant globs", new Dictionary<string, string> { ["configlint.yaml"] = "tenants: ['tenant-*']\n" }).SetName("TenantGlobs");
            yield return new TestCaseData("rule sets", new Dictionary<string, string> { ["configlint.yaml"] = "rules: [security]\n" }).SetName("RuleSets");
            yield return new TestCaseData("exclude", new Dictionary<string, string> { ["configlint.yaml"] = "exclude: ['tenant-b/**']\n" }).SetName("Exclude");
            yield return new TestCaseData("pin", new Dictionary<string, string> { ["configlint.yaml"] = "ruleset: 0.0\n" }).SetName("Pin");
        }

        [TestCaseSource(nameof(Cases))]
        public async Task BothChannelsAgree(string name, Dictionary<string, string> settings)
        {
            var root = Path.Combine(Path.GetTempPath(), "configlint-settings-" + Guid.NewGuid().ToString("N"));
            try
            {
                Write(root, "tenant-a/Branding/b.json", Branding);
                Write(root, "tenant-a/DeviceConfigurations/t.json", Telemetry);
                Write(root, "tenant-b/Foo/b.json", Branding);
                Write(root, "tenant-b/Bar/t.json", Telemetry);
                foreach (var pair in settings) Write(root, pair.Key, pair.Value);

                var cli = Tools.CliFindings(root);
                // Only the security rule set leaves nothing here (the sample holds privacy risks and notes only).
                Assert.That(cli, name == "rule sets" ? Is.Empty : Is.Not.Empty);
                var files = Tools.ExportCandidatesUnder(root).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
                var result = await AnalyzerRunner.RunAsync(files, projectDirectory: root, host: _host);
                Assert.That(result.Exceptions, Is.Empty);
                FindingKey.AssertSame(result.Diagnostics.Select(d => FindingKey.Of(d, root)), cli, "analyzer", "CLI");
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        [Test]
        public async Task ABrokenSettingsFileIsAnErrorInTheBuildAndTheDefaultsApply()
        {
            var root = Path.Combine(Path.GetTempPath(), "configlint-settings-" + Guid.NewGuid().ToString("N"));
            try
            {
                Write(root, "t/telemetry.json", Telemetry);
                Write(root, "configlint.yaml", "rules: [security]\nrulez: [dpia]\n");
                var files = Tools.ExportCandidatesUnder(root).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
                var result = await AnalyzerRunner.RunAsync(files, projectDirectory: root, host: _host);
                var keys = result.Diagnostics.Select(d => FindingKey.Of(d, root)).ToList();
                Assert.That(keys.Where(k => k.StartsWith("CL0009", StringComparison.Ordinal)).Single(), Does.StartWith("CL0009 configlint.yaml(2,1-2,1) error: configlint.yaml: unknown key 'rulez'"));
                // Defaults: rules: [security] is not applied, so the privacy rule still reports.
                Assert.That(keys.Any(k => k.StartsWith("CL1001 t/telemetry.json", StringComparison.Ordinal)), Is.True, string.Join("\n", keys));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        private static void Write(string root, string relative, string text)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
