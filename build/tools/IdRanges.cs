using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace ConfigLint.Tools
{
    /// <summary>
    /// rules/DiagnosticCategoryAndIdRanges.txt: per category a line <c>Category: CLfrom-CLto</c> followed by
    /// <c>Next: CLid</c>, the ID the next rule of that category takes.
    /// </summary>
    public sealed class IdRanges
    {
        private static readonly Regex RangeLine = new Regex(@"^(?<category>[A-Z][A-Za-z]*): CL(?<from>\d{4})-CL(?<to>\d{4})\s*$");
        private static readonly Regex NextLine = new Regex(@"^Next: CL(?<next>\d{4})\s*$");

        public sealed record Range(string Category, int From, int To, int Next, int NextLineIndex)
        {
            public bool Contains(int number) => number >= From && number <= To;
        }

        private readonly string[] _lines;

        private IdRanges(string[] lines, IReadOnlyList<Range> ranges)
        {
            _lines = lines;
            Ranges = ranges;
        }

        public IReadOnlyList<Range> Ranges { get; }

        public static IdRanges Parse(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var ranges = new List<Range>();
            for (int i = 0; i < lines.Length; i++)
            {
                var m = RangeLine.Match(lines[i]);
                if (!m.Success) continue;
                int j = i + 1;
                while (j < lines.Length && lines[j].Trim().Length == 0) j++;
                var next = j < lines.Length ? NextLine.Match(lines[j]) : Match.Empty;
                if (!next.Success) throw new ToolException($"DiagnosticCategoryAndIdRanges.txt line {i + 2}: '{m.Groups["category"].Value}' needs a 'Next: CLxxxx' line after its range");
                ranges.Add(new Range(m.Groups["category"].Value, Number(m.Groups["from"].Value), Number(m.Groups["to"].Value), Number(next.Groups["next"].Value), j));
            }
            if (ranges.Count == 0) throw new ToolException("DiagnosticCategoryAndIdRanges.txt lists no 'Category: CLfrom-CLto' range");
            return new IdRanges(lines, ranges);
        }

        public Range? RangeOf(string id) => TryNumber(id, out int n) ? Ranges.FirstOrDefault(r => r.Contains(n)) : null;

        /// <summary>
        /// The Next each category should show: one past the highest ID it has ever used (the catalog and every rule
        /// the release files name, so a removed rule's ID is never handed out again), or its first ID.
        /// </summary>
        public IReadOnlyDictionary<string, int> ExpectedNext(IEnumerable<string> usedIds)
        {
            var used = usedIds.Select(id => TryNumber(id, out int n) ? n : -1).Where(n => n >= 0).ToList();
            return Ranges.ToDictionary(r => r.Category, r => used.Where(r.Contains).DefaultIfEmpty(r.From - 1).Max() + 1);
        }

        /// <summary>The file's text with <paramref name="category"/>'s Next line set to <paramref name="next"/>.</summary>
        public string WithNext(string category, int next)
        {
            var range = Ranges.Single(r => r.Category == category);
            var lines = (string[])_lines.Clone();
            lines[range.NextLineIndex] = "Next: " + Format(next);
            return string.Join("\n", lines);
        }

        public static string Format(int number) => "CL" + number.ToString("D4", CultureInfo.InvariantCulture);

        public static bool TryNumber(string id, out int number)
        {
            number = -1;
            return id.Length == 6 && id.StartsWith("CL", StringComparison.Ordinal) && id.Substring(2).All(char.IsAsciiDigit)
                && int.TryParse(id.Substring(2), NumberStyles.None, CultureInfo.InvariantCulture, out number);
        }

        private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
