using System;
using System.Collections.Generic;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Json
{
    /// <summary>A string value of a parsed document whose content is a document of its own, as a pack points it out.</summary>
    public sealed class EmbeddedString
    {
        /// <param name="literal">The string value (a node of the document the pack was shown).</param>
        /// <param name="description">What the string is, for messages, e.g. "the 'payload' string"; it starts a sentence's clause.</param>
        public EmbeddedString(JsonValue literal, string description)
        {
            if (literal.Kind != JsonKind.String) throw new ArgumentException("only a string value can hold a document", nameof(literal));
            Literal = literal;
            Description = description;
        }

        public JsonValue Literal { get; }
        public string Description { get; }
    }

    /// <summary>
    /// Reads the documents a container carries inside its strings (<see cref="DocumentShape.EmbeddedDocuments"/>). Each
    /// string's content is unescaped with a map from every character to the start of the escape sequence that wrote it,
    /// composed with the container's own map, so a node inside a string inside a string still maps to the exact
    /// character of the file. A fault inside one string is reported there and ends only that document.
    /// </summary>
    internal static class EmbeddedDocuments
    {
        /// <summary>Strings inside strings beyond this depth are reported, not read: no real export nests deeper than two.</summary>
        public const int MaxDepth = 4;

        /// <summary>
        /// Adds <paramref name="document"/> to <paramref name="documents"/> as a container, followed by what its
        /// <paramref name="embedded"/> strings hold (read the same way in turn), and every problem met to <paramref name="problems"/>.
        /// </summary>
        public static void Expand(JsonDocument document, IReadOnlyList<EmbeddedString> embedded, DocumentShape shape, List<JsonDocument> documents, List<ParseFailure> problems)
        {
            documents.Add(document.AsContainer());
            foreach (var item in embedded)
            {
                var literal = item.Literal;
                int at = document.ToOriginalOffset(literal.Start);
                if (document.Depth >= MaxDepth)
                {
                    problems.Add(new ParseFailure($"{item.Description} holds a document nested {document.Depth + 1} strings deep; at most {MaxDepth} are read", at));
                    continue;
                }
                var (text, map) = JsonEscape.UnescapeWithMap(document.Parsed.Text, literal.Start, literal.End);
                if (document.OffsetMap != null)
                {
                    for (int i = 0; i < map.Length; i++) map[i] = document.ToOriginalOffset(map[i]);
                }
                var inner = new SourceText(document.Path, text);
                var root = JsonTreeReader.Read(inner, shape.IgnoredKey, out var failure, out var deviations);
                if (root == null)
                {
                    // An empty string is a fault here, not an empty file: the container says a document is there.
                    string reason = failure!.IsEmpty ? "it is empty" : failure.Message;
                    problems.Add(new ParseFailure($"{item.Description} should hold a JSON document, and that JSON is invalid: {reason}", Map(map, failure.Offset)));
                    continue;
                }
                if (deviations != null)
                {
                    foreach (var d in deviations) problems.Add(new ParseFailure($"{item.Description}: {d.Message}", Map(map, d.Offset), isDeviation: true));
                }
                var child = new JsonDocument(document.Original, inner, root, map, wasDoubleEncoded: false, depth: document.Depth + 1, isContainer: false);
                var nested = shape.EmbeddedDocuments!(child);
                if (nested == null || nested.Count == 0) documents.Add(child);
                else Expand(child, nested, shape, documents, problems);
            }
        }

        private static int Map(int[] map, int offset) => map[Math.Max(0, Math.Min(offset, map.Length - 1))];
    }
}
