using System.Diagnostics;
using System.IO;
using System.Linq;
using ConfigLint.Cli;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;
using ConfigLint.Rules;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>Users' own YAML rule packs: their IDs and doc links, the built-in condition language, broken packs, regex timeouts.</summary>
    [TestFixture]
    public sealed class CustomPackTests : TempFolderTests
    {
        private const string Policy =
            "{\n" +
            "  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n" +
            "  \"id\": \"11111111-2222-3333-4444-555555555555\",\n" +
            "  \"displayName\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\",\n" +
            "  \"passwordRequired\": true,\n" +
            "  \"passwordMinimumLength\": 8\n" +
            "}\n";

        private const string AcmePack =
            "# Contoso's own rules\n" +
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

        private const string BadRegexPack =
            "rules:\n" +
            "  - id: ACME002\n" +
            "    name: Acme.Naming.Convention\n" +
            "    title: Policy names follow the naming convention\n" +
            "    message: \"{resource} does not follow the naming convention\"\n" +
            "    category: Acme\n" +
            "    severity: suggestion\n" +
            "    helpUri: https://wiki.contoso.example/configlint/naming\n" +
            "    property: displayName\n" +
            "    when: { matches: \"^(a+)+$\" }\n";

        [SetUp]
        public void SetUp()
        {
            Directory.CreateDirectory(Path.Combine(_dir, "tenant"));
            Directory.CreateDirectory(Path.Combine(_dir, ".configlint"));
            File.WriteAllText(Path.Combine(_dir, "tenant", "policy.json"), Policy);
        }

        private void WritePack(string name, string text) => File.WriteAllText(Path.Combine(_dir, ".configlint", name), text);

        [Test]
        public void ACustomRuleFiresAtItsExactLineWithItsOwnDocLink()
        {
            WritePack("acme.yaml", AcmePack);
            var run = Run("lint", "tenant", "--rules", ".configlint/acme.yaml");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings), run.Err);
            var expected = Path.Combine("tenant", "policy.json") + "(6,28): warning ACME001: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!': property 'passwordMinimumLength' is 8; Acme requires at least 14";
            Assert.That(run.Out.Split('\n'), Does.Contain(expected));

            var sarif = JObject.Parse(Run("lint", "tenant", "--rules", ".configlint", "--format", "sarif").Out);
            var rule = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.Single(r => (string)r["id"]! == "ACME001");
            Assert.That((string)rule["helpUri"]!, Is.EqualTo("https://wiki.contoso.example/configlint/ACME001"));
            var result = sarif["runs"]![0]!["results"]!.Single(r => (string)r["ruleId"]! == "ACME001");
            Assert.That((int)result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!, Is.EqualTo(6));
        }

        [Test]
        public void CatastrophicRegexEndsWithATimeoutDiagnostic()
        {
            WritePack("naming.yaml", BadRegexPack);
            var watch = Stopwatch.StartNew();
            var run = Run("lint", "tenant", "--rules", ".configlint/naming.yaml");
            watch.Stop();
            Assert.That(watch.Elapsed.TotalSeconds, Is.LessThan(20), "a backtracking pattern must not hang the run");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings));
            Assert.That(run.Out, Does.Contain(Path.Combine("tenant", "policy.json") + "(4,18): warning CL0023: rule ACME002 was not checked on 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!': the regular expression '^(a+)+$' took longer than 200 ms"));
            Assert.That(run.Out, Does.Not.Contain("CL9001"));
        }

        [TestCase("rules:\n  - id: CL9999\n    name: X.Y\n", 2, 9, "rule id 'CL9999' uses ConfigLint's own CL prefix")]
        [TestCase("rules:\n  - id: acme1\n    name: X.Y\n", 2, 9, "rule id 'acme1' is not an upper-case prefix")]
        [TestCase("rules:\n  - id: ACME003\n    name: X.Y\n    title: t\n    message: m\n    category: Acme\n    severity: warning\n    property: x\n    when: { equals: 1 }\n", 2, 5, "rule ACME003 needs a doc link")]
        [TestCase("helpUri: https://x.example/{id}\nrules:\n  - id: ACME004\n    name: X.Y\n    title: t\n    message: m\n    category: Acme\n    severity: warning\n    property: x\n    when: { matches: \"(\" }\n", 10, 22, "Invalid pattern '(' at offset 1")]
        [TestCase("rules:\n  - !!python/object:os.system\n    id: ACME005\n", 2, 5, "YAML tags are not allowed in a rule pack")]
        [TestCase("rules:\n  - id: ACME006\n   name: [\n", 3, 4, "")]
        public void ABrokenPackExitsTwoNamingFileAndLine(string text, int line, int column, string reason)
        {
            WritePack("broken.yaml", text);
            var run = Run("lint", "tenant", "--rules", ".configlint/broken.yaml");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError), run.Out);
            Assert.That(run.Err, Does.StartWith($"configlint: error: {Path.Combine(".configlint", "broken.yaml")}({line},{column}): {reason}"));
            Assert.That(run.Out, Is.Empty);
        }

        [Test]
        public void PacksNamedInTheSettingsFileLoadRelativeToItAndAreNotLintedAsExports()
        {
            // A folder entry, relative to the settings file's folder, inside the linted folder.
            Directory.CreateDirectory(Path.Combine(_dir, "tenant", "rules"));
            File.WriteAllText(Path.Combine(_dir, "tenant", "rules", "acme.yaml"), AcmePack);
            File.WriteAllText(Path.Combine(_dir, "tenant", "configlint.yaml"), "packs: [rules]\n");
            var run = Run("lint", "tenant");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings), run.Err);
            var lines = run.Out.Split('\n');
            Assert.That(lines, Does.Contain(Path.Combine("tenant", "policy.json") + "(6,28): warning ACME001: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!': property 'passwordMinimumLength' is 8; Acme requires at least 14"));
            Assert.That(lines.Where(l => l.Contains("acme.yaml")), Is.Empty, "a pack is rules, not an export");

            // A file entry that goes up from the settings file's folder gives the same finding.
            WritePack("acme.yaml", AcmePack);
            File.WriteAllText(Path.Combine(_dir, "tenant", "configlint.yaml"), "packs: [../.configlint/acme.yaml]\n");
            Directory.Delete(Path.Combine(_dir, "tenant", "rules"), true);
            run = Run("lint", "tenant");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings), run.Err);
            Assert.That(run.Out.Split('\n').Count(l => l.Contains(" ACME001: ")), Is.EqualTo(1));
        }

        [Test]
        public void AnAuditJudgesWithTheCustomPacksLintJudgesWith()
        {
            // --rules, as on lint.
            WritePack("acme.yaml", AcmePack);
            var run = Run("audit", "tenant", "--rules", ".configlint/acme.yaml", "--history", "a.db", "--output-dir", "out1");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
            Assert.That(AcmeFindings("out1"), Is.EqualTo(new[] { ("ACME001", "tenant/policy.json", (int?)6, "fail") }));

            // packs: in the settings file, inside the audited folder: its rules apply, and the pack is no export.
            Directory.CreateDirectory(Path.Combine(_dir, "tenant", "rules"));
            File.WriteAllText(Path.Combine(_dir, "tenant", "rules", "acme.yaml"), AcmePack);
            File.WriteAllText(Path.Combine(_dir, "tenant", "configlint.yaml"), "packs: [rules]\n");
            run = Run("audit", "tenant", "--history", "a.db", "--output-dir", "out2");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
            Assert.That(AcmeFindings("out2"), Is.EqualTo(new[] { ("ACME001", "tenant/policy.json", (int?)6, "fail") }));
            var results = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "out2", "results.json")));
            Assert.That(results["findings"]!.Where(f => ((string?)f["file"] ?? "").Contains("acme.yaml")), Is.Empty, "a pack is rules, not an export");

            // A broken pack stops the audit as it stops lint.
            File.WriteAllText(Path.Combine(_dir, "tenant", "rules", "acme.yaml"), "rules:\n  - id: acme1\n    name: X.Y\n");
            run = Run("audit", "tenant", "--history", "a.db", "--output-dir", "out3");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Err, Does.Contain("rule id 'acme1' is not an upper-case prefix"));
        }

        private (string Rule, string? File, int? Line, string? Outcome)[] AcmeFindings(string folder) =>
            JObject.Parse(File.ReadAllText(Path.Combine(_dir, folder, "results.json")))["findings"]!
                .Where(f => ((string?)f["ruleId"] ?? "").StartsWith("ACME", System.StringComparison.Ordinal))
                .Select(f => ((string)f["ruleId"]!, (string?)f["file"], (int?)f["line"], (string?)f["outcome"])).ToArray();

        [Test]
        public void ABrokenPackNamedInTheSettingsFileExitsTwoNamingFileAndLine()
        {
            WritePack("broken.yaml", "rules:\n  - id: CL9999\n    name: X.Y\n");
            File.WriteAllText(Path.Combine(_dir, "configlint.yaml"), "packs: [.configlint/broken.yaml]\n");
            var run = Run("lint", "tenant");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError), run.Out);
            Assert.That(run.Err, Does.StartWith($"configlint: error: {Path.Combine(".configlint", "broken.yaml")}(2,9): rule id 'CL9999' uses ConfigLint's own CL prefix"));
            Assert.That(run.Out, Is.Empty);

            File.WriteAllText(Path.Combine(_dir, "configlint.yaml"), "packs: [.configlint/nowhere.yaml]\n");
            run = Run("lint", "tenant");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Err, Does.StartWith("configlint.yaml: error: rule pack not found: .configlint/nowhere.yaml"));
        }

        [Test]
        public void AMissingPackIsAUsageError()
        {
            var run = Run("lint", "tenant", "--rules", "nowhere.yaml");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Err, Does.Contain("rule pack not found: nowhere.yaml"));
        }

        [Test]
        public void CustomRulesUseTheBuiltInSettingsAndNeverShadowThem()
        {
            // The built-in packs' settings are shared: a custom rule can test a Settings Catalog setting the Intune pack declares.
            var builtIn = IntunePack.Create();
            var setting = builtIn.Settings.First(s => s.Forms.Any(f => f.Form == "settingsCatalog"));
            var pack = IntunePack.Create(new[] { ("mine.yaml", $"helpUri: https://x.example/{{id}}\nrules:\n  - id: MINE1\n    name: Mine.Rule\n    title: t\n    message: m\n    category: Mine\n    severity: error\n    setting: {setting.Id}\n    when: {{ equals: 1 }}\n") });
            var rule = pack.Descriptors.Single(d => d.Id == "MINE1");
            Assert.That(rule.IsCustom, Is.True);
            Assert.That(rule.HelpUri, Is.EqualTo("https://x.example/MINE1"));
            Assert.That(pack.Descriptors.Count, Is.EqualTo(builtIn.Descriptors.Count + 1));
            Assert.That(IntunePack.Create(), Is.SameAs(builtIn), "the built-in pack is not changed by a custom one");
            Assert.That(() => IntunePack.Create(new[] { ("dup.yaml", $"settings:\n  - id: {setting.Id}\n    forms: [ {{ form: property, key: x }} ]\n") }),
                Throws.TypeOf<RulePackException>().With.Message.Contains("is declared twice"));
            Assert.That(RuleIdentifiers.IsCustom("ACME001"), Is.True);
            Assert.That(RuleIdentifiers.IsCustom("CLX001"), Is.False);
        }
    }
}
