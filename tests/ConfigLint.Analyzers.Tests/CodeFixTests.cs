using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using ConfigLint.Cli;
using ConfigLint.CodeFixes;
using ConfigLint.Core.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// The Roslyn code fix on AdditionalFiles: one diagnostic at a time and fix-all, on UTF-8, UTF-16 LE (BOM, CRLF)
    /// and IntuneManagement's double-encoded settings; and byte-for-byte parity with <c>configlint fix</c>.
    /// </summary>
    public sealed class CodeFixTests
    {
        private const string Legacy = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        /// <summary>A Settings Catalog policy with full telemetry and the device name in diagnostic data, CRLF line ends.</summary>
        private static readonly string Catalog = string.Join("\r\n",
            "{",
            "    \"@odata.type\":  \"#microsoft.graph.deviceManagementConfigurationPolicy\",",
            "    \"name\":  \"Windows - Reports and Telemetry\",",
            "    \"platforms\":  \"windows10\",",
            "    \"technologies\":  \"mdm\",",
            "    \"settings\":  [",
            "                     {",
            "                         \"id\":  \"0\",",
            "                         \"settingInstance\":  {",
            "                                                 \"@odata.type\":  \"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance\",",
            "                                                 \"settingDefinitionId\":  \"device_vendor_msft_policy_config_system_allowtelemetry\",",
            "                                                 \"choiceSettingValue\":  {",
            "                                                                            \"value\":  \"device_vendor_msft_policy_config_system_allowtelemetry_3\",",
            "                                                                            \"children\":  [ ]",
            "                                                                        }",
            "                                             }",
            "                     },",
            "                     {",
            "                         \"id\":  \"1\",",
            "                         \"settingInstance\":  {",
            "                                                 \"@odata.type\":  \"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance\",",
            "                                                 \"settingDefinitionId\":  \"device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata\",",
            "                                                 \"choiceSettingValue\":  {",
            "                                                                            \"value\":  \"device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata_1\",",
            "                                                                            \"children\":  [ ]",
            "                                                                        }",
            "                                             }",
            "                     }",
            "                 ]",
            "}",
            "");

        private static string Fixed(string text) => text
            .Replace("allowtelemetry_3", "allowtelemetry_1")
            .Replace("allowdevicenameindiagnosticdata_1\\\"", "allowdevicenameindiagnosticdata_0\\\"")
            .Replace("allowdevicenameindiagnosticdata_1\"", "allowdevicenameindiagnosticdata_0\"");

        /// <summary>IntuneManagement's <c>*_Settings.json</c>: ConvertTo-Json of a string that already holds JSON.</summary>
        private static string DoubleEncoded(string inner) => "\"" + DocumentEdits.EscapeJson(inner, htmlSafe: true) + "\"";

        [Test]
        public async Task PropertyFormIsFixedToTheGraphEnumName()
        {
            var test = CodeFixTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/DeviceConfiguration/w.json", Legacy.Replace("\"full\"", "{|CL1001:\"full\"|}")));
            test.FixedState.AdditionalFiles.Add(("/repo/DeviceConfiguration/w.json", Legacy.Replace("\"full\"", "\"basic\"")));
            await test.RunAsync();
        }

        [Test]
        public async Task Utf16LeBomCrlfFileIsFixedAndKeepsItsEncoding()
        {
            const string path = "/repo/SettingsCatalog/Windows - Reports and Telemetry.json";
            var test = CodeFixTest.For("CL1001", "CL1003");
            test.TestState.AdditionalFiles.Add((path, SourceText.From(
                Catalog.Replace("\"device_vendor_msft_policy_config_system_allowtelemetry_3\"", "{|CL1001:\"device_vendor_msft_policy_config_system_allowtelemetry_3\"|}")
                    .Replace("\"device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata_1\"", "{|CL1003:\"device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata_1\"|}"),
                Encoding.Unicode)));
            test.FixedState.AdditionalFiles.Add((path, SourceText.From(Fixed(Catalog), Encoding.Unicode)));
            await test.RunAsync();

            var fixedText = await test.FixedProject!.AdditionalDocuments.Single().GetTextAsync();
            Assert.That(fixedText.Encoding, Is.EqualTo(Encoding.Unicode));
            Assert.That(fixedText.ToString(), Does.Contain("\r\n").And.Not.Contain("_3\""));
        }

        [Test]
        public async Task DoubleEncodedSettingsAreFixedWithTheOuterStringsEscaping()
        {
            const string path = "/repo/EndpointSecurity/Telemetry_Settings.json";
            string outer = DoubleEncoded(Catalog);
            var test = CodeFixTest.For("CL1001", "CL1003");
            test.TestState.AdditionalFiles.Add((path, outer
                .Replace("\\\"device_vendor_msft_policy_config_system_allowtelemetry_3\\\"", "{|CL1001:\\\"device_vendor_msft_policy_config_system_allowtelemetry_3\\\"|}")
                .Replace("\\\"device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata_1\\\"", "{|CL1003:\\\"device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata_1\\\"|}")));
            test.FixedState.AdditionalFiles.Add((path, DoubleEncoded(Fixed(Catalog))));
            await test.RunAsync();
        }

        /// <summary>A CIPP template-store row: the policy in RAWJson, a JSON string inside the row's JSON string.</summary>
        private static string CippRow(string policy) =>
            "{\n  \"PartitionKey\": \"IntuneTemplate\",\n  \"RowKey\": \"r1\",\n  \"JSON\": "
            + Quoted("{\"Displayname\":\"Telemetry\",\"RAWJson\":" + Quoted(policy) + ",\"Type\":\"Catalog\"}") + "\n}\n";

        private static string Quoted(string text) => "\"" + DocumentEdits.EscapeJson(text, htmlSafe: false) + "\"";

        /// <summary>A value's literal as a CIPP row spells it: escaped once for RAWJson, once more for JSON.</summary>
        private static string TwiceEscaped(string value) => DocumentEdits.EscapeJson(DocumentEdits.EscapeJson("\"" + value + "\"", false), false);

        [Test]
        public async Task CippStoreRowIsFixedThroughBothStrings()
        {
            const string path = "/repo/cipp/templates.json";
            const string telemetry = "device_vendor_msft_policy_config_system_allowtelemetry_3";
            const string deviceName = "device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata_1";
            var test = CodeFixTest.For("CL1001", "CL1003");
            test.TestState.AdditionalFiles.Add((path, CippRow(Catalog)
                .Replace(TwiceEscaped(telemetry), "{|CL1001:" + TwiceEscaped(telemetry) + "|}")
                .Replace(TwiceEscaped(deviceName), "{|CL1003:" + TwiceEscaped(deviceName) + "|}")));
            test.FixedState.AdditionalFiles.Add((path, CippRow(Fixed(Catalog))));
            await test.RunAsync();
        }

        [Test]
        public async Task MissingOwnershipNotificationIsInsertedInTheObjectsLayout()
        {
            const string branding = "{\n    \"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#deviceManagement/intuneBrandingProfiles/$entity\",\n    \"id\": \"b1\",\n    \"displayName\": \"Contoso\",\n    \"disableClientTelemetry\": true\n}\n";
            var test = CodeFixTest.For("CL1005");
            test.TestState.AdditionalFiles.Add(("/repo/IntuneBranding/Contoso.json", branding.Replace("\"displayName\"", "{|CL1005:\"displayName\"|}")));
            test.FixedState.AdditionalFiles.Add(("/repo/IntuneBranding/Contoso.json", branding.Replace("\"disableClientTelemetry\": true\n", "\"disableClientTelemetry\": true,\n    \"sendDeviceOwnershipChangePushNotification\": true\n")));
            await test.RunAsync();
        }

        [Test]
        public void ProviderDeclaresTheAdditionalDocumentKindAndTheRulesWithFixes()
        {
            var attribute = typeof(ConfigLintCodeFixProvider).GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Cast<ExportCodeFixProviderAttribute>().Single();
            Assert.That(attribute.DocumentKinds, Is.EqualTo(new[] { nameof(TextDocumentKind.AdditionalDocument) }));
            var provider = new ConfigLintCodeFixProvider();
            Assert.That(provider.FixableDiagnosticIds, Is.SupersetOf(new[] { "CL1001", "CL1003", "CL1004", "CL1005", "CL1006", "CL2001", "CL2002", "CL2004", "CL2005", "CL2014", "CL2019", "CL2020", "CL2024" }));
            Assert.That(provider.GetFixAllProvider()!.GetSupportedFixAllScopes(), Is.EquivalentTo(new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }));
        }

        /// <summary>The IDE's fix and <c>configlint fix</c> write the same bytes: UTF-16 LE with BOM and CRLF, and double-encoded.</summary>
        [TestCase("SettingsCatalog/Windows - Reports and Telemetry.json", false)]
        [TestCase("EndpointSecurity/Telemetry_Settings.json", true)]
        public async Task RoslynFixAndCliFixWriteTheSameBytes(string relative, bool doubleEncoded)
        {
            string content = doubleEncoded ? DoubleEncoded(Catalog) : Catalog;
            var encoding = new UnicodeEncoding(false, true);
            var original = encoding.GetPreamble().Concat(encoding.GetBytes(content)).ToArray();

            var root = Path.Combine(Path.GetTempPath(), "configlint-parity", Guid.NewGuid().ToString("N"));
            var file = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, original);
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CliApp.Run(new[] { "fix", "." }, output, error, root);
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(output.ToString(), Does.Contain("fixed CL1001").And.Contain("fixed CL1003"));
            var cliBytes = File.ReadAllBytes(file);

            var test = CodeFixTest.For("CL1001", "CL1003");
            var path = "/repo/" + relative;
            var decoded = SourceText.From(new MemoryStream(original), throwIfBinaryDetected: true);
            test.TestState.AdditionalFiles.Add((path, decoded));
            test.TestState.ExpectedDiagnostics.AddRange(await ExpectedAsync(path, decoded));
            test.FixedState.AdditionalFiles.Add((path, SourceText.From(Fixed(content), decoded.Encoding)));
            await test.RunAsync();
            foreach (var project in new[] { test.FixedProject!, test.BatchFixedProject! })
            {
                var text = await project.AdditionalDocuments.Single().GetTextAsync();
                var roslynBytes = text.Encoding!.GetPreamble().Concat(text.Encoding.GetBytes(text.ToString())).ToArray();
                Assert.That(roslynBytes, Is.EqualTo(cliBytes), "the Roslyn fix and the CLI fix differ");
            }
            Assert.That(cliBytes.Take(2), Is.EqualTo(new byte[] { 0xFF, 0xFE }));
            Assert.That(exit, Is.Not.EqualTo(ExitCodes.UsageError));
        }

        private static async Task<Microsoft.CodeAnalysis.Testing.DiagnosticResult[]> ExpectedAsync(string path, SourceText text)
        {
            var run = new ConfigLint.Core.Engine.LintEngine(ConfigLint.Rules.IntunePack.Create()).StartRun();
            var findings = run.LintText(path, text.ToString()).Findings.Where(f => f.RuleId == "CL1001" || f.RuleId == "CL1003");
            await Task.Yield();
            return findings.Select(f => new Microsoft.CodeAnalysis.Testing.DiagnosticResult(f.RuleId, DiagnosticSeverity.Warning)
                .WithSpan(path, f.Location!.Start.Line, f.Location.Start.Column, f.Location.End.Line, f.Location.End.Column)
                .WithArguments(f.Message)).ToArray();
        }
    }
}
