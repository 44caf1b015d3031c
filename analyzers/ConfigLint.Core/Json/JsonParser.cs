using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using ConfigLint.Core.Text;
using Newtonsoft.Json;

namespace ConfigLint.Core.Json
{
    /// <summary>Why a file could not be parsed, and where (an offset into the original file).</summary>
    public sealed class ParseFailure
    {
        public ParseFailure(string message, int offset, bool isEmpty = false)
        {
            Message = message;
            Offset = offset;
            IsEmpty = isEmpty;
        }

        /// <summary>True when the file holds no value at all (only whitespace or comments).</summary>
        public bool IsEmpty { get; }

        public string Message { get; }
        public int Offset { get; }
    }

    /// <summary>
    /// Builds the light tree from Newtonsoft's streaming <see cref="JsonTextReader"/>. The reader reports the
    /// position just past each token, so the start of a token is found by scanning back in the text.
    /// </summary>
    public static class JsonParser
    {
        /// <summary>Deeper nesting than this is refused rather than risking a stack overflow in rule code.</summary>
        public const int MaxDepth = 256;

        public static JsonDocument? Parse(SourceText source, out ParseFailure? failure)
        {
            var root = ParseText(source, out failure);
            if (root == null) return null;

            // IntuneManagement writes Endpoint Security settings as `ConvertTo-Json` of a string that already holds
            // JSON, so the whole file is one string literal. Parse its content, keeping a map back to the file.
            if (root is JsonValue { Kind: JsonKind.String } str && LooksLikeJson(str.Text))
            {
                var (inner, map) = Unescape(source.Text, str.Start, str.End);
                var innerSource = new SourceText(source.Path, inner);
                var innerRoot = ParseText(innerSource, out var innerFailure);
                if (innerRoot == null)
                {
                    int at = innerFailure!.Offset < map.Length ? map[innerFailure.Offset] : str.Start;
                    failure = new ParseFailure("the file is a JSON string holding JSON (a double-encoded export), and that inner JSON is invalid: " + innerFailure.Message, at);
                    return null;
                }
                return new JsonDocument(source, innerSource, innerRoot, map, wasDoubleEncoded: true);
            }

            return new JsonDocument(source, source, root);
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

        private sealed class Frame
        {
            public bool IsObject;
            public int Start;
            public List<JsonProperty>? Properties;
            public List<JsonNode>? Items;
            public string? PendingName;
            public int PendingNameStart;
            public int PendingNameEnd;
            public bool DiscardPending;
        }

        /// <summary>Parses text into a tree; returns null and a failure on invalid, empty or truncated JSON.</summary>
        public static JsonNode? ParseText(SourceText source, out ParseFailure? failure)
        {
            failure = null;
            string text = source.Text;
            var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = MaxDepth,
                CloseInput = false,
            };
            var stack = new Stack<Frame>();
            JsonNode? root = null;
            int lastEnd = 0;
            try
            {
                while (reader.Read())
                {
                    int end = source.GetOffset(reader.LineNumber, reader.LinePosition);
                    switch (reader.TokenType)
                    {
                        case JsonToken.StartObject:
                        case JsonToken.StartArray:
                            stack.Push(new Frame
                            {
                                IsObject = reader.TokenType == JsonToken.StartObject,
                                Start = end - 1,
                            });
                            break;
                        case JsonToken.EndObject:
                        case JsonToken.EndArray:
                        {
                            var frame = stack.Pop();
                            JsonNode node = frame.IsObject
                                ? new JsonObject(frame.Start, end, frame.Properties?.ToArray())
                                : new JsonArray(frame.Start, end, frame.Items?.ToArray());
                            root = Attach(stack, node) ?? root;
                            break;
                        }
                        case JsonToken.PropertyName:
                        {
                            var frame = stack.Peek();
                            int nameEnd = SkipBackOverColon(text, end);
                            frame.PendingName = (string)reader.Value!;
                            frame.PendingNameEnd = nameEnd;
                            frame.PendingNameStart = ScanBackToken(text, nameEnd);
                            frame.DiscardPending = IsNoiseKey(frame.PendingName);
                            break;
                        }
                        case JsonToken.String:
                        {
                            var node = new JsonValue(JsonKind.String, ScanBackToken(text, end), end, (string?)reader.Value);
                            root = Attach(stack, node) ?? root;
                            break;
                        }
                        case JsonToken.Integer:
                        case JsonToken.Float:
                        {
                            int start = ScanBackToken(text, end);
                            root = Attach(stack, new JsonValue(JsonKind.Number, start, end, text.Substring(start, end - start))) ?? root;
                            break;
                        }
                        case JsonToken.Boolean:
                        {
                            int start = ScanBackToken(text, end);
                            root = Attach(stack, new JsonValue(JsonKind.Boolean, start, end, (bool)reader.Value! ? "true" : "false")) ?? root;
                            break;
                        }
                        case JsonToken.Null:
                        case JsonToken.Undefined:
                            root = Attach(stack, new JsonValue(JsonKind.Null, ScanBackToken(text, end), end, null)) ?? root;
                            break;
                        case JsonToken.Comment:
                            break;
                        default:
                            failure = new ParseFailure($"unexpected token {reader.TokenType}", end);
                            return null;
                    }
                    lastEnd = end;
                }
            }
            catch (JsonReaderException ex)
            {
                // Newtonsoft's exception position is the 0-based column of the offending character.
                int offset = source.GetOffset(ex.LineNumber, ex.LinePosition);
                failure = new ParseFailure(CleanMessage(ex.Message), offset);
                return null;
            }

            if (stack.Count > 0)
            {
                // The reader stops quietly at the end of a truncated document; it is still an error.
                var open = stack.Peek();
                var openedAt = source.GetPosition(open.Start);
                failure = new ParseFailure(
                    $"unexpected end of file: expected '{(open.IsObject ? '}' : ']')}' to close the {(open.IsObject ? "object" : "array")} opened at line {openedAt.Line}, column {openedAt.Column} (the file looks truncated)",
                    text.Length);
                return null;
            }

            if (root == null)
            {
                failure = new ParseFailure("the file is empty; expected a JSON object or array", 0, isEmpty: true);
                return null;
            }
            return root;
        }

        private static JsonNode? Attach(Stack<Frame> stack, JsonNode node)
        {
            if (stack.Count == 0) return node;
            var parent = stack.Peek();
            if (parent.IsObject)
            {
                if (!parent.DiscardPending && parent.PendingName != null)
                {
                    (parent.Properties ??= new List<JsonProperty>()).Add(new JsonProperty(parent.PendingName, parent.PendingNameStart, parent.PendingNameEnd, node));
                }
                parent.PendingName = null;
                parent.DiscardPending = false;
            }
            else
            {
                (parent.Items ??= new List<JsonNode>()).Add(node);
            }
            return null;
        }

        /// <summary>
        /// Keys that <c>odata.metadata=full</c> adds and that carry no setting: <c>@odata.id</c>, <c>@odata.editLink</c>,
        /// <c>prop@odata.type</c>, navigation/association links and <c>#microsoft.graph.assign</c> action annotations.
        /// The type, context, paging and <c>@odata.bind</c> references are kept because they mean something.
        /// </summary>
        public static bool IsNoiseKey(string name)
        {
            if (name.Length == 0) return false;
            if (name[0] == '#') return true;
            int at = name.IndexOf('@');
            if (at < 0) return false;
            if (at == 0)
            {
                return !(name == "@odata.type" || name == "@odata.context" || name == "@odata.count"
                    || name == "@odata.nextLink" || name == "@odata.deltaLink");
            }
            return !name.EndsWith("@odata.bind", StringComparison.Ordinal);
        }

        private static int SkipBackOverColon(string text, int end)
        {
            int i = end;
            while (i > 0 && (text[i - 1] == ':' || char.IsWhiteSpace(text[i - 1]))) i--;
            return i;
        }

        /// <summary>From the offset just past a token, finds where the token starts.</summary>
        private static int ScanBackToken(string text, int end)
        {
            if (end <= 0) return 0;
            char last = text[end - 1];
            if (last == '"' || last == '\'')
            {
                for (int i = end - 2; i >= 0; i--)
                {
                    if (text[i] != last) continue;
                    int slashes = 0;
                    for (int j = i - 1; j >= 0 && text[j] == '\\'; j--) slashes++;
                    if ((slashes & 1) == 0) return i;
                }
                return 0;
            }
            int k = end;
            while (k > 0 && IsBareTokenChar(text[k - 1])) k--;
            return k;
        }

        private static bool IsBareTokenChar(char c) =>
            char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '+' || c == '_' || c == '$';

        private static string CleanMessage(string message)
        {
            // Newtonsoft appends "Path 'x', line 3, position 1." — the diagnostic states the position itself.
            int at = message.IndexOf(" Path '", StringComparison.Ordinal);
            if (at < 0) at = message.IndexOf(", line ", StringComparison.Ordinal);
            var core = at > 0 ? message.Substring(0, at) : message;
            return core.TrimEnd('.', ' ');
        }

        /// <summary>Unescapes the JSON string literal at [start, end) and maps each resulting character to its offset.</summary>
        private static (string Text, int[] Map) Unescape(string text, int start, int end)
        {
            var sb = new StringBuilder(end - start);
            var map = new List<int>(end - start + 1);
            int i = start + 1;
            int stop = end - 1;
            while (i < stop)
            {
                char c = text[i];
                if (c != '\\' || i + 1 >= stop)
                {
                    sb.Append(c);
                    map.Add(i);
                    i++;
                    continue;
                }
                char e = text[i + 1];
                int len = 2;
                char decoded;
                switch (e)
                {
                    case 'n': decoded = '\n'; break;
                    case 'r': decoded = '\r'; break;
                    case 't': decoded = '\t'; break;
                    case 'b': decoded = '\b'; break;
                    case 'f': decoded = '\f'; break;
                    case 'u' when i + 5 < stop + 1:
                        decoded = (char)Convert.ToInt32(text.Substring(i + 2, 4), 16);
                        len = 6;
                        break;
                    default: decoded = e; break;
                }
                sb.Append(decoded);
                map.Add(i);
                i += len;
            }
            map.Add(stop);
            return (sb.ToString(), map.ToArray());
        }
    }
}
