using System.IO;
using System.Linq;
using ConfigLint.Cli;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// configlint.suppressions.yaml through the command line: one of the seven CL2029 findings of a default enrollment
    /// restriction is accepted, with its justification kept in SARIF and JSON; expired, unused and broken entries.
    /// </summary>
    [TestFixture]
    public sealed class SuppressionTests : TempFolderTests
    {
        private const string Restriction = "Enrollment/restriction.json";

        private const string IosEntry =
            "# accepted risks\n" +
            "suppressions:\n" +
            "  - rule: CL2029\n" +
            "    target: All users and all devices\n" +
            "    setting: /iosRestriction/personalDeviceEnrollmentBlocked\n" +
            "    justification: iOS BYOD pilot approved by the CISO (RISK-42)\n" +
            "    owner: secops@contoso.example\n" +
            "    expires: EXPIRES\n";

        [SetUp]
        public void SetUp()
        {
            Directory.CreateDirectory(Path.Combine(_dir, "Enrollment"));
            File.Copy(Path.Combine(TestPaths.Fixtures, "CL2029", "fail.default-restriction.json"), Path.Combine(_dir, Restriction));
        }

        private void WriteSuppressions(string text) => File.WriteAllText(Path.Combine(_dir, "configlint.suppressions.yaml"), text);

        [TestCase(".editorconfig", "root = true\n\n[*.json]\nconfiglint.severity.CL2029 = none\n")]
        [TestCase(".globalconfig", "is_global = true\ndotnet_diagnostic.CL2029.severity = none\n")]
        public void ASuppressionOfARuleTheConfigurationTurnsOffIsNotUnused(string configName, string config)
        {
            WriteSuppressions(IosEntry.Replace("EXPIRES", "2099-12-31") +
                "  - rule: CL2029\n    target: Contractors\n    justification: never matches\n    owner: it@contoso.example\n");
            File.WriteAllText(Path.Combine(_dir, configName), config);
            var run = Run("lint", ".", "--fail-level", "suggestion");
            var lines = run.Out.Split('\n').Where(l => l.Contains(" CL2029:") || l.Contains(" CL0021:")).ToList();
            // The rule reports nothing; the first entry would suppress one of its findings, so only "Contractors" is unused.
            Assert.That(lines, Is.EqualTo(new[]
            {
                "configlint.suppressions.yaml(9,5): info CL0021: the suppression of CL2029 for 'Contractors' matched no finding; remove it or correct its target",
            }), run.Out);
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings), "the unused suggestion is at the fail level");
            Assert.That(Run("lint", ".").Exit, Is.EqualTo(ExitCodes.Success));
        }

        [Test]
        public void FutureExpirySilencesExactlyOneOfSevenAndKeepsItInSarifAndJson()
        {
            WriteSuppressions(IosEntry.Replace("EXPIRES", "2099-12-31"));

            var console = Run("lint", ".", "--fail-level", "suggestion");
            var lines = console.Out.Split('\n').Where(l => l.Contains(" CL2029:")).ToList();
            Assert.That(lines, Has.Count.EqualTo(6), console.Out);
            Assert.That(lines, Has.None.Contains("(11,40)"), "the iOS finding at line 11 is the suppressed one");
            Assert.That(console.Out, Does.Contain("; 1 suppressed"));
            Assert.That(console.Out, Does.Not.Contain("CL0021"), "the entry is used");

            var json = JObject.Parse(Run("lint", ".", "--format", "json").Out);
            var cl2029 = json["findings"]!.Where(f => (string)f["ruleId"]! == "CL2029").ToList();
            Assert.That(cl2029, Has.Count.EqualTo(7));
            var suppressed = cl2029.Where(f => (bool)f["suppressed"]!).ToList();
            Assert.That(suppressed, Has.Count.EqualTo(1));
            Assert.That(((int)suppressed[0]["line"]!, (int)suppressed[0]["column"]!), Is.EqualTo((11, 40)));
            Assert.That((string)suppressed[0]["suppression"]!["justification"]!, Is.EqualTo("iOS BYOD pilot approved by the CISO (RISK-42)"));
            Assert.That((string)suppressed[0]["suppression"]!["owner"]!, Is.EqualTo("secops@contoso.example"));
            Assert.That((int)json["summary"]!["suppressed"]!, Is.EqualTo(1));

            var sarif = JObject.Parse(Run("lint", ".", "--format", "sarif").Out);
            var schema = JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));
            Assert.That(sarif.IsValid(schema, out System.Collections.Generic.IList<string> errors), Is.True, string.Join("\n", errors));
            var results = sarif["runs"]![0]!["results"]!.Where(r => (string)r["ruleId"]! == "CL2029").ToList();
            Assert.That(results, Has.Count.EqualTo(7));
            var withSuppression = results.Where(r => r["suppressions"] != null).ToList();
            Assert.That(withSuppression, Has.Count.EqualTo(1));
            var s = withSuppression[0]["suppressions"]![0]!;
            Assert.That((string)s["kind"]!, Is.EqualTo("external"));
            Assert.That((string)s["justification"]!, Is.EqualTo("iOS BYOD pilot approved by the CISO (RISK-42)"));
            Assert.That((string)s["properties"]!["owner"]!, Is.EqualTo("secops@contoso.example"));
            Assert.That((int)s["location"]!["physicalLocation"]!["region"]!["startLine"]!, Is.EqualTo(3));
            Assert.That((int)withSuppression[0]["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!, Is.EqualTo(11));
        }

        /// <summary>The formats for people and CI runners show no suppressed finding: it is an accepted risk, not one to act on.</summary>
        [TestCase("github", "line=11,col=40")]
        [TestCase("github", "(11,40)")]
        [TestCase("azure", "(11,40)")]
        [TestCase("pretty", "  11:40 ")]
        public void ASuppressedFindingIsNoAnnotationOrLine(string format, string iosFinding)
        {
            var before = Run("lint", ".", "--format", format, "--fail-level", "none");
            Assert.That(before.Out, Does.Contain(iosFinding), "the iOS finding is reported before it is suppressed");
            WriteSuppressions(IosEntry.Replace("EXPIRES", "2099-12-31"));
            var after = Run("lint", ".", "--format", format, "--fail-level", "none");
            Assert.That(after.Exit, Is.EqualTo(ExitCodes.Success), after.Err);
            Assert.That(after.Out, Does.Not.Contain(iosFinding), after.Out);
            Assert.That(after.Out, Does.Contain("CL2029"), "the other six CL2029 findings are still reported");
        }

        [Test]
        public void ASuppressedWarningDoesNotCountTowardTheFailLevel()
        {
            File.WriteAllText(Path.Combine(_dir, "Enrollment", "telemetry.json"),
                "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"7f1c\",\n  \"displayName\": \"Telemetry\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n");
            Assert.That(Run("lint", ".").Exit, Is.EqualTo(ExitCodes.Findings));
            // By Graph id this time, and the setting by its key alone.
            WriteSuppressions("suppressions:\n  - rule: CL1001\n    target: 7F1C\n    setting: diagnosticsDataSubmissionMode\n    justification: lab devices\n    owner: lab@contoso.example\n");
            var run = Run("lint", ".");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out);
            Assert.That(run.Out, Does.Not.Contain("CL1001"));
            Assert.That(run.Out, Does.Contain("0 warning(s)").And.Contain("; 1 suppressed"));
        }

        [Test]
        public void PastExpiryIsAWarningAtTheEntryAndTheFindingIsBack()
        {
            WriteSuppressions(IosEntry.Replace("EXPIRES", "2020-01-31"));
            var run = Run("lint", ".");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings), "an expired suppression is a warning");
            Assert.That(run.Out.Split('\n').Count(l => l.Contains(" CL2029:")), Is.EqualTo(7));
            Assert.That(run.Out, Does.Contain("configlint.suppressions.yaml(3,5): warning CL0020: the suppression of CL2029 for 'All users and all devices' (owner secops@contoso.example) expired on 2020-01-31"));
        }

        [Test]
        public void AnEntryThatMatchesNothingIsASuggestionAtItsLine()
        {
            WriteSuppressions(IosEntry.Replace("EXPIRES", "2099-12-31").Replace("All users and all devices", "Contractors"));
            var run = Run("lint", ".", "--fail-level", "suggestion");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings));
            Assert.That(run.Out, Does.Contain("configlint.suppressions.yaml(3,5): info CL0021: the suppression of CL2029 for 'Contractors' setting '/iosRestriction/personalDeviceEnrollmentBlocked' matched no finding"));
            Assert.That(run.Out.Split('\n').Count(l => l.Contains(" CL2029:")), Is.EqualTo(7));
        }

        [Test]
        public void AFileGlobTargetsEveryFindingInTheFiles()
        {
            WriteSuppressions("suppressions:\n  - rule: CL2029\n    target: Enrollment/*.json\n    justification: BYOD everywhere is the policy\n    owner: cio@contoso.example\n");
            var run = Run("lint", ".");
            Assert.That(run.Out, Does.Not.Contain("CL2029"));
            Assert.That(run.Out, Does.Contain("; 7 suppressed"));
        }

        [TestCase("suppressions:\n  - rule: CL2029\n    target: x\n    owner: me\n", 2, 5, "the entry needs 'justification'")]
        [TestCase("suppressions:\n  - rule: CL2029\n    target: x\n    justification: y\n    owner: me\n    expires: 31/12/2099\n", 6, 14, "'expires' must be a date written yyyy-MM-dd")]
        [TestCase("suppressions:\n  - rule: CL2029\n    target: !!python/object x\n    justification: y\n    owner: me\n", 3, 13, "YAML tags are not allowed")]
        [TestCase("suppressions:\n  - rule: CL2029\n    target: [x\n", 4, 1, "")]
        [TestCase("supressions: []\n", 1, 1, "unknown key 'supressions'")]
        public void MalformedSuppressionsFileExitsTwoNamingFileAndLine(string text, int line, int column, string reason)
        {
            WriteSuppressions(text);
            var run = Run("lint", ".");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Err, Does.StartWith($"configlint.suppressions.yaml({line},{column}): error CL0022: {reason}"));
            Assert.That(run.Out, Is.Empty, "nothing is linted with half the suppressions");
        }

        [Test]
        public void SuppressCreatesTheFileThenAppendsKeepingCommentsAndLayout()
        {
            var first = Run("suppress", "--rule", "CL2029", "--target", "All users and all devices", "--setting", "/iosRestriction/personalDeviceEnrollmentBlocked",
                "--justification", "iOS BYOD pilot: \"approved\" by the CISO", "--owner", "secops@contoso.example", "--expires", "2099-12-31");
            Assert.That(first.Exit, Is.EqualTo(ExitCodes.Success), first.Err);
            var path = Path.Combine(_dir, "configlint.suppressions.yaml");
            var created = File.ReadAllText(path);
            Assert.That(created, Does.StartWith("# Accepted ConfigLint findings."));
            Assert.That(created, Does.Contain("  - rule: CL2029\n    target: \"All users and all devices\"\n    setting: \"/iosRestriction/personalDeviceEnrollmentBlocked\"\n    justification: \"iOS BYOD pilot: \\\"approved\\\" by the CISO\"\n    owner: \"secops@contoso.example\"\n    expires: 2099-12-31\n"));
            Assert.That(Run("lint", ".").Out, Does.Contain("; 1 suppressed"));

            // A hand-edited file with its own comments and indentation keeps them; the entry continues its list.
            File.WriteAllText(path, "# Owned by SecOps\nsuppressions:\n    - rule: CL2029   # iOS\n      target: All users and all devices\n      setting: /iosRestriction/personalDeviceEnrollmentBlocked\n      justification: pilot\n      owner: secops\n# end of list\n");
            var before = File.ReadAllText(path);
            var second = Run("suppress", "--rule", "CL2029", "--target", "All users and all devices", "--setting", "/macOSRestriction/personalDeviceEnrollmentBlocked",
                "--justification", "Mac BYOD approved", "--owner", "secops");
            Assert.That(second.Exit, Is.EqualTo(ExitCodes.Success), second.Err);
            var after = File.ReadAllText(path);
            Assert.That(after, Does.StartWith(before));
            Assert.That(after.Substring(before.Length), Is.EqualTo("    - rule: CL2029\n      target: \"All users and all devices\"\n      setting: \"/macOSRestriction/personalDeviceEnrollmentBlocked\"\n      justification: \"Mac BYOD approved\"\n      owner: \"secops\"\n"));
            Assert.That(Run("lint", ".").Out, Does.Contain("; 2 suppressed"));
        }

        [TestCase("--expires", "tomorrow", "--expires 'tomorrow' is not a date")]
        [TestCase("--rule", "1001", "--rule '1001' is not a rule ID")]
        [TestCase("--owner", " ", "--owner must not be empty")]
        public void SuppressRefusesAnIncompleteEntry(string option, string value, string message)
        {
            var args = new[] { "suppress", "--rule", "CL2029", "--target", "x", "--justification", "y", "--owner", "z" }.ToList();
            int at = args.IndexOf(option);
            if (at >= 0) args[at + 1] = value;
            else args.AddRange(new[] { option, value });
            var run = Run(args.ToArray());
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Err, Does.Contain(message));
            Assert.That(File.Exists(Path.Combine(_dir, "configlint.suppressions.yaml")), Is.False);
        }

        [Test]
        public void SuppressDoesNotTouchABrokenFile()
        {
            WriteSuppressions("suppressions:\n  - rule: CL2029\n    target: [x\n");
            var before = File.ReadAllText(Path.Combine(_dir, "configlint.suppressions.yaml"));
            var run = Run("suppress", "--rule", "CL2029", "--target", "x", "--justification", "y", "--owner", "z");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Err, Does.Contain("error CL0022"));
            Assert.That(File.ReadAllText(Path.Combine(_dir, "configlint.suppressions.yaml")), Is.EqualTo(before));
        }
    }
}
