using System;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// How a rule pack wants its documents shaped while they are read. The reader knows JSON and YAML only; what an
    /// export format adds around its data (noise keys, a document carried inside a string) is the pack's knowledge.
    /// </summary>
    public sealed class DocumentShape
    {
        /// <summary>Documents read exactly as written.</summary>
        public static DocumentShape Plain { get; } = new DocumentShape();

        /// <param name="ignoredKey">Object keys whose properties are left out of the tree (their values are still checked for syntax).</param>
        /// <param name="readEmbeddedDocumentString">
        /// When a JSON file's whole value is a string whose content is itself a JSON object or array, read that content as
        /// the document, with every position mapped back to its escape sequence in the file.
        /// </param>
        public DocumentShape(Func<string, bool>? ignoredKey = null, bool readEmbeddedDocumentString = false)
        {
            IgnoredKey = ignoredKey;
            ReadEmbeddedDocumentString = readEmbeddedDocumentString;
        }

        public Func<string, bool>? IgnoredKey { get; }

        public bool ReadEmbeddedDocumentString { get; }
    }
}
