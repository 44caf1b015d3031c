using System;

namespace ConfigLint.Core.Text
{
    /// <summary>
    /// A range in a file: 1-based start and end positions (end is exclusive, as in SARIF and compilers) plus the
    /// character offsets that the analyzer channel turns into a text span.
    /// </summary>
    public sealed class SourceLocation : IComparable<SourceLocation>
    {
        public SourceLocation(string path, LinePosition start, LinePosition end, int startOffset, int endOffset, Model.FindingSubject? subject = null)
        {
            Path = path;
            Start = start;
            End = end;
            StartOffset = startOffset;
            EndOffset = endOffset;
            Subject = subject;
        }

        /// <summary>What the located text belongs to (resource, setting), when the location was taken from a resource.</summary>
        public Model.FindingSubject? Subject { get; }

        /// <summary>The same range, said to be about <paramref name="subject"/>.</summary>
        public SourceLocation WithSubject(Model.FindingSubject? subject) => new SourceLocation(Path, Start, End, StartOffset, EndOffset, subject);

        public string Path { get; }
        public LinePosition Start { get; }
        public LinePosition End { get; }
        public int StartOffset { get; }
        public int EndOffset { get; }

        public int CompareTo(SourceLocation? other)
        {
            if (other is null) return -1;
            int c = string.CompareOrdinal(Path, other.Path);
            return c != 0 ? c : Start.CompareTo(other.Start);
        }

        public override string ToString() => $"{Path}({Start.Line},{Start.Column})";
    }
}
