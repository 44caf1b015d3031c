using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Fixes;
using ConfigLint.Core.Rules;
using ConfigLint.Rules;
using ConfigLint.Rules.Fixes;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Rule options (configlint.yaml <c>options:</c>): one fixture per option in <c>OptionFixtures/&lt;option&gt;/</c> passes
    /// with the pack's default and fails, at an exact position, with the stricter value of its <c>settings.txt</c>. Fixes
    /// write the configured threshold; audits read the same options as lint. The analyzer side is in RuleOptionParityTests.
    /// </summary>
    [TestFixture]
    public sealed class RuleOptionTests : TempFolderTests
    {
        private static string OptionFixtures => Path.Combine(TestPaths.Output, "OptionFixtures");

        public static IEnumerable<TestCaseData> Fixtures() =>
            Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "OptionFixtures")).OrderBy(d => d, StringComparer.Ordinal)
                .Select(d => new TestCaseData(Path.GetFileName(d)).SetName("Option_" + Path.GetFileName(d)));

        private static string[] Lines(string output, string prefix) =>
            output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

        [TestCaseSource(nameof(Fixtures))]
        public void PassesWithTheDefaultAndFailsWithTheStricterOption(string option)
        {
            var folder = Path.Combine(OptionFixtures, option);
            Write("input.json", File.ReadAllText(Path.Combine(folder, "input.json")));
            var expected = File.ReadAllLines(Path.Combine(folder, "expected.txt")).Where(l => l.Length > 0).ToArray();
            Assert.That(expected, Is.Not.Empty, "an option fixture must expect a finding");

            var defaults = Run("lint", ".", "--root", ".");
            Assert.That(Lines(defaults.Out, "input.json"), Is.Empty, "the fixture passes with the default threshold");

            Write("configlint.yaml", File.ReadAllText(Path.Combine(folder, "settings.txt")));
            var strict = Run("lint", ".", "--root", ".");
            Assert.That(Lines(strict.Out, "input.json"), Is.EqualTo(expected), strict.Err);
            Assert.That(strict.Exit, Is.EqualTo(expected.Any(l => l.Contains(": warning ")) ? ExitCodes.Findings : ExitCodes.Success));
        }

        [Test]
        public void EveryDeclaredOptionHasAFixtureAndIsReadByARule()
        {
            var pack = IntunePack.Create();
            var folders = Directory.GetDirectories(OptionFixtures).Select(d => File.ReadAllText(Path.Combine(d, "settings.txt"))).ToList();
            foreach (var option in pack.Options)
            {
                Assert.That(folders.Any(s => s.Contains("  " + option.Name + ":")), Is.True, $"no OptionFixtures folder sets {option.Name}");
                bool read = pack.DeclarativeRules.Any(r => r.Leaves.Any(l => l.When.Options.Contains(option))) || pack.ResourceRules.Any(r => r.OptionNames.Contains(option.Name));
                Assert.That(read, Is.True, $"no rule reads option {option.Name}");
            }
            Assert.That(pack.Options.Select(o => o.Name), Is.EquivalentTo(new[] { "telemetryLevel", "inactivityMinutes", "minPinLength", "minPasswordLength", "offlineWipeDays", "gracePeriodDays" }));
        }

        /// <summary>Each rule that reads an option documents it: name, type, default and an example, under How to fix.</summary>
        [Test]
        public void EveryRuleThatReadsAnOptionDocumentsIt()
        {
            var pack = IntunePack.Create();
            var readers = pack.DeclarativeRules.SelectMany(r => r.Leaves.SelectMany(l => l.When.Options).Select(o => (r.Descriptor.Id, o.Name)))
                .Concat(pack.ResourceRules.SelectMany(r => r.OptionNames.Select(n => (r.Descriptors[0].Id, n))))
                .Distinct().ToList();
            Assert.That(readers.Select(r => r.Item1).Distinct(), Is.EquivalentTo(new[] { "CL1001", "CL2008", "CL2012", "CL2016", "CL2019", "CL2020", "CL2024" }));
            foreach (var (rule, name) in readers)
            {
                var option = pack.Options.Single(o => o.Name == name);
                var page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "rules", "docs", rule + ".md"));
                int section = page.IndexOf("### Rule option", StringComparison.Ordinal);
                Assert.That(section, Is.GreaterThan(page.IndexOf("## How to fix", StringComparison.Ordinal)).And.LessThan(page.IndexOf("## Non-compliant example", StringComparison.Ordinal)), rule);
                Assert.That(page, Does.Contain($"| `{name}` |").And.Contain($"| `{option.Default.Name}` |").And.Contain($"options:\n  {name}: "), rule);
                if (option.Levels == null) Assert.That(page, Does.Contain($"{option.Minimum} to {option.Maximum}"), rule);
            }
        }

        /// <summary>Without settings each option has today's threshold: the fix literals are the option defaults.</summary>
        [Test]
        public void FixDefaultsAreTheOptionDefaults()
        {
            var pack = IntunePack.Create();
            var defaults = RuleOptions.Defaults(pack.Options);
            foreach (var fix in IntuneFixes.All().OfType<SettingFix>())
            {
                if (fix.Spec.Option != null) Assert.That(fix.Spec.Set, Is.EqualTo(defaults.Get(fix.Spec.Option)!.Value.Canonical), fix.RuleId);
                foreach (var pair in fix.Spec.PerSettingOptions)
                {
                    Assert.That(double.Parse(fix.Spec.PerSetting[pair.Key], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(defaults.Get(pair.Value.Option)!.Value.Number * pair.Value.Times), fix.RuleId + " " + pair.Key);
                }
            }
        }

        private static FixEngine FixerWith(params (string Name, string Value)[] options)
        {
            var pack = IntunePack.Create();
            var values = RuleOptions.Create(pack.Options, options.Select(o => new KeyValuePair<string, string>(o.Name, o.Value)), (n, _, m) => Assert.Fail(m));
            return IntuneFixes.CreateEngine(new LintEngine(pack, values));
        }

        [TestCase("minPasswordLength", "12", "CL2020", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"passwordRequired\": true,\n  \"passwordMinimumLength\": 8\n}\n", "\"passwordMinimumLength\": 12")]
        [TestCase("minPasswordLength", "10", "CL2019", "{\n  \"@odata.type\": \"#microsoft.graph.iosCompliancePolicy\",\n  \"displayName\": \"I\",\n  \"passcodeRequired\": true,\n  \"passcodeMinimumLength\": 6\n}\n", "\"passcodeMinimumLength\": 10")]
        [TestCase("telemetryLevel", "security", "CL1001", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"diagnosticsDataSubmissionMode\": \"basic\"\n}\n", "\"diagnosticsDataSubmissionMode\": \"none\"")]
        [TestCase("telemetryLevel", "enhanced", "CL1001", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n", "\"diagnosticsDataSubmissionMode\": \"enhanced\"")]
        [TestCase("inactivityMinutes", "5", "CL2024", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"passwordMinutesOfInactivityBeforeScreenTimeout\": 10\n}\n", "\"passwordMinutesOfInactivityBeforeScreenTimeout\": 5")]
        public void TheFixWritesTheConfiguredThresholdAndTheFindingIsGone(string option, string value, string ruleId, string text, string expected)
        {
            var fixer = FixerWith((option, value));
            Assert.That(fixer.Lint("w.json", text).Count(f => f.RuleId == ruleId), Is.EqualTo(1), "the stricter option makes the rule fire");
            var outcome = fixer.FixAll("w.json", text, fixRule: id => id == ruleId);
            Assert.That(outcome.Text, Does.Contain(expected));
            Assert.That(fixer.Lint("w.json", outcome.Text).Where(f => f.RuleId == ruleId), Is.Empty, "the fixed value meets the configured threshold");
            // The default engine would have written the default, which the configured threshold rejects.
            var byDefault = IntuneFixes.CreateEngine(new LintEngine(IntunePack.Create())).FixAll("w.json", text, fixRule: id => id == ruleId);
            Assert.That(byDefault.Text, Does.Not.Contain(expected));
        }

        [Test]
        public void TheSecondsFormIsFixedToTheConfiguredMinutesTimesSixty()
        {
            var fixer = FixerWith(("inactivityMinutes", "5"));
            var text = File.ReadAllText(Path.Combine(OptionFixtures, "inactivitySeconds", "input.json"));
            var outcome = fixer.FixAll("w.json", text, fixRule: id => id == "CL2024");
            Assert.That(outcome.Text, Does.Contain("\"value\": 300"));
            Assert.That(fixer.Lint("w.json", outcome.Text).Where(f => f.RuleId == "CL2024"), Is.Empty);
        }

        [Test]
        public void ConfiglintFixWritesTheThresholdOfTheSettingsFile()
        {
            Write("tenant/w.json", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"passwordRequired\": true,\n  \"passwordMinimumLength\": 8\n}\n");
            Write("configlint.yaml", "options:\n  minPasswordLength: 12\n");
            var fix = Run("fix", "tenant", "--rule", "CL2020");
            Assert.That(fix.Err, Is.Empty);
            Assert.That(fix.Out, Does.Contain("(5,28): fixed CL2020: Set Device restriction minimum password length to 12\n"));
            Assert.That(File.ReadAllText(Path.Combine(_dir, "tenant", "w.json")), Does.Contain("\"passwordMinimumLength\": 12"));
            var lint = Run("lint", "tenant", "--root", ".");
            Assert.That(lint.Out, Does.Not.Contain("CL2020"));
        }

        [Test]
        public void ConfiglintFixWithABadOptionExitsTwo()
        {
            Write("tenant/w.json", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"passwordMinimumLength\": 8\n}\n");
            Write("configlint.yaml", "options:\n  minPasswordLength: 40\n");
            var fix = Run("fix", "tenant");
            Assert.That(fix.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(fix.Err, Does.Contain("configlint.yaml(2,22): error CL0009: configlint.yaml: minPasswordLength: '40' is not a whole number from 4 to 16"));
        }

        [Test]
        public void AuditsReadTheSameOptionsAsLint()
        {
            Write("tenant/w.json", File.ReadAllText(Path.Combine(OptionFixtures, "minPasswordLength", "input.json")));
            var before = Run("audit", "tenant", "--history", "a.db", "--output-dir", "q1");
            Assert.That(before.Exit, Is.EqualTo(ExitCodes.Success), before.Err);
            Assert.That(((JArray)JObject.Parse(File.ReadAllText(Path.Combine(_dir, "q1", "results.json")))["findings"]!).Where(f => (string?)f["ruleId"] == "CL2019"), Is.Empty);

            Write("configlint.yaml", "options:\n  minPasswordLength: 12\n");
            var lint = Run("lint", "tenant", "--root", ".", "--format", "json");
            var linted = ((JArray)JObject.Parse(lint.Out)["findings"]!).Where(f => (string?)f["ruleId"] == "CL2019").Select(f => ((string?)f["message"], (int?)f["line"])).ToList();
            Assert.That(linted.Count, Is.EqualTo(1));

            var after = Run("audit", "tenant", "--history", "a.db", "--output-dir", "q2");
            Assert.That(after.Exit, Is.EqualTo(ExitCodes.Success), after.Err);
            var audited = ((JArray)JObject.Parse(File.ReadAllText(Path.Combine(_dir, "q2", "results.json")))["findings"]!).Where(f => (string?)f["ruleId"] == "CL2019").ToList();
            Assert.That(audited.Select(f => (string?)f["message"]), Is.EqualTo(linted.Select(l => l.Item1)), "the audit states the same threshold as lint");

            Write("configlint.yaml", "options:\n  minPasswordLength: twelve\n");
            var broken = Run("audit", "tenant", "--history", "a.db", "--output-dir", "q3");
            Assert.That(broken.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(broken.Err, Does.Contain("configlint.yaml(2,22): error CL0009"));
        }

        [Test]
        public void ARuleOptionIsAGeneralMechanismOfThePackLanguage()
        {
            // A custom pack declares its own option and uses it as an operand and a placeholder; the engine knows only name -> value.
            const string custom = "options:\n  - { name: maxWidgets, description: Most widgets, default: 3, minimum: 1, maximum: 10 }\n" +
                "rules:\n  - id: ACME001\n    name: Acme.Widgets\n    title: Too many widgets\n    category: Custom\n    severity: warning\n    helpUri: https://example.test/ACME001\n" +
                "    property: widgets\n    when: { greater: { option: maxWidgets } }\n    message: \"{value} widgets; at most {maxWidgets}\"\n";
            var pack = IntunePack.Create(new[] { ("acme.yaml", custom) });
            var doc = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"widgets\": 5\n}\n";
            var byDefault = new LintEngine(pack).StartRun().LintText("w.json", doc).Findings.Single(f => f.RuleId == "ACME001");
            Assert.That(byDefault.Message, Is.EqualTo("5 widgets; at most 3"));
            var relaxed = RuleOptions.Create(pack.Options, new[] { new KeyValuePair<string, string>("maxWidgets", "5") });
            Assert.That(new LintEngine(pack, relaxed).StartRun().LintText("w.json", doc).Findings.Where(f => f.RuleId == "ACME001"), Is.Empty);

            var broken = custom.Replace("{ option: maxWidgets }", "{ option: maxWidget }");
            var ex = Assert.Throws<RulePackException>(() => IntunePack.Create(new[] { ("acme.yaml", broken) }))!;
            Assert.That(ex.Message, Does.StartWith("acme.yaml(11,").And.Contain("unknown option 'maxWidget'"));
        }
    }
}
