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
    /// <summary>
    /// Tenant roots inferred from what files hold, and custom rule packs named in configlint.yaml, give the same findings,
    /// positions and severities in the CLI and in the analyzer (where a custom rule reports as CL0024 with its own ID first).
    /// </summary>
    [TestFixture(Host.Ide)]
    [TestFixture(Host.CommandLine)]
    public sealed class TenantRootAndPackParityTests
    {
        private readonly Host _host;

        public TenantRootAndPackParityTests(Host host)
        {
            _host = host;
        }

        private const string Branding = "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"profileName\": \"P\"\n}\n";

        private static string IosCompliance(string name, bool passcode, bool jailbreak) =>
            "{\n  \"@odata.type\": \"#microsoft.graph.iosCompliancePolicy\",\n  \"displayName\": \"" + name + "\",\n  \"passcodeRequired\": " +
            (passcode ? "true" : "false") + ",\n  \"securityBlockJailbrokenDevices\": " + (jailbreak ? "true" : "false") + "\n}\n";

        private const string Policy =
            "{\n" +
            "  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n" +
            "  \"id\": \"11111111-2222-3333-4444-555555555555\",\n" +
            "  \"displayName\": \"Acme baseline\",\n" +
            "  \"passwordRequired\": true,\n" +
            "  \"passwordMinimumLength\": 8\n" +
            "}\n";

        private const string AcmePack =
            "helpUri: https://wiki.contoso.example/configlint/{id}\n" +
            "rules:\n" +
            "  - id: ACME001\n" +
            "    name: Acme.Windows.PasswordTooShort\n" +
            "    title: Windows password shorter than the Acme standard\n" +
            "    message: \"{resource}: {form} is {value}; Acme requires at least 14\"\n" +
            "    category: Acme\n" +
            "    severity: warning\n" +
            "    types: [windows10GeneralConfiguration]\n" +
            "    property: passwordMinimumLength\n" +
            "    when: { less: 14 }\n";

        private string _root = null!;

        [SetUp]
        public void SetUp() => _root = Path.Combine(Path.GetTempPath(), "configlint-roots-" + Guid.NewGuid().ToString("N"));

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        private void Write(string relative, string text)
        {
            var path = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        /// <summary>The analyzer's keys, a custom rule's CL0024 written back under its own ID, as the CLI reports it.</summary>
        private async Task<List<string>> AnalyzerKeys(IEnumerable<string> extraFiles, IEnumerable<string>? configFiles = null)
        {
            var files = Tools.ExportCandidatesUnder(_root).Concat(extraFiles.Select(f => Path.Combine(_root, f)))
                .Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
            var result = await AnalyzerRunner.RunAsync(files, projectDirectory: _root, configFiles: configFiles?.Select(c => Path.Combine(_root, c)), host: _host);
            Assert.That(result.Exceptions, Is.Empty);
            return result.Diagnostics.Select(d =>
            {
                var key = FindingKey.Of(d, _root);
                if (d.Id != "CL0024") return key;
                var own = d.Properties[ConfigLintAnalyzer.CustomRuleIdProperty]!;
                Assert.That(d.GetMessage(), Does.StartWith(own + ": "));
                return key.Replace("CL0024 ", own + " ").Replace(": " + own + ": ", ": ");
            }).ToList();
        }

        [Test]
        public async Task UnknownFoldersOfOneObjectTypeAreOneTenantInBothChannels()
        {
            Write("tenant-a/Branding/branding.json", Branding);
            Write("tenant-a/iOS Corp/corp.json", IosCompliance("Corp", passcode: true, jailbreak: false));
            Write("tenant-a/iOS Kiosk/kiosk.json", IosCompliance("Kiosk", passcode: false, jailbreak: true));
            // A flat export of two kinds stays a tenant of its own: it misses a branding profile and says so.
            Write("tenant-b/corp.json", IosCompliance("B", passcode: true, jailbreak: true));
            Write("tenant-b/windows.json", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\"\n}\n");

            var cli = Tools.CliFindings(_root);
            Assert.That(cli.Where(k => k.StartsWith("CL2018", StringComparison.Ordinal) || k.StartsWith("CL2021", StringComparison.Ordinal)), Is.Empty);
            // No branding profile (CL1009): tenant-a has one in Branding/, tenant-b has none.
            Assert.That(cli.Where(k => k.StartsWith("CL1009 (no file)", StringComparison.Ordinal)).Select(k => k.Substring(k.IndexOf(": ", StringComparison.Ordinal) + 2).Split(':')[0]),
                Is.EqualTo(new[] { "tenant-b" }), string.Join("\n", cli));
            FindingKey.AssertSame(await AnalyzerKeys(Array.Empty<string>()), cli, "analyzer", "CLI");
        }

        [Test]
        public async Task SplitFoldersWithTwoKindsEachStayApartInBothChannels()
        {
            Write("tenant-a/iOS Corp/branding.json", Branding);
            Write("tenant-a/iOS Corp/corp.json", IosCompliance("Corp", passcode: true, jailbreak: false));
            Write("tenant-a/iOS Kiosk/branding.json", Branding);
            Write("tenant-a/iOS Kiosk/kiosk.json", IosCompliance("Kiosk", passcode: false, jailbreak: true));
            var cli = Tools.CliFindings(_root);
            Assert.That(cli.Count(k => k.StartsWith("CL2018 tenant-a/iOS Kiosk/kiosk.json(3,3-", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", cli));
            Assert.That(cli.Count(k => k.StartsWith("CL2021 tenant-a/iOS Corp/corp.json(3,3-", StringComparison.Ordinal)), Is.EqualTo(1));
            FindingKey.AssertSame(await AnalyzerKeys(Array.Empty<string>()), cli, "analyzer", "CLI");
        }

        [TestCase("")]
        [TestCase("is_global = true\ndotnet_diagnostic.ACME001.severity = error\n")]
        [TestCase("is_global = true\nconfiglint.severity.ACME001 = suggestion\n")]
        [TestCase("is_global = true\ndotnet_diagnostic.ACME001.severity = none\n")]
        public async Task ACustomRuleGivesTheSameFindingAndSeverityInBothChannels(string globalConfig)
        {
            Write("tenant/policy.json", Policy);
            Write(".configlint/acme.yaml", AcmePack);
            Write("configlint.yaml", "packs: [.configlint/acme.yaml]\n");
            var configs = new List<string>();
            if (globalConfig.Length > 0)
            {
                Write(".globalconfig", globalConfig);
                configs.Add(".globalconfig");
            }
            var cli = Tools.CliFindings(_root);
            string expectedSeverity = globalConfig.Contains("= error") ? "error" : globalConfig.Contains("= suggestion") ? "suggestion" : globalConfig.Contains("= none") ? "" : "warning";
            var acme = cli.Where(k => k.StartsWith("ACME001", StringComparison.Ordinal)).ToList();
            Assert.That(acme, expectedSeverity.Length == 0
                ? Is.Empty
                : Is.EqualTo(new[] { $"ACME001 tenant/policy.json(6,28-6,29) {expectedSeverity}: 'Acme baseline': property 'passwordMinimumLength' is 8; Acme requires at least 14" }), string.Join("\n", cli));
            FindingKey.AssertSame(await AnalyzerKeys(new[] { ".configlint/acme.yaml" }, configs), cli, "analyzer", "CLI");
        }

        [Test]
        public async Task ABrokenPackIsAnErrorAtItsLineInTheBuildAndTheBuiltInRulesStillRun()
        {
            Write("tenant/policy.json", Policy);
            Write(".configlint/acme.yaml", "rules:\n  - id: CL9999\n    name: X.Y\n");
            Write("configlint.yaml", "packs: [.configlint/acme.yaml, .configlint/missing.yaml]\n");
            var keys = await AnalyzerKeys(new[] { ".configlint/acme.yaml" });
            Assert.That(keys.Where(k => k.StartsWith("CL0025", StringComparison.Ordinal)), Is.EquivalentTo(new[]
            {
                "CL0025 .configlint/acme.yaml(2,9-2,9) error: .configlint/acme.yaml(2,9): rule id 'CL9999' uses ConfigLint's own CL prefix; give custom rules a prefix of your own, e.g. ACME001",
                "CL0025 configlint.yaml(1,1-1,1) error: rule pack '.configlint/missing.yaml' (packs:) is not among the AdditionalFiles, so its rules did not run; add <AdditionalFiles Include=\".configlint/missing.yaml\" /> to the project",
            }), string.Join("\n", keys));
            // The defaults apply: the built-in rules report (no branding profile in this export), the broken pack's file is not an export.
            // (tenant/ holds one object type directly, so it is an object-type folder of the project folder: no scope prefix.)
            Assert.That(keys.Count(k => k.StartsWith("CL1009 (no file) info: not checkable offline: no Intune branding", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", keys));
            Assert.That(keys.Where(k => k.Contains("acme.yaml") && !k.StartsWith("CL0025", StringComparison.Ordinal)), Is.Empty);
        }
    }
}
