using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>From bytes to a parsed document: decoding, then JSON or YAML by the path's extension; failures become CL0001-CL0003.</summary>
    internal static class DocumentReader
    {
        /// <summary>Decodes a file's bytes (BOM, UTF-16); an undecodable file is reported as unreadable.</summary>
        public static string? Decode(string path, byte[] bytes, EngineDiagnostics diagnostics, FindingSink sink)
        {
            if (TextDecoder.TryDecode(bytes, out var text, out _, out var error)) return text;
            ReportUnreadable(path, error!, diagnostics, sink);
            return null;
        }

        /// <summary>Reports a file that could not be read at all (I/O error, permissions, encoding).</summary>
        public static void ReportUnreadable(string path, string reason, EngineDiagnostics diagnostics, FindingSink sink)
        {
            var location = new SourceLocation(path, new LinePosition(1, 1), new LinePosition(1, 1), 0, 0);
            sink.Report(diagnostics.UnreadableFile, location, new MessageArgs { ["reason"] = reason });
        }

        /// <summary>
        /// Parses decoded text; returns null after reporting why it is not a document. An empty file the pack expects
        /// (<see cref="IResourceTyper.AllowsEmpty"/>) reads as an empty list and sets <paramref name="emptyCompanion"/>.
        /// </summary>
        public static JsonDocument? Parse(string path, string text, RulePack pack, FindingSink sink, out bool emptyCompanion)
        {
            emptyCompanion = false;
            var source = new SourceText(path, text);
            bool yaml = YamlTreeParser.IsYamlPath(path);
            var document = yaml ? YamlTreeParser.Parse(source, out var failure) : JsonParser.Parse(source, out failure);
            if (document != null) return document;
            if (failure!.IsEmpty && pack.Typer.AllowsEmpty(path))
            {
                // An empty companion (a tool's "nothing to write") is read as an empty list.
                emptyCompanion = true;
                return new JsonDocument(source, source, JsonArray.Empty);
            }
            var at = source.GetPosition(failure.Offset);
            var location = new SourceLocation(path, at, at, failure.Offset, failure.Offset);
            if (failure.IsEmpty)
            {
                sink.Report(pack.Diagnostics.EmptyFile, location);
                return null;
            }
            sink.Report(pack.Diagnostics.InvalidJson, location, new MessageArgs
            {
                ["language"] = yaml ? "YAML" : "JSON",
                ["line"] = at.Line,
                ["column"] = at.Column,
                ["reason"] = failure.Message,
            });
            return null;
        }
    }
}
