using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// A large Graph page (<c>{"value":[…]}</c>) is read and linted element by element on several threads: the findings
    /// (IDs, positions, messages, order, tenant findings) are exactly those of reading the file whole, run after run,
    /// and a malformed element is reported at its fault while the other elements are still linted.
    /// </summary>
    [TestFixture]
    public sealed class PageSplitTests
    {
        private const string Path = "tenant/graph/deviceConfigurations-page.json";

        /// <summary>One page element of a few kinds, each with its own findings (value rules, tenant rules, input notes).</summary>
        private static string Element(int i)
        {
            switch (i % 8)
            {
                case 0:
                    return "    {\n      \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n      \"displayName\": \"Telemetry " + i + "\",\n      \"diagnosticsDataSubmissionMode\": \"full\"\n    }";
                case 1:
                    // Settings Catalog policies assigned to all devices, with two values of one setting: CL3003 across elements.
                    return "    {\n      \"@odata.type\": \"#microsoft.graph.deviceManagementConfigurationPolicy\",\n      \"name\": \"Defender " + i + "\",\n      \"platforms\": \"windows10\",\n      \"technologies\": \"mdm\",\n      \"settings\": [\n        { \"id\": \"0\", \"settingInstance\": { \"@odata.type\": \"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance\", \"settingDefinitionId\": \"device_vendor_msft_policy_config_defender_allowrealtimemonitoring\",\n          \"choiceSettingValue\": { \"value\": \"device_vendor_msft_policy_config_defender_allowrealtimemonitoring_" + (i / 8 % 2) + "\", \"children\": [] } } }\n      ],\n      \"assignments\": [ { \"target\": { \"@odata.type\": \"#microsoft.graph.allDevicesAssignmentTarget\" } } ]\n    }";
                case 2:
                    // An object where Graph has a list (PowerShell 5.1 unwraps one-element arrays): read as a list of one.
                    return "    {\n      \"@odata.type\": \"#microsoft.graph.windows10CustomConfiguration\",\n      \"displayName\": \"Custom " + i + "\",\n      \"omaSettings\": { \"@odata.type\": \"#microsoft.graph.omaSettingInteger\", \"omaUri\": \"./Device/Vendor/MSFT/Policy/Config/System/AllowTelemetry\", \"value\": 3 }\n    }";
                case 3:
                    return "    {\n      \"thing\": " + i + "\n    }";
                case 4:
                    return "    " + i;
                case 5:
                    // A comment: a deviation reported (CL0001) while the element is still linted.
                    return "    {\n      /* exported by hand */\n      \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n      \"displayName\": \"Unassigned " + i + "\",\n      \"diagnosticsDataSubmissionMode\": \"enhanced\",\n      \"assignments\": []\n    }";
                case 6:
                    return "    {\n      \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n      \"displayName\": 'Quoted " + i + "',\n      \"diagnosticsDataSubmissionMode\": \"userDefined\"\n    }";
                default:
                    return "    {\n      \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n      \"displayName\": \"Basic " + i + "\",\n      \"diagnosticsDataSubmissionMode\": \"basic\"\n    }";
            }
        }

        private static string Page(int count, System.Func<int, string>? element = null)
        {
            var sb = new StringBuilder("{\n  \"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations\",\n  \"value\": [\n");
            for (int i = 0; i < count; i++) sb.Append(i == 0 ? "" : ",\n").Append((element ?? Element)(i));
            return sb.Append("\n  ],\n  \"@odata.nextLink\": \"https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations?$skiptoken=x\"\n}\n").ToString();
        }

        /// <summary>Records the threads the rules ran on.</summary>
        private sealed class Threads : IRuleEvaluationListener
        {
            public readonly ConcurrentDictionary<int, int> Seen = new ConcurrentDictionary<int, int>();
            public int Resources;

            public void Evaluated(Resource resource, IReadOnlyList<RuleDescriptor> rules)
            {
                Seen.AddOrUpdate(Thread.CurrentThread.ManagedThreadId, 1, (_, n) => n + 1);
                Interlocked.Increment(ref Resources);
            }
        }

        /// <summary>Every fact of a finding the outputs show: ID, severity, positions and offsets, message, subject, scope.</summary>
        private static string Show(Finding f) =>
            $"{f.Location?.Path}({f.Location?.Start.Line},{f.Location?.Start.Column})-({f.Location?.End.Line},{f.Location?.End.Column}) [{f.Location?.StartOffset},{f.Location?.EndOffset}] "
            + $"{f.Severity} {f.RuleId}: {f.Message} | {f.Subject?.ResourceType}/{f.Subject?.ResourceId}/{f.Subject?.ResourceName}/{f.Subject?.Setting} | {f.Scope} | {f.Fingerprint}";

        /// <summary>Lints the text as one file of a run; the file's findings in the order the result gives them, then the tenant's.</summary>
        private static (List<string> Findings, int Resources) Run(string text, int splitFrom, int workers, IRuleEvaluationListener? listener = null)
        {
            var run = Lint.Engine.StartRun(listener);
            run.SplitPagesFromChars = splitFrom;
            run.PageWorkers = workers;
            var result = run.LintText(Path, text);
            var lines = result.Findings.Select(Show).ToList();
            lines.Add("-- tenant");
            lines.AddRange(run.Complete().Select(Show));
            return (lines, result.ResourceCount);
        }

        [Test]
        public void BigPage_SameFindingsInTheSameOrderAsReadingItWhole()
        {
            const int count = 5000, perKind = count / 8;
            var text = Page(count);
            Assert.That(text.Length, Is.GreaterThan(3 * 256 * 1024), "several parts, so several threads get work");
            var whole = Run(text, splitFrom: int.MaxValue, workers: 1);
            var threads = new Threads();
            var split = Run(text, splitFrom: 0, workers: 4, threads);

            Assert.That(split.Findings, Is.EqualTo(whole.Findings));
            Assert.That(split.Resources, Is.EqualTo(whole.Resources));
            // Numbers and untyped objects are no resources.
            Assert.That(split.Resources, Is.EqualTo(count - perKind - perKind));
            Assert.That(threads.Resources, Is.EqualTo(split.Resources));
            Assert.That(threads.Seen.Count, Is.GreaterThanOrEqualTo(2), "the elements were linted on more than one thread");

            // What the page holds is really reported, so the comparison above compares something.
            var ids = split.Findings.Select(l => System.Text.RegularExpressions.Regex.Match(l, @" (CL\d{4}): ").Groups[1].Value).Where(id => id.Length > 0).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
            Assert.That(ids["CL1001"], Is.GreaterThanOrEqualTo(perKind));
            Assert.That(ids["CL3003"], Is.GreaterThanOrEqualTo(1));
            Assert.That(ids["CL3001"], Is.EqualTo(perKind));
            Assert.That(split.Findings, Has.Some.Contains($"the {perKind} objects in this file"));
            Assert.That(split.Findings, Has.Some.Contains($"{perKind} elements of this list are not Graph objects"));
            Assert.That(split.Findings, Has.Some.Contains("more departures from standard JSON in this file"));
            Assert.That(split.Findings.Count(l => l.Contains(" CL0001: ")), Is.EqualTo(11), "ten deviations listed, the rest counted");
        }

        /// <summary>
        /// A large page given as bytes that are read in place (ASCII, UTF-16 LE: Core/Text/TextBytes) is split like its
        /// text: each element is read over the page's characters, not over a copy widened per element.
        /// </summary>
        [TestCase("ASCII")]
        [TestCase("UTF-16 LE")]
        public void BigPage_FromBytesReadInPlace_SameFindingsAsFromItsText(string encoding)
        {
            var text = Page(2000);
            Assert.That(text.All(c => c < 0x80), Is.True);
            var bytes = encoding == "ASCII" ? System.Text.Encoding.ASCII.GetBytes(text) : new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes(text)).ToArray();
            var run = Lint.Engine.StartRun();
            run.SplitPagesFromChars = 0;
            run.PageWorkers = 4;
            var result = run.LintBytes(Path, bytes);
            var lines = result.Findings.Select(Show).ToList();
            lines.Add("-- tenant");
            lines.AddRange(run.Complete().Select(Show));
            Assert.That(lines, Is.EqualTo(Run(text, splitFrom: 0, workers: 4).Findings));
            Assert.That(result.ResourceCount, Is.GreaterThan(1000));
        }

        [Test]
        public void BigPage_SameFindingsOnEveryRun()
        {
            var text = Page(2000);
            var first = Run(text, splitFrom: 0, workers: 4).Findings;
            for (int i = 0; i < 4; i++) Assert.That(Run(text, splitFrom: 0, workers: 4).Findings, Is.EqualTo(first), $"run {i + 2}");
        }

        /// <summary>A property value without the comma before the next property, in element 25 of 50.</summary>
        private static string MalformedAt25(int i) => i == 25
            ? "    {\n      \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n      \"displayName\": \"Broken\"\n      \"diagnosticsDataSubmissionMode\": \"full\"\n    }"
            : Element(i * 8);

        [TestCase(0, TestName = "MalformedElement_ReportedAtItsFault_OthersLinted(large page)")]
        [TestCase(int.MaxValue, TestName = "MalformedElement_ReportedAtItsFault_OthersLinted(small page)")]
        public void MalformedElement_ReportedAtItsFault_OthersLinted(int splitFrom)
        {
            var text = Page(50, MalformedAt25);
            // Where reading the file whole stops, and why.
            var whole = JsonParser.Read(new SourceText(Path, text));
            Assert.That(whole.Documents, Is.Empty);
            var fault = new SourceText(Path, text).GetPosition(whole.Problems.Single().Offset);

            var findings = Run(text, splitFrom, workers: 4).Findings;
            var invalid = findings.Where(l => l.Contains(" CL0001: ")).ToList();
            Assert.That(invalid, Has.Count.EqualTo(1));
            Assert.That(invalid[0], Does.StartWith($"{Path}({fault.Line},{fault.Column})"));
            Assert.That(fault.Line, Is.EqualTo(4 + 25 * 5 + 3), "the fault is at the third property of element 25");
            Assert.That(fault.Column, Is.EqualTo(7));
            Assert.That(invalid[0], Does.Contain("expected ',' or '}' after a property value, found '\"'"));
            // The 49 other elements are each a telemetry policy with one CL1001 finding.
            Assert.That(findings.Count(l => l.Contains(" CL1001: ")), Is.EqualTo(49));
            Assert.That(findings.Where(l => l.Contains(" CL1001: ")), Has.None.Contains("'Broken'"));
        }

        [Test]
        public void BrokenStructure_ReadWholeAsBefore_OneFaultNothingElse()
        {
            // A bracket that closes the wrong container: no element boundary can be trusted, so the file is read whole.
            var text = Page(50, i => i == 25 ? "    { \"displayName\": [ \"x\" }" : Element(i * 8));
            var whole = JsonParser.Read(new SourceText(Path, text));
            var fault = new SourceText(Path, text).GetPosition(whole.Problems.Single().Offset);
            foreach (int splitFrom in new[] { 0, int.MaxValue })
            {
                var findings = Run(text, splitFrom, workers: 4).Findings;
                Assert.That(findings.Where(l => l != "-- tenant").ToList(), Has.Count.EqualTo(1));
                Assert.That(findings[0], Does.StartWith($"{Path}({fault.Line},{fault.Column})"));
                Assert.That(findings[0], Does.Contain(" CL0001: "));
            }
        }

        [Test]
        public void NotAPage_ObjectWithValueListAndOtherProperties_IsOneResource()
        {
            // Beside "value", a property that is not OData: the pack reads the object as one resource, split or not.
            var text = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"P\",\n  \"diagnosticsDataSubmissionMode\": \"full\",\n  \"value\": [ { \"a\": 1 }, { \"b\": 2 } ]\n}\n";
            var whole = Run(text, splitFrom: int.MaxValue, workers: 1);
            var split = Run(text, splitFrom: 0, workers: 4);
            Assert.That(split.Findings, Is.EqualTo(whole.Findings));
            Assert.That(split.Resources, Is.EqualTo(1));
            Assert.That(split.Findings, Has.Some.Contains(" CL1001: "));
        }

        [Test]
        public void LargeUtf8File_DecodedFromAStream_AsFromItsBytes()
        {
            // Multi-byte characters straddle the decoder's 1 MiB chunks; with and without a byte order mark.
            var text = string.Concat(Enumerable.Range(0, 400_000).Select(i => i % 3 == 0 ? "é€" : i % 3 == 1 ? "𝄞a" : "b\n"));
            foreach (var bom in new[] { new byte[0], new byte[] { 0xEF, 0xBB, 0xBF } })
            {
                var bytes = bom.Concat(new UTF8Encoding(false).GetBytes(text)).ToArray();
                var streamed = TextDecoder.DecodeUtf8Stream(new System.IO.MemoryStream(bytes));
                Assert.That(streamed, Is.Not.Null);
                Assert.That(streamed!.Text, Is.EqualTo(TextDecoder.Decode(bytes).Text));
                Assert.That(streamed.EncodingName, Is.EqualTo("UTF-8"));
                Assert.That(streamed.Problem, Is.Null);
            }
            // Anything else is left to the bytes' decoding, which words the problem: invalid bytes, UTF-16.
            var invalid = new UTF8Encoding(false).GetBytes(text);
            invalid[invalid.Length / 2] = 0xFF;
            Assert.That(TextDecoder.DecodeUtf8Stream(new System.IO.MemoryStream(invalid)), Is.Null);
            Assert.That(TextDecoder.DecodeUtf8Stream(new System.IO.MemoryStream(new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(text)).ToArray())), Is.Null);
        }

        [TestCase("é", 1, 1)]
        [TestCase("€", 1, 2)]
        [TestCase("€", 2, 2)]
        [TestCase("𝄞", 1, 4)]
        [TestCase("𝄞", 2, 3)]
        [TestCase("𝄞", 3, 2)]
        public void LargeUtf8File_ACharacterAcrossAChunkBoundary_DecodesOnAnyNumberOfThreads(string character, int bytesBefore, int workers)
        {
            // The chunks are 1 MiB; the character's first bytesBefore bytes end the first chunk, the rest start the second
            // (the second chunk then starts with continuation bytes, which belong to the first).
            const int Chunk = 1 << 20;
            var encoded = Encoding.UTF8.GetBytes(character);
            var bytes = Enumerable.Repeat((byte)'a', Chunk - bytesBefore).Concat(encoded).Concat(Enumerable.Repeat((byte)'b', Chunk + 5)).ToArray();
            var decoded = TextDecoder.DecodeUtf8Stream(new System.IO.MemoryStream(bytes), workers);
            Assert.That(decoded, Is.Not.Null);
            Assert.That(decoded!.Text, Is.EqualTo(Encoding.UTF8.GetString(bytes)));
            Assert.That(decoded!.Text!.IndexOf(character, System.StringComparison.Ordinal), Is.EqualTo(Chunk - bytesBefore));
        }

        [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80 }, TestName = "LargeUtf8File_FiveContinuationBytesAtAChunkStart_LeftToTheBytesDecoding")]
        [TestCase(new byte[] { 0xE2, 0x82 }, TestName = "LargeUtf8File_ATruncatedCharacterBeforeAChunkBoundary_LeftToTheBytesDecoding")]
        [TestCase(new byte[] { 0xC0, 0xAF }, TestName = "LargeUtf8File_AnOverlongFormAtAChunkBoundary_LeftToTheBytesDecoding")]
        public void LargeUtf8File_InvalidBytesAtAChunkBoundary_LeftToTheBytesDecoding(byte[] invalid)
        {
            const int Chunk = 1 << 20;
            var bytes = Enumerable.Repeat((byte)'a', Chunk - 1).Concat(invalid).Concat(Enumerable.Repeat((byte)'b', Chunk)).ToArray();
            foreach (int workers in new[] { 1, 3 })
            {
                Assert.That(TextDecoder.DecodeUtf8Stream(new System.IO.MemoryStream(bytes), workers), Is.Null, $"{workers} thread(s)");
            }
            // ...where the bytes' decoding names the problem.
            Assert.That(TextDecoder.Decode(bytes).Problem, Is.Not.Null);
        }

        [Test]
        public void Pipeline_LargePageOpenedAsAStream_SameFindingsAsFromItsBytes()
        {
            var bytes = Encoding.UTF8.GetBytes(Page(60_000, i => Element(i * 8)));
            Assert.That(bytes.Length, Is.GreaterThan(8 << 20), "large enough to be decoded from a stream");
            List<string> Lint(LintInput input)
            {
                var findings = new List<string>();
                var listener = new Collect(findings);
                LintPipeline.Run(ConfigLint.Tests.Lint.Engine.StartRun(), new[] { input }, 2, listener);
                return findings;
            }
            var fromBytes = Lint(new LintInput(Path, () => bytes));
            var fromStream = Lint(new LintInput(Path, () => throw new System.IO.IOException("read from the stream, not the bytes"), () => new System.IO.MemoryStream(bytes)));
            Assert.That(fromStream, Is.EqualTo(fromBytes));
            Assert.That(fromStream.Count(l => l.Contains(" CL1001: ")), Is.EqualTo(60_000));
        }

        private sealed class Collect : ILintListener
        {
            private readonly List<string> _lines;

            public Collect(List<string> lines)
            {
                _lines = lines;
            }

            public void FileLinted(FileResult result) => _lines.AddRange(result.Findings.Select(Show));

            public void ScopeCompleted(string scope, IReadOnlyList<Finding> findings) => _lines.AddRange(findings.Select(Show));
        }
    }
}
