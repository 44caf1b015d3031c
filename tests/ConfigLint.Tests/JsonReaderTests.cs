using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>The JSON reader: RFC 8259 exactly (JSONTestSuite), deviations reported yet linted, numbers kept as written.</summary>
    [TestFixture]
    public sealed class JsonReaderTests
    {
        private static readonly string SuiteFolder = Path.Combine(TestContext.CurrentContext.TestDirectory, "JsonTestSuite", "test_parsing");

        private static readonly HashSet<string> InputErrors = new HashSet<string> { RuleIdentifiers.InvalidJson, RuleIdentifiers.EmptyFile, RuleIdentifiers.UnreadableFile };

        private static IEnumerable<string> SuiteFiles(string prefix) =>
            Directory.EnumerateFiles(SuiteFolder, prefix + "*.json").Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal)!;

        private static List<Finding> LintSuiteFile(string name)
        {
            var run = Lint.Engine.StartRun();
            var findings = run.LintBytes(name, File.ReadAllBytes(Path.Combine(SuiteFolder, name))).Findings.ToList();
            findings.AddRange(run.Complete());
            return findings;
        }

        [Test]
        public void TheSuiteIsComplete()
        {
            Assert.That(SuiteFiles("y_").Count(), Is.EqualTo(95));
            Assert.That(SuiteFiles("n_").Count(), Is.EqualTo(188));
        }

        [TestCaseSource(nameof(MustAccept))]
        public void MustAcceptIsAccepted(string name)
        {
            var problems = LintSuiteFile(name).Where(f => InputErrors.Contains(f.RuleId) || f.RuleId == RuleIdentifiers.InternalError).ToList();
            Assert.That(Lint.Lines(problems), Is.Empty);
        }

        [TestCaseSource(nameof(MustReject))]
        public void MustRejectIsReported(string name)
        {
            var findings = LintSuiteFile(name);
            Assert.That(findings.Where(f => InputErrors.Contains(f.RuleId)).Select(f => f.Severity), Is.Not.Empty.And.All.EqualTo(Severity.Error), string.Join("\n", Lint.Lines(findings)));
            Assert.That(findings.Where(f => f.RuleId == RuleIdentifiers.InternalError), Is.Empty);
        }

        private static IEnumerable<string> MustAccept() => SuiteFiles("y_");

        private static IEnumerable<string> MustReject() => SuiteFiles("n_");

        [TestCase("[123e65]", "123e65")]
        [TestCase("[1e+308]", "1e+308")]
        [TestCase("[1e999999]", "1e999999")] // the fuzz campaign's form (build/fuzz/RESULTS.md, open finding 3)
        [TestCase("[-0.0000000000000000000000000001e-999999]", "-0.0000000000000000000000000001e-999999")]
        public void NumbersOfAnySizeAreKeptAsWritten(string text, string number)
        {
            var result = JsonParser.Read(new SourceText("n.json", text));
            Assert.That(result.Problems, Is.Empty);
            Assert.That(((JsonArray)result.Documents[0].Root).Items[0].ScalarText, Is.EqualTo(number));
        }

        [Test]
        public void A400DigitIntegerIsKeptAsWritten()
        {
            var digits = "1" + new string('7', 399);
            var result = JsonParser.Read(new SourceText("n.json", "{\"n\": " + digits + "}"));
            Assert.That(result.Problems, Is.Empty);
            Assert.That(((JsonObject)result.Documents[0].Root).GetString("n"), Is.EqualTo(digits));
        }

        [Test]
        public void CommentsAndATrailingCommaAreErrorsAndTheContentIsStillLinted()
        {
            var text = "// exported by hand, then edited\n" +
                "{\n" +
                "  \"@odata.type\": \"#microsoft.graph.windows10CustomConfiguration\",\n" +
                "  \"displayName\": \"Telemetry\", /* was 1 */\n" +
                "  \"omaSettings\": [\n" +
                "    {\n" +
                "      \"@odata.type\": \"#microsoft.graph.omaSettingInteger\",\n" +
                "      \"omaUri\": \"./Vendor/MSFT/Policy/Config/System/AllowTelemetry\",\n" +
                "      \"value\": 3,\n" +
                "    },\n" +
                "  ]\n" +
                "}\n";
            var findings = Lint.Text("edited.json", text).Where(f => f.Location != null);
            Assert.That(Lint.Lines(findings), Is.EqualTo(new[]
            {
                "edited.json(1,1): error CL0001: invalid JSON at line 1, column 1: a comment; JSON has no comments (strict JSON readers refuse the file); the content was still checked",
                "edited.json(4,31): error CL0001: invalid JSON at line 4, column 31: a comment; JSON has no comments (strict JSON readers refuse the file); the content was still checked",
                "edited.json(9,16): warning CL1001: Windows diagnostic data is above Basic/Required (1): OMA-URI './Vendor/MSFT/Policy/Config/System/AllowTelemetry' is '3'; set it to Basic/Required (1) or lower",
                "edited.json(9,16): info CL1016: 'Telemetry' sends Full/Optional diagnostic data (OMA-URI './Vendor/MSFT/Policy/Config/System/AllowTelemetry' is '3') but limits neither dump nor diagnostic log collection, so Windows may upload full memory dumps and logs; add LimitDumpCollection and LimitDiagnosticLogCollection set to 1 (or make sure another assigned policy does)",
                "edited.json(9,17): error CL0001: invalid JSON at line 9, column 17: a trailing comma before '}'; JSON does not allow it; the content was still checked",
                "edited.json(10,6): error CL0001: invalid JSON at line 10, column 6: a trailing comma before ']'; JSON does not allow it; the content was still checked",
            }));
        }

        [Test]
        public void SingleQuotesAndRawControlCharactersAreErrorsAndTheContentIsStillLinted()
        {
            var text = "{'@odata.type': '#microsoft.graph.windows10GeneralConfiguration',\n \"displayName\": \"a\tb\",\n \"diagnosticsDataSubmissionMode\": 'full'}";
            var findings = Lint.Text("quotes.json", text).Where(f => f.Location != null).ToList();
            Assert.That(findings.Select(f => (f.RuleId, f.Location!.Start.Line, f.Location.Start.Column)), Is.EqualTo(new[]
            {
                (RuleIdentifiers.InvalidJson, 1, 2),
                (RuleIdentifiers.InvalidJson, 1, 17),
                (RuleIdentifiers.InvalidJson, 2, 19),
                (RuleIdentifiers.InvalidJson, 3, 35),
                ("CL1001", 3, 35),
            }));
            Assert.That(findings[2].Message, Does.Contain("raw control character U+0009"));
        }

        [TestCase("{\"a\": 01}", 1, 8, "leading zeros")]
        [TestCase("{\"a\": 0x1F}", 1, 8, "found 'x'")]
        [TestCase("{a: 1}", 1, 2, "property name in double quotes")]
        [TestCase("[1,,2]", 1, 4, "expected a value")]
        [TestCase("[\"\\x\"]", 1, 3, "not a JSON escape")]
        [TestCase("{\"a\": 1} /* open", 1, 10, "never closed")]
        public void OtherDeparturesStopTheReadingWithOneErrorAtTheFault(string text, int line, int column, string why)
        {
            var findings = Lint.Text("bad.json", text);
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.InvalidJson }));
            Assert.That(findings[0].Location!.Start, Is.EqualTo(new LinePosition(line, column)));
            Assert.That(findings[0].Message, Does.Contain(why));
        }

        [Test]
        public void ManyDeviationsAreListedUpToALimit()
        {
            var text = "[" + string.Concat(Enumerable.Repeat("1, // c\n", 30)) + "1]";
            var result = JsonParser.Read(new SourceText("many.json", text));
            Assert.That(result.Documents, Has.Count.EqualTo(1));
            Assert.That(result.Problems, Has.Count.EqualTo(11));
            Assert.That(result.Problems.Last().Message, Does.StartWith("20 more departures"));
        }

        [Test]
        public void CommentsOnlyIsAnEmptyFile()
        {
            Assert.That(Lint.Text("c.json", "// nothing here\n/* at all */\n").Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.EmptyFile }));
        }

        [Test]
        public void SurrogateEscapesArePairedAndLoneOnesReplaced()
        {
            var result = JsonParser.Read(new SourceText("s.json", "[\"\\uD83D\\uDE00\", \"\\uDE00\\uD83D\", \"\\uD800x\"]"));
            Assert.That(result.Problems, Is.Empty);
            Assert.That(((JsonArray)result.Documents[0].Root).Items.Select(i => i.ScalarText), Is.EqualTo(new[] { "\U0001F600", "\uFFFD\uFFFD", "\uFFFDx" }));
        }

        /// <summary>
        /// Property names go through a bounded intern table (Core/Json/NameTable): more distinct names than it holds, names
        /// that differ only in their last characters or in length, and names too long to intern all come back as written,
        /// and a name seen before comes back as the same string object.
        /// </summary>
        [Test]
        public void PropertyNamesComeBackAsWrittenPastTheInternTablesLimits()
        {
            var names = new List<string>();
            for (int i = 0; i < 5000; i++) names.Add("key" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (int length = 1; length <= 140; length++) names.Add(new string('a', length));
            names.Add("settingDefinitionIdx");
            names.Add("settingDefinitionId");
            string json = "[" + string.Join(",", Enumerable.Range(0, 2).Select(_ => "{" + string.Join(",", names.Select((n, i) => "\"" + n + "\": " + i)) + "}")) + "]";
            var result = JsonParser.Read(new SourceText("names.json", json));
            Assert.That(result.Problems, Is.Empty);
            var objects = ((JsonArray)result.Documents[0].Root).Items.Cast<JsonObject>().ToList();
            Assert.That(objects[0].Properties.Select(p => p.Name), Is.EqualTo(names));
            Assert.That(objects[1].Properties.Select(p => p.Name), Is.EqualTo(names));
            // A name the program spells is the runtime's interned literal, however often the table was cleared in between.
            Assert.That(ReferenceEquals(objects[0].Properties[names.Count - 1].Name, "settingDefinitionId"), Is.True);
            Assert.That(ReferenceEquals(objects[1].Properties[names.Count - 1].Name, "settingDefinitionId"), Is.True);
            // Within one object, a name seen a moment ago is the same string.
            var twice = JsonParser.Read(new SourceText("twice.json", "[{\"someName\": 1}, {\"someName\": 2}]")).Documents[0].Root;
            var pair = ((JsonArray)twice).Items.Cast<JsonObject>().Select(o => o.Properties[0].Name).ToList();
            Assert.That(ReferenceEquals(pair[0], pair[1]), Is.True);
        }
    }
}
