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
    /// Reads a YAML export (IntuneCD <c>--output=yaml</c>) into the same light tree as JSON, with each node's span
    /// taken from YamlDotNet's marks, so every rule and every position works the same on YAML.
    /// </summary>
    public static class YamlTreeParser
    {
        private static readonly Regex Number = new Regex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$", RegexOptions.CultureInvariant);

        public static bool IsYamlPath(string path)
        {
            var ext = Path.GetExtension(path);
            return ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".yml", StringComparison.OrdinalIgnoreCase);
        }

        public static JsonDocument? Parse(SourceText source, out ParseFailure? failure)
        {
            failure = null;
            var parser = new Parser(new StringReader(source.Text));
            try
            {
                parser.Consume<StreamStart>();
                if (!parser.TryConsume<DocumentStart>(out _))
                {
                    failure = new ParseFailure("the file is empty; expected a YAML mapping or list", 0, isEmpty: true);
                    return null;
                }
                var root = ReadNode(parser, 0);
                if (root == null)
                {
                    failure = new ParseFailure("the file is empty; expected a YAML mapping or list", 0, isEmpty: true);
                    return null;
                }
                parser.Consume<DocumentEnd>();
                return new JsonDocument(source, source, root);
            }
            catch (YamlException ex)
            {
                failure = new ParseFailure(ex.Message.Replace("\r", " ").Replace("\n", " "), (int)Math.Min(ex.Start.Index, source.Length));
                return null;
            }
        }

        private static JsonNode? ReadNode(IParser parser, int depth)
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
                    while (!parser.TryConsume<MappingEnd>(out var end))
                    {
                        if (parser.Current is not Scalar key) throw new YamlException(parser.Current!.Start, parser.Current.End, "only plain keys are supported in exports");
                        parser.MoveNext();
                        var value = ReadNode(parser, depth + 1)!;
                        if (!JsonParser.IsNoiseKey(key.Value))
                        {
                            properties.Add(new JsonProperty(key.Value, (int)key.Start.Index, (int)key.End.Index, value));
                        }
                        _ = end;
                    }
                    int stop = properties.Count > 0 ? properties[properties.Count - 1].Value.End : (int)start.End.Index;
                    return new JsonObject((int)start.Start.Index, stop, properties.ToArray());
                }
                case SequenceStart start:
                {
                    parser.MoveNext();
                    var items = new List<JsonNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, depth + 1)!);
                    int stop = items.Count > 0 ? items[items.Count - 1].End : (int)start.End.Index;
                    return new JsonArray((int)start.Start.Index, stop, items.ToArray());
                }
                case AnchorAlias alias:
                    throw new YamlException(alias.Start, alias.End, "YAML aliases are not supported in exports");
                default:
                    throw new YamlException(parser.Current!.Start, parser.Current.End, $"unexpected {parser.Current.GetType().Name}");
            }
        }

        /// <summary>Types plain scalars as PyYAML (IntuneCD) writes them: null/~, true/false, numbers; quoted ones are strings.</summary>
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
