using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>Concurrent execution, bad input and the TextSpan/line-span agreement the IDE relies on.</summary>
    public sealed class RobustnessTests
    {
        [Test]
        public async Task ConcurrentAnalysisOfManyFilesGivesTheEnginesFindings()
        {
            var files = GeneratedExports(400);
            var run = new LintEngine(IntunePack.Create()).StartRun();
            var expected = files.SelectMany(f => run.LintText(f.Path, f.GetText()!.ToString()).Findings).ToList();
            expected.AddRange(run.Complete());
            Assert.That(expected, Has.Count.GreaterThan(100), "the generated exports should be risky often");

            for (int round = 0; round < 2; round++)
            {
                var result = await AnalyzerRunner.RunAsync(files, concurrent: true);
                Assert.That(result.Exceptions, Is.Empty);
                FindingKey.AssertSame(result.Diagnostics.Select(d => FindingKey.Of(d)), expected.Select(f => FindingKey.Of(f)), "analyzer", "engine");
            }
        }

        [Test]
        public async Task TextSpansAndLineSpansAgree()
        {
            var files = GeneratedExports(60);
            var texts = files.ToDictionary(f => f.Path, f => f.GetText()!);
            var result = await AnalyzerRunner.RunAsync(files);
            var located = result.Diagnostics.Where(d => d.Location.Kind == LocationKind.ExternalFile).ToList();
            Assert.That(located, Is.Not.Empty);
            foreach (var d in located)
            {
                var fromOffsets = texts[d.Location.GetLineSpan().Path].Lines.GetLinePositionSpan(d.Location.SourceSpan);
                Assert.That(fromOffsets, Is.EqualTo(d.Location.GetLineSpan().Span), d.ToString());
            }
        }

        [Test]
        public async Task BadInputNeverThrowsAndNeverFailsInternally()
        {
            var random = new Random(4);
            var garbage = new byte[4096];
            random.NextBytes(garbage);
            var inputs = new Dictionary<string, string>
            {
                ["random-bytes.json"] = Encoding.UTF8.GetString(garbage),
                ["nul.json"] = "\0\0\0\0",
                ["deep-arrays.json"] = new string('[', 20000) + new string(']', 20000),
                ["deep-objects.json"] = string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000),
                ["lone-surrogate.json"] = "{ \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\", \"displayName\": \"\ud800\", \"disableClientTelemetry\": false }",
                ["huge-number.json"] = "{ \"diagnosticsDataSubmissionMode\": 1" + new string('9', 5000) + " }",
                ["bad-escape.json"] = "{ \"a\": \"\\u12\" }",
                ["double-encoded.json"] = "\"{\\\"settings\\\": [ {\\\"definitionId\\\": 1} \"",
                ["wrong-types.json"] = "{ \"@odata.type\": 5, \"settings\": { \"settingInstance\": [] }, \"value\": 3, \"omaSettings\": \"x\" }",
                ["null-page.json"] = "{ \"value\": [ null, 1, \"x\", [], {} ] }",
                ["only-bom.json"] = "\uFEFF",
                ["crlf-cr-mix.json"] = "{\r\n\"@odata.type\":\r\"#microsoft.graph.windows10GeneralConfiguration\",\n\"diagnosticsDataSubmissionMode\":\r\n\"full\"}",
            };
            var files = inputs.Select(p => (AdditionalText)new InMemoryAdditionalText("/repo/" + p.Key, p.Value)).ToList();
            var result = await AnalyzerRunner.RunAsync(files);
            Assert.That(result.Exceptions, Is.Empty);
            Assert.That(result.Diagnostics.Where(d => d.Id == "CL9001" || d.Id == "AD0001").Select(d => d.ToString()), Is.Empty);
            // Every one of these files is broken or untypable: each must be reported, none silently skipped.
            var reported = result.Diagnostics.Select(d => d.Location.GetLineSpan().Path ?? "").Where(p => p.Length > 0).Distinct().ToList();
            Assert.That(reported, Is.EquivalentTo(inputs.Keys.Select(k => "/repo/" + k)), "bad files are reported, not skipped");
        }

        [Test]
        public async Task AFailureInsideTheAnalyzerBecomesCL9001OnThatFileAndTheOthersAreStillLinted()
        {
            var files = new List<AdditionalText>
            {
                new ThrowingAdditionalText("/repo/locked.json"),
                new InMemoryAdditionalText("/repo/b.json", "{ \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\", \"diagnosticsDataSubmissionMode\": \"full\" }"),
            };
            var result = await AnalyzerRunner.RunAsync(files);
            Assert.That(result.Exceptions, Is.Empty);
            var failure = result.Diagnostics.Single(d => d.Id == "CL9001");
            Assert.That(failure.Location.GetLineSpan().Path, Is.EqualTo("/repo/locked.json"));
            Assert.That(failure.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(failure.GetMessage(), Does.Contain("IOException").And.Contain("disk went away"));
            Assert.That(result.Diagnostics.Any(d => d.Id == "CL1001" && d.Location.GetLineSpan().Path == "/repo/b.json"));
        }

        private sealed class ThrowingAdditionalText : AdditionalText
        {
            public ThrowingAdditionalText(string path)
            {
                Path = path;
            }

            public override string Path { get; }

            public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => throw new System.IO.IOException("disk went away");
        }

        /// <summary>Exports of every form the pack knows, about a third of them risky, with varied sizes.</summary>
        internal static List<AdditionalText> GeneratedExports(int count)
        {
            var files = new List<AdditionalText>();
            string[] modes = { "basic", "full", "enhanced", "none", "userDefined" };
            for (int i = 0; i < count; i++)
            {
                var mode = modes[i % modes.Length];
                string path, text;
                switch (i % 4)
                {
                    case 0:
                        path = $"/repo/DeviceConfiguration/general-{i}.json";
                        text = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"" + Guid(i) + "\",\n  \"displayName\": \"Windows general " + i + "\",\n"
                            + Padding(i) + "  \"diagnosticsDataSubmissionMode\": \"" + mode + "\"\n}\n";
                        break;
                    case 1:
                        path = $"/repo/SettingsCatalog/catalog-{i}.json";
                        text = "{\n  \"@odata.type\": \"#microsoft.graph.deviceManagementConfigurationPolicy\",\n  \"id\": \"" + Guid(i) + "\",\n  \"name\": \"Catalog " + i + "\",\n  \"platforms\": \"windows10\",\n  \"technologies\": \"mdm\",\n"
                            + Padding(i) + "  \"settings\": [ { \"id\": \"0\", \"settingInstance\": {\n    \"@odata.type\": \"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance\",\n"
                            + "    \"settingDefinitionId\": \"device_vendor_msft_policy_config_system_allowtelemetry\",\n"
                            + "    \"choiceSettingValue\": { \"value\": \"device_vendor_msft_policy_config_system_allowtelemetry_" + (i % 3 + 1) + "\", \"children\": [] } } } ]\n}\n";
                        break;
                    case 2:
                        path = $"/repo/IntuneBranding/branding-{i}.json";
                        text = "{\r\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\r\n  \"id\": \"" + Guid(i) + "\",\r\n  \"profileName\": \"Branding " + i + "\",\r\n"
                            + "  \"disableClientTelemetry\": " + (i % 3 == 0 ? "false" : "true") + ",\r\n  \"sendDeviceOwnershipChangePushNotification\": " + (i % 5 == 0 ? "false" : "true") + "\r\n}\r\n";
                        break;
                    default:
                        path = $"/repo/broken/file-{i}.json";
                        text = i % 8 == 3 ? "{ \"displayName\": \"untyped " + i + "\" }" : "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"diagnosticsDataSubmissionMode\": \"full\",\n";
                        break;
                }
                files.Add(new InMemoryAdditionalText(path, text));
            }
            return files;
        }

        private static string Guid(int i) => $"00000000-0000-0000-0000-{i:D12}";

        private static string Padding(int i)
        {
            var sb = new StringBuilder();
            for (int k = 0; k < i % 7 * 5; k++) sb.Append("  \"omaNote").Append(k).Append("\": \"caf\u00e9 \u00fc\u00df \\\"quoted\\\" \ud83d\ude00 ").Append(k).Append("\",\n");
            return sb.ToString();
        }
    }
}
