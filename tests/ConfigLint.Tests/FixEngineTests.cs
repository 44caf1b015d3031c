using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ConfigLint.Core.Fixes;
using ConfigLint.Core.Json;
using ConfigLint.Core.Text;
using ConfigLint.Rules.Fixes;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>The fix engine: minimal edits in every form and spelling, and only fixes that re-lint clean are offered.</summary>
    [TestFixture]
    public sealed class FixEngineTests
    {
        private static readonly FixEngine Fixer = IntuneFixes.CreateEngine(Lint.Engine);

        private static string FixAll(string path, string text) => Fixer.FixAll(path, text).Text;

        [Test]
        public void GraphEnumIsWrittenBackThroughTheValueMap()
        {
            const string text = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"diagnosticsDataSubmissionMode\": \"enhanced\",\n  \"passwordRequired\": true\n}\n";
            Assert.That(FixAll("w.json", text), Is.EqualTo(text.Replace("\"enhanced\"", "\"basic\"")));
        }

        [Test]
        public void OmaUriIntegerStaysAnIntegerAndAStringStaysAString()
        {
            const string text = "{\"@odata.type\":\"#microsoft.graph.windows10CustomConfiguration\",\"displayName\":\"C\",\"omaSettings\":[" +
                "{\"omaUri\":\"./Vendor/MSFT/Policy/Config/System/AllowTelemetry\",\"value\":3}," +
                "{\"omaUri\":\"./Device/Vendor/MSFT/Policy/Config/System/AllowDeviceNameInDiagnosticData\",\"value\":\"1\"}]}";
            Assert.That(FixAll("c.json", text), Is.EqualTo(text.Replace("\"value\":3", "\"value\":1").Replace("\"value\":\"1\"", "\"value\":\"0\"")));
        }

        [Test]
        public void AdmxDropdownValueKeepsItsKind()
        {
            const string text = "{\"@odata.type\":\"#microsoft.graph.groupPolicyConfiguration\",\"displayName\":\"A\",\"definitionValues\":[{\"enabled\":true," +
                "\"definition\":{\"displayName\":\"Allow Telemetry\"},\"presentationValues\":[{\"value\":\"3\"}]}]}";
            Assert.That(FixAll("a.json", text), Is.EqualTo(text.Replace("{\"value\":\"3\"}", "{\"value\":\"1\"}")));
        }

        [TestCase("value: device_vendor_msft_policy_config_system_allowtelemetry_3", "value: device_vendor_msft_policy_config_system_allowtelemetry_1")]
        [TestCase("value: 'device_vendor_msft_policy_config_system_allowtelemetry_3'", "value: 'device_vendor_msft_policy_config_system_allowtelemetry_1'")]
        [TestCase("value: \"device_vendor_msft_policy_config_system_allowtelemetry_3\"", "value: \"device_vendor_msft_policy_config_system_allowtelemetry_1\"")]
        public void IntuneCdYamlKeepsItsQuotingStyle(string before, string after)
        {
            string yaml = "name: T\nplatforms: windows10\ntechnologies: mdm\nsettings:\n- id: '0'\n  settingInstance:\n    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance'\n" +
                "    settingDefinitionId: device_vendor_msft_policy_config_system_allowtelemetry\n    choiceSettingValue:\n      " + before + "\n      children: []\n";
            Assert.That(FixAll("Settings Catalog/T.yaml", yaml), Is.EqualTo(yaml.Replace(before, after)));
        }

        [Test]
        public void YamlPlainStringThatWouldReadAsANumberIsQuoted()
        {
            var document = YamlTreeParser.Parse(new SourceText("x.yaml", "a: abc\n"), out _)!;
            var node = ((JsonObject)document.Root)["a"]!;
            var edit = DocumentEdits.ReplaceScalar(document, node, ScalarValue.String("1"))!;
            Assert.That(TextEdit.Apply(document.Original.Text, new[] { edit }), Is.EqualTo("a: '1'\n"));
        }

        [Test]
        public void MissingPropertyIsInsertedWithTheObjectsIndentationSeparatorAndLineEnding()
        {
            // PowerShell's ConvertTo-Json: four-space indent, two spaces after the colon, CRLF.
            const string text = "{\r\n    \"@odata.type\":  \"#microsoft.graph.intuneBrandingProfile\",\r\n    \"displayName\":  \"Contoso\",\r\n    \"disableClientTelemetry\":  true,\r\n    \"roleScopeTagIds\":  [\r\n                            \"0\"\r\n                        ]\r\n}\r\n";
            string expected = text.Replace("                        ]\r\n}", "                        ],\r\n    \"sendDeviceOwnershipChangePushNotification\":  true\r\n}");
            Assert.That(FixAll("IntuneBranding/Contoso.json", text), Is.EqualTo(expected));
        }

        [Test]
        public void MissingPropertyOnAOneLineObjectStaysOnOneLine()
        {
            const string text = "{\"@odata.type\":\"#microsoft.graph.intuneBrandingProfile\",\"displayName\":\"C\",\"sendDeviceOwnershipChangePushNotification\":true}";
            Assert.That(FixAll("b.json", text), Is.EqualTo(text.Replace("true}", "true, \"disableClientTelemetry\":true}")));
        }

        [Test]
        public void MissingPropertyIsInsertedIntoYamlAtTheKeysColumn()
        {
            const string yaml = "'@odata.type': '#microsoft.graph.intuneBrandingProfile'\ndisplayName: Contoso\ndisableClientTelemetry: true\nroleScopeTagIds:\n- '0'\n";
            Assert.That(FixAll("Intune Branding/Contoso.yaml", yaml), Is.EqualTo(yaml + "sendDeviceOwnershipChangePushNotification: true\n"));
        }

        [Test]
        public void DoubleEncodedValueIsWrittenWithTheOuterEscaping()
        {
            const string inner = "{\r\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\r\n  \"displayName\": \"It's W\",\r\n  \"diagnosticsDataSubmissionMode\": \"full\"\r\n}";
            string outer = "\"" + DocumentEdits.EscapeJson(inner, htmlSafe: true) + "\"";
            Assert.That(outer, Does.Contain("\\u0027").And.Contain("\\r\\n"));
            Assert.That(FixAll("w_Settings.json", outer), Is.EqualTo(outer.Replace("\\\"full\\\"", "\\\"basic\\\"")));
        }

        [Test]
        public void AnyOfRuleFixesEveryMatchOfTheResource()
        {
            const string text = "{\"@odata.type\":\"#microsoft.graph.windows10CompliancePolicy\",\"displayName\":\"C\",\"passwordMinutesOfInactivityBeforeLock\":60}";
            Assert.That(FixAll("c.json", text), Is.EqualTo(text.Replace(":60", ":15")));
        }

        /// <summary>Writes a value that leaves the finding in place.</summary>
        private sealed class DoesNotRemoveItsFinding : RuleFix
        {
            public override string RuleId => "CL1001";
            public override string Title => "Set telemetry to enhanced";
            public override IReadOnlyList<TextEdit>? GetEdits(FixContext context) =>
                new[] { new TextEdit(context.Finding.Location!.StartOffset, context.Finding.Location.EndOffset, "\"enhanced\"") };
        }

        /// <summary>Removes its finding, but by writing Security... and turning another rule's finding on.</summary>
        private sealed class AddsAFinding : RuleFix
        {
            public override string RuleId => "CL1001";
            public override string Title => "Set telemetry to basic and break password length";
            public override IReadOnlyList<TextEdit>? GetEdits(FixContext context)
            {
                var text = context.Document.Original.Text;
                int at = text.IndexOf("\"passwordMinimumLength\": 8", StringComparison.Ordinal) + "\"passwordMinimumLength\": ".Length;
                return new[]
                {
                    new TextEdit(context.Finding.Location!.StartOffset, context.Finding.Location.EndOffset, "\"basic\""),
                    new TextEdit(at, at + 1, "4"),
                };
            }
        }

        /// <summary>Produces JSON that no longer parses.</summary>
        private sealed class BreaksTheFile : RuleFix
        {
            public override string RuleId => "CL1001";
            public override string Title => "Break the file";
            public override IReadOnlyList<TextEdit>? GetEdits(FixContext context) =>
                new[] { new TextEdit(context.Finding.Location!.StartOffset, context.Finding.Location.EndOffset, "basic") };
        }

        private const string Restrictions = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"diagnosticsDataSubmissionMode\": \"full\",\n  \"passwordRequired\": true,\n  \"passwordMinimumLength\": 8\n}\n";

        [Test]
        public void AFixThatDoesNotRemoveItsFindingOrAddsOneOrBreaksTheFileIsNotOffered()
        {
            foreach (var bad in new RuleFix[] { new DoesNotRemoveItsFinding(), new AddsAFinding(), new BreaksTheFile() })
            {
                var fixer = new FixEngine(Lint.Engine, new IRuleFix[] { bad });
                var finding = fixer.Lint("w.json", Restrictions).Single(f => f.RuleId == "CL1001");
                Assert.That(bad.GetEdits(new FixContext(JsonParser.Parse(new SourceText("w.json", Restrictions), out _, Lint.Engine.Pack.Shape)!, Array.Empty<ConfigLint.Core.Model.Resource>(), finding, Lint.Engine.Pack, RuleFixOptions.Defaults)), Is.Not.Empty, bad.GetType().Name);
                Assert.That(fixer.GetFix("w.json", Restrictions, "CL1001", finding.Location!.StartOffset), Is.Null, bad.GetType().Name);
                var outcome = fixer.FixAll("w.json", Restrictions);
                Assert.That(outcome.Changed, Is.False, bad.GetType().Name);
                Assert.That(outcome.Applied, Is.Empty, bad.GetType().Name);
            }
            // The pack's own fix for the same finding is offered.
            var good = Fixer.GetFix("w.json", Restrictions, "CL1001", Fixer.Lint("w.json", Restrictions).Single(f => f.RuleId == "CL1001").Location!.StartOffset);
            Assert.That(good!.Edits.Single().NewText, Is.EqualTo("\"basic\""));
        }

        [Test]
        public void RuleOptionSeamChangesTheWrittenValue()
        {
            var fixer = IntuneFixes.CreateEngine(Lint.Engine, RuleFixOptions.FromLookup((rule, option) => rule == "CL2020" && option == "minPasswordLength" ? "8" : null));
            string text = Restrictions.Replace("\"passwordMinimumLength\": 8", "\"passwordMinimumLength\": 4");
            Assert.That(fixer.FixAll("w.json", text, fixRule: id => id == "CL2020").Text, Is.EqualTo(Restrictions));
        }

        [Test]
        public void EveryDocPageSaysWhetherItsRuleHasAFix()
        {
            foreach (var rule in Lint.Engine.Rules)
            {
                var page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "rules", "docs", rule.Id + ".md"));
                int at = page.IndexOf("**Automatic fix:** ", StringComparison.Ordinal);
                Assert.That(at, Is.GreaterThan(page.IndexOf("## How to fix", StringComparison.Ordinal)), $"{rule.Id}.md has no 'Automatic fix' line under How to fix");
                string line = page.Substring(at, page.IndexOf('\n', at) - at);
                if (Fixer.HasFix(rule.Id)) Assert.That(line, Does.StartWith("**Automatic fix:** `configlint fix`"), rule.Id);
                else Assert.That(line, Does.StartWith("**Automatic fix:** none."), rule.Id);
            }
        }

        /// <summary>Every failing fixture of a rule with a fix is fixed: the rule's findings are gone, nothing new appears.</summary>
        [Test]
        public void EveryFailingFixtureOfAFixableRuleIsFixed()
        {
            int files = 0;
            foreach (var ruleId in Fixer.Fixes.Keys)
            {
                var dir = Path.Combine(TestPaths.Fixtures, ruleId);
                foreach (var file in Directory.GetFiles(dir, "fail.*").Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)))
                {
                    var encoded = EncodedFile.TryDecode(File.ReadAllBytes(file), out _)!;
                    string path = Path.GetFileName(file);
                    var before = Fixer.Lint(path, encoded.Text);
                    var outcome = Fixer.FixAll(path, encoded.Text);
                    var after = Fixer.Lint(path, outcome.Text);
                    Assert.That(before.Count(f => f.RuleId == ruleId), Is.GreaterThan(0), file);
                    Assert.That(after.Where(f => f.RuleId == ruleId).Select(f => f.ToString()), Is.Empty, file);
                    Assert.That(after.Select(f => f.RuleId + f.Message).Except(before.Select(f => f.RuleId + f.Message)), Is.Empty, file);
                    // Minimal: each edit replaces at most one value (never a line break) or inserts at one point.
                    foreach (var edit in outcome.Applied.SelectMany(a => a.Edits))
                    {
                        var replaced = encoded.Text.Substring(edit.Start, edit.End - edit.Start);
                        Assert.That(replaced.IndexOfAny(new[] { '\r', '\n' }), Is.LessThan(0), $"{file}: {edit}");
                        Assert.That(replaced.Length, Is.LessThanOrEqualTo(200), $"{file}: {edit}");
                    }
                    files++;
                }
            }
            Assert.That(files, Is.GreaterThan(20));
        }
    }
}
