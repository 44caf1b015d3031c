using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Json
{
    /// <summary>Reads a JSON file into a <see cref="JsonDocument"/>, shaped as the rule pack asks.</summary>
    public static class JsonParser
    {
        /// <summary>Deeper nesting than this is refused rather than risking a stack overflow in rule code.</summary>
        public const int MaxDepth = JsonTreeReader.MaxDepth;

        /// <summary>
        /// Reads a JSON file. Never throws for bad input: the result holds the document (when one could be built) and
        /// every problem found, with offsets into the file.
        /// </summary>
        public static ReadResult Read(SourceText source, DocumentShape? shape = null)
        {
            shape ??= DocumentShape.Plain;
            var root = JsonTreeReader.Read(source, shape.IgnoredKey, out var failure, out var deviations);
            if (root == null) return ReadResult.Failed("JSON", failure!);

            if (shape.ReadEmbeddedDocumentString && root is JsonValue { Kind: JsonKind.String } str && LooksLikeJson(str.Text))
            {
                // The whole file is one string literal holding JSON (written by ConvertTo-Json of a string that already
                // held JSON). Read its content, keeping a map from each character back to the file.
                var (inner, map) = JsonEscape.UnescapeWithMap(source.Text, str.Start, str.End);
                var innerSource = new SourceText(source.Path, inner);
                var innerRoot = JsonTreeReader.Read(innerSource, shape.IgnoredKey, out var innerFailure, out var innerDeviations);
                if (innerRoot == null)
                {
                    int at = innerFailure!.Offset < map.Length ? map[innerFailure.Offset] : str.Start;
                    return ReadResult.Failed("JSON", new ParseFailure("the file is a JSON string holding JSON (a double-encoded export), and that inner JSON is invalid: " + innerFailure.Message, at));
                }
                var all = deviations;
                if (innerDeviations != null)
                {
                    all ??= new List<ParseFailure>();
                    foreach (var d in innerDeviations) all.Add(new ParseFailure(d.Message, d.Offset < map.Length ? map[d.Offset] : str.Start, isDeviation: true));
                }
                return ReadResult.Single("JSON", new JsonDocument(source, innerSource, innerRoot, map, wasDoubleEncoded: true), null, all);
            }

            var document = new JsonDocument(source, source, root);
            // The pack may find documents carried in the document's strings (a container): each is read on its own.
            // Most files are none, and cost one look at the root.
            var embedded = shape.EmbeddedDocuments?.Invoke(document);
            if (embedded == null || embedded.Count == 0) return ReadResult.Single("JSON", document, null, deviations);

            var documents = new List<JsonDocument>();
            var problems = deviations ?? new List<ParseFailure>();
            EmbeddedDocuments.Expand(document, embedded, shape, documents, problems);
            // In file order, as every reading reports them (a stable sort: equal offsets keep their order).
            return new ReadResult("JSON", documents, problems.OrderBy(p => p.Offset).ToList());
        }

        /// <summary>
        /// Reads a JSON file; returns the document, or null when none could be built. <paramref name="failure"/> is the
        /// first problem found, also when it was only a deviation and the document was built.
        /// </summary>
        public static JsonDocument? Parse(SourceText source, out ParseFailure? failure, DocumentShape? shape = null)
        {
            var result = Read(source, shape);
            failure = result.Problems.Count > 0 ? result.Problems[0] : null;
            return result.Documents.Count > 0 ? result.Documents[0] : null;
        }

        private static bool LooksLikeJson(string? text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            foreach (char c in text!)
            {
                if (char.IsWhiteSpace(c)) continue;
                return c == '{' || c == '[';
            }
            return false;
        }
    }
}
