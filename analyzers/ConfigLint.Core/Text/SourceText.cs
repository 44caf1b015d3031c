using System;

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

        /// <summary>The path as the caller named it (used verbatim in every report).</summary>
        public string Path { get; }

        /// <summary>The decoded text, without any byte order mark.</summary>
        public string Text => _text ?? System.Threading.Interlocked.CompareExchange(ref _text, Bytes!.ToText(), null) ?? _text!;

        /// <summary>The text as a string when it was given as one (or has been made since); null while it is only bytes.</summary>
        internal string? TextIfMade => _text;

        /// <summary>The bytes the text is read from, when it was not given as a string.</summary>
        internal TextBytes? Bytes { get; }

        public int Length { get; }

        private int[] LineStarts => _lineStarts ??= _text != null || Bytes == null ? ComputeLineStarts(Text) : ComputeLineStarts(Bytes);

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
        /// The line table of text still in bytes, found eight ASCII bytes or four UTF-16 units at a time (a word with no
        /// CR or LF lane is skipped whole). Line breaks are the same as for a string: CR LF, CR, LF.
        /// </summary>
        private static unsafe int[] ComputeLineStarts(TextBytes text)
        {
            var starts = _scratch ??= new int[1024];
            int count = 1;
            starts[0] = 0;
            int n = text.Length;
            fixed (byte* start = text.Bytes)
            {
                byte* bytes = start + text.Offset;
                char* chars = (char*)bytes;
                int i = 0;
                while (i < n)
                {
                    // Words without a CR or LF are skipped whole; the word that has one (or the tail) is then read a unit
                    // at a time. A CR LF across two words is taken whole, and the next word starts after its LF.
                    if (text.IsUtf16)
                    {
                        while (i + 4 <= n && !HasBreak16(*(ulong*)(chars + i))) i += 4;
                    }
                    else
                    {
                        while (i + 8 <= n && !HasBreak8(*(ulong*)(bytes + i))) i += 8;
                    }
                    for (int stop = Math.Min(n, i + 8); i < stop; i++)
                    {
                        int c = text.IsUtf16 ? chars[i] : bytes[i];
                        if (c != '\r' && c != '\n') continue;
                        if (c == '\r' && i + 1 < n && (text.IsUtf16 ? chars[i + 1] : bytes[i + 1]) == '\n') i++;
                        if (count == starts.Length)
                        {
                            Array.Resize(ref starts, starts.Length * 2);
                            // Only a modest table stays with the thread; a large file's is dropped with the file.
                            if (starts.Length <= 1 << 16) _scratch = starts;
                        }
                        starts[count++] = i + 1;
                    }
                }
            }
            var result = new int[count];
            Array.Copy(starts, result, count);
            return result;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool HasBreak8(ulong x)
        {
            const ulong Ones = 0x0101010101010101UL, Highs = 0x8080808080808080UL;
            ulong lf = x ^ (Ones * '\n');
            ulong cr = x ^ (Ones * '\r');
            return ((((lf - Ones) & ~lf) | ((cr - Ones) & ~cr)) & Highs) != 0;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool HasBreak16(ulong x)
        {
            const ulong Ones = 0x0001000100010001UL, Highs = 0x8000800080008000UL;
            ulong lf = x ^ (Ones * '\n');
            ulong cr = x ^ (Ones * '\r');
            return ((((lf - Ones) & ~lf) | ((cr - Ones) & ~cr)) & Highs) != 0;
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
