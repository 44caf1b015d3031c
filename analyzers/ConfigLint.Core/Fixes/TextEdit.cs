using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ConfigLint.Core.Fixes
{
    /// <summary>
    /// One replacement in a file's decoded text: the characters [<see cref="Start"/>, <see cref="End"/>) become
    /// <see cref="NewText"/>. Offsets are those of <see cref="Text.SourceLocation"/> (the file, not the inner text of a
    /// double-encoded export), so the IDE channel can turn an edit into a text change unchanged.
    /// </summary>
    public sealed class TextEdit : IEquatable<TextEdit>
    {
        public TextEdit(int start, int end, string newText)
        {
            if (start < 0 || end < start) throw new ArgumentOutOfRangeException(nameof(start), $"bad edit span [{start}, {end})");
            Start = start;
            End = end;
            NewText = newText ?? throw new ArgumentNullException(nameof(newText));
        }

        public int Start { get; }
        public int End { get; }
        public string NewText { get; }

        public bool Overlaps(TextEdit other) =>
            Start < other.End && other.Start < End || (Start == End && other.Start == other.End && Start == other.Start);

        /// <summary>Applies edits that do not overlap, in any order; throws when two overlap or one lies outside the text.</summary>
        public static string Apply(string text, IEnumerable<TextEdit> edits)
        {
            var ordered = edits.OrderBy(e => e.Start).ThenBy(e => e.End).ToList();
            var sb = new StringBuilder(text.Length + 64);
            int at = 0;
            foreach (var edit in ordered)
            {
                if (edit.Start < at) throw new InvalidOperationException($"edits overlap at offset {edit.Start}");
                if (edit.End > text.Length) throw new InvalidOperationException($"edit [{edit.Start}, {edit.End}) lies outside a text of {text.Length} characters");
                sb.Append(text, at, edit.Start - at).Append(edit.NewText);
                at = edit.End;
            }
            sb.Append(text, at, text.Length - at);
            return sb.ToString();
        }

        public bool Equals(TextEdit? other) => other != null && Start == other.Start && End == other.End && NewText == other.NewText;
        public override bool Equals(object? obj) => Equals(obj as TextEdit);
        public override int GetHashCode() => (Start * 397) ^ End ^ NewText.GetHashCode();
        public override string ToString() => $"[{Start},{End}) -> \"{NewText}\"";
    }
}
