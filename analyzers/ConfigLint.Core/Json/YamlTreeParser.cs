using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using ConfigLint.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// Reads a YAML export into the same light tree as JSON, with each node's span
    /// taken from YamlDotNet's marks, so every rule and every position works the same on YAML. A stream of several
    /// documents gives one tree per document.
    /// </summary>
    public static class YamlTreeParser
    {
        private static readonly Regex Number = new Regex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$", RegexOptions.CultureInvariant);

        public static bool IsYamlPath(string path)
        {
            var ext = Path.GetExtension(path);
            return ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".yml", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Reads every document of the stream. Never throws for bad input: a fault ends the reading with one problem at
        /// its position, and the documents completed before it are kept.
        /// </summary>
        public static ReadResult Read(SourceText source, DocumentShape? shape = null)
        {
            shape ??= DocumentShape.Plain;
            // The decoder has already taken the byte order mark off; one left at the start is a second mark, which
            // YamlDotNet would skip in silence. The JSON reader refuses it at the same place, so both formats agree.
            if (source.Text.Length > 0 && source.Text[0] == '\uFEFF')
            {
                return ReadResult.Failed("YAML", new ParseFailure("a second byte order mark (U+FEFF) at the start of the text; save the file with one mark, or none", 0));
            }
            var documents = new List<JsonDocument>();
            var deviations = new List<ParseFailure>();
            var scanner = new Scanner(new StringReader(source.Text));
            var parser = new Parser(scanner);
            try
            {
                parser.Consume<StreamStart>();
                while (!parser.TryConsume<StreamEnd>(out _))
                {
                    parser.Consume<DocumentStart>();
                    // An explicitly empty document (`---` with nothing under it) holds no resource.
                    var root = parser.Current is DocumentEnd ? null : ReadNode(parser, shape.IgnoredKey, 0, deviations);
                    parser.Consume<DocumentEnd>();
                    if (root is JsonValue { Kind: JsonKind.Null }) root = null;
                    if (root != null) documents.Add(new JsonDocument(source, source, root));
                }
            }
            catch (YamlException ex)
            {
                return Failed(source, documents, deviations, ex.Message, ex.Start.Index);
            }
            catch (Exception ex)
            {
                // YamlDotNet lets some faults out as other exceptions: an ArgumentException for a surrogate escape out of
                // order or alone, an InvalidOperationException for a flow collection left open. They are still a fault of
                // this file, placed where the scanner stopped.
                string what = ex is ArgumentException
                    ? "an invalid \\u escape in a double-quoted scalar (a surrogate out of order or alone)"
                    : "the YAML structure is broken here (an unclosed '[' or '{' is a common cause)";
                return Failed(source, documents, deviations, $"{what}: {ex.Message}", scanner.CurrentPosition.Index);
            }
            if (documents.Count == 0)
            {
                return ReadResult.Failed("YAML", new ParseFailure("the file is empty; expected a YAML mapping or list", 0, isEmpty: true));
            }
            return new ReadResult("YAML", documents, deviations);
        }

        /// <summary>Reads the first document only; kept for callers that read one tree.</summary>
        public static JsonDocument? Parse(SourceText source, out ParseFailure? failure, DocumentShape? shape = null)
        {
            var result = Read(source, shape);
            failure = result.Problems.Count > 0 ? result.Problems[0] : null;
            return result.Documents.Count > 0 ? result.Documents[0] : null;
        }

        private static ReadResult Failed(SourceText source, List<JsonDocument> documents, List<ParseFailure> deviations, string message, long index)
        {
            var failure = new ParseFailure(message.Replace("\r", " ").Replace("\n", " "), (int)Math.Max(0, Math.Min(index, source.Length)));
            deviations.Add(failure);
            return new ReadResult("YAML", documents, deviations);
        }

        private static JsonNode? ReadNode(IParser parser, Func<string, bool>? ignoredKey, int depth, List<ParseFailure> deviations)
        {
            if (depth > JsonParser.MaxDepth) throw new YamlException(parser.Current!.Start, parser.Current.End, $"nesting deeper than {JsonParser.MaxDepth} levels");
            switch (parser.Current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    return ToValue(scalar);
                case MappingStart start:
                {
                    parser.MoveNext();
                    var properties = new List<JsonProperty>();
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        if (parser.Current is not Scalar key) throw new YamlException(parser.Current!.Start, parser.Current.End, "only plain keys are supported in exports");
                        if (!keys.Add(key.Value))
                        {
                            // YAML requires unique keys and tools disagree on which value wins; the intent of the rest is
                            // clear, so the file is still linted (both values are seen) and the duplicate is an error.
                            deviations.Add(new ParseFailure($"the key '{key.Value}' appears twice in this mapping; YAML keys must be unique", (int)key.Start.Index, isDeviation: true));
                        }
                        parser.MoveNext();
                        var value = ReadNode(parser, ignoredKey, depth + 1, deviations)!;
                        if (ignoredKey == null || !ignoredKey(key.Value))
                        {
                            properties.Add(new JsonProperty(key.Value, (int)key.Start.Index, (int)key.End.Index, value));
                        }
                    }
                    int stop = properties.Count > 0 ? properties[properties.Count - 1].Value.End : (int)start.End.Index;
                    return new JsonObject((int)start.Start.Index, stop, properties.ToArray());
                }
                case SequenceStart start:
                {
                    parser.MoveNext();
                    var items = new List<JsonNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, ignoredKey, depth + 1, deviations)!);
                    int stop = items.Count > 0 ? items[items.Count - 1].End : (int)start.End.Index;
                    return new JsonArray((int)start.Start.Index, stop, items.ToArray());
                }
                case AnchorAlias alias:
                    // Refusing aliases outright is the expansion limit: no alias, no exponential "billion laughs" tree.
                    throw new YamlException(alias.Start, alias.End, "YAML aliases are not supported in exports");
                default:
                    throw new YamlException(parser.Current!.Start, parser.Current.End, $"unexpected {parser.Current.GetType().Name}");
            }
        }

        /// <summary>Types plain scalars as PyYAML writes them: null/~, true/false, numbers; quoted ones are strings.</summary>
        private static JsonValue ToValue(Scalar scalar)
        {
            int start = (int)scalar.Start.Index;
            int end = (int)scalar.End.Index;
            string text = scalar.Value;
            if (scalar.Style == ScalarStyle.Plain)
            {
                switch (text)
                {
                    case "":
                    case "~":
                    case "null":
                    case "Null":
                    case "NULL":
                        return new JsonValue(JsonKind.Null, start, end, null);
                    case "true":
                    case "True":
                    case "TRUE":
                        return new JsonValue(JsonKind.Boolean, start, end, "true");
                    case "false":
                    case "False":
                    case "FALSE":
                        return new JsonValue(JsonKind.Boolean, start, end, "false");
                }
                if (Number.IsMatch(text)) return new JsonValue(JsonKind.Number, start, end, text);
            }
            return new JsonValue(JsonKind.String, start, end, text);
        }
    }
}
