using ConfigLint.Core.Text;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// A parsed JSON (or YAML) file: its root node and the mapping from node offsets back to the original file.
    /// </summary>
    /// <remarks>
    /// Usually the parsed text is the file itself. For a document embedded in a string (a double-encoded file, see
    /// <see cref="DocumentShape.ReadEmbeddedDocumentString"/>) the parsed text is the content of the outer string literal, and <see cref="OffsetMap"/> maps each of its
    /// characters back to where its escape sequence starts in the file, so positions stay exact.
    /// </remarks>
    public sealed class JsonDocument
    {
        public JsonDocument(SourceText original, SourceText parsed, JsonNode root, int[]? offsetMap = null, bool wasDoubleEncoded = false)
        {
            Original = original;
            Parsed = parsed;
            Root = root;
            OffsetMap = offsetMap;
            WasDoubleEncoded = wasDoubleEncoded;
        }

        public SourceText Original { get; }
        public SourceText Parsed { get; }
        public JsonNode Root { get; }
        public int[]? OffsetMap { get; }
        public bool WasDoubleEncoded { get; }

        public string Path => Original.Path;

        /// <summary>Maps an offset of the parsed text to the file; the map has one entry past the end.</summary>
        public int ToOriginalOffset(int parsedOffset)
        {
            if (OffsetMap == null) return parsedOffset;
            if (parsedOffset < 0) parsedOffset = 0;
            if (parsedOffset >= OffsetMap.Length) parsedOffset = OffsetMap.Length - 1;
            return OffsetMap[parsedOffset];
        }

        /// <summary>The location in the original file of a span of the parsed text.</summary>
        public SourceLocation GetLocation(int start, int end)
        {
            int s = ToOriginalOffset(start);
            int e = end > start ? ToOriginalOffset(end) : s;
            return new SourceLocation(Original.Path, Original.GetPosition(s), Original.GetPosition(e), s, e);
        }

        public SourceLocation GetLocation(JsonNode node) => GetLocation(node.Start, node.End);

        public SourceLocation GetNameLocation(JsonProperty property) => GetLocation(property.NameStart, property.NameEnd);
    }
}
