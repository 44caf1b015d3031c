using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// The CLI (bytes into the engine's decoder) and the analyzer (Roslyn's decoded <c>AdditionalText</c>, or in a
    /// command-line build the file's own bytes) give the same findings for every encoding case, and each case gives the
    /// verdict it should.
    /// </summary>
    public sealed class EncodingParityTests
    {
        private const string Policy = "{\r\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\r\n  \"displayName\": \"Ü – ünïcödé 😀\",\r\n  \"diagnosticsDataSubmissionMode\": \"full\"\r\n}\r\n";

        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };
        private static readonly byte[] Utf16LeBom = { 0xFF, 0xFE };
        private static readonly byte[] Utf16BeBom = { 0xFE, 0xFF };

        private static byte[] Utf8(string s) => new UTF8Encoding(false).GetBytes(s);
        private static byte[] Utf16Le(string s) => new UnicodeEncoding(false, false).GetBytes(s);
        private static byte[] Utf16Be(string s) => new UnicodeEncoding(true, false).GetBytes(s);
        private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        /// <summary>Name, bytes, and the rule IDs both channels must report in the file (sorted).</summary>
        private static IEnumerable<TestCaseData> Cases()
        {
            string[] risky = { "CL1001" };
            string[] contradicted = { "CL0003", "CL1001" };
            string[] unreadable = { "CL0003" };
            // A lone high surrogate in the display name, as a UTF-16 writer that split a pair would leave it.
            byte[] loneLe = Utf16Le(Policy);
            int at = Utf16Le(Policy.Substring(0, Policy.IndexOf("😀", System.StringComparison.Ordinal) + 1)).Length;
            loneLe[at] = (byte)'x';
            loneLe[at + 1] = 0;

            yield return Case("utf-8", Utf8(Policy), risky);
            yield return Case("utf-8 BOM", Cat(Utf8Bom, Utf8(Policy)), risky);
            yield return Case("utf-16 LE BOM", Cat(Utf16LeBom, Utf16Le(Policy)), risky);
            yield return Case("utf-16 BE BOM", Cat(Utf16BeBom, Utf16Be(Policy)), risky);
            yield return Case("utf-16 LE no BOM", Utf16Le(Policy), risky);
            yield return Case("utf-16 BE no BOM", Utf16Be(Policy), risky);
            yield return Case("utf-32 LE BOM", Cat(new byte[] { 0xFF, 0xFE, 0, 0 }, new UTF32Encoding(false, false).GetBytes(Policy)), risky);
            yield return Case("utf-32 BE BOM", Cat(new byte[] { 0, 0, 0xFE, 0xFF }, new UTF32Encoding(true, false).GetBytes(Policy)), risky);
            yield return Case("utf-32 LE no BOM", new UTF32Encoding(false, false).GetBytes(Policy), risky);
            yield return Case("utf-8 BOM twice", Cat(Utf8Bom, Utf8Bom, Utf8(Policy)), new[] { "CL0001" });
            yield return Case("utf-8 BOM over utf-16 LE", Cat(Utf8Bom, Utf16Le(Policy)), contradicted);
            yield return Case("utf-8 BOM over utf-16 LE BOM", Cat(Utf8Bom, Utf16LeBom, Utf16Le(Policy)), contradicted);
            yield return Case("utf-8 BOM over utf-16 BE", Cat(Utf8Bom, Utf16Be(Policy)), contradicted);
            yield return Case("utf-16 LE BOM over utf-8", Cat(Utf16LeBom, Utf8(Policy)), contradicted);
            yield return Case("utf-16 BE BOM over utf-16 LE", Cat(Utf16BeBom, Utf16Le(Policy)), contradicted);
            yield return Case("utf-16 LE BOM, lone surrogate", Cat(Utf16LeBom, loneLe), unreadable);
            yield return Case("utf-16 LE no BOM, lone surrogate", loneLe, unreadable);
            yield return Case("utf-8, invalid bytes", Cat(Utf8(Policy.Substring(0, 40)), new byte[] { 0xC3, 0x28 }, Utf8(Policy.Substring(40))), unreadable);
            yield return Case("utf-8 BOM, invalid bytes", Cat(Utf8Bom, Utf8(Policy.Substring(0, 40)), new byte[] { 0xFF }, Utf8(Policy.Substring(40))), unreadable);
            yield return Case("utf-8, encoded surrogate", Cat(Utf8(Policy.Substring(0, 40)), new byte[] { 0xED, 0xA0, 0x80 }, Utf8(Policy.Substring(40))), unreadable);
            yield return Case("utf-8, truncated sequence at the end", Cat(Utf8(Policy), new byte[] { 0xE2, 0x82 }), unreadable);
        }

        private static TestCaseData Case(string name, byte[] bytes, string[] expected) => new TestCaseData(name, bytes, expected).SetName("Encoding: " + name);

        [TestCaseSource(nameof(Cases))]
        public Task BothChannelsGiveTheSameVerdictOnALinuxHost(string name, byte[] bytes, string[] expectedIds)
        {
            // Known gap: a BOM-less UTF-16 file with a lone surrogate is read by Roslyn on Linux/macOS as UTF-8 with
            // U+FFFD replacements, which lose the surrogate's byte; the file is linted instead of reported unreadable.
            // Windows hosts fall back to the ANSI code page, which keeps every byte (the test below). A command-line
            // build is not an IDE host: the analyzer reads csc's files itself (the command-line test below).
            if (name == "utf-16 LE no BOM, lone surrogate") Assert.Ignore("the host's replacement decoding loses the byte that tells");
            return Verify(bytes, expectedIds, DiskAdditionalText.Decode);
        }

        [TestCaseSource(nameof(Cases))]
        public Task BothChannelsGiveTheSameVerdictOnAWindowsHost(string name, byte[] bytes, string[] expectedIds) =>
            Verify(bytes, expectedIds, WindowsHostDecode);

        [TestCaseSource(nameof(Cases))]
        public async Task BothChannelsGiveTheSameVerdictInACommandLineBuild(string name, byte[] bytes, string[] expectedIds)
        {
            // csc's own files are read from disk by the analyzer and decoded as the CLI decodes them, with no host
            // decoding in between: this covers the case the Linux host above cannot (a lone surrogate in BOM-less UTF-16).
            var dir = Path.Combine(Path.GetTempPath(), "configlint-encoding-" + Path.GetRandomFileName());
            var path = Path.Combine(dir, "DeviceConfiguration", "policy.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                File.WriteAllBytes(path, bytes);
                var file = new AdditionalTextFile(path);
                await Verify(path, bytes, expectedIds, file, Host.CommandLine);
                Assert.That(file.TextReads, Is.EqualTo(0), "the compiler was asked to decode the file");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        /// <summary>Roslyn's EncodedStringText on Windows: BOM, else strict UTF-8, else the ANSI code page (1252).</summary>
        private static SourceText WindowsHostDecode(byte[] bytes)
        {
            bool bom = (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
                || (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF);
            if (bom) return SourceText.From(bytes, bytes.Length, encoding: null);
            try
            {
                return SourceText.From(new UTF8Encoding(false, true).GetString(bytes), new UTF8Encoding(false, true));
            }
            catch (DecoderFallbackException)
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                var ansi = Encoding.GetEncoding(1252);
                return SourceText.From(ansi.GetString(bytes), ansi);
            }
        }

        private static Task Verify(byte[] bytes, string[] expectedIds, System.Func<byte[], SourceText> host)
        {
            const string path = "/repo/DeviceConfiguration/policy.json";
            return Verify(path, bytes, expectedIds, new BytesAdditionalText(path, bytes, host), Host.Ide);
        }

        /// <summary>The CLI on the bytes and the analyzer on <paramref name="file"/> (the same bytes as a host hands them over) agree, with the expected IDs.</summary>
        private static async Task Verify(string path, byte[] bytes, string[] expectedIds, AdditionalText file, Host host)
        {
            var run = new LintEngine(IntunePack.Create()).StartRun();
            var cli = run.LintBytes(path, bytes).Findings;
            var result = await AnalyzerRunner.RunAsync(new[] { file }, host: host);

            Assert.That(result.Exceptions, Is.Empty);
            var analyzer = result.Diagnostics.Where(d => d.Location.Kind == LocationKind.ExternalFile).ToList();
            FindingKey.AssertSame(analyzer.Select(d => FindingKey.Of(d)), cli.Select(f => FindingKey.Of(f)), "analyzer", "CLI");
            Assert.That(cli.Select(f => f.RuleId).OrderBy(i => i, System.StringComparer.Ordinal), Is.EqualTo(expectedIds), string.Join("\n", cli.Select(f => FindingKey.Of(f))));
            Assert.That(cli.Where(f => f.RuleId == "CL0003").Select(f => f.Severity), Is.All.EqualTo(ConfigLint.Core.Model.Severity.Error));
        }

        /// <summary>An additional file whose text a host decodes from bytes, as the compiler does.</summary>
        private sealed class BytesAdditionalText : AdditionalText
        {
            private readonly byte[] _bytes;
            private readonly System.Func<byte[], SourceText> _host;

            public BytesAdditionalText(string path, byte[] bytes, System.Func<byte[], SourceText> host)
            {
                Path = path;
                _bytes = bytes;
                _host = host;
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _host(_bytes);
        }
    }
}
