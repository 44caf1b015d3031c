using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>From bytes to parsed documents: decoding, then JSON or YAML by the path's extension; failures become CL0001-CL0003.</summary>
    internal static class DocumentReader
    {
        /// <summary>
        /// Reports what decoding found: an undecodable file as unreadable, a byte order mark that contradicts the content as
        /// an error (the text, read in its real encoding, is still linted).
        /// </summary>
        public static void ReportProblem(string path, DecodedText decoded, EngineDiagnostics diagnostics, FindingSink sink)
        {
            if (decoded.Problem != null) ReportUnreadable(path, decoded.Problem, diagnostics, sink);
        }

        /// <summary>Reports a file that could not be read at all (I/O error, permissions, encoding).</summary>
        public static void ReportUnreadable(string path, string reason, EngineDiagnostics diagnostics, FindingSink sink)
        {
            var location = new SourceLocation(path, new LinePosition(1, 1), new LinePosition(1, 1), 0, 0);
            sink.Report(diagnostics.UnreadableFile, location, new MessageArgs { ["reason"] = reason });
        }

        /// <summary>
        /// Parses decoded text shaped as the pack asks; reports every problem and returns the documents that could be
        /// built (a YAML stream may hold several; a deviation such as a comment still gives its document). An empty file
        /// the pack expects (<see cref="IResourceTyper.AllowsEmpty"/>) reads as an empty list and sets <paramref name="emptyCompanion"/>.
        /// </summary>
        public static IReadOnlyList<JsonDocument> Parse(string path, string text, RulePack pack, FindingSink sink, out bool emptyCompanion)
        {
            var source = new SourceText(path, text);
            return Report(source, Read(source, pack), pack, sink, out emptyCompanion);
        }

        /// <summary>Reads decoded text as JSON or YAML (by the path's extension), shaped as the pack asks; reports nothing.</summary>
        public static ReadResult Read(SourceText source, RulePack pack) =>
            YamlTreeParser.IsYamlPath(source.Path) ? YamlTreeParser.Read(source, pack.Shape) : JsonParser.Read(source, pack.Shape);

        /// <summary>Reports what <see cref="Read"/> found (see <see cref="Parse"/>); returns the documents to lint.</summary>
        public static IReadOnlyList<JsonDocument> Report(SourceText source, ReadResult read, RulePack pack, FindingSink sink, out bool emptyCompanion)
        {
            emptyCompanion = false;
            string path = source.Path;
            if (read.IsEmpty && pack.Typer.AllowsEmpty(path))
            {
                // An empty companion (a tool's "nothing to write") is read as an empty list.
                emptyCompanion = true;
                return new[] { new JsonDocument(source, source, JsonArray.Empty) };
            }
            ReportProblems(source, read.Format, read.Problems, pack, sink);
            return read.Documents;
        }

        /// <summary>Reports what reading found: an empty file (CL0002), or a fault or deviation (CL0001) at its position.</summary>
        public static void ReportProblems(SourceText source, string format, IEnumerable<ParseFailure> problems, RulePack pack, FindingSink sink)
        {
            string path = source.Path;
            foreach (var problem in problems)
            {
                var at = source.GetPosition(problem.Offset);
                var location = new SourceLocation(path, at, at, problem.Offset, problem.Offset);
                if (problem.IsEmpty)
                {
                    sink.Report(pack.Diagnostics.EmptyFile, location);
                    continue;
                }
                sink.Report(pack.Diagnostics.InvalidJson, location, new MessageArgs
                {
                    ["language"] = format,
                    ["line"] = at.Line,
                    ["column"] = at.Column,
                    ["reason"] = problem.Message,
                });
            }
        }
    }
}
