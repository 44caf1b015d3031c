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

        public SourceText(string path, string text)
        {
            Path = path;
            Text = text;
        }

        /// <summary>The path as the caller named it (used verbatim in every report).</summary>
        public string Path { get; }

        /// <summary>The decoded text, without any byte order mark.</summary>
        public string Text { get; }

        public int Length => Text.Length;

        private int[] LineStarts => _lineStarts ??= ComputeLineStarts(Text);

        public int LineCount => LineStarts.Length;

        /// <summary>Offset of the first character of a 1-based line.</summary>
        public int GetLineStart(int line) => LineStarts[Math.Max(0, Math.Min(line, LineStarts.Length) - 1)];

        /// <summary>The 1-based line and column of a character offset (an offset equal to the length is allowed).</summary>
        public LinePosition GetPosition(int offset)
        {
            if (offset < 0) offset = 0;
            if (offset > Text.Length) offset = Text.Length;
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
