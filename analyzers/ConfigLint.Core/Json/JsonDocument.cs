using ConfigLint.Core.Text;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// A parsed JSON (or YAML) file: its root node and the mapping from node offsets back to the original file.
    /// </summary>
    /// <remarks>
    /// Usually the parsed text is the file itself. For a document embedded in a string (a double-encoded file, see
    /// <see cref="DocumentShape.ReadEmbeddedDocumentString"/>) the parsed text is the content of the outer string literal, and <see cref="OffsetMap"/> maps each of its
    /// characters back to where its escape sequence starts in the file, so positions stay exact. A document read from a
    /// string of another document (<see cref="DocumentShape.EmbeddedDocuments"/>) is mapped the same way, through every
    /// string it sits in (<see cref="Depth"/>).
    /// </remarks>
    public sealed class JsonDocument
    {
        public JsonDocument(SourceText original, SourceText parsed, JsonNode root, int[]? offsetMap = null, bool wasDoubleEncoded = false)
            : this(original, parsed, root, offsetMap, wasDoubleEncoded, wasDoubleEncoded ? 1 : 0, isContainer: false)
        {
        }

        internal JsonDocument(SourceText original, SourceText parsed, JsonNode root, int[]? offsetMap, bool wasDoubleEncoded, int depth, bool isContainer)
        {
            Original = original;
            Parsed = parsed;
            Root = root;
            OffsetMap = offsetMap;
            WasDoubleEncoded = wasDoubleEncoded;
            Depth = depth;
            IsContainer = isContainer;
        }

        public SourceText Original { get; }
        public SourceText Parsed { get; }
        public JsonNode Root { get; }
        public int[]? OffsetMap { get; }
        public bool WasDoubleEncoded { get; }

        /// <summary>How many JSON string literals of the file the parsed text sits inside: 0 for the file itself.</summary>
        public int Depth { get; }

        /// <summary>
        /// True for a document that only carries other documents in its strings (<see cref="DocumentShape.EmbeddedDocuments"/>):
        /// those are linted, the container itself holds nothing to lint.
        /// </summary>
        public bool IsContainer { get; }

        /// <summary>The same document with another root (same texts, map and nesting), e.g. after a rewrite of its tree.</summary>
        public JsonDocument WithRoot(JsonNode root) => new JsonDocument(Original, Parsed, root, OffsetMap, WasDoubleEncoded, Depth, IsContainer);

        internal JsonDocument AsContainer() => new JsonDocument(Original, Parsed, Root, OffsetMap, WasDoubleEncoded, Depth, isContainer: true);

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
