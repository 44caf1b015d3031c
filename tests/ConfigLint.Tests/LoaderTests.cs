using System.Linq;
using System.Text;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using ConfigLint.Rules.Typing;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    [TestFixture]
    public sealed class LoaderTests
    {
        private static JsonDocument Parse(string text)
        {
            var doc = JsonParser.Parse(new SourceText("t.json", text), out var failure, ExportDocumentShape.Instance);
            Assert.That(failure, Is.Null, failure?.Message);
            return doc!;
        }

        private static (int Line, int Col, int EndLine, int EndCol) Span(JsonDocument doc, JsonNode node)
        {
            var loc = doc.GetLocation(node);
            return (loc.Start.Line, loc.Start.Column, loc.End.Line, loc.End.Column);
        }

        [Test]
        public void EveryTokenKindKeepsItsExactSpan()
        {
            var text = "{\r\n  \"a\\\"b\" :  \"x\\\"y\",\n \"n\": -12.5e3, \"t\": true, \"z\": null,\r \"arr\": [ 1 , {\"q\":\"\"} ] }";
            var doc = Parse(text);
            var root = (JsonObject)doc.Root;
            var a = root.GetProperty("a\"b")!;
            Assert.That(doc.GetNameLocation(a).Start, Is.EqualTo(new LinePosition(2, 3)));
            Assert.That(doc.GetNameLocation(a).End, Is.EqualTo(new LinePosition(2, 9)));
            Assert.That(Span(doc, a.Value), Is.EqualTo((2, 13, 2, 19)));
            Assert.That(a.Value.ScalarText, Is.EqualTo("x\"y"));
            Assert.That(Span(doc, root["n"]!), Is.EqualTo((3, 7, 3, 14)));
            Assert.That(root["n"]!.ScalarText, Is.EqualTo("-12.5e3"), "numbers keep their text as written");
            Assert.That(Span(doc, root["t"]!), Is.EqualTo((3, 21, 3, 25)));
            Assert.That(Span(doc, root["z"]!), Is.EqualTo((3, 32, 3, 36)));
            var arr = (JsonArray)root["arr"]!;
            Assert.That(Span(doc, arr), Is.EqualTo((4, 9, 4, 25)), "a bare \\r is a line break, as Newtonsoft counts it");
            Assert.That(Span(doc, arr.Items[0]), Is.EqualTo((4, 11, 4, 12)));
            Assert.That(Span(doc, ((JsonObject)arr.Items[1])["q"]!), Is.EqualTo((4, 20, 4, 22)));
            Assert.That(Span(doc, root), Is.EqualTo((1, 1, 4, 27)));
        }

        [Test]
        public void ODataFullMetadataNoiseIsDropped()
        {
            var doc = Parse("{\"@odata.type\":\"#microsoft.graph.x\",\"@odata.id\":\"a\",\"@odata.editLink\":\"b\",\"name@odata.type\":\"#String\",\"name\":\"n\"," +
                "\"assignments@odata.associationLink\":\"l\",\"#microsoft.graph.assign\":{\"title\":\"t\",\"target\":\"u\"},\"definition@odata.bind\":\"d\",\"@odata.context\":\"c\"}");
            var names = ((JsonObject)doc.Root).Properties.Select(p => p.Name).ToList();
            Assert.That(names, Is.EqualTo(new[] { "@odata.type", "name", "definition@odata.bind", "@odata.context" }));
        }

        [TestCase("{\n  \"a\": [1,\n }", 3, 2, TestName = "Malformed: bracket mismatch")]
        [TestCase("{\n  \"a\": tru }", 2, 11, TestName = "Malformed: bad literal")]
        [TestCase("{\"a\":1} x", 1, 9, TestName = "Malformed: text after the value")]
        [TestCase("{\n  \"a\": {\n    \"b\": 1", 3, 11, TestName = "Truncated: unclosed objects")]
        [TestCase("{\n  \"a\": \"abc", 2, 12, TestName = "Truncated: unterminated string")]
        public void BadJsonGivesOneErrorAtTheFault(string text, int line, int column)
        {
            var findings = Lint.Text("bad.json", text);
            Assert.That(findings.Count, Is.EqualTo(1), string.Join("\n", Lint.Lines(findings)));
            Assert.That(findings[0].RuleId, Is.EqualTo(RuleIdentifiers.InvalidJson));
            Assert.That(findings[0].Severity, Is.EqualTo(Severity.Error));
            Assert.That(findings[0].Location!.Start, Is.EqualTo(new LinePosition(line, column)));
            Assert.That(findings[0].Message, Does.Contain($"line {line}, column {column}"));
        }

        [TestCase("")]
        [TestCase("  \r\n\t ")]
        public void EmptyFileIsAnError(string text)
        {
            var findings = Lint.Text("empty.json", text);
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.EmptyFile }));
            Assert.That(findings[0].Location!.Path, Is.EqualTo("empty.json"));
        }

        [Test]
        public void InvalidUtf8IsUnreadableAndTheRunGoesOn()
        {
            var run = Lint.Engine.StartRun();
            var bad = run.LintBytes("bad.json", new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' });
            Assert.That(bad.Findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.UnreadableFile }));
            Assert.That(bad.Findings[0].Message, Does.Contain("not valid text"));
            var good = run.LintText("good.json", Policy("full"));
            Assert.That(good.Findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL1001" }));
        }

        // Found by the fuzz campaign: YamlDotNet skips a second BOM in silence, where the JSON reader refuses it.
        [TestCase("p.json", "{\"a\": 1}")]
        [TestCase("p.yaml", "a: 1\n")]
        [TestCase("p.yml", "a: 1\n")]
        public void ASecondByteOrderMarkIsAnErrorAtTheStartInJsonAndYaml(string path, string text)
        {
            var bom = new UTF8Encoding(true).GetPreamble();
            var bytes = bom.Concat(bom).Concat(new UTF8Encoding(false).GetBytes(text)).ToArray();
            var result = Lint.Engine.StartRun().LintBytes(path, bytes);
            Assert.That(result.Findings.Select(f => (f.RuleId, f.Location!.Start)), Is.EqualTo(new[] { (RuleIdentifiers.InvalidJson, new LinePosition(1, 1)) }));
        }

        private static string Policy(string mode) =>
            "{\r\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\r\n  \"displayName\": \"Ü – ünïcödé\",\r\n  \"diagnosticsDataSubmissionMode\": \"" + mode + "\"\r\n}\r\n";

        [TestCase("utf-8")]
        [TestCase("utf-8-bom")]
        [TestCase("utf-16le-bom")]
        [TestCase("utf-16be-bom")]
        [TestCase("utf-16le-nobom")]
        public void EveryEncodingGivesTheSamePositions(string encoding)
        {
            var text = Policy("full");
            byte[] bytes = encoding switch
            {
                "utf-8" => new UTF8Encoding(false).GetBytes(text),
                "utf-8-bom" => new UTF8Encoding(true).GetPreamble().Concat(new UTF8Encoding(false).GetBytes(text)).ToArray(),
                "utf-16le-bom" => new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
                "utf-16be-bom" => new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(),
                _ => Encoding.Unicode.GetBytes(text),
            };
            var result = Lint.Engine.StartRun().LintBytes("p.json", bytes);
            Assert.That(Lint.Lines(result.Findings), Is.EqualTo(new[]
            {
                "p.json(4,36): warning CL1001: Windows diagnostic data is above Basic/Required (1): property 'diagnosticsDataSubmissionMode' is 'full'; set it to Basic/Required (1) or lower",
            }));
            Assert.That(result.Findings[0].Location!.End, Is.EqualTo(new LinePosition(4, 42)));
        }

        [Test]
        public void CollectionPageElementsAreResourcesWithTheirOwnPositions()
        {
            var text = "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations\",\"value\":[\n" +
                "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"displayName\":\"A\",\"diagnosticsDataSubmissionMode\":\"full\"},\n" +
                "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"displayName\":\"B\",\"diagnosticsDataSubmissionMode\":\"basic\"},\n" +
                "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"displayName\":\"C\",\"diagnosticsDataSubmissionMode\":\"userDefined\"}]}";
            var run = Lint.Engine.StartRun();
            var result = run.LintText("page.json", text);
            Assert.That(result.ResourceCount, Is.EqualTo(3));
            Assert.That(result.Findings.Select(f => (f.RuleId, f.Location!.Start.Line, f.Location.Start.Column)),
                Is.EqualTo(new[] { ("CL1001", 2, 115), ("CL1002", 4, 115) }));
        }

        [Test]
        public void DocsSampleValueWrapperIsUnwrapped()
        {
            var result = Lint.Engine.StartRun().LintText("x.json", "{\"value\":{\"@odata.type\":\"#microsoft.graph.intuneBrandingProfile\",\"profileName\":\"P\",\"disableClientTelemetry\":false,\"sendDeviceOwnershipChangePushNotification\":true,\"privacyUrl\":\"https://contoso.example/privacy\"}}");
            Assert.That(result.Findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL1006" }));
        }

        [Test]
        public void DoubleEncodedSettingsFileMapsPositionsToTheFile()
        {
            // IntuneManagement's *_Settings.json: a JSON string literal whose content is JSON.
            var inner = "{ \"settings\": [\r\n    {\r\n        \"definitionId\":  \"deviceConfiguration--windows10EndpointProtectionConfiguration_bitLockerEncryptDevice\",\r\n        \"valueJson\":  \"true\"\r\n    }\r\n] }";
            var outer = Newtonsoft.Json.JsonConvert.ToString(inner);
            var doc = JsonParser.Parse(new SourceText("Prod_Settings.json", outer), out var failure, ExportDocumentShape.Instance);
            Assert.That(failure, Is.Null);
            Assert.That(doc!.WasDoubleEncoded, Is.True);
            var setting = (JsonObject)((JsonArray)((JsonObject)doc.Root)["settings"]!).Items[0];
            var valueJson = setting["valueJson"]!;
            Assert.That(valueJson.ScalarText, Is.EqualTo("true"));
            var location = doc.GetLocation(valueJson);
            int expected = outer.IndexOf("\\\"true\\\"", System.StringComparison.Ordinal);
            Assert.That(location.Start, Is.EqualTo(new LinePosition(1, expected + 1)), "the escaped quote before true");
            Assert.That(location.End, Is.EqualTo(new LinePosition(1, expected + 1 + "\\\"true\\\"".Length)));
        }

        [Test]
        public void DoubleEncodedFileWithBrokenInnerJsonPointsIntoTheString()
        {
            var outer = Newtonsoft.Json.JsonConvert.ToString("{ \"settings\": [ 1, ] ");
            var findings = Lint.Text("x_Settings.json", outer);
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.InvalidJson }));
            Assert.That(findings[0].Message, Does.Contain("double-encoded"));
            // The inner object is never closed, so the fault is the end of the inner text: the outer closing quote.
            Assert.That(findings[0].Location!.Start, Is.EqualTo(new LinePosition(1, outer.Length)));
            Assert.That(findings[0].Message, Does.Contain("expected '}'"));
        }

        [Test]
        public void SettingsCatalogChildrenAndGroupCollectionsAreSearchedRecursively()
        {
            var text = @"{
  ""name"": ""Nested"",
  ""platforms"": ""windows10"",
  ""technologies"": ""mdm"",
  ""settings"": [ { ""settingInstance"": {
    ""settingDefinitionId"": ""parent_group"",
    ""groupSettingCollectionValue"": [ { ""children"": [
      { ""settingDefinitionId"": ""parent_choice"",
        ""choiceSettingValue"": { ""value"": ""parent_choice_1"", ""children"": [
          { ""settingDefinitionId"": ""device_vendor_msft_policy_config_system_allowtelemetry"",
            ""choiceSettingValue"": { ""value"": ""device_vendor_msft_policy_config_system_allowtelemetry_2"", ""children"": [] } } ] } } ] } ] } } ]
}";
            var findings = Lint.Text("SettingsCatalog/nested.json", text);
            Assert.That(Lint.Lines(findings), Is.EqualTo(new[]
            {
                "SettingsCatalog/nested.json(11,46): warning CL1001: Windows diagnostic data is above Basic/Required (1): Settings Catalog setting 'device_vendor_msft_policy_config_system_allowtelemetry' is 'device_vendor_msft_policy_config_system_allowtelemetry_2'; set it to Basic/Required (1) or lower",
                "configlint : info CL1009: " + Rules.Tenant.NoBrandingProfileRule.Rule.MessageFormat,
                "configlint : info CL1011: " + Rules.Tenant.AdminAuditLogRule.NotCheckable.MessageFormat,
                "configlint : info CL1026: " + Rules.Privacy.MultiAdminApprovalRule.NotCheckable.MessageFormat,
            }));
        }

        [Test]
        public void TypeIsInferredFromFolderWhenODataTypeIsMissing()
        {
            var text = "{\n  \"profileName\": \"P\",\n  \"disableClientTelemetry\": false\n}";
            var findings = Lint.Text("export/IntuneBranding/P.json", text);
            Assert.That(findings.Where(f => f.Location != null).Select(f => f.RuleId), Is.EquivalentTo(new[] { "CL1005", "CL1006", "CL1008" }));
        }

        [Test]
        public void UnrelatedJsonIsANoteNeverAWarning()
        {
            var findings = Lint.Text("package.json", "{\n  \"name\": \"x\",\n  \"scripts\": { \"test\": \"jest\" }\n}");
            Assert.That(findings.Select(f => (f.RuleId, f.Severity)), Is.EqualTo(new[] { (RuleIdentifiers.UnknownResourceType, Severity.Info) }));
        }

        [Test]
        public void CompanionFilesAreUnderstoodSilently()
        {
            var findings = Lint.Text("export/MigrationTable.json", "{ \"TenantId\": \"t\", \"Objects\": [ { \"Id\": \"g\", \"DisplayName\": \"All\", \"Type\": \"Group\" } ] }");
            Assert.That(findings, Is.Empty);
        }

        [Test]
        public void YamlScalarsAreTypedAndPositioned()
        {
            var yaml = "'@odata.type': '#microsoft.graph.intuneBrandingProfile'\nprofileName: P\ndisableClientTelemetry: false\nsendDeviceOwnershipChangePushNotification: \"false\"\nprivacyUrl: ~\n";
            var findings = Lint.Text("branding.yaml", yaml).Where(f => f.Location != null).ToList();
            // Conditions compare text, so a quoted "false" counts as false, as Graph would coerce it.
            Assert.That(findings.Select(f => (f.RuleId, f.Location!.Start.Line, f.Location.Start.Column)),
                Is.EqualTo(new[] { ("CL1006", 3, 25), ("CL1004", 4, 44), ("CL1008", 5, 13) }));
        }

        [Test]
        public void BrokenYamlIsAnErrorWithItsPosition()
        {
            var findings = Lint.Text("x.yaml", "name: a\nsettings:\n  - id: '0\n    value: b\n");
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.InvalidJson }));
            Assert.That(findings[0].Message, Does.StartWith("invalid YAML at line 3"));
        }

        [Test]
        public void EmptyYamlIsAnEmptyFile()
        {
            Assert.That(Lint.Text("x.yml", "\n# only a comment\n").Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.EmptyFile }));
        }
    
        [Test]
        public void NonStringODataTypeIsNoTypeAndIsReported()
        {
            // (Not "settings": an object there is read as Graph's one-element list of settings, which types the object by shape.)
            var findings = Lint.Text("x.json", "{ \"@odata.type\": 5, \"properties\": { \"settingInstance\": [] } }").Where(f => f.Location != null).ToList();
            Assert.That(findings.Select(f => (f.RuleId, f.Location!.Start.Line, f.Location.Start.Column)), Is.EqualTo(new[] { (RuleIdentifiers.UnknownResourceType, 1, 1) }));
            Assert.That(findings[0].Message, Does.Contain("no usable @odata.type"));
        }

        [Test]
        public void NonObjectListElementsAreReportedNotSkipped()
        {
            var findings = Lint.Text("page.json", "{ \"value\": [ null, 1, \"x\", [],\n  { \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\", \"diagnosticsDataSubmissionMode\": \"full\" } ] }")
                .Where(f => f.Location != null).ToList();
            Assert.That(Lint.Lines(findings), Is.EqualTo(new[]
            {
                "page.json(1,14): info CL0004: 4 elements of this list are not Graph objects (the first is a null); not checked",
                "page.json(2,103): warning CL1001: Windows diagnostic data is above Basic/Required (1): property 'diagnosticsDataSubmissionMode' is 'full'; set it to Basic/Required (1) or lower",
            }));
            var single = Lint.Text("list.json", "[ {\"@odata.type\": \"#microsoft.graph.roleScopeTag\", \"displayName\": \"t\"}, 42 ]").Where(f => f.Location != null);
            Assert.That(Lint.Lines(single), Is.EqualTo(new[] { "list.json(1,73): info CL0004: an element of this list is a number, not a Graph object; not checked" }));
        }
    }
}
