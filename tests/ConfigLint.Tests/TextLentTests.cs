using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using CsCheck;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// The analyzer lends the engine each file's characters in a pooled buffer (TextDecoder.DecodeHostChars) instead of a
    /// string per file. The engine must read them as it reads a string (same line table, same findings at the same
    /// places) and let go of them when LintDecoded returns: the analyzer reuses the buffer for the next file while the run
    /// still holds the file's positions for its tenant-level findings.
    /// </summary>
    [TestFixture]
    public sealed class TextLentTests
    {
        private static readonly string[] Pieces = { "a", " ", "\r", "\n", "\r\n", "\"", "\\", "{", "}", ":", ",", "\u20AC" };

        [Test]
        public void LentCharactersHaveTheStringsTextAndLineTable()
        {
            Gen.Int[0, Pieces.Length - 1].Array[0, 60].Select(parts => string.Concat(parts.Select(i => Pieces[i]))).Sample(text =>
            {
                // Line breaks past the text's end in the buffer must not count.
                var buffer = Enumerable.Repeat('\n', text.Length + 7).ToArray();
                text.CopyTo(0, buffer, 0, text.Length);
                var lent = TextDecoder.DecodeHostChars(buffer, text.Length, new UTF8Encoding(false)).ToSource("t.json");
                var owned = new SourceText("t.json", text);
                Assert.That(lent.LineCount, Is.EqualTo(owned.LineCount));
                for (int offset = 0; offset <= text.Length; offset++) Assert.That(lent.GetPosition(offset), Is.EqualTo(owned.GetPosition(offset)), $"offset {offset}");
                Assert.That(lent.Text, Is.EqualTo(text));
            }, seed: "0000000000L7", iter: 300, threads: 1);
        }

        [Test]
        public void EveryFixtureLintsTheSameFromOneReusedBufferAsFromStrings()
        {
            var files = Directory.EnumerateFiles(TestPaths.Fixtures, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.That(files, Has.Count.GreaterThan(100));
            var texts = files.Select(f => (Path: Path.GetRelativePath(TestPaths.Fixtures, f), Text: TextDecoder.Decode(File.ReadAllBytes(f)).Text)).Where(t => t.Text != null).ToList();

            var fromStrings = Lint.Engine.StartRun();
            var expected = texts.SelectMany(t => fromStrings.LintDecoded(t.Path, TextDecoder.DecodeHostText(t.Text!, new UTF8Encoding(false))).Findings).ToList();
            expected.AddRange(fromStrings.Complete());

            var fromBuffer = Lint.Engine.StartRun();
            var buffer = new char[texts.Max(t => t.Text!.Length) + 16];
            var actual = new List<Finding>();
            foreach (var (path, text) in texts)
            {
                Array.Fill(buffer, '\n');
                text!.CopyTo(0, buffer, 0, text.Length);
                actual.AddRange(fromBuffer.LintDecoded(path, TextDecoder.DecodeHostChars(buffer, text.Length, new UTF8Encoding(false))).Findings);
                // The next file, or anything else: the run must not read this buffer again.
                Array.Fill(buffer, '\r');
            }
            // Tenant-level findings are placed now, long after their files' characters were overwritten.
            var tenant = fromBuffer.Complete();
            actual.AddRange(tenant);
            Assert.That(tenant.Count(f => f.Location != null && f.Location.Start.Line > 1), Is.GreaterThan(0), "some tenant finding is placed inside a file");
            Assert.That(Lines(actual), Is.EqualTo(Lines(expected)));
        }

        [Test]
        public void ReleasedCharactersKeepTheirPositionsAndGiveNoText()
        {
            var buffer = "{\n  \"a\": 1,\r\n  \"b\": 2\r}".ToCharArray();
            var expected = new SourceText("t.json", new string(buffer));
            var source = TextDecoder.DecodeHostChars(buffer, buffer.Length, new UTF8Encoding(false)).ToSource("t.json");
            // Nothing asked for a position before the release: the line table must be built from the characters then.
            typeof(SourceText).GetMethod("Release", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.Invoke(source, null);
            Array.Fill(buffer, '\n');
            for (int offset = 0; offset <= buffer.Length; offset++) Assert.That(source.GetPosition(offset), Is.EqualTo(expected.GetPosition(offset)), $"offset {offset}");
            var error = Assert.Throws<InvalidOperationException>(() => _ = source.Text);
            Assert.That(error!.Message, Does.Contain("t.json"));
        }

        [Test]
        public void TheRunKeepsNoReferenceToLentCharacters()
        {
            // Every sample file: their resources stay with the run's tenant rules until it completes.
            var run = Lint.Engine.StartRun();
            var lent = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "samples", "tenant"), "*.json", SearchOption.AllDirectories)
                .Select(f => LintFromAFreshBuffer(run, Path.GetFileName(f), TextDecoder.Decode(File.ReadAllBytes(f)).Text!)).ToList();
            Assert.That(lent, Has.Count.GreaterThanOrEqualTo(7));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.That(lent.Count(w => w.IsAlive), Is.Zero, "buffers still referenced after LintDecoded returned");
            Assert.That(run.Complete(), Is.Not.Empty);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static WeakReference LintFromAFreshBuffer(ConfigLint.Core.Engine.LintRun run, string path, string text)
        {
            var buffer = text.ToCharArray();
            run.LintDecoded(path, TextDecoder.DecodeHostChars(buffer, buffer.Length, new UTF8Encoding(false)));
            return new WeakReference(buffer);
        }

        private static List<string> Lines(IEnumerable<Finding> findings) =>
            findings.Select(f => f.Location == null ? $"{f.RuleId} {f.Message}" : $"{f.Location.Path} {f.RuleId} {f.Location.Start.Line}:{f.Location.Start.Column}-{f.Location.End.Line}:{f.Location.End.Column} @{f.Location.StartOffset}-{f.Location.EndOffset} {f.Message}").ToList();
    }
}
