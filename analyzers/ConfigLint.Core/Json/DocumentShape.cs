using System;
using System.Collections.Generic;

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
        /// <param name="embeddedDocuments">
        /// Finds, in a parsed JSON document, the string values whose content is itself a JSON document (see
        /// <see cref="EmbeddedString"/>); null or an empty list when there are none. Such a document is a container: each
        /// string's content is read as a document of its own (and asked again, so strings inside strings unwrap too),
        /// with every position mapped back to its escape sequence in the file.
        /// </param>
        /// <param name="pageProperty">
        /// The root object's property whose array lists independent resources (a page, such as a REST API's collection
        /// response); null when the format has none. A large page is read and linted element by element on several
        /// cores, and a malformed element no longer hides the others. The pack's split still decides what the document is.
        /// </param>
        /// <param name="rootArrayIsPage">True when the elements of a root array are independent resources too.</param>
        public DocumentShape(Func<string, bool>? ignoredKey = null, bool readEmbeddedDocumentString = false, Func<JsonDocument, IReadOnlyList<EmbeddedString>?>? embeddedDocuments = null,
            string? pageProperty = null, bool rootArrayIsPage = false)
        {
            IgnoredKey = ignoredKey;
            ReadEmbeddedDocumentString = readEmbeddedDocumentString;
            EmbeddedDocuments = embeddedDocuments;
            PageProperty = pageProperty;
            RootArrayIsPage = rootArrayIsPage;
        }

        public Func<string, bool>? IgnoredKey { get; }

        public bool ReadEmbeddedDocumentString { get; }

        public string? PageProperty { get; }

        public bool RootArrayIsPage { get; }

        /// <summary>True when a document of this shape may be a page (see <see cref="PageProperty"/>).</summary>
        public bool HasPages => PageProperty != null || RootArrayIsPage;

        /// <summary>The container hook (see the constructor); null when the pack has none.</summary>
        public Func<JsonDocument, IReadOnlyList<EmbeddedString>?>? EmbeddedDocuments { get; }
    }
}
