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
    /// Builds the light tree. Strict JSON is read by a small tokenizer over the decoded text, which knows every
    /// token's offsets and needs no line table; anything it does not accept is parsed again by Newtonsoft's
    /// streaming <see cref="JsonTextReader"/>, which reports the position just past each token, so the start of a
    /// token is found by scanning back in the text. Both paths build the same tree.
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

        /// <summary>
        /// One open object or array. Frames and their lists are reused from file to file (see <see cref="ParserState"/>),
        /// so a parse allocates only the tree itself: the final arrays are copied out with <c>ToArray</c>.
        /// </summary>
        private sealed class Frame
        {
            public bool IsObject;
            public int Start;
            public readonly List<JsonProperty> Properties = new List<JsonProperty>();
            public readonly List<JsonNode> Items = new List<JsonNode>();
            public string? PendingName;
            public int PendingNameStart;
            public int PendingNameEnd;
            public bool DiscardPending;

            public void Reset(bool isObject, int start)
            {
                IsObject = isObject;
                Start = start;
                Properties.Clear();
                Items.Clear();
                PendingName = null;
                DiscardPending = false;
            }
        }

        /// <summary>
        /// Per-thread scratch space: the frame stack, the reader's char buffers and the property-name table. Files are
        /// parsed one per thread at a time (the CLI's workers, the analyzer's callbacks), so nothing here is shared.
        /// </summary>
        private sealed class ParserState
        {
            [ThreadStatic] private static ParserState? _current;

            public readonly List<Frame> Frames = new List<Frame>();
            public readonly NameTable Names = new NameTable();
            public readonly CharArrayPool Buffers = new CharArrayPool();
            public readonly StringBuilder Unescaped = new StringBuilder();
            public bool InUse;

            /// <summary>The thread's state, or a fresh one if a parse on this thread is already running (re-entrancy).</summary>
            public static ParserState Rent()
            {
                var state = _current ??= new ParserState();
                if (state.InUse) return new ParserState { InUse = true };
                state.InUse = true;
                return state;
            }
        }

        /// <summary>
        /// Interns property names. Exports repeat a small vocabulary (<c>@odata.type</c>, <c>settingDefinitionId</c>,
        /// <c>children</c>...) thousands of times, and Newtonsoft otherwise allocates a new string for each occurrence.
        /// The table is bounded so that a file full of unique keys cannot grow it without limit.
        /// </summary>
        private sealed class NameTable : JsonNameTable
        {
            private const int MaxEntries = 4096;
            private const int MaxNameLength = 128;
            private readonly Dictionary<int, string[]> _buckets = new Dictionary<int, string[]>();
            private int _count;

            public override string? Get(char[] key, int start, int length)
            {
                if (length > MaxNameLength) return new string(key, start, length);
                int hash = length;
                for (int i = 0; i < length; i++) hash = unchecked((hash * 31) + key[start + i]);
                if (_buckets.TryGetValue(hash, out var bucket))
                {
                    foreach (var candidate in bucket)
                    {
                        if (Equals(candidate, key, start, length)) return candidate;
                    }
                }
                return Add(hash, bucket, new string(key, start, length));
            }

            /// <summary>The same lookup for a name that sits unescaped in the source text.</summary>
            public string Get(string text, int start, int length)
            {
                if (length > MaxNameLength) return text.Substring(start, length);
                int hash = length;
                for (int i = 0; i < length; i++) hash = unchecked((hash * 31) + text[start + i]);
                if (_buckets.TryGetValue(hash, out var bucket))
                {
                    foreach (var candidate in bucket)
                    {
                        if (candidate.Length == length && string.CompareOrdinal(candidate, 0, text, start, length) == 0) return candidate;
                    }
                }
                return Add(hash, bucket, text.Substring(start, length));
            }

            private string Add(int hash, string[]? bucket, string name)
            {
                if (_count >= MaxEntries)
                {
                    _buckets.Clear();
                    _count = 0;
                    bucket = null;
                }
                if (bucket == null)
                {
                    _buckets[hash] = new[] { name };
                }
                else
                {
                    var grown = new string[bucket.Length + 1];
                    bucket.CopyTo(grown, 0);
                    grown[bucket.Length] = name;
                    _buckets[hash] = grown;
                }
                _count++;
                return name;
            }

            private static bool Equals(string candidate, char[] key, int start, int length)
            {
                if (candidate.Length != length) return false;
                for (int i = 0; i < length; i++)
                {
                    if (candidate[i] != key[start + i]) return false;
                }
                return true;
            }
        }

        /// <summary>Keeps the reader's growing char buffer between files instead of allocating it again for each one.</summary>
        private sealed class CharArrayPool : IArrayPool<char>
        {
            private const int MaxKept = 64 * 1024;
            private char[]? _kept;

            public char[] Rent(int minimumLength)
            {
                var kept = _kept;
                if (kept != null && kept.Length >= minimumLength)
                {
                    _kept = null;
                    return kept;
                }
                return new char[minimumLength];
            }

            public void Return(char[]? array)
            {
                if (array == null || array.Length > MaxKept) return;
                if (_kept == null || array.Length > _kept.Length) _kept = array;
            }
        }

        /// <summary>Number tokens are kept as written; the common one-digit ones need no new string each time.</summary>
        private static readonly string[] Digits = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

        /// <summary>Parses text into a tree; returns null and a failure on invalid, empty or truncated JSON.</summary>
        public static JsonNode? ParseText(SourceText source, out ParseFailure? failure)
        {
            var state = ParserState.Rent();
            try
            {
                // Nearly every export is strict JSON, which the fast path reads directly. Anything else (comments,
                // single quotes, odd numbers, errors) goes to Newtonsoft, whose behaviour and messages stay the reference.
                failure = null;
                return StrictParser.TryParse(source.Text, state) ?? ParseText(source, state, out failure);
            }
            finally
            {
                state.InUse = false;
            }
        }

        private static JsonNode? ParseText(SourceText source, ParserState state, out ParseFailure? failure)
        {
            failure = null;
            string text = source.Text;
            var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = MaxDepth,
                CloseInput = false,
                PropertyNameTable = state.Names,
                ArrayPool = state.Buffers,
            };
            var frames = state.Frames;
            int depth = 0;
            JsonNode? root = null;
            try
            {
                while (reader.Read())
                {
                    int end = source.GetOffset(reader.LineNumber, reader.LinePosition);
                    switch (reader.TokenType)
                    {
                        case JsonToken.StartObject:
                        case JsonToken.StartArray:
                        {
                            if (depth == frames.Count) frames.Add(new Frame());
                            frames[depth++].Reset(reader.TokenType == JsonToken.StartObject, end - 1);
                            break;
                        }
                        case JsonToken.EndObject:
                        case JsonToken.EndArray:
                        {
                            var frame = frames[--depth];
                            JsonNode node = frame.IsObject
                                ? new JsonObject(frame.Start, end, frame.Properties.Count == 0 ? null : frame.Properties.ToArray())
                                : new JsonArray(frame.Start, end, frame.Items.Count == 0 ? null : frame.Items.ToArray());
                            frame.Properties.Clear();
                            frame.Items.Clear();
                            root = Attach(frames, depth, node) ?? root;
                            break;
                        }
                        case JsonToken.PropertyName:
                        {
                            var frame = frames[depth - 1];
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
                            root = Attach(frames, depth, node) ?? root;
                            break;
                        }
                        case JsonToken.Integer:
                        case JsonToken.Float:
                        {
                            int start = ScanBackToken(text, end);
                            string number = end - start == 1 && text[start] >= '0' && text[start] <= '9' ? Digits[text[start] - '0'] : text.Substring(start, end - start);
                            root = Attach(frames, depth, new JsonValue(JsonKind.Number, start, end, number)) ?? root;
                            break;
                        }
                        case JsonToken.Boolean:
                        {
                            int start = ScanBackToken(text, end);
                            root = Attach(frames, depth, new JsonValue(JsonKind.Boolean, start, end, (bool)reader.Value! ? "true" : "false")) ?? root;
                            break;
                        }
                        case JsonToken.Null:
                        case JsonToken.Undefined:
                            root = Attach(frames, depth, new JsonValue(JsonKind.Null, ScanBackToken(text, end), end, null)) ?? root;
                            break;
                        case JsonToken.Comment:
                            break;
                        default:
                            failure = new ParseFailure($"unexpected token {reader.TokenType}", end);
                            return null;
                    }
                }

                if (depth > 0)
                {
                    // The reader stops quietly at the end of a truncated document; it is still an error.
                    var open = frames[depth - 1];
                    var openedAt = source.GetPosition(open.Start);
                    failure = new ParseFailure(
                        $"unexpected end of file: expected '{(open.IsObject ? '}' : ']')}' to close the {(open.IsObject ? "object" : "array")} opened at line {openedAt.Line}, column {openedAt.Column} (the file looks truncated)",
                        text.Length);
                    return null;
                }
            }
            catch (JsonReaderException ex)
            {
                // Newtonsoft's exception position is the 0-based column of the offending character.
                int offset = source.GetOffset(ex.LineNumber, ex.LinePosition);
                failure = new ParseFailure(CleanMessage(ex.Message), offset);
                return null;
            }
            finally
            {
                // Hands the char buffer back to the pool and drops references to this file's nodes.
                reader.Close();
                for (int i = 0; i < frames.Count; i++) frames[i].Reset(false, 0);
            }

            if (root == null)
            {
                failure = new ParseFailure("the file is empty; expected a JSON object or array", 0, isEmpty: true);
                return null;
            }
            return root;
        }

        private static JsonNode? Attach(List<Frame> frames, int depth, JsonNode node)
        {
            if (depth == 0) return node;
            var parent = frames[depth - 1];
            if (parent.IsObject)
            {
                if (!parent.DiscardPending && parent.PendingName != null)
                {
                    parent.Properties.Add(new JsonProperty(parent.PendingName, parent.PendingNameStart, parent.PendingNameEnd, node));
                }
                parent.PendingName = null;
                parent.DiscardPending = false;
            }
            else
            {
                parent.Items.Add(node);
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
                // The runtime's LastIndexOf is vectorized; a quote preceded by an odd number of backslashes is escaped.
                int i = end - 2;
                while (i >= 0 && (i = text.LastIndexOf(last, i)) >= 0)
                {
                    int slashes = 0;
                    for (int j = i - 1; j >= 0 && text[j] == '\\'; j--) slashes++;
                    if ((slashes & 1) == 0) return i;
                    i--;
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

        /// <summary>
        /// The fast path: an RFC 8259 tokenizer that builds exactly the tree the Newtonsoft path builds, or gives up
        /// (returns null) on anything where the two could differ: comments, single quotes, unquoted names, trailing
        /// commas, leading zeros, <c>-0</c>, floats that a decimal might not hold, lone surrogate escapes, NUL
        /// characters, whitespace other than space/tab/CR/LF, nesting near <see cref="MaxDepth"/>, empty input, text
        /// after the root, and every syntax error.
        /// </summary>
        private static class StrictParser
        {
            private static readonly char[] StringStops = { '"', '\\', '\0' };

            /// <summary>Stands in for a scalar under a noise key; <see cref="Attach"/> drops it without looking.</summary>
            private static readonly JsonValue Discarded = new JsonValue(JsonKind.Null, 0, 0, null);

            public static JsonNode? TryParse(string text, ParserState state)
            {
                var frames = state.Frames;
                try
                {
                    return Parse(text, state, frames);
                }
                finally
                {
                    for (int i = 0; i < frames.Count; i++) frames[i].Reset(false, 0);
                }
            }

            private static JsonNode? Parse(string text, ParserState state, List<Frame> frames)
            {
                int n = text.Length;
                int pos = SkipWhitespace(text, 0);
                int depth = 0;
                while (true)
                {
                    // A value starts at pos. The values of noise keys are checked but never built: nothing keeps them.
                    if (pos >= n) return null;
                    JsonNode? node;
                    char c = text[pos];
                    bool discard = depth > 0 && frames[depth - 1].DiscardPending;
                    switch (c)
                    {
                        case '{':
                        case '[':
                        {
                            if (depth >= MaxDepth - 8) return null;
                            if (depth == frames.Count) frames.Add(new Frame());
                            var frame = frames[depth++];
                            frame.Reset(c == '{', pos);
                            pos = SkipWhitespace(text, pos + 1);
                            if (pos >= n) return null;
                            char close = c == '{' ? '}' : ']';
                            if (text[pos] == close)
                            {
                                depth--;
                                node = c == '{' ? new JsonObject(frame.Start, pos + 1, null) : (JsonNode)new JsonArray(frame.Start, pos + 1, null);
                                pos++;
                                break;
                            }
                            if (c == '{')
                            {
                                pos = ReadName(text, pos, frame, state);
                                if (pos < 0) return null;
                            }
                            continue;
                        }
                        case '"':
                        {
                            int end = ReadString(text, pos, state, !discard, out var value);
                            if (end < 0) return null;
                            node = discard ? Discarded : new JsonValue(JsonKind.String, pos, end, value);
                            pos = end;
                            break;
                        }
                        case 't':
                            if (!Literal(text, pos, "true")) return null;
                            node = discard ? Discarded : new JsonValue(JsonKind.Boolean, pos, pos + 4, "true");
                            pos += 4;
                            break;
                        case 'f':
                            if (!Literal(text, pos, "false")) return null;
                            node = discard ? Discarded : new JsonValue(JsonKind.Boolean, pos, pos + 5, "false");
                            pos += 5;
                            break;
                        case 'n':
                            if (!Literal(text, pos, "null")) return null;
                            node = discard ? Discarded : new JsonValue(JsonKind.Null, pos, pos + 4, null);
                            pos += 4;
                            break;
                        default:
                        {
                            int end = ReadNumber(text, pos);
                            if (end < 0) return null;
                            node = discard ? Discarded : new JsonValue(JsonKind.Number, pos, end, end - pos == 1 ? Digits[c - '0'] : text.Substring(pos, end - pos));
                            pos = end;
                            break;
                        }
                    }

                    // A value is complete: attach it, then close every container that ends here.
                    while (true)
                    {
                        if (depth == 0)
                        {
                            // Newtonsoft refuses content after the root; only whitespace may follow.
                            return SkipWhitespace(text, pos) == n ? node : null;
                        }
                        Attach(frames, depth, node);
                        var parent = frames[depth - 1];
                        pos = SkipWhitespace(text, pos);
                        if (pos >= n) return null;
                        char next = text[pos];
                        if (next == ',')
                        {
                            pos = SkipWhitespace(text, pos + 1);
                            if (parent.IsObject)
                            {
                                pos = ReadName(text, pos, parent, state);
                                if (pos < 0) return null;
                            }
                            else if (pos < n && text[pos] == ']')
                            {
                                return null;
                            }
                            break;
                        }
                        if (next != (parent.IsObject ? '}' : ']')) return null;
                        depth--;
                        node = parent.IsObject
                            ? new JsonObject(parent.Start, pos + 1, parent.Properties.Count == 0 ? null : parent.Properties.ToArray())
                            : new JsonArray(parent.Start, pos + 1, parent.Items.Count == 0 ? null : parent.Items.ToArray());
                        parent.Properties.Clear();
                        parent.Items.Clear();
                        pos++;
                    }
                }
            }

            /// <summary>Reads <c>"name" :</c> at pos into the frame; returns the offset of the value, or -1.</summary>
            private static int ReadName(string text, int pos, Frame frame, ParserState state)
            {
                if (pos >= text.Length || text[pos] != '"') return -1;
                int close = text.IndexOfAny(StringStops, pos + 1);
                string name;
                int end;
                if (close >= 0 && text[close] == '"')
                {
                    name = state.Names.Get(text, pos + 1, close - pos - 1);
                    end = close + 1;
                }
                else
                {
                    end = ReadString(text, pos, state, true, out var unescaped);
                    if (end < 0) return -1;
                    name = unescaped;
                }
                frame.PendingName = name;
                frame.PendingNameStart = pos;
                frame.PendingNameEnd = end;
                frame.DiscardPending = IsNoiseKey(name);
                int colon = SkipWhitespace(text, end);
                if (colon >= text.Length || text[colon] != ':') return -1;
                return SkipWhitespace(text, colon + 1);
            }

            /// <summary>Reads the string literal whose opening quote is at pos; returns the offset past the closing quote, or -1.</summary>
            private static int ReadString(string text, int pos, ParserState state, bool materialize, out string value)
            {
                value = string.Empty;
                int i = pos + 1;
                int stop = text.IndexOfAny(StringStops, i);
                if (stop < 0 || text[stop] == '\0') return -1;
                if (text[stop] == '"')
                {
                    if (materialize && stop > i) value = text.Substring(i, stop - i);
                    return stop + 1;
                }
                var sb = state.Unescaped.Clear();
                while (true)
                {
                    sb.Append(text, i, stop - i);
                    if (text[stop] == '"')
                    {
                        if (materialize) value = sb.ToString();
                        return stop + 1;
                    }
                    if (text[stop] == '\0' || stop + 1 >= text.Length) return -1;
                    char e = text[stop + 1];
                    i = stop + 2;
                    switch (e)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                        {
                            if (stop + 6 > text.Length) return -1;
                            int code = 0;
                            for (int k = stop + 2; k < stop + 6; k++)
                            {
                                int digit = HexValue(text[k]);
                                if (digit < 0) return -1;
                                code = (code << 4) | digit;
                            }
                            // Newtonsoft pairs surrogate escapes and replaces lone ones; leave all of that to it.
                            if (code >= 0xD800 && code <= 0xDFFF) return -1;
                            sb.Append((char)code);
                            i = stop + 6;
                            break;
                        }
                        default:
                            return -1;
                    }
                    stop = text.IndexOfAny(StringStops, i);
                    if (stop < 0) return -1;
                }
            }

            private static int HexValue(char c)
            {
                if (c >= '0' && c <= '9') return c - '0';
                if (c >= 'a' && c <= 'f') return c - 'a' + 10;
                if (c >= 'A' && c <= 'F') return c - 'A' + 10;
                return -1;
            }

            /// <summary>
            /// Reads an RFC 8259 number at pos; returns the offset past it, or -1. Floats are accepted only where a
            /// decimal surely holds them (at most 15 digits, exponent within ±10), since Newtonsoft reads floats as decimal
            /// and fails on the rest.
            /// </summary>
            private static int ReadNumber(string text, int pos)
            {
                int n = text.Length;
                int i = pos;
                if (text[i] == '-')
                {
                    i++;
                    // "-0..." is left to Newtonsoft, which reads a leading zero as octal.
                    if (i >= n || text[i] < '1' || text[i] > '9') return -1;
                }
                if (i >= n || text[i] < '0' || text[i] > '9') return -1;
                int digits = 0;
                if (text[i] == '0')
                {
                    i++;
                    digits++;
                    if (i < n && text[i] >= '0' && text[i] <= '9') return -1;
                }
                else
                {
                    while (i < n && text[i] >= '0' && text[i] <= '9') { i++; digits++; }
                }
                bool isFloat = false;
                if (i < n && text[i] == '.')
                {
                    isFloat = true;
                    i++;
                    int fraction = 0;
                    while (i < n && text[i] >= '0' && text[i] <= '9') { i++; fraction++; }
                    if (fraction == 0) return -1;
                    digits += fraction;
                }
                if (i < n && (text[i] == 'e' || text[i] == 'E'))
                {
                    isFloat = true;
                    i++;
                    if (i < n && (text[i] == '+' || text[i] == '-')) i++;
                    int exponent = 0;
                    int exponentDigits = 0;
                    while (i < n && text[i] >= '0' && text[i] <= '9')
                    {
                        if (exponent < 1000) exponent = exponent * 10 + (text[i] - '0');
                        i++;
                        exponentDigits++;
                    }
                    if (exponentDigits == 0 || exponent > 10) return -1;
                }
                if (isFloat && digits > 15) return -1;
                // Newtonsoft refuses integers longer than 380 characters.
                if (!isFloat && digits > 300) return -1;
                if (i < n && !IsDelimiter(text[i])) return -1;
                return i;
            }

            private static bool IsDelimiter(char c) => c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';

            private static bool Literal(string text, int pos, string literal)
            {
                if (string.CompareOrdinal(text, pos, literal, 0, literal.Length) != 0) return false;
                int after = pos + literal.Length;
                return after == text.Length || IsDelimiter(text[after]);
            }

            private static int SkipWhitespace(string text, int pos)
            {
                while (pos < text.Length)
                {
                    char c = text[pos];
                    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
                    pos++;
                }
                return pos;
            }
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
