using System;
using System.IO;
using System.Linq;
using ConfigLint.Cli;
using ConfigLint.Configuration.Settings;
using ConfigLint.Core.Model;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>configlint.yaml: its schema, its errors, and what it changes in a CLI run (the analyzer side is in SettingsParityTests).</summary>
    [TestFixture]
    public sealed class SettingsTests : TempFolderTests
    {
        private const string Telemetry = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";
        private const string Branding = "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"profileName\": \"P\"\n}\n";

        private (int Exit, JArray Findings, string Err) Lint(params string[] extra)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CliApp.Run(new[] { "lint", ".", "--format", "json" }.Concat(extra).ToArray(), output, error, _dir);
            var text = output.ToString();
            return (exit, text.Length == 0 ? new JArray() : (JArray)JObject.Parse(text)["findings"]!, error.ToString());
        }

        private static JObject Schema() => JObject.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "rules", "configlint.schema.json")));

        [Test]
        public void TheSchemaListsExactlyWhatTheLoaderReads()
        {
            var schema = Schema();
            Assert.That(schema["additionalProperties"]!.Value<bool>(), Is.False);
            Assert.That(((JObject)schema["properties"]!).Properties().Select(p => p.Name), Is.EqualTo(ConfigLintSettings.Keys));
            Assert.That(schema["properties"]!["rules"]!["items"]!["enum"]!.Values<string>(), Is.EquivalentTo(ConfigLintSettings.RuleSets));
            // The options are the packs' declarations (options: in rules/packs): names, kinds, ranges and defaults.
            var options = (JObject)schema["properties"]!["options"]!["properties"]!;
            var declared = ConfigLint.Rules.IntunePack.Create().Options;
            Assert.That(options.Properties().Select(p => p.Name), Is.EquivalentTo(declared.Select(o => o.Name)));
            foreach (var option in declared)
            {
                var entry = options[option.Name]!;
                Assert.That((string?)entry["description"], Is.EqualTo(option.Description), option.Name);
                if (option.Levels != null)
                {
                    Assert.That(entry["enum"]!.Values<string>(), Is.EqualTo(option.Levels.Select(l => l.Name)), option.Name);
                    Assert.That((string?)entry["default"], Is.EqualTo(option.Default.Name), option.Name);
                    continue;
                }
                Assert.That(((string?)entry["type"], (int?)entry["minimum"], (int?)entry["maximum"], (int?)entry["default"]),
                    Is.EqualTo(("integer", (int?)option.Minimum, (int?)option.Maximum, (int?)option.Default.Number)), option.Name);
            }
        }

        [Test]
        public void AFileUsingEverySchemaKeyLoadsCleanly()
        {
            // Every key the schema lists, with a value the schema allows: the loader must accept all of them.
            var text = "tenant: contoso\ntenants: [customers/*]\ninclude: ['**/*.json']\nexclude: [archive/**]\nrules: [dpia, security]\nruleset: 0.1\n" +
                       "options:\n  telemetryLevel: basic\n  inactivityMinutes: 15\n  minPinLength: 6\n  minPasswordLength: 12\n  offlineWipeDays: 90\n  gracePeriodDays: 3\npacks: [packs/own.yaml]\n";
            var keys = text.Split('\n').Where(l => l.Length > 0 && l[0] != ' ').Select(l => l.Split(':')[0]);
            Assert.That(keys, Is.EquivalentTo(((JObject)Schema()["properties"]!).Properties().Select(p => p.Name)));
            var settings = SettingsLoader.Load("/r/configlint.yaml", "configlint.yaml", text, out var problems);
            Assert.That(problems, Is.Empty);
            Assert.That((settings.Tenant, settings.Ruleset, settings.Options["minPinLength"], settings.Packs.Single()), Is.EqualTo(("contoso", new Version(0, 1), "6", "packs/own.yaml")));
        }

        [TestCase("rules: [dpia\n", 2, 1, "not valid YAML")]
        [TestCase("rulez: [dpia]\n", 1, 1, "unknown key 'rulez'")]
        [TestCase("# settings\nrules: [dpia, secrity]\n", 2, 8, "unknown rule set 'secrity'")]
        [TestCase("ruleset: next\n", 1, 10, "'next' is not a version")]
        [TestCase("options:\n  minPinLength: six\n", 2, 17, "minPinLength: 'six' is not a whole number from 4 to 16")]
        [TestCase("options:\n  telemetryLevel: chatty\n", 2, 19, "telemetryLevel: 'chatty' is not one of security, basic, enhanced, full")]
        [TestCase("options:\n  minPinLength: 2\n", 2, 17, "minPinLength: '2' is not a whole number from 4 to 16")]
        [TestCase("options:\n  inactivityMinutes: [5]\n", 2, 22, "expected a value for option 'inactivityMinutes'")]
        [TestCase("options:\n  gracePeriodDays: 3.5\n", 2, 20, "gracePeriodDays: '3.5' is not a whole number from 0 to 365")]
        [TestCase("options:\n  pinLength: 6\n", 2, 3, "unknown option 'pinLength'")]
        [TestCase("include: {a: b}\n", 1, 10, "expected a list of file globs")]
        [TestCase("- a\n- b\n", 1, 1, "expected a mapping of settings")]
        public void AMalformedSettingsFileExitsTwoNamingItsFileAndLine(string text, int line, int column, string reason)
        {
            Write("tenant/risky.json", Telemetry);
            Write("configlint.yaml", text);
            var (exit, findings, error) = Lint();
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(findings, Is.Empty);
            Assert.That(error, Does.Contain($"configlint.yaml({line},{column}): error CL0009: configlint.yaml: ").And.Contain(reason));
        }

        [Test]
        public void AMalformedSettingsFileNamedBySettingsAlsoExitsTwo()
        {
            Write("risky.json", Telemetry);
            Write("conf/other.yaml", "tenant: [x\n");
            var (exit, _, error) = Lint("--settings", "conf/other.yaml");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(error, Does.Contain(Path.Combine("conf", "other.yaml") + "(2,1): error CL0009"));
        }

        [Test]
        public void BrandingAndDeviceConfigurationsFoldersAreOneTenantWithoutSettings()
        {
            Write("tenant-a/Branding/branding.json", Branding);
            Write("tenant-a/DeviceConfigurations/telemetry.json", Telemetry);
            var (_, findings, _) = Lint();
            var scopes = findings.Where(f => f["scope"] != null).Select(f => (string)f["scope"]!).Distinct();
            Assert.That(scopes, Is.EqualTo(new[] { "tenant-a" }));
        }

        [TestCase("AppProtection_MAM")]
        [TestCase("CompliancePolicies_Corp")]
        [TestCase("device configurations")]
        public void RenamedObjectTypeFoldersStayInTheirTenant(string folder)
        {
            Write($"tenant-a/{folder}/telemetry.json", Telemetry);
            Write("tenant-a/Branding/branding.json", Branding);
            var (_, findings, _) = Lint();
            Assert.That(findings.Where(f => f["scope"] != null).Select(f => (string)f["scope"]!).Distinct(), Is.EqualTo(new[] { "tenant-a" }));
        }

        [Test]
        public void AFolderWhoseSettingsSayTenantIsOneTenantWhateverItsSubfolders()
        {
            Write("tenant-b/configlint.yaml", "tenant: contoso\n");
            Write("tenant-b/Foo/branding.json", Branding);
            Write("tenant-b/Bar/telemetry.json", Telemetry);
            Write("tenant-c/Foo/branding.json", Branding);
            Write("tenant-c/Bar/telemetry.json", Telemetry);
            var (_, findings, _) = Lint();
            var scopes = findings.Where(f => f["scope"] != null).Select(f => (string)f["scope"]!).Distinct().OrderBy(s => s, StringComparer.Ordinal);
            // Without a settings file the content decides: Foo holds a branding profile only and Bar device configurations
            // only, so both are object-type folders of tenant-c.
            Assert.That(scopes, Is.EqualTo(new[] { "tenant-b", "tenant-c" }));
        }

        private static string IosCompliance(string name, bool passcode, bool jailbreak) =>
            "{\n  \"@odata.type\": \"#microsoft.graph.iosCompliancePolicy\",\n  \"displayName\": \"" + name + "\",\n  \"passcodeRequired\": " +
            (passcode ? "true" : "false") + ",\n  \"securityBlockJailbrokenDevices\": " + (jailbreak ? "true" : "false") + "\n}\n";

        [Test]
        public void OnePlatformsPoliciesSplitIntoTwoUnknownFoldersAreJudgedAsOneTenant()
        {
            // Judged apart, "iOS Corp" has no policy blocking jailbroken devices (CL2021) and "iOS Kiosk" none requiring a
            // passcode (CL2018); both hold compliance policies only, so both are object-type folders of tenant-a.
            Write("tenant-a/Branding/branding.json", Branding);
            Write("tenant-a/iOS Corp/corp.json", IosCompliance("Corp", passcode: true, jailbreak: false));
            Write("tenant-a/iOS Kiosk/kiosk.json", IosCompliance("Kiosk", passcode: false, jailbreak: true));
            var (exit, findings, err) = Lint();
            Assert.That(err, Is.Empty);
            var ids = findings.Select(f => (string)f["ruleId"]!).ToList();
            Assert.That(ids, Does.Not.Contain("CL2018").And.Not.Contain("CL2021"));
            Assert.That(findings.Where(f => f["scope"] != null).Select(f => (string)f["scope"]!).Distinct(), Is.EqualTo(new[] { "tenant-a" }));
            // Only notes remain: nothing at the default fail level (warning).
            Assert.That(exit, Is.EqualTo(0), string.Join("\n", ids));

            // The control: a second kind of object in one folder makes it a tenant of its own, judged alone.
            Write("tenant-a/iOS Kiosk/branding.json", Branding);
            (exit, findings, _) = Lint();
            var kiosk = findings.Where(f => (string?)f["ruleId"] == "CL2018").Select(f => ((string)f["path"]!, (int)f["line"]!, (int)f["column"]!)).ToList();
            Assert.That(kiosk, Is.EqualTo(new[] { ("tenant-a/iOS Kiosk/kiosk.json", 3, 3) }));
            Assert.That(exit, Is.EqualTo(1));
        }

        [Test]
        public void DeclaredTenantRootsNeverFoldIntoTheirParent()
        {
            // customers/two holds one object type, which alone would make it an object-type folder of customers.
            Write("configlint.yaml", "tenants: ['customers/*']\n");
            Write("customers/one/Foo/branding.json", Branding);
            Write("customers/one/Bar/telemetry.json", Telemetry);
            Write("customers/two/telemetry.json", Telemetry);
            var (_, findings, _) = Lint();
            var scopes = findings.Where(f => f["scope"] != null).Select(f => (string)f["scope"]!).Distinct().OrderBy(x => x, StringComparer.Ordinal);
            Assert.That(scopes, Is.EqualTo(new[] { "customers/one", "customers/two" }));
        }

        [Test]
        public void TenantGlobsMarkTenantRoots()
        {
            Write("configlint.yaml", "tenants: ['customers/*']\n");
            Write("customers/one/Foo/branding.json", Branding);
            Write("customers/one/Bar/telemetry.json", Telemetry);
            var (_, findings, _) = Lint();
            Assert.That(findings.Where(f => f["scope"] != null).Select(f => (string)f["scope"]!).Distinct(), Is.EqualTo(new[] { "customers/one" }));
        }

        [Test]
        public void IncludeAndExcludeChooseTheFiles()
        {
            Write("configlint.yaml", "exclude: ['archive/**']\n");
            Write("live/telemetry.json", Telemetry);
            Write("archive/telemetry.json", Telemetry);
            var (_, findings, _) = Lint();
            Assert.That(findings.Where(f => (string?)f["ruleId"] == "CL1001").Select(f => (string)f["path"]!), Is.EqualTo(new[] { "live/telemetry.json" }));
        }

        [TestCase("rules: [security]\n", new string[0])]
        [TestCase("rules: [dpia]\n", new[] { "CL1001" })]
        [TestCase("rules: [all]\n", new[] { "CL1001" })]
        public void RuleSetsChooseTheRules(string text, string[] expected)
        {
            Write("configlint.yaml", text);
            Write("t/telemetry.json", Telemetry);
            var (_, findings, _) = Lint();
            Assert.That(findings.Select(f => (string)f["ruleId"]!).Where(id => id == "CL1001"), Is.EqualTo(expected));
        }

        [Test]
        public void RulesNewerThanThePinReportAtMostAsSuggestions()
        {
            var releases = new ReleaseTable("## Release 0.1\n\nRule ID | Category | Severity | Notes\n--------|---|---|---\nCL1002 | Privacy | Warning | x\n", "CL1001 | Privacy | Warning | x\n", new Version(0, 2, 0));
            var pinned = SettingsLoader.Load("/r/configlint.yaml", "configlint.yaml", "ruleset: 0.1\n", out _);
            var run = RunSettings.Create(pinned, Array.Empty<ConfigLintSettings>(), Array.Empty<string>(), releases);
            var rules = ConfigLint.Rules.IntunePack.Create().Descriptors;
            RuleDescriptor Rule(string id) => rules.Single(r => r.Id == id);
            Assert.That(run.Apply(Rule("CL1001"), Severity.Warning), Is.EqualTo(Severity.Suggestion), "came in 0.2, after the pin");
            Assert.That(run.Apply(Rule("CL1002"), Severity.Warning), Is.EqualTo(Severity.Warning), "came in 0.1");
            Assert.That(run.Apply(Rule("CL1001"), Severity.Info), Is.EqualTo(Severity.Info), "already below suggestion");
            Assert.That(run.Apply(Rule("CL0001"), Severity.Error), Is.EqualTo(Severity.Error), "input diagnostics are never bounded");
        }

        [Test]
        public void ThisBuildsRulesAreAllInThePinOfItsOwnVersion()
        {
            Write("configlint.yaml", "ruleset: 0.1\n");
            Write("t/telemetry.json", Telemetry);
            var (_, findings, _) = Lint();
            Assert.That(findings.Single(f => (string?)f["ruleId"] == "CL1001")["severity"]!.ToString(), Is.EqualTo("warning"));
            Write("configlint.yaml", "ruleset: 0.0\n");
            (_, findings, _) = Lint();
            Assert.That(findings.Single(f => (string?)f["ruleId"] == "CL1001")["severity"]!.ToString(), Is.EqualTo("suggestion"));
        }
    }
}
