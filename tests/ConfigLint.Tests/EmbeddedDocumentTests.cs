using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Json;
using ConfigLint.Core.Text;
using Newtonsoft.Json;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// The core's container reading on its own, with a made-up format ("the string in 'doc' is a document"): every
    /// node maps through each level of escapes to the character of the file that wrote it, and nesting is bounded.
    /// </summary>
    [TestFixture]
    public sealed class EmbeddedDocumentTests
    {
        private static readonly DocumentShape DocInDoc = new DocumentShape(embeddedDocuments: d =>
            d.Root is JsonObject o && o["doc"] is JsonValue { Kind: JsonKind.String } s ? new[] { new EmbeddedString(s, "the 'doc' string") } : null);

        /// <summary><paramref name="levels"/> objects, each holding the next as the JSON string of "doc"; the last holds <paramref name="inner"/>.</summary>
        private static string Nest(string inner, int levels)
        {
            string text = inner;
            for (int i = 0; i < levels; i++) text = "{\"n\":" + i + ",\n \"doc\":" + JsonConvert.ToString(text, '"', StringEscapeHandling.EscapeNonAscii) + "}";
            return text;
        }

        [Test]
        public void EveryLevelMapsToTheCharacterThatWroteIt()
        {
            var text = Nest("{\"k\":\"é\\\\\"}", 3);
            var read = JsonParser.Read(new SourceText("f.json", text), DocInDoc);
            Assert.That(read.Problems, Is.Empty);
            Assert.That(read.Documents.Select(d => (d.Depth, d.IsContainer)), Is.EqualTo(new[] { (0, true), (1, true), (2, true), (3, false) }));
            var innermost = read.Documents[3];
            var value = ((JsonObject)innermost.Root)["k"]!;
            Assert.That(value.ScalarText, Is.EqualTo("é\\"));
            // The value's literal as the innermost document writes it, escaped once per level of strings around it
            // (é becomes \u00e9 at the first level, and that backslash doubles at each level after).
            string spelled = "\"é\\\\\"";
            for (int i = 0; i < 3; i++) spelled = JsonConvert.ToString(spelled, '"', StringEscapeHandling.EscapeNonAscii)[1..^1];
            var location = innermost.GetLocation(value);
            int at = text.IndexOf(spelled, StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThan(0), text);
            Assert.That((location.StartOffset, location.EndOffset), Is.EqualTo((at, at + spelled.Length)));
        }

        [Test]
        public void NestingBeyondTheLimitIsAProblemAtTheStringNotARead()
        {
            var text = Nest("{}", EmbeddedDocumentsLimit + 1);
            var read = JsonParser.Read(new SourceText("f.json", text), DocInDoc);
            Assert.That(read.Problems.Select(p => p.Message), Has.One.Contains("nested 5 strings deep"));
            Assert.That(read.Documents.Max(d => d.Depth), Is.EqualTo(EmbeddedDocumentsLimit));
        }

        /// <summary>The core's limit (internal there): no real export nests deeper than two.</summary>
        private const int EmbeddedDocumentsLimit = 4;

        [Test]
        public void WithoutTheHookTheStringIsJustAString()
        {
            var read = JsonParser.Read(new SourceText("f.json", Nest("{}", 2)), DocumentShape.Plain);
            Assert.That(read.Documents.Select(d => (d.Depth, d.IsContainer)), Is.EqualTo(new[] { (0, false) }));
        }
    }
}
