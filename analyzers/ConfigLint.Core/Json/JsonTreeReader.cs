using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// The JSON reader: an RFC 8259 tokenizer over the decoded text that builds the light tree directly, knowing every
    /// token's offsets. Numbers are kept as written, whatever their size. Where a hand-edited file departs from the
    /// standard but its intent is clear (comments, trailing commas, single quotes, raw control characters in strings)
    /// the departure is recorded as a deviation and reading goes on; anything else stops it with one failure at the fault.
    /// </summary>
    internal sealed unsafe partial class JsonTreeReader
    {
        /// <summary>Deeper nesting than this is refused rather than risking a stack overflow in rule code.</summary>
        public const int MaxDepth = 256;

        /// <summary>At most this many deviations are listed one by one; the rest are counted in one more.</summary>
        public const int MaxListedDeviations = 10;

        [ThreadStatic] private static JsonTreeReader? _cached;

        private readonly List<Frame> _frames = new List<Frame>();
        private readonly NameTable _names = new NameTable();
        private readonly StringBuilder _unescaped = new StringBuilder();
        private bool _inUse;

        private SourceText _source = null!;

        // The text being read, pinned for the length of one read (a string, a UTF-16 file's bytes, or _widened).
        private char* _text;
        private int _length;

        // An ASCII file's characters, widened from its bytes for the reading; reused from file to file up to a size.
        private char[] _widened = new char[0];
        private const int KeptWidenedChars = 1 << 20;
        private Func<string, bool>? _ignoredKey;
        private List<ParseFailure>? _deviations;

        // The range read (the whole text, or one element of a page) and an array whose content is left out (the page
        // itself, when its envelope is read); see ReadRange.
        private int _start;
        private int _end;
        private int _skipOpen = -1;
        private int _skipClose = -1;
        private int _deviationCount;

        /// <summary>
        /// One open object or array. Frames and their lists are reused from file to file, so a parse allocates only the
        /// tree itself: the final arrays are copied out with <c>ToArray</c>.
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

        /// <summary>A fault that ends the reading; caught in <see cref="Read"/>, never thrown past it.</summary>
        private sealed class SyntaxError : Exception
        {
            public SyntaxError(int offset, string message)
                : base(message)
            {
                Offset = offset;
            }

            public int Offset { get; }
        }

        /// <summary>Stands in for a scalar under an ignored key; <see cref="Attach"/> drops it without looking.</summary>
        private static readonly JsonValue Discarded = new JsonValue(JsonKind.Null, 0, 0, null);

        /// <summary>Number tokens are kept as written; the common one-digit ones need no new string each time.</summary>
        private static readonly string[] Digits = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

        /// <summary>
        /// Reads the text into a tree. Returns null with a failure when the text is empty or not readable as JSON; a tree
        /// comes back with the deviations found on the way (or none).
        /// </summary>
        public static JsonNode? Read(SourceText source, Func<string, bool>? ignoredKey, out ParseFailure? failure, out List<ParseFailure>? deviations)
        {
            var root = ReadRange(source, 0, source.Length, -1, -1, ignoredKey, out failure, out var listed, out int count);
            deviations = WithCount(listed, count);
            return root;
        }

        /// <summary>
        /// The deviations to report: the first <see cref="MaxListedDeviations"/> (in file order) one by one, and the rest
        /// counted in one more at the last listed one. <paramref name="count"/> is how many there were in all.
        /// </summary>
        public static List<ParseFailure>? WithCount(List<ParseFailure>? listed, int count)
        {
            if (listed != null && listed.Count > MaxListedDeviations) listed.RemoveRange(MaxListedDeviations, listed.Count - MaxListedDeviations);
            if (count > MaxListedDeviations)
            {
                int more = count - MaxListedDeviations;
                listed!.Add(new ParseFailure($"{more} more departure{(more == 1 ? "" : "s")} from standard JSON in this file (not listed one by one)", listed[listed.Count - 1].Offset, isDeviation: true));
            }
            return listed;
        }

        /// <summary>
        /// Reads the value in <c>[start, end)</c> of the text (one element of a page, with offsets into the whole text), or,
        /// with <paramref name="skipOpen"/> at an array's '[', the text with that array read as empty up to its ']' at
        /// <paramref name="skipClose"/> (a page's envelope). The caller knows the range holds one value with balanced
        /// brackets and closed strings (<c>Engine/PageLayout</c> found it).
        /// <paramref name="deviations"/> lists the first ones found (at most <see cref="MaxListedDeviations"/>), and
        /// <paramref name="deviationCount"/> counts them all (<see cref="WithCount"/> makes the report).
        /// </summary>
        public static JsonNode? ReadRange(SourceText source, int start, int end, int skipOpen, int skipClose, Func<string, bool>? ignoredKey, out ParseFailure? failure, out List<ParseFailure>? deviations, out int deviationCount)
        {
            // Files are read one per thread at a time (the CLI's workers, the analyzer's callbacks); a re-entrant call
            // gets a fresh reader.
            var reader = _cached ??= new JsonTreeReader();
            if (reader._inUse) reader = new JsonTreeReader();
            reader._inUse = true;
            reader._source = source;
            reader._ignoredKey = ignoredKey;
            reader._start = start;
            reader._end = end;
            reader._skipOpen = skipOpen;
            reader._skipClose = skipClose;
            reader._deviations = null;
            reader._deviationCount = 0;
            try
            {
                failure = null;
                var root = reader.ReadPinned(source);
                deviations = reader._deviations;
                deviationCount = reader._deviationCount;
                if (root == null)
                {
                    deviations = null;
                    deviationCount = 0;
                    failure = new ParseFailure("the file is empty; expected a JSON object or array", 0, isEmpty: true);
                }
                return root;
            }
            catch (SyntaxError error)
            {
                deviations = null;
                deviationCount = 0;
                failure = new ParseFailure(error.Message, Math.Min(error.Offset, source.Length));
                return null;
            }
            finally
            {
                // Drops references to this file's nodes and text.
                for (int i = 0; i < reader._frames.Count; i++) reader._frames[i].Reset(false, 0);
                reader._source = null!;
                reader._text = null;
                reader._length = 0;
                reader._inUse = false;
            }
        }

        /// <summary>Pins the source's characters where they are and reads them.</summary>
        private JsonNode? ReadPinned(SourceText source)
        {
            if (source.TextIfMade is string text)
            {
                fixed (char* chars = text) return ReadAt(chars, text.Length);
            }
            if (source.Chars is char[] lent)
            {
                fixed (char* chars = lent) return ReadAt(chars, source.Length);
            }
            var bytes = source.Bytes!;
            if (bytes.IsUtf16)
            {
                fixed (byte* start = bytes.Bytes) return ReadAt((char*)(start + bytes.Offset), bytes.Length);
            }
            if (_start != 0 || _end != bytes.Length)
            {
                // One element of a page: widening the whole text for each would cost the page's length every time.
                fixed (char* chars = source.Text) return ReadAt(chars, source.Length);
            }
            var widened = _widened.Length >= bytes.Length ? _widened : new char[bytes.Length];
            if (widened.Length <= KeptWidenedChars) _widened = widened;
            bytes.Widen(widened);
            fixed (char* chars = widened) return ReadAt(chars, bytes.Length);
        }

        [MethodImpl(Hot.Loop)]
        private JsonNode? ReadAt(char* text, int length)
        {
            _text = text;
            _length = length;
            return ReadRoot();
        }

        private void Deviation(int offset, string message)
        {
            _deviationCount++;
            if (_deviationCount > MaxListedDeviations) return;
            (_deviations ??= new List<ParseFailure>()).Add(new ParseFailure(message + "; the content was still checked", offset, isDeviation: true));
        }

        [MethodImpl(Hot.Loop)]
        private JsonNode? ReadRoot()
        {
            char* text = _text;
            int n = _length;
            var frames = _frames;
            int pos = SkipTrivia(_start);
            if (pos >= n) return null;
            int depth = 0;
            while (true)
            {
                // A value starts at pos. The values of ignored keys are checked but never built: nothing keeps them.
                if (pos >= n) throw Truncated(depth, "a value");
                JsonNode node;
                char c = text[pos];
                bool discard = depth > 0 && frames[depth - 1].DiscardPending;
                switch (c)
                {
                    case '{':
                    case '[':
                    {
                        if (depth >= MaxDepth) throw new SyntaxError(pos, $"nesting deeper than {MaxDepth} levels");
                        if (depth == frames.Count) frames.Add(new Frame());
                        var frame = frames[depth++];
                        frame.Reset(c == '{', pos);
                        pos = SkipTrivia(pos == _skipOpen ? _skipClose : pos + 1);
                        if (pos >= n) throw Truncated(depth, null);
                        char close = c == '{' ? '}' : ']';
                        if (text[pos] == close)
                        {
                            depth--;
                            node = c == '{' ? new JsonObject(frame.Start, pos + 1, null) : (JsonNode)new JsonArray(frame.Start, pos + 1, null);
                            pos++;
                            break;
                        }
                        if (c == '{') pos = ReadName(pos, frame, depth);
                        continue;
                    }
                    case '"':
                    case '\'':
                    {
                        int end = ReadString(pos, !discard, out var value);
                        node = discard ? Discarded : new JsonValue(JsonKind.String, pos, end, value);
                        pos = end;
                        break;
                    }
                    case 't':
                        pos = Literal(pos, "true");
                        node = discard ? Discarded : new JsonValue(JsonKind.Boolean, pos - 4, pos, "true");
                        break;
                    case 'f':
                        pos = Literal(pos, "false");
                        node = discard ? Discarded : new JsonValue(JsonKind.Boolean, pos - 5, pos, "false");
                        break;
                    case 'n':
                        pos = Literal(pos, "null");
                        node = discard ? Discarded : new JsonValue(JsonKind.Null, pos - 4, pos, null);
                        break;
                    default:
                    {
                        if (c != '-' && (c < '0' || c > '9')) throw new SyntaxError(pos, $"expected a value, found {Found(pos)}");
                        int end = ReadNumber(pos);
                        node = discard ? Discarded : new JsonValue(JsonKind.Number, pos, end, end - pos == 1 ? Digits[c - '0'] : new string(text, pos, end - pos));
                        pos = end;
                        break;
                    }
                }

                // A value is complete: attach it, then close every container that ends here.
                while (true)
                {
                    if (depth == 0)
                    {
                        pos = SkipTrivia(pos);
                        if (pos < _end) throw new SyntaxError(pos, $"text after the end of the JSON value: {Found(pos)}");
                        return node;
                    }
                    var parent = frames[depth - 1];
                    Attach(parent, node);
                    pos = SkipTrivia(pos);
                    if (pos >= n) throw Truncated(depth, null);
                    char close = parent.IsObject ? '}' : ']';
                    char next = text[pos];
                    if (next == ',')
                    {
                        int comma = pos;
                        pos = SkipTrivia(pos + 1);
                        if (pos >= n) throw Truncated(depth, parent.IsObject ? "a property name" : "a value");
                        if (text[pos] != close)
                        {
                            if (parent.IsObject) pos = ReadName(pos, parent, depth);
                            break;
                        }
                        Deviation(comma, "a trailing comma before '" + close + "'; JSON does not allow it");
                    }
                    else if (next != close)
                    {
                        throw new SyntaxError(pos, $"expected ',' or '{close}' after {(parent.IsObject ? "a property value" : "an array element")}, found {Found(pos)}");
                    }
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

        [MethodImpl(Hot.Loop)]
        private static void Attach(Frame parent, JsonNode node)
        {
            if (parent.IsObject)
            {
                if (!parent.DiscardPending) parent.Properties.Add(new JsonProperty(parent.PendingName!, parent.PendingNameStart, parent.PendingNameEnd, node));
                parent.PendingName = null;
                parent.DiscardPending = false;
            }
            else
            {
                parent.Items.Add(node);
            }
        }

        /// <summary>Reads <c>"name" :</c> at pos into the frame; returns the offset of the value.</summary>
        [MethodImpl(Hot.Loop)]
        private int ReadName(int pos, Frame frame, int depth)
        {
            char* text = _text;
            char c = text[pos];
            if (c != '"' && c != '\'') throw new SyntaxError(pos, $"expected a property name in double quotes, found {Found(pos)}");
            int close = c == '"' ? FindStop(pos + 1, '"') : -1;
            string name;
            int end;
            if (close >= 0 && text[close] == '"')
            {
                name = _names.Get(text + pos + 1, close - pos - 1);
                end = close + 1;
            }
            else
            {
                end = ReadString(pos, true, out name);
            }
            frame.PendingName = name;
            frame.PendingNameStart = pos;
            frame.PendingNameEnd = end;
            frame.DiscardPending = _ignoredKey != null && _ignoredKey(name);
            int colon = SkipTrivia(end);
            if (colon >= _length) throw Truncated(depth, "':' after the property name");
            if (text[colon] != ':') throw new SyntaxError(colon, $"expected ':' after the property name, found {Found(colon)}");
            return SkipTrivia(colon + 1);
        }

        /// <summary>The failure for input that ends inside the container at <paramref name="depth"/>.</summary>
        private SyntaxError Truncated(int depth, string? expected)
        {
            if (depth == 0) return new SyntaxError(_length, $"unexpected end of file: expected {expected ?? "a value"}");
            var open = _frames[depth - 1];
            var openedAt = _source.GetPosition(open.Start);
            return new SyntaxError(_length,
                $"unexpected end of file: expected '{(open.IsObject ? '}' : ']')}' to close the {(open.IsObject ? "object" : "array")} opened at line {openedAt.Line}, column {openedAt.Column} (the file looks truncated)");
        }

        private string Found(int pos) => pos >= _length ? "the end of the file" : "'" + JsonEscape.Show(_text[pos]) + "'";
    }
}
