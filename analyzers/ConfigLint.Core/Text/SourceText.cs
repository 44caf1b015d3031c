using System;
using System.Runtime.CompilerServices;

namespace ConfigLint.Core.Text
{
    /// <summary>
    /// The decoded text of one input file with a line table, so that a character offset becomes a 1-based
    /// line and column without keeping positions on every node.
    /// </summary>
    /// <remarks>
    /// Line breaks are "\r\n", "\r" and "\n"; both channels report the positions computed here.
    /// Columns count UTF-16 code units, which is also SARIF's default <c>columnKind</c> and the compiler's.
    /// </remarks>
    public sealed class SourceText
    {
        private int[]? _lineStarts;
        private string? _text;

        public SourceText(string path, string text)
        {
            Path = path;
            _text = text;
            Length = text.Length;
        }

        /// <summary>Text still in its file's bytes: the reader reads them, and a string is made only if something asks for <see cref="Text"/>.</summary>
        internal SourceText(string path, TextBytes bytes)
        {
            Path = path;
            Bytes = bytes;
            Length = bytes.Length;
        }

        /// <summary>
        /// Text in characters a caller lends for one lint (<see cref="TextDecoder.DecodeHostChars"/>): the reader reads them
        /// in place, and <see cref="Release"/> lets go of them when the lint returns, keeping the line table.
        /// </summary>
        internal SourceText(string path, char[] chars, int length)
        {
            Path = path;
            _chars = chars;
            Length = length;
        }

        private char[]? _chars;

        /// <summary>The lent characters (the text is the first <see cref="Length"/>), until <see cref="Release"/>.</summary>
        internal char[]? Chars => _chars;

        /// <summary>
        /// Lets go of lent characters: the line table is built first, so positions still come out after the caller reuses
        /// its buffer (tenant rules place findings when the run completes). Nothing may ask for the text afterwards.
        /// </summary>
        internal void Release()
        {
            if (_chars == null) return;
            _ = LineStarts;
            _chars = null;
        }

        /// <summary>The path as the caller named it (used verbatim in every report).</summary>
        public string Path { get; }

        /// <summary>The decoded text, without any byte order mark.</summary>
        public string Text => _text ?? System.Threading.Interlocked.CompareExchange(ref _text, MakeText(), null) ?? _text!;

        private string MakeText()
        {
            if (Bytes != null) return Bytes.ToText();
            var chars = _chars;
            if (chars != null) return new string(chars, 0, Length);
            // Neither a string, bytes nor lent characters: lent ones were released (the buffer holds another file by now).
            throw new InvalidOperationException($"the text of '{Path}' was lent for one lint and is gone");
        }

        /// <summary>The text as a string when it was given as one (or has been made since); null while it is only bytes.</summary>
        internal string? TextIfMade => _text;

        /// <summary>The bytes the text is read from, when it was not given as a string.</summary>
        internal TextBytes? Bytes { get; }

        public int Length { get; }

        private int[] LineStarts => _lineStarts ??= _text == null && _chars != null ? ComputeLineStarts(new InChars(_chars, Length))
            : _text != null || Bytes == null ? ComputeLineStarts(Text) : ComputeLineStarts(new InBytes(Bytes));

        public int LineCount => LineStarts.Length;

        /// <summary>Offset of the first character of a 1-based line.</summary>
        public int GetLineStart(int line) => LineStarts[Math.Max(0, Math.Min(line, LineStarts.Length) - 1)];

        /// <summary>The 1-based line and column of a character offset (an offset equal to the length is allowed).</summary>
        public LinePosition GetPosition(int offset)
        {
            if (offset < 0) offset = 0;
            if (offset > Length) offset = Length;
            var starts = LineStarts;
            int index = Array.BinarySearch(starts, offset);
            if (index < 0) index = ~index - 1;
            return new LinePosition(index + 1, offset - starts[index] + 1);
        }

        private static readonly char[] LineBreaks = { '\r', '\n' };

        [ThreadStatic] private static int[]? _scratch;

        /// <summary>
        /// Finds the breaks with the runtime's vectorized <see cref="string.IndexOfAny(char[], int)"/> (exports are
        /// mostly indentation, so lines are long) into a per-thread scratch buffer, then copies out one exact array.
        /// </summary>
        [MethodImpl(Hot.Loop)]
        private static int[] ComputeLineStarts(string text)
        {
            // A large file's table is counted first and filled exactly: a growing scratch would peak at several times the
            // table and stay allocated with its thread.
            if (text.Length >= 1 << 20)
            {
                var exact = new int[LineStartsInto(text, null)];
                LineStartsInto(text, exact);
                return exact;
            }
            var starts = _scratch ??= new int[1024];
            int count = 1;
            starts[0] = 0;
            int i = text.IndexOfAny(LineBreaks);
            while (i >= 0)
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                if (count == starts.Length)
                {
                    Array.Resize(ref starts, starts.Length * 2);
                    _scratch = starts;
                }
                starts[count++] = i + 1;
                i = i + 1 < text.Length ? text.IndexOfAny(LineBreaks, i + 1) : -1;
            }
            var result = new int[count];
            Array.Copy(starts, result, count);
            return result;
        }

        /// <summary>
        /// The line table of text not held as a string: in its file's bytes (<see cref="TextBytes"/>) or in lent characters.
        /// Breaks are found with the runtime's vectorized search: LF, and CR (only where the text has one) to tell a lone CR
        /// from the CR of a CR LF. Line breaks are the same as for a string: CR LF, CR, LF.
        /// </summary>
        [MethodImpl(Hot.Loop)]
        private static int[] ComputeLineStarts<T>(T text) where T : struct, IBreakSearch
        {
            var starts = _scratch ??= new int[1024];
            int count = 1;
            starts[0] = 0;
            int nextLf = text.Next('\n', 0);
            int nextCr = text.Next('\r', 0);
            while (nextLf >= 0 || nextCr >= 0)
            {
                int breakEnd;
                if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf))
                {
                    int cr = nextCr;
                    nextCr = text.Next('\r', cr + 1);
                    // The CR of a CR LF: its LF ends the line.
                    if (cr + 1 == nextLf) continue;
                    breakEnd = cr + 1;
                }
                else
                {
                    breakEnd = nextLf + 1;
                    nextLf = text.Next('\n', breakEnd);
                }
                if (count == starts.Length)
                {
                    Array.Resize(ref starts, starts.Length * 2);
                    // Only a modest table stays with the thread; a large file's is dropped with the file.
                    if (starts.Length <= 1 << 16) _scratch = starts;
                }
                starts[count++] = breakEnd;
            }
            var result = new int[count];
            Array.Copy(starts, result, count);
            return result;
        }

        /// <summary>Where the next CR or LF is, for <see cref="ComputeLineStarts{T}"/> (a struct, so each kind gets its own compiled loop).</summary>
        private interface IBreakSearch
        {
            /// <summary>The index (in characters) of the next <paramref name="value"/> at or after <paramref name="from"/>, or -1.</summary>
            int Next(char value, int from);
        }

        private readonly struct InBytes : IBreakSearch
        {
            private readonly TextBytes _text;

            public InBytes(TextBytes text) => _text = text;

            public int Next(char value, int from) => NextUnit(_text, (byte)value, from);
        }

        private readonly struct InChars : IBreakSearch
        {
            private readonly char[] _chars;
            private readonly int _length;

            public InChars(char[] chars, int length)
            {
                _chars = chars;
                _length = length;
            }

            public int Next(char value, int from) => from < _length ? Array.IndexOf(_chars, value, from, _length - from) : -1;
        }

        /// <summary>The index (in characters) of the next character <paramref name="value"/> at or after <paramref name="from"/>, or -1.</summary>
        private static int NextUnit(TextBytes text, byte value, int from)
        {
            if (from >= text.Length) return -1;
            var bytes = text.Bytes;
            int offset = text.Offset;
            int end = bytes.Length;
            if (!text.IsUtf16)
            {
                int i = Array.IndexOf(bytes, value, offset + from, end - offset - from);
                return i < 0 ? -1 : i - offset;
            }
            int at = offset + from * 2;
            while (at < end)
            {
                int i = Array.IndexOf(bytes, value, at, end - at);
                if (i < 0) return -1;
                // A unit's first byte, and the unit is the character itself (not U+xx0A or U+0Axx).
                if (((i - offset) & 1) == 0 && i + 1 < end && bytes[i + 1] == 0) return (i - offset) / 2;
                at = i + 1;
            }
            return -1;
        }

        /// <summary>Counts the lines, filling <paramref name="starts"/> with their starts when given (it must be long enough).</summary>
        private static int LineStartsInto(string text, int[]? starts)
        {
            int count = 1;
            if (starts != null) starts[0] = 0;
            int i = text.IndexOfAny(LineBreaks);
            while (i >= 0)
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                if (starts != null) starts[count] = i + 1;
                count++;
                i = i + 1 < text.Length ? text.IndexOfAny(LineBreaks, i + 1) : -1;
            }
            return count;
        }
    }

    /// <summary>A 1-based line and column.</summary>
    public readonly struct LinePosition : IEquatable<LinePosition>, IComparable<LinePosition>
    {
        public LinePosition(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }

        public int CompareTo(LinePosition other) => Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);
        public bool Equals(LinePosition other) => Line == other.Line && Column == other.Column;
        public override bool Equals(object? obj) => obj is LinePosition p && Equals(p);
        public override int GetHashCode() => (Line * 397) ^ Column;
        public override string ToString() => $"({Line},{Column})";
    }
}
