using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using ConfigLint.Fuzz;
using CsCheck;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// ASCII and UTF-16 LE files are read from their bytes in place (Core/Text/TextBytes) instead of from a decoded string.
    /// Both ways must give the same text, the same line table and the same findings at the same positions; and the in-place
    /// way must really not make the string.
    /// </summary>
    [TestFixture]
    public sealed class TextInPlaceTests
    {
        private const string Seed = "0000000000J1";

        private static readonly Encoding Utf16 = new UnicodeEncoding(false, true);

        /// <summary>The three encodings exports arrive in, as whole files (with their byte order marks).</summary>
        private static IEnumerable<(string Name, byte[] Bytes)> Encoded(string text)
        {
            yield return ("UTF-8", Encoding.UTF8.GetBytes(text));
            yield return ("UTF-8 BOM", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray());
            yield return ("UTF-16 LE", Utf16.GetPreamble().Concat(Utf16.GetBytes(text)).ToArray());
        }

        private static readonly string[] Pieces = { "a", " ", "    ", "\r", "\n", "\r\n", "\"", "\\", "\t", "\u0001", "{", "}", ":", ",", "\u20AC", "\u0A0A", "\u0D0A", "\u0A0D" };

        /// <summary>
        /// Text made of what the line table and the string scanner stop at, in runs that cross 4- and 8-unit words, and
        /// characters whose UTF-16 bytes hold a CR or LF byte without being one (U+0A0A, U+0D0A, U+0A0D).
        /// </summary>
        private static readonly Gen<string> Texts =
            Gen.Int[0, Pieces.Length - 1].Array[0, 60].Select(parts => parts.Count(i => Pieces[i][0] > 0x7F) > 1 ? parts.Where(i => Pieces[i][0] < 0x80).ToArray() : parts).Select(parts => string.Concat(parts.Select(i => Pieces[i])));


        [Test]
        public void TextAndLineTableAreTheSameReadInPlaceOrDecoded()
        {
            Texts.Sample(text =>
            {
                foreach (var (name, bytes) in Encoded(text))
                {
                    // The source first: asking a DecodedText for its Text makes the string, and the source then reads that.
                    var fromBytes = TextDecoder.DecodeInPlace(bytes).ToSource("t.json");
                    var decoded = TextDecoder.Decode(bytes);
                    var fromString = new SourceText("t.json", decoded.Text!);
                    Assert.That(fromBytes.LineCount, Is.EqualTo(fromString.LineCount), name);
                    for (int offset = 0; offset <= fromString.Length; offset++)
                    {
                        Assert.That(fromBytes.GetPosition(offset), Is.EqualTo(fromString.GetPosition(offset)), $"{name}, offset {offset}");
                    }
                    Assert.That(fromBytes.Text, Is.EqualTo(decoded.Text), name);
                    Assert.That(TextDecoder.DecodeInPlace(bytes).Problem, Is.EqualTo(decoded.Problem), name);
                }
            }, seed: Seed, iter: 300, threads: 1);
        }

        [Test]
        public void EveryFixtureHasTheSameFindingsReadInPlaceOrDecoded()
        {
            var fixtures = Directory.EnumerateFiles(TestPaths.Fixtures, "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.That(fixtures, Has.Count.GreaterThan(100));
            foreach (var file in fixtures)
            {
                var text = TextDecoder.Decode(File.ReadAllBytes(file)).Text;
                if (text == null) continue;
                foreach (var (name, bytes) in Encoded(text.TrimStart('\uFEFF')))
                {
                    Assert.That(Lines(InPlace(file, bytes)), Is.EqualTo(Lines(Decoded(file, bytes))), $"{file} as {name}");
                }
            }
        }

        [Test]
        public void MutatedInputsHaveTheSameFindingsReadInPlaceOrDecoded()
        {
            var seeds = Directory.EnumerateFiles(TestPaths.Fixtures, "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
            var mutator = new Mutator(13, seeds);
            int inPlace = 0;
            for (int i = 0; i < 600; i++)
            {
                var input = mutator.Next(i);
                if (input.IsYaml) continue;
                string path = "mutated/" + i + ".json";
                if (TextDecoder.DecodeInPlace(input.Bytes).IsReadable && IsAsciiOrUtf16(input.Bytes)) inPlace++;
                Assert.That(Lines(InPlace(path, input.Bytes)), Is.EqualTo(Lines(Decoded(path, input.Bytes))), $"{input.Kind} of {input.Seed}");
            }
            // The comparison means something only if many inputs took the in-place way.
            Assert.That(inPlace, Is.GreaterThan(100));
        }

        [Test]
        public void AsciiAndUtf16TextIsNotCopiedIntoAString()
        {
            string text = "{\"displayName\": \"" + new string('x', 200_000) + "\"}";
            foreach (var (name, bytes) in Encoded(text))
            {
                TextDecoder.DecodeInPlace(bytes).ToSource("t.json");
                long before = GC.GetAllocatedBytesForCurrentThread();
                var source = TextDecoder.DecodeInPlace(bytes).ToSource("t.json");
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                // The string would be 400 KB; the in-place source is a few small objects.
                Assert.That(allocated, Is.LessThan(10_000), name);
                Assert.That(source.Length, Is.EqualTo(text.Length), name);
            }
        }

        private static bool IsAsciiOrUtf16(byte[] bytes) =>
            (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) || bytes.All(b => b < 0x80) || (bytes.Length >= 3 && bytes[0] == 0xEF && bytes.Skip(3).All(b => b < 0x80));

        private static List<Finding> InPlace(string path, byte[] bytes)
        {
            var run = Lint.Engine.StartRun();
            var findings = run.LintBytes(path, bytes).Findings.ToList();
            findings.AddRange(run.Complete());
            return findings;
        }

        /// <summary>The same file through the string: decoded first, then linted as text (problems of decoding aside).</summary>
        private static List<Finding> Decoded(string path, byte[] bytes)
        {
            var run = Lint.Engine.StartRun();
            var findings = run.LintDecoded(path, TextDecoder.Decode(bytes)).Findings.ToList();
            findings.AddRange(run.Complete());
            return findings;
        }

        private static List<string> Lines(List<Finding> findings) =>
            findings.Select(f => f.Location == null ? $"{f.RuleId} {f.Message}" : $"{f.RuleId} {f.Location.Start.Line}:{f.Location.Start.Column}-{f.Location.End.Line}:{f.Location.End.Column} @{f.Location.StartOffset}-{f.Location.EndOffset} {f.Message}").ToList();
    }
}
