using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// configlint.suppressions.yaml in both channels: the same finding suppressed (kept, with its justification, in the
    /// build's SARIF), the same expired and unused entries at the same positions, a broken file at the same line.
    /// </summary>
    [TestFixture(Host.Ide)]
    [TestFixture(Host.CommandLine)]
    public sealed class SuppressionParityTests
    {
        private readonly Host _host;

        public SuppressionParityTests(Host host)
        {
            _host = host;
        }

        private const string Suppressions =
            "# accepted risks\n" +
            "suppressions:\n" +
            "  - rule: CL2029\n" +
            "    target: All users and all devices\n" +
            "    setting: /iosRestriction/personalDeviceEnrollmentBlocked\n" +
            "    justification: iOS BYOD pilot approved by the CISO (RISK-42)\n" +
            "    owner: secops@contoso.example\n" +
            "    expires: 2099-12-31\n" +
            "  - rule: CL2029\n" +
            "    target: \"*.json\"\n" +
            "    setting: /windowsRestriction/personalDeviceEnrollmentBlocked\n" +
            "    justification: lapsed\n" +
            "    owner: it@contoso.example\n" +
            "    expires: 2020-01-31\n" +
            "  - rule: CL2029\n" +
            "    target: Contractors\n" +
            "    justification: never matches\n" +
            "    owner: it@contoso.example\n";

        private string _dir = null!;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "configlint-suppression-parity", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(_dir, "Enrollment"));
            File.Copy(Path.Combine(Tools.RepoRoot, "tests", "ConfigLint.Tests", "Fixtures", "CL2029", "fail.default-restriction.json"), Path.Combine(_dir, "Enrollment", "restriction.json"));
        }

        [TearDown]
        public void TearDown()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private async Task<AnalyzerRunner.Result> Analyze()
        {
            var files = Tools.ExportCandidatesUnder(_dir).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
            Assert.That(files.Select(f => Path.GetFileName(f.Path)), Does.Contain("configlint.suppressions.yaml"), "the package's **/*.yaml glob makes it an AdditionalFile");
            var result = await AnalyzerRunner.RunAsync(files, projectDirectory: _dir, host: _host);
            Assert.That(result.Exceptions, Is.Empty);
            return result;
        }

        [Test]
        public async Task SuppressedExpiredAndUnusedAgreeWithTheCli()
        {
            File.WriteAllText(Path.Combine(_dir, "configlint.suppressions.yaml"), Suppressions);
            var cli = Tools.CliFindings(_dir);
            var result = await Analyze();
            FindingKey.AssertSame(result.Diagnostics.Select(d => FindingKey.Of(d, _dir)), cli, "analyzer", "CLI");

            // Six CL2029 left (the expired entry suppresses nothing), the expired warning and the unused suggestion at their entries.
            Assert.That(cli.Count(k => k.StartsWith("CL2029 ", StringComparison.Ordinal)), Is.EqualTo(6));
            Assert.That(cli, Has.One.StartsWith("CL0020 configlint.suppressions.yaml(9,5-9,6) warning: the suppression of CL2029 for '*.json' (owner it@contoso.example) expired on 2020-01-31"));
            Assert.That(cli, Has.One.StartsWith("CL0021 configlint.suppressions.yaml(15,5-15,6) suggestion: the suppression of CL2029 for 'Contractors' matched no finding"));

            var suppressed = result.Suppressed.Single();
            Assert.That(FindingKey.Of(suppressed, _dir), Does.StartWith("CL2029 Enrollment/restriction.json(11,40-11,45) "));
            Assert.That(suppressed.IsSuppressed, Is.True);
            Assert.That(suppressed.Properties[AnalyzerSuppressions.JustificationProperty], Is.EqualTo("iOS BYOD pilot approved by the CISO (RISK-42)"));
            Assert.That(suppressed.Properties[AnalyzerSuppressions.OwnerProperty], Is.EqualTo("secops@contoso.example"));
            Assert.That(suppressed.Properties[AnalyzerSuppressions.ExpiresProperty], Is.EqualTo("2099-12-31"));
        }

        /// <summary>
        /// A rule the configuration turns off reports nothing, so its suppression suppresses nothing; it is still no
        /// "unused" entry (it applies again once the rule is on), and neither channel says it is.
        /// </summary>
        [TestCase(".globalconfig", "is_global = true\ndotnet_diagnostic.CL2029.severity = none\n")]
        [TestCase(".editorconfig", "root = true\n\n[*.json]\nconfiglint.severity.CL2029 = none\n")]
        [TestCase(".editorconfig", "root = true\n\n[Enrollment/*.json]\nconfiglint.severity.CL2029 = silent\n")]
        public async Task ASuppressionOfADisabledRuleIsNotCalledUnusedInEitherChannel(string configName, string config)
        {
            File.WriteAllText(Path.Combine(_dir, "configlint.suppressions.yaml"), Suppressions);
            File.WriteAllText(Path.Combine(_dir, configName), config);
            var cli = Tools.CliFindings(_dir);
            var files = Tools.ExportCandidatesUnder(_dir).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
            var result = await AnalyzerRunner.RunAsync(files, projectDirectory: _dir, configFiles: new[] { Path.Combine(_dir, configName) }, host: _host);
            Assert.That(result.Exceptions, Is.Empty);
            FindingKey.AssertSame(result.Diagnostics.Select(d => FindingKey.Of(d, _dir)), cli, "analyzer", "CLI");

            Assert.That(cli.Where(k => k.StartsWith("CL2029 ", StringComparison.Ordinal)), Is.Empty);
            // The live entry (line 3) would suppress a finding of the disabled rule: not unused. "Contractors" (line 15)
            // matches no finding even with the rule on: unused, as before. The expired entry still warns.
            Assert.That(cli.Where(k => k.StartsWith("CL0021 ", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "CL0021 configlint.suppressions.yaml(15,5-15,6) suggestion: the suppression of CL2029 for 'Contractors' matched no finding; remove it or correct its target",
            }), string.Join("\n", cli));
            Assert.That(cli, Has.One.StartsWith("CL0020 configlint.suppressions.yaml(9,5-9,6) warning: "));
            Assert.That(result.Suppressed, Is.Empty, "nothing was reported, so nothing was suppressed");
        }

        [Test]
        public async Task ABrokenFileIsCL0022AtTheLineTheCliExitsWith()
        {
            File.WriteAllText(Path.Combine(_dir, "configlint.suppressions.yaml"), "suppressions:\n  - rule: CL2029\n    target: x\n    owner: me\n");
            var cli = Tools.Run(Tools.Dotnet, new[] { Path.Combine(AppContext.BaseDirectory, "configlint.dll"), "lint", "." }, _dir);
            Assert.That(cli.ExitCode, Is.EqualTo(2), cli.ToString());
            Assert.That(cli.StdErr, Does.StartWith("configlint.suppressions.yaml(2,5): error CL0022: the entry needs 'justification'"));

            var result = await Analyze();
            var error = result.Diagnostics.Single(d => d.Id == "CL0022");
            Assert.That(error.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(FindingKey.Of(error, _dir), Does.StartWith("CL0022 configlint.suppressions.yaml(2,5-2,5) error: the suppressions file is malformed, so none of its entries apply: the entry needs 'justification'"));
            Assert.That(result.Suppressed, Is.Empty, "none of a broken file's entries apply");
            Assert.That(result.Diagnostics.Count(d => d.Id == "CL2029"), Is.EqualTo(7));
        }
    }
}
