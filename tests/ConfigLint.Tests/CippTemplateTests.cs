using System;
using System.IO;
using System.Linq;
using System.Text;
using ConfigLint.Cli;
using ConfigLint.Rules.Fixes;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// CIPP templates (the policy a JSON string in <c>RAWJson</c>), template-store rows (the template a JSON string in
    /// <c>JSON</c>, so the policy is a string inside a string) and backups (a list of rows): the policy is linted, every
    /// position is the exact character of the file that wrote the value, a broken inner JSON is CL0001 where it breaks,
    /// and fixes write the value back through every level of escaping.
    /// </summary>
    [TestFixture]
    public sealed class CippTemplateTests : TempFolderTests
    {
        private const string Risky = "device_vendor_msft_policy_config_system_allowtelemetry_3";

        /// <summary>
        /// A Settings Catalog policy as CIPP's New-CIPPIntuneTemplate stores it (ConvertTo-Json -Compress). The name has a
        /// backslash, an apostrophe and non-ASCII text, so the escapes before the value differ in length at every level.
        /// </summary>
        private static string Policy(string value = Risky) =>
            "{\"name\":\"Telemetry \\\\ café's – 😀\",\"description\":\"\",\"platforms\":\"windows10\",\"technologies\":\"mdm\",\"roleScopeTagIds\":[\"0\"],"
            + "\"settings\":[{\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationSetting\",\"settingInstance\":{"
            + "\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance\","
            + "\"settingDefinitionId\":\"device_vendor_msft_policy_config_system_allowtelemetry\","
            + "\"choiceSettingValue\":{\"value\":\"" + value + "\",\"children\":[]}}}]}";

        /// <summary>A JSON string literal as PowerShell writes it: non-ASCII as \u escapes, so each character maps to six.</summary>
        private static string Literal(string text) => JsonConvert.ToString(text, '"', StringEscapeHandling.EscapeNonAscii);

        /// <summary>A template as CIPP ships them in Config/*.IntuneTemplate.json.</summary>
        private static string Template(string rawJson) =>
            "{\n  \"Displayname\": \"CIPP: telemetry\",\n  \"Description\": \"Sets telemetry\",\n  \"RAWJson\": " + Literal(rawJson)
            + ",\n  \"Type\": \"Catalog\",\n  \"GUID\": \"4d9206b0-4f96-41e6-86a5-f78cdcff5069.IntuneTemplate.json\"\n}\n";

        /// <summary>A template-store row as Set-CIPPIntuneTemplate writes it: the compressed template in JSON.</summary>
        private static string Row(string rawJson, string guid = "4d9206b0-4f96-41e6-86a5-f78cdcff5069") =>
            "{\n    \"PartitionKey\": \"IntuneTemplate\",\n    \"RowKey\": \"" + guid + "\",\n    \"GUID\": \"" + guid + "\",\n    \"JSON\": "
            + Literal("{\"Displayname\":\"CIPP: telemetry\",\"Description\":\"Sets telemetry\",\"RAWJson\":" + Literal(rawJson) + ",\"Type\":\"Catalog\",\"GUID\":\"" + guid + "\"}")
            + ",\n    \"table\": \"templates\"\n}";

        /// <summary>The findings located in the file (tenant notes about what the inputs lack have no place).</summary>
        private static System.Collections.Generic.List<Finding> InFile(string path, string text) => Lint.Text(path, text).Where(f => f.Location != null).ToList();

        /// <summary>The (line, column) of <paramref name="offset"/> in <paramref name="text"/>, 1-based.</summary>
        private static (int Line, int Column) Position(string text, int offset)
        {
            int line = 1 + text.Take(offset).Count(c => c == '\n');
            int lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
            if (offset == 0) lineStart = 0;
            return (line, offset - lineStart + 1);
        }

        /// <summary>The value's string literal as the file spells it at <paramref name="depth"/> levels of strings.</summary>
        private static string Spelled(string value, int depth)
        {
            string s = "\"" + value + "\"";
            for (int i = 0; i < depth; i++) s = Literal(s).Substring(1, Literal(s).Length - 2);
            return s;
        }

        private static void AssertAt(Finding finding, string text, string spelled)
        {
            int at = text.IndexOf(spelled, StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThan(0), "the test's own spelling of the value");
            Assert.That(text.IndexOf(spelled, at + 1, StringComparison.Ordinal), Is.LessThan(0), "the spelling is unique in the file");
            var (line, column) = Position(text, at);
            var (endLine, endColumn) = Position(text, at + spelled.Length);
            var l = finding.Location!;
            Assert.That((l.Start.Line, l.Start.Column, l.End.Line, l.End.Column), Is.EqualTo((line, column, endLine, endColumn)), finding.ToString());
            Assert.That(l.StartOffset, Is.EqualTo(at));
        }

        [Test]
        public void TemplateRawJsonIsLintedAtTheEscapedValue()
        {
            var text = Template(Policy());
            var findings = InFile("Templates/4d9206b0.IntuneTemplate.json", text);
            // Full telemetry is CL1001, and CL1016 (no dump limit) on the same value.
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL1001", "CL1016" }), string.Join("\n", Lint.Lines(findings)));
            foreach (var finding in findings) AssertAt(finding, text, Spelled(Risky, 1));
            Assert.That(findings[0].Location!.Start.Line, Is.EqualTo(4), "RAWJson is on the fourth line");
        }

        [Test]
        public void StoreRowPolicyIsAStringInAStringAndStillMapsToItsCharacter()
        {
            var text = Row(Policy());
            // The policy is escaped twice: the quote before the value is written \\\" in the file.
            Assert.That(text, Does.Contain("\\\\\\\"" + Risky + "\\\\\\\""));
            var findings = InFile("cipp/templates.json", text);
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL1001", "CL1016" }), string.Join("\n", Lint.Lines(findings)));
            foreach (var finding in findings) AssertAt(finding, text, Spelled(Risky, 2));
        }

        [Test]
        public void BackupListsEveryTemplateRowReportsABrokenOneWhereItBreaksAndGoesOn()
        {
            var broken = "{\"name\":\"Broken\" \"settings\":[]}";
            var otherTable = "{\n    \"PartitionKey\": \"Standards\",\n    \"RowKey\": \"AllTenants\",\n    \"JSON\": \"{\\\"standards\\\":{}}\",\n    \"table\": \"standards\"\n}";
            var text = "[\n" + Row(Policy(), "a1") + ",\n" + Row(broken, "b2") + ",\n" + otherTable + ",\n" + Row(Policy(), "c3") + "\n]\n";
            var findings = InFile("cipp/backup.json", text).Where(f => f.RuleId != "CL1016").ToList();
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL1001", "CL0001", "CL1001" }), string.Join("\n", Lint.Lines(findings)));

            int first = text.IndexOf(Spelled(Risky, 2), StringComparison.Ordinal);
            int last = text.LastIndexOf(Spelled(Risky, 2), StringComparison.Ordinal);
            Assert.That(last, Is.GreaterThan(first));
            Assert.That(findings[0].Location!.StartOffset, Is.EqualTo(first));
            Assert.That(findings[2].Location!.StartOffset, Is.EqualTo(last));

            // The inner reader stops at the second name's opening quote: written \\\" in the file (two levels of strings).
            int fault = text.IndexOf(Spelled("settings", 2), text.IndexOf("\"RowKey\": \"b2\"", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.That(fault, Is.GreaterThan(first).And.LessThan(last));
            var invalid = findings[1];
            Assert.That(invalid.Location!.StartOffset, Is.EqualTo(fault));
            var (line, column) = Position(text, fault);
            Assert.That((invalid.Location.Start.Line, invalid.Location.Start.Column), Is.EqualTo((line, column)));
            Assert.That(invalid.Message, Does.Contain($"line {line}, column {column}"));
            Assert.That(invalid.Message, Does.Contain("the CIPP template's RAWJson string should hold a JSON document"));
        }

        [Test]
        public void AnEmptyOrNonJsonRawJsonIsAnErrorNotASilentSkip()
        {
            var text = Template("");
            var findings = InFile("t.json", text);
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL0001" }));
            Assert.That(findings[0].Message, Does.Contain("it is empty"));
            Assert.That(findings[0].Location!.StartOffset, Is.EqualTo(text.IndexOf("\"\",", StringComparison.Ordinal) + 1), "the closing quote: where the inner text ends");
        }

        [Test]
        public void AGraphListWithAnUnrelatedRowIsReadAsWritten()
        {
            // A list that is not all CIPP rows is not CIPP's: the policy in it is linted as a plain object, and the
            // template object is reported as untyped rather than dropped.
            var plain = "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"displayName\":\"W\",\"diagnosticsDataSubmissionMode\":\"full\"}";
            var text = "[" + plain + "," + Template(Policy()) + "]";
            var ids = Lint.Text("list.json", text).Select(f => f.RuleId).ToList();
            Assert.That(ids, Does.Contain("CL1001").And.Contain("CL0004"));
        }

        [Test]
        public void FixWritesTheValueBackThroughBothLevelsOfEscaping()
        {
            var fixer = IntuneFixes.CreateEngine(Lint.Engine);
            var text = Row(Policy());
            var outcome = fixer.FixAll("cipp/templates.json", text);
            Assert.That(outcome.Applied.Select(a => a.RuleId), Is.EqualTo(new[] { "CL1001" }), "CL1016 has no fix of its own and goes with CL1001");
            // Only the option's digit changes, in the file's own twice-escaped spelling.
            Assert.That(outcome.Text, Is.EqualTo(text.Replace(Spelled(Risky, 2), Spelled(Risky.Replace("_3", "_1"), 2))));
            // And it decodes to the policy with the value changed, through both strings.
            var row = JObject.Parse(outcome.Text);
            var template = JObject.Parse((string)row["JSON"]!);
            Assert.That((string)template["RAWJson"]!, Is.EqualTo(Policy(Risky.Replace("_3", "_1"))));
            Assert.That(InFile("cipp/templates.json", outcome.Text).Select(f => f.RuleId), Is.Empty);
        }

        [Test]
        public void FixCommandOnATemplateFileFixesInPlaceAndLintIsCleanAfter()
        {
            var text = Template(Policy());
            var path = Write(Path.Combine("cipp", "4d9206b0.IntuneTemplate.json"), text);
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CliApp.Run(new[] { "fix", "." }, output, error, _dir);
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(output.ToString(), Does.Contain("fixed CL1001"));
            Assert.That(File.ReadAllText(path), Is.EqualTo(text.Replace(Spelled(Risky, 1), Spelled(Risky.Replace("_3", "_1"), 1))));
            Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        }
    }
}
