using System;
using System.Collections.Generic;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// What reading one file gave: the documents that could be built (a YAML stream may hold several) and every problem
    /// found, in file order. A problem that is a deviation left its document in place; any other one ended the reading
    /// (of that one embedded document only, when a container's string held it: see <see cref="DocumentShape.EmbeddedDocuments"/>).
    /// </summary>
    public sealed class ReadResult
    {
        private static readonly ParseFailure[] NoProblems = new ParseFailure[0];
        private static readonly JsonDocument[] NoDocuments = new JsonDocument[0];

        public ReadResult(string format, IReadOnlyList<JsonDocument>? documents, IReadOnlyList<ParseFailure>? problems)
        {
            Format = format;
            Documents = documents ?? NoDocuments;
            Problems = problems ?? NoProblems;
        }

        /// <summary>"JSON" or "YAML", as messages name it.</summary>
        public string Format { get; }

        public IReadOnlyList<JsonDocument> Documents { get; }

        public IReadOnlyList<ParseFailure> Problems { get; }

        /// <summary>True when the file holds no value at all.</summary>
        public bool IsEmpty => Documents.Count == 0 && Problems.Count == 1 && Problems[0].IsEmpty;

        internal static ReadResult Single(string format, JsonDocument? document, ParseFailure? failure, List<ParseFailure>? deviations)
        {
            if (failure != null) return new ReadResult(format, null, new[] { failure });
            return new ReadResult(format, document == null ? null : new[] { document }, deviations);
        }

        internal static ReadResult Failed(string format, ParseFailure failure) => new ReadResult(format, null, new[] { failure ?? throw new ArgumentNullException(nameof(failure)) });
    }
}
